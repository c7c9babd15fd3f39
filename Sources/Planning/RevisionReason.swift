extension Revision.Change {
    /// Why a State leaves or enters the list in a revision, with the facts that say so.
    ///
    /// A value, not a sentence: a State entering in place of one that left carries that State's
    /// reason itself (``replaces(_:leaving:)``), so its short form is made from the value, never
    /// cut out of words. ``description`` writes the words of the revision's JSON (`out[].reason`,
    /// `in[].reason`) and of its table.
    public indirect enum Reason: Sendable, Equatable, CustomStringConvertible {
        // Leaving the list.

        /// The adopted State is not in the updated data.
        case goneFromDataset
        /// Withdrawn by a decision (`--withdraw`, or an earlier revision's).
        case withdrawn
        /// Cooldown or consent now rule it out.
        case nowIneligible([Ineligibility])
        /// On `exclude` in the model.
        case excludedByDecision
        /// The updated constraints leave no room for it, and no State enters in its place.
        case displacedByConstraints
        /// Taken off so that these States (those entering, by rank) fit.
        case displaced(toMakeRoomFor: [String])

        // Entering the list.

        /// Added by a decision (`--add`, or an earlier revision's).
        case addedByDecision
        /// Takes the place of a State that left, for that State's reason.
        case replaces(_ id: String, leaving: Reason)
        /// Needed by the constraints, with no State left to replace.
        case keepsListFeasible

        public var description: String {
            switch self {
            case .goneFromDataset: "no longer in the dataset"
            case .withdrawn: "withdrawn"
            case .nowIneligible(let reasons): "now ineligible: " + reasons.map(\.description).joined(separator: "; ")
            case .excludedByDecision: "excluded by decision"
            case .displacedByConstraints: "displaced by the updated constraints"
            case .displaced(let room): "displaced to make room for " + room.joined(separator: ", ")
            case .addedByDecision: "added by decision"
            case .replaces(let id, let leaving): "replaces \(id) (\(leaving.headline))"
            case .keepsListFeasible: "keeps the list feasible"
            }
        }

        /// The reason without its detail, as a replacement names it: "now ineligible" for
        /// "now ineligible: consent refused"; the whole reason otherwise.
        public var headline: String {
            if case .nowIneligible = self { return "now ineligible" }
            return description
        }
    }
}

extension Revision.Change.Reason: WrittenAsWords {}
