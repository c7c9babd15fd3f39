import Dataset
import TextOutput

/// One candidate as the planner sees it: the State's facts, its score and rank, and its drivers.
public struct PlanCandidate: Sendable, Equatable {
    public var state: State
    /// 100 × the root value of the scoring tree.
    public var score: Double
    /// 1-based rank by descending score, ties broken by id.
    public var rank: Int
    /// The leaves with the largest contributions, largest first.
    public var drivers: [String]

    public init(state: State, score: Double, rank: Int, drivers: [String] = []) {
        self.state = state
        self.score = score
        self.rank = rank
        self.drivers = drivers
    }
}

/// What the planner is asked: the scored candidates, the `planning` settings and the reference date.
public struct PlanProblem: Sendable {
    /// In dataset order.
    public var candidates: [PlanCandidate]
    public var settings: PlanningSettings
    public var asOf: CalendarDate

    public init(candidates: [PlanCandidate], settings: PlanningSettings, asOf: CalendarDate) {
        self.candidates = candidates
        self.settings = settings
        self.asOf = asOf
    }
}

/// Why a candidate may not be put on the list at all.
public enum Ineligibility: Sendable, Equatable, CustomStringConvertible {
    /// Visited less than `cooldown_years` before `as_of`.
    case cooldown(lastVisit: CalendarDate, years: Double)
    /// Its consent is not among `planning.consent`.
    case consent(Consent)

    /// "visited 2022-03-01, within the 2-year cooldown", "consent refused".
    public var description: String {
        switch self {
        case .cooldown(let lastVisit, let years):
            "visited \(lastVisit), within the \(formatNumber(years))-year cooldown"
        case .consent(let consent):
            "consent \(consent.rawValue)"
        }
    }
}

/// The facts the planner derives from one candidate at `as_of` (SPEC §5).
struct CandidateFacts {
    var visitType: VisitType
    var cost: Double
    var neverVisited: Bool
    var ineligibility: [Ineligibility]

    var isFollowUp: Bool { visitType == .followUp }
    var isEligible: Bool { ineligibility.isEmpty }

    init(_ candidate: PlanCandidate, settings: PlanningSettings, asOf: CalendarDate) {
        let state = candidate.state
        // Years as SPEC §3 measures them for `years-since-visit`: days / 365.25, uncapped here.
        let years = state.lastVisit.map { _ in state.yearsSinceVisit(asOf: asOf, cap: .infinity) }
        neverVisited = state.neverVisited
        if state.followUpDue(asOf: asOf, months: 12), let years, years <= settings.comprehensiveAfterYears {
            visitType = .followUp
        } else {
            visitType = .comprehensive
        }
        cost = settings.cost[visitType] ?? 0
        var reasons: [Ineligibility] = []
        if let years, let lastVisit = state.lastVisit, years < settings.cooldownYears {
            reasons.append(.cooldown(lastVisit: lastVisit, years: settings.cooldownYears))
        }
        if !settings.consent.contains(state.consent) {
            reasons.append(.consent(state.consent))
        }
        ineligibility = reasons
    }
}

/// A family of constraints of `planning`, the unit in which an infeasible problem is explained.
public enum ConstraintGroup: Hashable, Sendable {
    /// Exactly `visits` on the list.
    case visits
    case budget
    case regionMin(String)
    case regionMax(String)
    case neverVisitedMin
    case followUpsMin
    /// Every `include` (and `--add`) candidate on the list.
    case include
    /// No `exclude` (and `--withdraw`) candidate on the list.
    case exclude
    /// Cooldown and consent.
    case eligibility

    /// Whether it acts on which candidates may take a column (fixed on, or left out) rather than
    /// as a row of the program.
    var boundsColumns: Bool {
        switch self {
        case .include, .exclude, .eligibility: true
        case .visits, .budget, .regionMin, .regionMax, .neverVisitedMin, .followUpsMin: false
        }
    }

    /// Where the `planning` section sets it: `planning.regions.Africa.min`; `planning.consent`
    /// for eligibility (the cooldown is `planning.cooldown_years`).
    var settingPath: String {
        switch self {
        case .visits: "planning.visits"
        case .budget: "planning.budget"
        case .regionMin(let region): "planning.regions.\(region).min"
        case .regionMax(let region): "planning.regions.\(region).max"
        case .neverVisitedMin: "planning.never_visited_min"
        case .followUpsMin: "planning.followups_min"
        case .include: "planning.include"
        case .exclude: "planning.exclude"
        case .eligibility: "planning.consent"
        }
    }
}

extension ConstraintGroup: CustomStringConvertible {
    /// The group's name in the plan's constraints: `visits`, `budget`, `Africa min`, `Europe max`,
    /// `never-visited min`, `follow-ups min`, `include`, `exclude`, `eligibility`.
    public var description: String {
        switch self {
        case .visits: "visits"
        case .budget: "budget"
        case .regionMin(let region): "\(region) min"
        case .regionMax(let region): "\(region) max"
        case .neverVisitedMin: "never-visited min"
        case .followUpsMin: "follow-ups min"
        case .include: "include"
        case .exclude: "exclude"
        case .eligibility: "eligibility"
        }
    }

    /// The group a name stands for (the inverse of ``description``), or nil.
    public init?(description: String) {
        let fixed: [ConstraintGroup] = [
            .visits, .budget, .neverVisitedMin, .followUpsMin, .include, .exclude, .eligibility,
        ]
        if let group = fixed.first(where: { $0.description == description }) {
            self = group
        } else if description.hasSuffix(" min"), description.count > 4 {
            self = .regionMin(String(description.dropLast(4)))
        } else if description.hasSuffix(" max"), description.count > 4 {
            self = .regionMax(String(description.dropLast(4)))
        } else {
            return nil
        }
    }
}

/// A planning failure caused by the input: the CLI prints its description and exits 1.
public enum PlanningError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No list of exactly `visits` candidates satisfies every constraint.
    case infeasible(conflict: Conflict)
    /// An id named in `list` (include, exclude, withdraw, add) is not a candidate.
    case unknownCandidate(id: String, list: String)
    /// The same id is both withdrawn and added.
    case contradictoryChange(id: String)
    /// The solver stopped without an answer: an internal failure (exit 3).
    case solverFailed(String)

    public var description: String {
        switch self {
        case .infeasible(let conflict):
            "planning is infeasible: \(conflict.description)"
        case .unknownCandidate(let id, let list):
            "planning.\(list): '\(id)' is not a candidate of states.csv"
        case .contradictoryChange(let id):
            "'\(id)' is both withdrawn and added: keep only one of --withdraw \(id) and --add \(id)"
        case .solverFailed(let message):
            "internal failure of the solver: \(message)"
        }
    }
}

/// A number as a person writes it: `2`, `1.5`, `412.5` (budgets, costs, bounds, years).
package func formatNumber(_ x: Double) -> String { NumberFormat.wholeOrRoundedAway(4).text(x) }

/// Fixed 4 decimals rounded half away from zero, the precision scores are printed at.
package func format4(_ x: Double) -> String { NumberFormat.roundedAway(4).text(x) }
