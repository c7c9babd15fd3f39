import Dataset

/// What the programme planner is asked (SPEC §10): one planning problem per year, the discount,
/// the never-visited rule and, for a revision, the adopted assignments.
public struct ProgrammeProblem: Sendable {
    /// Year y (1-based) is `years[y − 1]`: every candidate, in the same (dataset) order each year,
    /// scored with the engagement facts at that year's date, the year's date as `asOf`, and the
    /// planning settings with that year's include/exclude.
    public var years: [PlanProblem]
    /// The weight of year y is discount^(y−1).
    public var discount: Double
    /// Every eligible never-visited State is in years 1 … this.
    public var neverVisitedWithin: Int?
    /// The one-year plan's problem (`visitplan plan`), against which year 1 is compared; nil to
    /// skip the comparison.
    public var oneYearPlan: PlanProblem?
    /// For a revision: the adopted year of each State of the adopted programme (id → year).
    public var adopted: [String: Int] = [:]
    /// Where each `programme` setting is written in model.yaml (`programme`, `programme.years`…).
    public var programmeLocations: [String: SourceLocation] = [:]

    public init(
        years: [PlanProblem], discount: Double, neverVisitedWithin: Int? = nil,
        oneYearPlan: PlanProblem? = nil
    ) {
        precondition(!years.isEmpty, "a programme has at least one year")
        for year in years {
            precondition(
                year.candidates.map(\.state.id) == years[0].candidates.map(\.state.id),
                "every year has the same candidates in the same order")
        }
        self.years = years
        self.discount = discount
        self.neverVisitedWithin = neverVisitedWithin
        self.oneYearPlan = oneYearPlan
    }

    /// The date of year y: `asOf` + (y − 1) years, same month and day (29 February → 28 February).
    public static func date(ofYear year: Int, asOf: CalendarDate) -> CalendarDate {
        asOf.adding(months: 12 * (year - 1))
    }

    /// The planning settings of year y: `planning` with the programme's include/exclude of that
    /// year. `planning.include` and `planning.exclude` are decisions about the cycle being planned,
    /// so they hold in year 1 only (see Guides/Programme.md).
    public static func settings(ofYear year: Int, planning: PlanningSettings, programme: ProgrammeSettings)
        -> PlanningSettings
    {
        var settings = planning
        let include = programme.include[year] ?? []
        let exclude = programme.exclude[year] ?? []
        settings.include = unique((year == 1 ? planning.include : []) + include)
        settings.exclude = unique((year == 1 ? planning.exclude : []) + exclude)
        // A conflict names the list of the year in which it is written.
        if let location = programme.locations["programme.include.\(year)"] {
            settings.locations["planning.include"] = location
        }
        if let location = programme.locations["programme.exclude.\(year)"] {
            settings.locations["planning.exclude"] = location
        }
        return settings
    }
}

/// One constraint of the programme, the unit in which an infeasible programme is explained.
public enum ProgrammeConstraint: Hashable, Sendable {
    /// A planning constraint group in one year (1-based).
    case year(Int, ConstraintGroup)
    /// Each State at most once in the programme.
    case atMostOnce
    /// `programme.never_visited_within`.
    case neverVisitedWithin
}

/// A cell of the programme: candidate `state` (dataset index) visited in `year` (1-based).
struct Assignment: Hashable, Comparable {
    var state: Int
    var year: Int

    static func < (a: Assignment, b: Assignment) -> Bool { (a.year, a.state) < (b.year, b.state) }
}
