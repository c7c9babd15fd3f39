/// A JSON result with a top-level `screened` list beside its own keys (SPEC §12): the candidates
/// that `scoring.screening` left out, each with its coverage. Written whenever the model screens
/// (an empty list when no candidate fell below), so a script can tell "none screened" from
/// "no screening".
public struct ScreenedDocument<Body: Encodable>: Encodable {
    public var body: Body
    /// nil when the model does not screen: then the key is left out.
    public var screened: [ScreenedCandidate]?

    public init(_ body: Body, dataset: Dataset) {
        self.init(body, screened: dataset.model.screeningMinCoverage == nil ? nil : dataset.screened)
    }

    public init(_ body: Body, screened: [ScreenedCandidate]?) {
        self.body = body
        self.screened = screened
    }

    private enum Keys: String, CodingKey { case screened }

    public func encode(to encoder: any Encoder) throws {
        try body.encode(to: encoder)
        guard let screened else { return }
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(screened, forKey: .screened)
    }
}

/// The note that closes a table when candidates were screened out: one line per candidate (at
/// most 20, then a count); empty when none was.
public func screeningNote(_ screened: [ScreenedCandidate]) -> String {
    guard let minimum = screened.first?.minCoverage else { return "" }
    var text =
        "\nNot ranked or planned: \(screened.count) candidate(s) with coverage below scoring.screening.min_coverage \(writtenNumber(minimum)):\n"
    for candidate in screened.prefix(20) {
        text +=
            "  \(candidate.id) (\(candidate.name), \(candidate.region)): coverage \(writtenNumber((candidate.coverage * 1000).rounded() / 1000))\n"
    }
    if screened.count > 20 { text += "  … and \(screened.count - 20) more (--format json lists them all)\n" }
    return text
}

/// The note for standard error beside a CSV result (which stays exactly machine-readable); nil
/// when no candidate was screened out.
public func screeningSummary(_ screened: [ScreenedCandidate]) -> String? {
    guard let minimum = screened.first?.minCoverage else { return nil }
    let ids = screened.prefix(20).map(\.id).joined(separator: ", ") + (screened.count > 20 ? ", …" : "")
    return "note: \(screened.count) candidate(s) screened out (coverage below scoring.screening.min_coverage "
        + "\(writtenNumber(minimum))), not ranked or planned: \(ids)"
}
