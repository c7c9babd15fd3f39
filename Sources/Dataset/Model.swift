/// How a node combines its children (SPEC §3).
public enum Aggregation: String, Sendable, CaseIterable, Codable {
    case arithmetic, geometric, topsis
}

/// How a leaf's raw values are put on a common scale (SPEC §3).
public enum Normalisation: String, Sendable, CaseIterable, Codable {
    case minmax, zscore, rank, goalposts, vector, none
}

/// What a leaf does with a candidate's missing value (SPEC §3).
public enum MissingRule: String, Sendable, CaseIterable, Codable {
    case reweight, mean
    case regionMean = "region-mean"
    case min, max, zero, error

    /// Whether the rule fills in a value before normalisation.
    public var imputes: Bool { self != .reweight && self != .error }
}

/// Whether a higher value means a higher priority (`risk`) or a lower one (`protective`).
public enum Direction: String, Sendable, CaseIterable, Codable {
    case risk, protective
}

/// A time-series signal derived from `events.csv`.
public enum SignalKind: String, Sendable, CaseIterable, Codable {
    case level, trend, anomaly
}

/// How absent periods of a signal's window count.
public enum SignalFill: String, Sendable, CaseIterable, Codable {
    case zero, missing
}

/// An engagement feature derived from `states.csv` at the model's `as_of` date.
public enum EngagementFeature: Sendable, Equatable {
    case neverVisited
    case yearsSinceVisit(cap: Double)
    case priorRequest
    case consent(levels: [Consent: Double])
    case followUpDue(months: Int)

    public static let defaultConsentLevels: [Consent: Double] =
        [.given: 1, .pending: 0.5, .unknown: 0.25, .refused: 0]

    /// The name used in model.yaml.
    public var name: String {
        switch self {
        case .neverVisited: "never-visited"
        case .yearsSinceVisit: "years-since-visit"
        case .priorRequest: "prior-request"
        case .consent: "consent"
        case .followUpDue: "followup-due"
        }
    }
}

/// Where a leaf's raw values come from.
public enum LeafSource: Sendable, Equatable {
    /// A column of indicators.csv.
    case indicator(String)
    /// A signal over `window` periods of an events.csv indicator.
    case signal(SignalKind, indicator: String, window: Int, fill: SignalFill)
    /// A feature of states.csv.
    case engagement(EngagementFeature)
}

/// Where a thing was written in model.yaml: a 1-based line and column, and its YAML path.
public struct SourceLocation: Sendable, Equatable {
    public var line: Int
    public var column: Int
    public var path: String

    public init(line: Int = 0, column: Int = 0, path: String = "") {
        self.line = line
        self.column = column
        self.path = path
    }
}

/// `treatment:` of a leaf or of `scoring` (SPEC §12): COINr's data-driven outlier rule.
///
/// While the sample skewness and the sample excess kurtosis of the leaf's values are both high
/// (|skew| ≥ `skew` and kurtosis ≥ `kurtosis`), up to `maxPoints` steps each move every value
/// tied at the extreme on the side of the skew to the next value in; if that is not enough, the
/// `fallback` applies to the untreated values.
public struct Treatment: Sendable, Equatable {
    /// What happens when winsorising `maxPoints` steps does not bring the values within bounds.
    public enum Fallback: String, Sendable, CaseIterable {
        /// ln(x − min + 0.01 (max − min)) on the untreated values.
        case log
        /// Keep the winsorised values.
        case none
    }

    /// The most winsorising steps (each moves every value tied at the extreme).
    public var maxPoints: Int
    /// The |skewness| at or above which the values need treatment (with the kurtosis).
    public var skew: Double
    /// The excess kurtosis at or above which the values need treatment (with the skewness).
    public var kurtosis: Double
    public var fallback: Fallback

    public init(maxPoints: Int = 5, skew: Double = 2, kurtosis: Double = 3.5, fallback: Fallback = .log) {
        self.maxPoints = maxPoints
        self.skew = skew
        self.kurtosis = kurtosis
        self.fallback = fallback
    }

    /// `treatment: auto`: `{max_points: 5, skew: 2, kurtosis: 3.5, fallback: log}`.
    public static let auto = Treatment()
}

/// A leaf of the criteria tree: one source, and how its values become a 0–1 priority.
public struct Leaf: Sendable, Equatable {
    public var source: LeafSource
    public var direction: Direction
    public var normalisation: Normalisation
    public var missing: MissingRule
    /// `transform: log`: the natural log of 1 + x, before normalisation.
    public var logTransform: Bool
    /// `winsorise: [p_lo, p_hi]`: a quantile clamp, before normalisation.
    public var winsorise: (low: Double, high: Double)?
    /// `goalposts: [lo, hi]`, required by the `goalposts` normalisation.
    public var goalposts: (low: Double, high: Double)?
    /// The State asked that this information stay confidential.
    public var confidential: Bool
    /// `denominator:`: an indicators.csv column the value is divided by (same candidate), before
    /// imputation; nil for none.
    public var denominator: String? = nil
    /// `denominator_scale:`: the ratio is multiplied by this (1000: per thousand of the denominator).
    public var denominatorScale: Double = 1
    /// `treatment:` (or the `scoring` default), after transform and instead of `winsorise`.
    public var treatment: Treatment? = nil

    public init(
        source: LeafSource, direction: Direction = .risk, normalisation: Normalisation = .minmax,
        missing: MissingRule = .reweight, logTransform: Bool = false,
        winsorise: (low: Double, high: Double)? = nil, goalposts: (low: Double, high: Double)? = nil,
        confidential: Bool = false
    ) {
        self.source = source
        self.direction = direction
        self.normalisation = normalisation
        self.missing = missing
        self.logTransform = logTransform
        self.winsorise = winsorise
        self.goalposts = goalposts
        self.confidential = confidential
    }

    public static func == (a: Leaf, b: Leaf) -> Bool {
        a.source == b.source && a.direction == b.direction && a.normalisation == b.normalisation
            && a.missing == b.missing && a.logTransform == b.logTransform
            && a.winsorise?.low == b.winsorise?.low && a.winsorise?.high == b.winsorise?.high
            && a.goalposts?.low == b.goalposts?.low && a.goalposts?.high == b.goalposts?.high
            && a.confidential == b.confidential && a.denominator == b.denominator
            && a.denominatorScale == b.denominatorScale && a.treatment == b.treatment
    }
}

/// A node of the criteria tree: either an inner node with children or a leaf.
public struct Criterion: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case node(aggregation: Aggregation, children: [Criterion])
        case leaf(Leaf)
    }

    public var id: String
    public var name: String
    /// Relative to its siblings; non-negative.
    public var weight: Double
    public var rationale: String?
    public var kind: Kind
    public var location: SourceLocation

    public init(
        id: String, name: String? = nil, weight: Double = 1, rationale: String? = nil, kind: Kind,
        location: SourceLocation = SourceLocation()
    ) {
        self.id = id
        self.name = name ?? id
        self.weight = weight
        self.rationale = rationale
        self.kind = kind
        self.location = location
    }

    public var children: [Criterion] {
        if case .node(_, let children) = kind { return children }
        return []
    }

    public var leaf: Leaf? {
        if case .leaf(let leaf) = kind { return leaf }
        return nil
    }
}

/// Bounds on the number of visits in one region.
public struct RegionBounds: Sendable, Equatable, Codable {
    public var min: Int?
    public var max: Int?

    public init(min: Int? = nil, max: Int? = nil) {
        self.min = min
        self.max = max
    }
}

/// The `planning` section of model.yaml (SPEC §5).
public struct PlanningSettings: Sendable, Equatable {
    public var visits: Int
    public var budget: Double?
    public var cost: [VisitType: Double]
    public var comprehensiveAfterYears: Double
    public var cooldownYears: Double
    public var consent: Set<Consent>
    /// Region name → bounds, in the order written.
    public var regions: [(name: String, bounds: RegionBounds)]
    public var neverVisitedMin: Int?
    public var followUpsMin: Int?
    public var include: [String]
    public var exclude: [String]
    public var reserve: Int
    /// Where each setting was written in model.yaml, by YAML path (`planning`, `planning.visits`,
    /// `planning.regions.Africa.min`…), so that a message about a constraint can point at its
    /// line. A setting left at its default has none. Not part of equality: it changes no plan.
    public var locations: [String: SourceLocation] = [:]

    public init(
        visits: Int, budget: Double? = nil,
        cost: [VisitType: Double] = [.comprehensive: 1, .followUp: 1],
        comprehensiveAfterYears: Double = 5, cooldownYears: Double = 0,
        consent: Set<Consent> = [.given, .pending, .unknown],
        regions: [(name: String, bounds: RegionBounds)] = [],
        neverVisitedMin: Int? = nil, followUpsMin: Int? = nil,
        include: [String] = [], exclude: [String] = [], reserve: Int = 5
    ) {
        self.visits = visits
        self.budget = budget
        self.cost = cost
        self.comprehensiveAfterYears = comprehensiveAfterYears
        self.cooldownYears = cooldownYears
        self.consent = consent
        self.regions = regions
        self.neverVisitedMin = neverVisitedMin
        self.followUpsMin = followUpsMin
        self.include = include
        self.exclude = exclude
        self.reserve = reserve
    }

    public static func == (a: PlanningSettings, b: PlanningSettings) -> Bool {
        a.visits == b.visits && a.budget == b.budget && a.cost == b.cost
            && a.comprehensiveAfterYears == b.comprehensiveAfterYears
            && a.cooldownYears == b.cooldownYears && a.consent == b.consent
            && a.regions.map(\.name) == b.regions.map(\.name)
            && a.regions.map(\.bounds) == b.regions.map(\.bounds)
            && a.neverVisitedMin == b.neverVisitedMin && a.followUpsMin == b.followUpsMin
            && a.include == b.include && a.exclude == b.exclude && a.reserve == b.reserve
    }
}

/// The `sensitivity` section of model.yaml (SPEC §6).
public struct SensitivitySettings: Sendable, Equatable {
    public enum Perturbation: Sendable, Equatable {
        /// Each weight times U(1 − spread, 1 + spread).
        case uniform(spread: Double)
        /// Sibling weights drawn from Dirichlet(concentration × nominal shares).
        case dirichlet(concentration: Double)
    }

    public var samples: Int
    public var seed: UInt64
    public var perturbation: Perturbation
    public var normalisations: [Normalisation]
    public var aggregations: [Aggregation]
    /// K, the ranks whose acceptability `sensitivity` keeps (`acceptability_ranks`); nil for
    /// the default max(2 × visits, 50); `Int.max` for every rank (`all`).
    public var acceptabilityRanks: Int?

    public init(
        samples: Int = 10_000, seed: UInt64 = 0, perturbation: Perturbation = .uniform(spread: 0.25),
        normalisations: [Normalisation] = [], aggregations: [Aggregation] = [], acceptabilityRanks: Int? = nil
    ) {
        self.samples = samples
        self.seed = seed
        self.perturbation = perturbation
        self.normalisations = normalisations
        self.aggregations = aggregations
        self.acceptabilityRanks = acceptabilityRanks
    }
}

/// The `confidentiality` section of model.yaml (SPEC §8).
public struct ConfidentialitySettings: Sendable, Equatable {
    /// The narrowest interval, as a share of a cell's normalised range, to which a public edition
    /// may let a reader narrow a confidential value.
    public var protection: Double

    public init(protection: Double = 0.10) { self.protection = protection }
}

/// model.yaml: the scoring model, the planning constraints and the sensitivity settings.
public struct Model: Sendable, Equatable {
    public var name: String
    public var asOf: CalendarDate
    /// The top-level criteria: the children of the implicit root node.
    public var criteria: [Criterion]
    /// The root's aggregation (`scoring.aggregation`, the default of every node).
    public var rootAggregation: Aggregation
    public var planning: PlanningSettings?
    public var sensitivity: SensitivitySettings
    public var confidentiality: ConfidentialitySettings
    /// The multi-year programme (SPEC §10); nil when model.yaml has no `programme` section.
    public var programme: ProgrammeSettings? = nil
    /// `ledger.consent_valid_years`: a consent in the ledger older than this counts as `unknown`.
    public var consentValidYears: Int?
    /// `scoring.screening.min_coverage` (SPEC §12): candidates whose coverage is below it are
    /// neither ranked nor planned; nil for no screening.
    public var screeningMinCoverage: Double? = nil

    public init(
        name: String, asOf: CalendarDate, criteria: [Criterion], rootAggregation: Aggregation = .arithmetic,
        planning: PlanningSettings? = nil, sensitivity: SensitivitySettings = SensitivitySettings(),
        confidentiality: ConfidentialitySettings = ConfidentialitySettings()
    ) {
        self.confidentiality = confidentiality
        self.name = name
        self.asOf = asOf
        self.criteria = criteria
        self.rootAggregation = rootAggregation
        self.planning = planning
        self.sensitivity = sensitivity
    }

    /// The implicit root node over the top-level criteria.
    public var root: Criterion {
        Criterion(id: "root", name: name, weight: 1, kind: .node(aggregation: rootAggregation, children: criteria))
    }
}

/// A loaded, validated dataset folder.
public struct Dataset: Sendable {
    public var states: [State]
    public var indicators: Indicators
    public var events: Events
    public var model: Model
    /// Warnings and notes found while loading (a constant column, an unknown column…).
    public var diagnostics: [Diagnostic]
    /// The date at which engagement facts are evaluated when it is not `model.as_of`: a later
    /// year of the programme (SPEC §10). Indicators and signals stay at `as_of`.
    public var engagementDate: CalendarDate? = nil
    /// The candidates removed by `scoring.screening` (SPEC §12), in states.csv order: they are
    /// not in `states`, and every output lists them with their coverage.
    public var screened: [ScreenedCandidate] = []

    public init(
        states: [State], indicators: Indicators, events: Events = Events(), model: Model,
        diagnostics: [Diagnostic] = []
    ) {
        self.states = states
        self.indicators = indicators
        self.events = events
        self.model = model
        self.diagnostics = diagnostics
    }
}

/// A candidate that `scoring.screening` left out: too little of its data exists (SPEC §12).
public struct ScreenedCandidate: Sendable, Equatable, Encodable {
    public var id: String
    public var name: String
    public var region: String
    /// Its coverage, below `minCoverage`.
    public var coverage: Double
    /// `scoring.screening.min_coverage`.
    public var minCoverage: Double

    public init(id: String, name: String, region: String, coverage: Double, minCoverage: Double) {
        self.id = id
        self.name = name
        self.region = region
        self.coverage = coverage
        self.minCoverage = minCoverage
    }

    enum CodingKeys: String, CodingKey {
        case id, name, region, coverage
        case minCoverage = "min_coverage"
    }

    /// The reason, as a person reads it.
    public var reason: String {
        "coverage \(writtenNumber((coverage * 1000).rounded() / 1000)) is below scoring.screening.min_coverage \(writtenNumber(minCoverage))"
    }
}
