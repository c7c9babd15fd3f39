extension ProgrammeRevision.Change {
    /// Why an adopted assignment moved or left, or why a State is new to the programme.
    /// ``description`` writes the words of `revision.changes[].reason`.
    public enum Reason: Sendable, Equatable, CustomStringConvertible {
        /// Adopted for a year beyond the programme's `horizon` years.
        case beyondHorizon(adoptedYear: Int, horizon: Int)
        /// Cooldown or consent rule it out in its adopted year.
        case nowIneligible(year: Int, [Ineligibility])
        /// On that year's exclusions.
        case excluded(year: Int)
        /// The updated data or constraints moved it.
        case moved
        /// The adopted State is not in the updated data.
        case goneFromDataset
        /// Not in the adopted programme.
        case new

        public var description: String {
            switch self {
            case .beyondHorizon(let year, let horizon):
                "adopted for year \(year), beyond the programme's \(horizon) years"
            case .nowIneligible(let year, let reasons):
                "now ineligible in year \(year): " + reasons.map(\.description).joined(separator: "; ")
            case .excluded(let year): "excluded from year \(year) by decision"
            case .moved: "moved by the updated data or constraints"
            case .goneFromDataset: "no longer in the dataset"
            case .new: "new: fills a place the adopted programme left"
            }
        }
    }
}

extension ProgrammeRevision.Change.Reason: WrittenAsWords {}
