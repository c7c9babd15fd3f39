import Dataset

/// The proposed annual visit list with its explanations (SPEC §5), as written by `visitplan plan`
/// and read back by `visitplan revise`.
///
/// JSON keys follow SPEC §5: `selected`, `reserve`, `constraints`, `excluded`, `objective`, plus
/// `as_of`, `visits`, `total_cost`, and what `revise` needs to chain revisions: `dataset` (the
/// fingerprint of the data it was made on), `planning` (the model's planning section),
/// `revision` (0 for a plan, n after n revisions) and `decisions` (every State withdrawn or added
/// by a revision so far). Only `selected[].id` is needed to read a plan back.
public struct Plan: Codable, Sendable, Equatable {
    /// The States withdrawn and added by the revisions that led to a plan, so that the next
    /// revision keeps them: a State withdrawn once stays out until a later revision adds it back.
    public struct Decisions: Codable, Sendable, Equatable {
        /// Taken off the list (consent refused or withdrawn), in the order decided.
        public var withdrawn: [String]
        /// Forced onto the list, in the order decided.
        public var added: [String]

        public init(withdrawn: [String] = [], added: [String] = []) {
            self.withdrawn = withdrawn
            self.added = added
        }

        public var isEmpty: Bool { withdrawn.isEmpty && added.isEmpty }

        /// These decisions followed by newer ones: a newer decision about a State replaces an
        /// older one (withdrawn then added means added).
        public func then(withdraw: [String], add: [String]) -> Decisions {
            Decisions(
                withdrawn: unique(withdrawn.filter { !add.contains($0) } + withdraw),
                added: unique(added.filter { !withdraw.contains($0) } + add))
        }
    }

    public var asOf: String
    public var visits: Int
    /// By rank.
    public var selected: [SelectedVisit]
    /// In order of use.
    public var reserve: [ReserveEntry]
    public var constraints: [ConstraintStatus]
    /// The candidates ranked within the top 2 × visits that are not selected, by rank.
    public var excluded: [Exclusion]
    /// The sum of the selected candidates' scores (unperturbed).
    public var objective: Double
    public var totalCost: Double
    /// The data the plan was made on (nil in plans written before fingerprints were recorded).
    public var dataset: DatasetFingerprint?
    /// The model's planning section as written in model.yaml (before any revision's decisions).
    public var planning: PlanningSettings?
    /// 0 for the plan as made; n after n revisions.
    public var revision: Int = 0
    /// Every withdrawal and addition decided by the revisions so far.
    public var decisions = Decisions()

    public init(
        asOf: String, visits: Int, selected: [SelectedVisit], reserve: [ReserveEntry],
        constraints: [ConstraintStatus], excluded: [Exclusion], objective: Double, totalCost: Double
    ) {
        self.asOf = asOf
        self.visits = visits
        self.selected = selected
        self.reserve = reserve
        self.constraints = constraints
        self.excluded = excluded
        self.objective = objective
        self.totalCost = totalCost
    }

    enum CodingKeys: String, CodingKey {
        case asOf = "as_of", visits, selected, reserve, constraints, excluded, objective
        case totalCost = "total_cost"
        case dataset, planning, revision, decisions
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        selected = try c.decode([SelectedVisit].self, forKey: .selected)
        asOf = try c.decodeIfPresent(String.self, forKey: .asOf) ?? ""
        visits = try c.decodeIfPresent(Int.self, forKey: .visits) ?? selected.count
        reserve = try c.decodeIfPresent([ReserveEntry].self, forKey: .reserve) ?? []
        constraints = try c.decodeIfPresent([ConstraintStatus].self, forKey: .constraints) ?? []
        excluded = try c.decodeIfPresent([Exclusion].self, forKey: .excluded) ?? []
        objective = try c.decodeIfPresent(Double.self, forKey: .objective) ?? selected.reduce(0) { $0 + $1.score }
        totalCost = try c.decodeIfPresent(Double.self, forKey: .totalCost) ?? selected.reduce(0) { $0 + $1.cost }
        dataset = try c.decodeIfPresent(DatasetFingerprint.self, forKey: .dataset)
        planning = try c.decodeIfPresent(PlanningSettings.self, forKey: .planning)
        revision = try c.decodeIfPresent(Int.self, forKey: .revision) ?? 0
        decisions = try c.decodeIfPresent(Decisions.self, forKey: .decisions) ?? Decisions()
    }

    /// The ids on the list, by rank.
    public var selectedIDs: [String] { selected.map(\.id) }
}

/// One visit on the list and why it is there.
public struct SelectedVisit: Codable, Sendable, Equatable {
    public var id: String
    public var name: String
    public var region: String
    public var visitType: VisitType
    public var cost: Double
    public var score: Double
    public var rank: Int
    public var drivers: [String]
    /// The constraints it serves and the facts that count towards them: it fills the Africa
    /// minimum, it was never visited, it is due a follow-up, it is included by decision…
    public var serves: [VisitReason]

    public init(
        id: String, name: String, region: String, visitType: VisitType, cost: Double, score: Double,
        rank: Int, drivers: [String], serves: [VisitReason]
    ) {
        self.id = id
        self.name = name
        self.region = region
        self.visitType = visitType
        self.cost = cost
        self.score = score
        self.rank = rank
        self.drivers = drivers
        self.serves = serves
    }

    enum CodingKeys: String, CodingKey {
        case id, name, region, visitType = "visit_type", cost, score, rank, drivers, serves
    }

    /// The reasons of a visit as one cell: what it serves, or "its score" when it serves nothing
    /// in particular (its score alone puts it on the list). Drivers are never mixed in.
    public static func reasons(_ serves: [VisitReason]) -> String {
        serves.isEmpty ? "its score" : serves.map(\.description).joined(separator: "; ")
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        name = try c.decodeIfPresent(String.self, forKey: .name) ?? id
        region = try c.decodeIfPresent(String.self, forKey: .region) ?? ""
        visitType = try c.decodeIfPresent(VisitType.self, forKey: .visitType) ?? .comprehensive
        cost = try c.decodeIfPresent(Double.self, forKey: .cost) ?? 0
        score = try c.decodeIfPresent(Double.self, forKey: .score) ?? 0
        rank = try c.decodeIfPresent(Int.self, forKey: .rank) ?? 0
        drivers = try c.decodeIfPresent([String].self, forKey: .drivers) ?? []
        // Lenient, as the rest of a plan read back (only the ids are needed): words that name no
        // reason are left out.
        serves = (try c.decodeIfPresent([String].self, forKey: .serves) ?? []).compactMap(
            VisitReason.init(description:))
    }
}

/// A candidate to call on when a selected State refuses consent.
public struct ReserveEntry: Codable, Sendable, Equatable {
    public var id: String
    public var name: String
    public var region: String
    public var visitType: VisitType
    public var cost: Double
    public var score: Double
    public var rank: Int
    /// The selected candidate it would replace if that one's consent is refused (nil when no
    /// single swap keeps every constraint).
    public var replaces: String?
    /// Every selected candidate it can replace with the list still feasible, by rank.
    public var canReplace: [String]

    public init(
        id: String, name: String, region: String, visitType: VisitType, cost: Double, score: Double,
        rank: Int, replaces: String?, canReplace: [String]
    ) {
        self.id = id
        self.name = name
        self.region = region
        self.visitType = visitType
        self.cost = cost
        self.score = score
        self.rank = rank
        self.replaces = replaces
        self.canReplace = canReplace
    }

    enum CodingKeys: String, CodingKey {
        case id, name, region, visitType = "visit_type", cost, score, rank, replaces
        case canReplace = "can_replace"
    }
}

/// One constraint of the plan: its value on the list, its bound, whether it binds.
public struct ConstraintStatus: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable {
        case equal = "=", atLeast = ">=", atMost = "<="
    }

    /// Where the list stands against the bound.
    public enum Standing: String, Codable, Sendable {
        /// The value equals the bound.
        case binds
        /// Some room is left, but less than the smallest move one swap (a State of the list out,
        /// an available one in) makes toward the bound: no such swap fits. Only the budget can be
        /// in this state: a count moves by 1, so a count with slack below 1 binds.
        case slackBelowOneSwap = "slack-below-one-swap"
        /// Room for at least one swap toward the bound (or no swap moves toward it).
        case slack
    }

    /// The constraint: visits, budget, a region's min or max, never-visited min, follow-ups min,
    /// include, exclude.
    public var constraint: ConstraintGroup
    /// Its name: "visits", "budget", "Africa min", "Europe max", "never-visited min",
    /// "follow-ups min", "include", "exclude".
    public var name: String { constraint.description }
    public var kind: Kind
    public var value: Double
    public var bound: Double
    /// True when the value equals the bound.
    public var binds: Bool
    /// How far the value may move before the constraint is violated (0 for an equality).
    public var slack: Double
    /// The smallest move toward the bound that one swap can make (for the budget: the least a
    /// swap that raises the cost adds); nil when it is not worked out (counts move by 1) or when
    /// no swap moves toward the bound.
    public var smallestSwap: Double?
    /// ``Standing/binds``, ``Standing/slackBelowOneSwap`` or ``Standing/slack``.
    public var standing: Standing

    public init(constraint: ConstraintGroup, kind: Kind, value: Double, bound: Double, smallestSwap: Double? = nil) {
        self.constraint = constraint
        self.kind = kind
        self.value = value
        self.bound = bound
        self.smallestSwap = smallestSwap
        binds = abs(value - bound) <= 1e-9 * max(1, abs(bound))
        switch kind {
        case .equal: slack = 0
        case .atLeast: slack = value - bound
        case .atMost: slack = bound - value
        }
        // A swap fits when it adds at most the slack (within 1e-9, as the solver's check allows).
        let room = slack
        standing =
            binds
            ? .binds
            : smallestSwap.map { room < $0 - 1e-9 } == true ? .slackBelowOneSwap : .slack
    }

    enum CodingKeys: String, CodingKey {
        case name, kind, value, bound, binds, slack
        case smallestSwap = "smallest_swap", standing = "status"
    }

    /// The constraint is written by its name (`"name": "Africa min"`).
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(kind, forKey: .kind)
        try c.encode(value, forKey: .value)
        try c.encode(bound, forKey: .bound)
        try c.encode(binds, forKey: .binds)
        try c.encode(slack, forKey: .slack)
        try c.encodeIfPresent(smallestSwap, forKey: .smallestSwap)
        try c.encode(standing, forKey: .standing)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let name = try c.decode(String.self, forKey: .name)
        guard let constraint = ConstraintGroup(description: name) else {
            throw DecodingError.dataCorruptedError(
                forKey: .name, in: c, debugDescription: "`\(name)` is not a constraint of a plan")
        }
        self.init(
            constraint: constraint, kind: try c.decode(Kind.self, forKey: .kind),
            value: try c.decode(Double.self, forKey: .value), bound: try c.decode(Double.self, forKey: .bound),
            smallestSwap: try c.decodeIfPresent(Double.self, forKey: .smallestSwap))
    }

    /// The standing in words, for tables: "binds", "slack below one swap (25)" or "".
    public var standingDescription: String {
        switch standing {
        case .binds: "binds"
        case .slackBelowOneSwap: "slack below one swap (\(formatNumber(smallestSwap ?? 0)))"
        case .slack: ""
        }
    }
}

/// Why a candidate ranked within the top 2 × visits is not on the list.
///
/// The reason is a value (``ExclusionReason``); its sentence is made when the plan is written
/// (the JSON's `reason`, the tables, the HTML page), and `kind` goes with it.
public struct Exclusion: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable {
        /// Cooldown or consent.
        case ineligible
        /// `exclude` (or `--withdraw`).
        case excludedByDecision = "excluded"
        /// Its region is at its maximum.
        case regionFull = "region-full"
        /// The budget cannot absorb it.
        case budget
        /// Forcing it in is feasible but costs objective.
        case tradeOff = "trade-off"
        /// Its score equals the displaced one's: the rank tie-break decided.
        case tie
        /// No feasible list contains it.
        case constraint
        /// In a revision: forcing it in would take more adopted visits off the list, and keeping
        /// the adopted list comes before scores.
        case keepsAdopted = "adopted-list"
    }

    public var id: String
    public var name: String
    public var region: String
    public var score: Double
    public var rank: Int
    /// Why it is off the list, with the facts that say so (written as its sentence).
    public private(set) var reason: ExclusionReason
    /// The kind of its reason.
    public private(set) var kind: Kind
    /// How much the sum of scores drops when it is forced in: never negative. Nil when it cannot
    /// be forced in, and in a revision when forcing it in would take more adopted visits off the
    /// list without lowering the sum (the reason then says by how much it would raise it).
    public var objectiveCost: Double?
    /// The selected candidates that forcing it in would take off the list.
    public var displaces: [String]

    /// The exclusion of a State for `reason`.
    public init(
        id: String, name: String, region: String, score: Double, rank: Int, because reason: ExclusionReason,
        objectiveCost: Double? = nil, displaces: [String] = []
    ) {
        self.id = id
        self.name = name
        self.region = region
        self.score = score
        self.rank = rank
        self.reason = reason
        kind = reason.kind
        self.objectiveCost = objectiveCost
        self.displaces = displaces
    }

    enum CodingKeys: String, CodingKey {
        case id, name, region, score, rank, kind, reason, displaces
        case objectiveCost = "objective_cost"
    }

    /// Read back from a plan's JSON: the reason keeps the kind and the words it was written
    /// with (``ExclusionReason/asWritten(_:words:)``); nothing is parsed out of the sentence.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            id: try c.decode(String.self, forKey: .id), name: try c.decode(String.self, forKey: .name),
            region: try c.decode(String.self, forKey: .region), score: try c.decode(Double.self, forKey: .score),
            rank: try c.decode(Int.self, forKey: .rank),
            because: .asWritten(
                try c.decode(Kind.self, forKey: .kind), words: try c.decode(String.self, forKey: .reason)),
            objectiveCost: try c.decodeIfPresent(Double.self, forKey: .objectiveCost),
            displaces: try c.decode([String].self, forKey: .displaces))
    }
}
