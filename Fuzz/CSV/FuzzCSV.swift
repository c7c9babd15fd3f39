import FuzzSupport

/// libFuzzer's entry point: the input as one CSV file of demo-small, with the other two CSV files
/// intact and `compactModel` as model.yaml. The header decides which file: events.csv when it
/// names `period` or `indicator`, states.csv when it names `region` or `name`, else
/// indicators.csv.
///
/// The three files share the reader (encoding, BOM, quoting, line counting) and differ in the
/// columns they check. Routing by header, not trying each file, keeps one load per input (most
/// of a load is reading model.yaml), and a seed stays with its own loader while its rows are
/// mutated.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = UnsafeRawBufferPointer(start: data, count: size)
    let name = file(forHeader: input)
    scratch.write(name, input)
    scratch.loadAndCheck("the input as \(name)")
    scratch.restore(name)
    return 0
}

/// The dataset file whose columns the first line of `bytes` names.
///
/// - Complexity: O(h) for a first line of h bytes.
func file(forHeader bytes: UnsafeRawBufferPointer) -> String {
    let end = bytes.firstIndex { $0 == 0x0A || $0 == 0x0D } ?? bytes.count
    let header = bytes[..<end]
    func names(_ word: String) -> Bool {
        let word = Array(word.utf8)
        guard header.count >= word.count else { return false }
        return (0...(header.count - word.count)).contains { start in
            header[start..<(start + word.count)].elementsEqual(word)
        }
    }
    if names("period") || names("indicator") { return "events.csv" }
    if names("region") || names("name") { return "states.csv" }
    return "indicators.csv"
}

/// demo-small with `compactModel` as its model.yaml, written once per process.
let scratch: ScratchDataset = {
    let scratch = ScratchDataset.shared
    Array(compactModel.utf8).withUnsafeBytes { scratch.write("model.yaml", $0) }
    return scratch
}()

/// A model that reads what demo-small's CSV files provide, every column and feature that a
/// loader or a cross-check looks at, in a third of the YAML values of demo-small's model.yaml:
/// reading that model is most of the time a load takes.
let compactModel = """
    as_of: 2023-01-01
    scoring:
      criteria:
        - id: indicators
          criteria:
            - {id: legal, indicator: gap_legal}
            - {id: border, indicator: gap_border, transform: log, missing: mean}
            - {id: threat, indicator: threat_index, missing: region-mean}
        - id: signals
          criteria:
            - {id: trend, signal: trend, indicator: incidents}
            - {id: jump, signal: anomaly, indicator: incidents, window: 3, fill: missing}
        - id: engagement
          criteria:
            - {id: never, engagement: never-visited}
            - {id: since, engagement: years-since-visit}
            - {id: asked, engagement: prior-request}
            - {id: consent, engagement: consent}
            - {id: due, engagement: followup-due}
    planning: {visits: 2, include: [BBB], exclude: [JJJ], regions: {North: {min: 1}}}
    """
