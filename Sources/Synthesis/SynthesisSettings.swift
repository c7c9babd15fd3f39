/// What to synthesise: how many candidates, how many indicator columns, and the seed to record.
public struct SynthesisSettings: Sendable, Equatable {
    /// The fewest indicator columns that still give every leaf kind of the model one column.
    public static let minimumIndicators = 8
    public static let defaultIndicators = 32

    public var candidates: Int
    public var indicators: Int
    /// Written into README.md and model.yaml; the random stream itself comes from the generator
    /// given to `SyntheticDataset.generate`.
    public var seed: UInt64

    public init(candidates: Int, indicators: Int = SynthesisSettings.defaultIndicators, seed: UInt64) {
        precondition(candidates >= 1, "synthesis: \(candidates) candidates, need at least 1")
        precondition(
            indicators >= Self.minimumIndicators,
            "synthesis: \(indicators) indicators, need at least \(Self.minimumIndicators)")
        self.candidates = candidates
        self.indicators = indicators
        self.seed = seed
    }

    /// The digits of a candidate's number in its id: at least 4, enough for every candidate.
    var idWidth: Int { max(4, String(candidates).count) }

    /// The id of the candidate at `index` (0-based): `S` and its 1-based number, zero-padded.
    func candidateID(_ index: Int) -> String {
        let number = String(index + 1)
        return "S" + String(repeating: "0", count: max(0, idWidth - number.count)) + number
    }
}
