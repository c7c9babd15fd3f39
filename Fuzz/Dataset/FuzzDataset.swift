import FuzzSupport

/// libFuzzer's entry point: the input as a whole dataset folder, written as a bundle of files
/// each introduced by a line `--- <name>` (`--- states.csv`, `--- model.yaml`…).
///
/// A file the bundle does not name is absent from the folder, so the missing-file paths are
/// covered too. Unlike the single-file targets, the model and the CSV files vary together: ids
/// of `planning.include` against states.csv, signal indicators against events.csv, windows
/// against the periods present.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let scratch = ScratchDataset.shared
    let input = UnsafeRawBufferPointer(start: data, count: size)
    let sections = bundleSections(input)
    for name in ScratchDataset.files {
        if let range = sections[name] {
            scratch.write(name, UnsafeRawBufferPointer(rebasing: input[range]))
        } else {
            scratch.remove(name)
        }
    }
    scratch.loadAndCheck("the input as a bundle of \(sections.keys.sorted())")
    return 0
}

/// The byte range of each file of the bundle: from the line after its `--- <name>` line to the
/// next such line (the line feed before it included) or the end. Bytes before the first marker
/// are ignored; a name given twice keeps its last section.
///
/// - Complexity: O(n) for n bytes.
func bundleSections(_ bytes: UnsafeRawBufferPointer) -> [String: Range<Int>] {
    let markers = ScratchDataset.files.map { (name: $0, line: Array("--- \($0)".utf8)) }
    var sections: [String: Range<Int>] = [:]
    var open: (name: String, start: Int)?
    var lineStart = 0
    while lineStart < bytes.count {
        let lineEnd = bytes[lineStart...].firstIndex(of: 0x0A) ?? bytes.count
        let line = bytes[lineStart..<lineEnd]
        if let marker = markers.first(where: { line.elementsEqual($0.line) }) {
            if let open { sections[open.name] = open.start..<lineStart }
            open = (marker.name, Swift.min(lineEnd + 1, bytes.count))
        }
        lineStart = lineEnd + 1
    }
    if let open { sections[open.name] = open.start..<bytes.count }
    return sections
}
