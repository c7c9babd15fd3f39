import Dataset

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
