import Dataset

/// The multi-year programme (SPEC §10) with its explanations, as written by `visitplan programme`.
///
/// JSON keys: `years` (each with `year`, `date`, `selected` as in `plan`, plus `weight`,
/// `constraints`, `objective` and `total_cost`), `objective` (Σ_y discount^(y−1) × the year's
/// selected scores), `deferred` (`id`, `from_year`, `to_year`, `reason`…), plus `as_of`,
/// `horizon`, `discount`, `never_visited_within`, `year_one` (what year 1 changes compared with the
/// one-year plan), `revision` (with `--adopted`) and `dataset` (the data's fingerprint).
public struct Programme: Encodable, Sendable, Equatable {
    public var asOf: String
    /// H, the number of years.
    public var horizon: Int
    public var discount: Double
    public var neverVisitedWithin: Int?
    public var years: [ProgrammeYear]
    public var objective: Double
    /// Every State placed in a later year than the first in which it could be visited, by year
    /// placed then rank.
    public var deferred: [Deferral]
    /// What year 1 changes compared with the one-year plan, and why.
    public var yearOne: [YearOneChange]
    /// With `--adopted`: what changed from the adopted programme.
    public var revision: ProgrammeRevision?
    public var dataset: DatasetFingerprint?

    enum CodingKeys: String, CodingKey {
        case asOf = "as_of", horizon, discount, years, objective, deferred, revision, dataset
        case neverVisitedWithin = "never_visited_within"
        case yearOne = "year_one"
    }

    /// The year each State is placed in (id → year).
    public var assignments: [String: Int] {
        var placed: [String: Int] = [:]
        for year in years { for visit in year.selected { placed[visit.id] = year.year } }
        return placed
    }
}

/// One year of the programme: its list, as `plan` gives it, at the year's date.
public struct ProgrammeYear: Codable, Sendable, Equatable {
    /// 1-based.
    public var year: Int
    /// `as_of` + (year − 1) years.
    public var date: String
    /// discount^(year − 1).
    public var weight: Double
    /// By rank in that year, each with its score, rank, visit type and cost at the year's date.
    public var selected: [SelectedVisit]
    public var constraints: [ConstraintStatus]
    /// The sum of the year's selected scores (not discounted).
    public var objective: Double
    public var totalCost: Double

    enum CodingKeys: String, CodingKey {
        case year, date, weight, selected, constraints, objective
        case totalCost = "total_cost"
    }
}

/// A State placed in a later year than the first in which it could be visited, and why.
public struct Deferral: Encodable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable {
        /// No programme has it in the earlier year.
        case constraint
        /// It counts for more in the later year, discount included: its score rises.
        case discount
        /// The earlier year's list holds States that count for more there.
        case tradeOff = "trade-off"
        /// Moving it costs nothing: the rank tie-break decides.
        case tie
        /// In a revision: moving it would take adopted assignments off.
        case keepsAdopted = "adopted"
    }

    public var id: String
    public var name: String
    /// The first year in which it could be visited.
    public var fromYear: Int
    /// The year the programme places it in.
    public var toYear: Int
    /// Why, with the facts that say so.
    public private(set) var reason: Reason
    /// The kind of its reason.
    public private(set) var kind: Kind
    /// How much the discounted objective drops when it is forced into `fromYear` (nil when it
    /// cannot be).
    public var objectiveCost: Double?
    /// The States of year `fromYear` that forcing it there takes out of that year.
    public var displaces: [String]

    enum CodingKeys: String, CodingKey {
        case id, name, kind, reason, displaces
        case fromYear = "from_year", toYear = "to_year", objectiveCost = "objective_cost"
    }

    public init(
        id: String, name: String, fromYear: Int, toYear: Int, reason: Reason, objectiveCost: Double?,
        displaces: [String]
    ) {
        self.id = id
        self.name = name
        self.fromYear = fromYear
        self.toYear = toYear
        self.reason = reason
        kind = reason.kind
        self.objectiveCost = objectiveCost
        self.displaces = displaces
    }
}

/// A State on the one-year plan but not in year 1 of the programme, or the reverse.
public struct YearOneChange: Encodable, Sendable, Equatable {
    public enum Change: String, Codable, Sendable {
        /// In year 1 of the programme, not on the one-year plan.
        case entering = "in"
        /// On the one-year plan, not in year 1 of the programme.
        case leaving = "out"
    }

    public var id: String
    public var name: String
    public var change: Change
    /// The programme year it is placed in (nil when it is not in the programme).
    public var year: Int?
    /// Why, with the facts that say so: one reason for `out`, one or more for `in`.
    public var reasons: [Reason]
    /// For `in`: how much the discounted objective drops when it is kept out of year 1; for
    /// `out`: when it is forced into year 1 (nil when that is impossible).
    public var objectiveCost: Double?

    enum CodingKeys: String, CodingKey {
        case id, name, change, year, reason
        case objectiveCost = "objective_cost"
    }

    /// The reasons in words, joined by "; ".
    public var reason: String { reasons.map(\.description).joined(separator: "; ") }

    /// Written with its reasons as one sentence (`reason`).
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(name, forKey: .name)
        try c.encode(change, forKey: .change)
        try c.encodeIfPresent(year, forKey: .year)
        try c.encode(reason, forKey: .reason)
        try c.encodeIfPresent(objectiveCost, forKey: .objectiveCost)
    }
}

/// What a revision (`programme --adopted`) changed from the adopted programme.
public struct ProgrammeRevision: Encodable, Sendable, Equatable {
    /// One adopted assignment kept, moved or dropped, or a new one.
    public struct Change: Encodable, Sendable, Equatable {
        public var id: String
        /// Nil for a State new to the programme.
        public var adoptedYear: Int?
        /// Nil for a State no longer in the programme.
        public var year: Int?
        public var reason: Reason

        enum CodingKeys: String, CodingKey {
            case id, reason, year
            case adoptedYear = "adopted_year"
        }
    }

    /// Adopted assignments kept in their year.
    public var kept: Int
    /// Adopted assignments in all.
    public var adopted: Int
    /// Every assignment that differs from the adopted programme.
    public var changes: [Change]
}

/// What `programme --adopted` reads: a programme's JSON (only `years[].year` and
/// `years[].selected[].id` are needed).
public struct AdoptedProgramme: Decodable, Sendable {
    struct Year: Decodable {
        struct Visit: Decodable { var id: String }
        var year: Int
        var selected: [Visit]
    }

    /// id → adopted year.
    public var assignments: [String: Int]

    enum CodingKeys: String, CodingKey { case years }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let years = try c.decode([Year].self, forKey: .years)
        var assignments: [String: Int] = [:]
        for year in years { for visit in year.selected { assignments[visit.id] = year.year } }
        self.assignments = assignments
    }
}
