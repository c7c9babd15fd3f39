import Dataset

/// Why a State ranked within the top 2 × visits is off the list, with the facts that say so.
///
/// The explanation decides with these values and `Exclusion.reason` keeps them; ``description``
/// writes the sentence the plan prints (the JSON's `reason`, the tables, the HTML page), and
/// ``kind`` the `Exclusion.kind` that goes with it, so the two cannot disagree.
public enum ExclusionReason: Sendable, Equatable, WrittenAsWords {
    /// Cooldown or consent.
    case ineligible([Ineligibility])
    /// On `exclude`, or withdrawn by a revision.
    case excluded(withdrawn: Bool)
    /// No list holds it: the smallest conflict found with it forced in, and the kind that conflict
    /// makes it (its region's max, the budget, or another constraint).
    case noList(Exclusion.Kind, conflict: Conflict)
    /// In a revision: forcing it in takes `count` more adopted visits off (`lost`, by rank).
    case keepsAdopted(count: Int, lost: [String], forcing: Forcing)
    /// Its score equals that of the State it would displace: the rank tie-break decided.
    case tie(Forcing)
    /// Its region is at its maximum.
    case regionFull(region: String, max: Int, forcing: Forcing)
    /// No swap with a State it outscores fits in what is left of the budget.
    case budget(BudgetShortfall, forcing: Forcing)
    /// Forcing it in is feasible but lowers the score sum; `heldBy` names the constraints (with
    /// their numbers) that hold the lower-scored selected States in place, nil when every
    /// selected State scores higher.
    case tradeOff(heldBy: [String]?, forcing: Forcing)
    /// Read back from a plan's JSON: the kind and the sentence it was written with. Nothing
    /// decides with it (a revision works its exclusions out again); it writes the same JSON.
    case asWritten(Exclusion.Kind, words: String)

    /// What forcing the State in does to the list.
    public struct Forcing: Sendable, Equatable {
        /// A selected State it takes off, with what held it in place (a minimum it fills, a decision).
        public struct Displaced: Sendable, Equatable {
            public var id: String
            public var holds: [VisitReason]
        }

        /// How much the sum of scores drops (0 for a tie; negative in a revision that would gain).
        public var cost: Double
        /// The selected States it takes off, by rank.
        public var displaced: [Displaced]
        /// The States that come on with it, by rank.
        public var broughtIn: [String]

        /// "forcing it in costs 1.2500 points and displaces KEN (fills the Africa minimum)".
        public var description: String {
            var text =
                "forcing it in costs \(format4(cost)) points and displaces "
                + displaced.map { d in
                    d.id + (d.holds.isEmpty ? "" : " (\(d.holds.map(\.description).joined(separator: ", ")))")
                }.joined(separator: ", ")
            if !broughtIn.isEmpty { text += ", bringing in " + broughtIn.joined(separator: ", ") }
            return text
        }
    }

    /// Why the budget blocks every swap with a State it outscores.
    public struct BudgetShortfall: Sendable, Equatable {
        /// The budget left by the list.
        public var slack: Double
        /// Its visit.
        public var visitType: VisitType
        public var cost: Double
        /// The dearest visit among the selected States it outscores, and its type when they all
        /// have one type (nil when they mix types).
        public var dearest: Double
        public var dearestType: VisitType?
        /// The selected States it outscores, by rank.
        public var outscored: [String]
    }

    /// The `Exclusion.kind` of this reason.
    public var kind: Exclusion.Kind {
        switch self {
        case .ineligible: .ineligible
        case .excluded: .excludedByDecision
        case .noList(let kind, _): kind
        case .keepsAdopted: .keepsAdopted
        case .tie: .tie
        case .regionFull: .regionFull
        case .budget: .budget
        case .tradeOff: .tradeOff
        case .asWritten(let kind, _): kind
        }
    }

    /// The sentence a person can act on.
    public var description: String {
        switch self {
        case .ineligible(let reasons):
            return "ineligible: " + reasons.map(\.description).joined(separator: "; ")
        case .excluded(let withdrawn):
            return withdrawn ? "withdrawn" : "excluded by decision"
        case .noList(_, let conflict):
            return "cannot be put on any list: " + conflict.description
        case .keepsAdopted(let count, let lost, let forcing):
            let visits = count == 1 ? "visit" : "visits"
            let cost = forcing.cost
            let points =
                cost > 0
                ? ", and costs \(format4(cost)) points"
                : cost < 0 ? ", though it would add \(format4(-cost)) points" : ""
            return "the adopted list comes first: forcing it in takes \(count) more adopted \(visits) off "
                + "(\(lost.joined(separator: ", ")))\(points)"
        case .tie(let forcing):
            let winner = forcing.displaced.first.map { "in favour of \($0.id)" } ?? ""
            return "tied on score; the rank tie-break decides \(winner): \(forcing.description)"
        case .regionFull(let region, let max, let forcing):
            return "\(region) is full at its max of \(max): \(forcing.description)"
        case .budget(let b, let forcing):
            let theirs =
                b.dearestType.map { "a \($0.rawValue) visit (\(formatNumber(b.dearest)))" }
                ?? "the dearest of their visits (\(formatNumber(b.dearest)))"
            return "budget: \(formatNumber(b.slack)) left, less than the \(formatNumber(b.cost - b.dearest)) "
                + "more its \(b.visitType.rawValue) visit (\(formatNumber(b.cost))) costs than \(theirs), "
                + "the visit of every selected State it outscores (\(b.outscored.joined(separator: ", "))): "
                + forcing.description
        case .tradeOff(let heldBy, let forcing):
            let lead =
                heldBy.map {
                    "a trade-off: the lower-scored selected States are held in place by " + $0.joined(separator: ", ")
                } ?? "a trade-off: every selected State scores higher"
            return "\(lead): \(forcing.description)"
        case .asWritten(_, let words):
            return words
        }
    }
}
