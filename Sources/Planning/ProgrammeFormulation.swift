import Dataset

/// The programme (SPEC §10) as one 0–1 program: a column x[i,y] per candidate i available in year
/// y, each year's planning rows, Σ_y x[i,y] ≤ 1 per State, and the never-visited rule.
struct ProgrammeFormulation {
    let problem: ProgrammeProblem
    /// Year y's single-year formulation is `years[y − 1]`: its facts (eligibility, visit type and
    /// cost at that year's date), its include/exclude and its groups.
    let years: [Formulation]
    /// The weight of year y is `weights[y − 1]` = discount^(y−1).
    let weights: [Double]
    /// The never-visited States that `never_visited_within` requires (available in a year ≤ N).
    let required: Set<Int>
    /// Adopted assignments (revision); empty for a programme made afresh.
    let adopted: Set<Assignment>
    /// Every constraint the settings impose, in the order they are reported.
    let constraints: [ProgrammeConstraint]

    var horizon: Int { years.count }
    var candidateCount: Int { years[0].candidates.count }

    init(_ problem: ProgrammeProblem) throws {
        self.problem = problem
        years = try problem.years.map(Formulation.init)
        weights = (0..<problem.years.count).map { power(problem.discount, $0) }
        let years = self.years
        var required: Set<Int> = []
        if let within = problem.neverVisitedWithin {
            for i in 0..<years[0].candidates.count where years[0].facts[i].neverVisited {
                let early = (1...min(within, years.count)).contains { y in
                    years[y - 1].isAvailable(i, groups: Set(years[y - 1].groups), forcedOut: [])
                }
                if early { required.insert(i) }
            }
        }
        self.required = required
        var adopted: Set<Assignment> = []
        for (id, year) in problem.adopted where (1...years.count).contains(year) {
            if let i = years[0].index[id] { adopted.insert(Assignment(state: i, year: year)) }
        }
        self.adopted = adopted
        var constraints: [ProgrammeConstraint] = []
        for (y, year) in years.enumerated() { constraints += year.groups.map { .year(y + 1, $0) } }
        constraints.append(.atMostOnce)
        if problem.neverVisitedWithin != nil, !required.isEmpty { constraints.append(.neverVisitedWithin) }
        self.constraints = constraints
    }

    // MARK: Columns

    /// The columns of the active constraints: every available (candidate, year), less
    /// `forcedOut`, pruned to the ones an optimum can use when every year's `visits` is active.
    func columns(active: Set<ProgrammeConstraint>, forcedIn: Set<Assignment>, forcedOut: Set<Assignment>)
        -> [Assignment]
    {
        var columns: [Assignment] = []
        for y in 1...horizon {
            let year = years[y - 1]
            let groups = Set(year.groups.filter { active.contains(.year(y, $0)) })
            for i in 0..<candidateCount where !forcedOut.contains(Assignment(state: i, year: y)) {
                if year.isAvailable(i, groups: groups, forcedOut: []) { columns.append(Assignment(state: i, year: y)) }
            }
        }
        let everyVisits = (1...horizon).allSatisfy { active.contains(.year($0, .visits)) }
        return everyVisits ? prune(columns, active: active, forcedIn: forcedIn) : columns
    }

    /// Keeps, per year, of each class of candidates interchangeable in that year's rows, the
    /// H × visits best ranked there: an exact reduction.
    //
    // Within year y, two candidates with the same coefficients in every active row of year y (same
    // constrained region, cost, never-visited and follow-up flags at that year's date) differ only
    // in their objective coefficient, which orders them by their rank in year y (quantised scores
    // do not increase down the ranking and the tie-break strictly decreases). An optimal programme
    // uses at most Σ_y visits = H × visits States in all. If it put a class member ranked below the
    // class's first H × visits into year y, one of those first H × visits would be unused in every
    // year (at most H × visits − 1 of them can be used); swapping it in keeps every row of year y,
    // leaves the other years alone, keeps each State at most once and raises the objective: a
    // contradiction. Columns fixed by a forced or included assignment, adopted assignments (their
    // objective differs) and States the never-visited rule requires are never dropped.
    func prune(_ columns: [Assignment], active: Set<ProgrammeConstraint>, forcedIn: Set<Assignment>) -> [Assignment] {
        struct Signature: Hashable {
            var year: Int
            var region: String?
            var cost: Double?
            var neverVisited: Bool?
            var followUp: Bool?
        }
        let cap = years.reduce(0) { $0 + max(0, $1.settings.visits) }
        let keepRequired = active.contains(.neverVisitedWithin)
        var constrainedRegions: [Int: Set<String>] = [:]
        for case .year(let y, let group) in active {
            switch group {
            case .regionMin(let region), .regionMax(let region): constrainedRegions[y, default: []].insert(region)
            default: break
            }
        }
        var classes: [Signature: [Assignment]] = [:]
        var kept: [Assignment] = []
        for column in columns {
            let (i, y) = (column.state, column.year)
            let year = years[y - 1]
            if forcedIn.contains(column) || adopted.contains(column) || (keepRequired && required.contains(i))
                || (active.contains(.year(y, .include)) && year.included.contains(i))
            {
                kept.append(column)
                continue
            }
            let region = year.candidates[i].state.region
            let signature = Signature(
                year: y,
                region: constrainedRegions[y]?.contains(region) == true ? region : nil,
                cost: active.contains(.year(y, .budget)) ? year.facts[i].cost : nil,
                neverVisited: active.contains(.year(y, .neverVisitedMin)) ? year.facts[i].neverVisited : nil,
                followUp: active.contains(.year(y, .followUpsMin)) ? year.facts[i].isFollowUp : nil)
            classes[signature, default: []].append(column)
        }
        for (signature, members) in classes {
            let candidates = years[signature.year - 1].candidates
            let best = members.sorted {
                (candidates[$0.state].rank, candidates[$0.state].state.id) < (
                    candidates[$1.state].rank, candidates[$1.state].state.id
                )
            }
            kept.append(contentsOf: best.prefix(cap))
        }
        return kept.sorted()
    }

    // MARK: Program

    /// The 0–1 program of the active constraints, or nil when a forced or included assignment has
    /// no column.
    ///
    /// - Parameter optimise: false for a feasibility question (zero objective).
    func program(
        active: Set<ProgrammeConstraint>, forcedIn: Set<Assignment> = [], forcedOut: Set<Assignment> = [],
        optimise: Bool = true
    ) -> (program: BinaryProgram, columns: [Assignment])? {
        var mustHave = forcedIn
        for (y, year) in years.enumerated() where active.contains(.year(y + 1, .include)) {
            for i in year.included { mustHave.insert(Assignment(state: i, year: y + 1)) }
        }
        let columns = self.columns(active: active, forcedIn: mustHave, forcedOut: forcedOut)
        guard let fixedOn = BinaryProgram.positions(of: mustHave, in: columns) else { return nil }
        let objective = optimise ? self.objective(columns) : [Int](repeating: 0, count: columns.count)
        var program = BinaryProgram(objective: objective, fixedOn: fixedOn)
        // Measured on the shipped cycle over 5 years (Guides/Programme.md): CBC's primal
        // heuristics and preprocessing take ten times as long as the search itself on these
        // assignment-like programs, whose LP relaxation is nearly integral.
        program.parameters = [("heuristics", "off"), ("preprocess", "off")]
        // With the budget counted in follow-ups, the relaxation is integral on every re-solve of the
        // shipped cycle over 5 years: CLP alone answers them (Relaxation.swift).
        program.relaxationFirst = true

        // Columns by year and by State.
        var byYear = [[Int]](repeating: [], count: horizon)
        var byState: [Int: [Int]] = [:]
        for (c, column) in columns.enumerated() {
            byYear[column.year - 1].append(c)
            byState[column.state, default: []].append(c)
        }
        for y in 1...horizon {
            let year = years[y - 1]
            let s = year.settings
            func row(
                where member: (Int) -> Bool, weight: (Int) -> Double = { _ in 1 },
                lower: Double = -.infinity, upper: Double = .infinity
            ) -> BinaryProgram.Row {
                let chosen = byYear[y - 1].filter { member(columns[$0].state) }
                return BinaryProgram.Row(
                    columns: chosen, coefficients: chosen.map { weight(columns[$0].state) },
                    lower: lower, upper: upper)
            }
            for group in year.groups where active.contains(.year(y, group)) {
                switch group {
                case .visits:
                    program.rows.append(row(where: { _ in true }, lower: Double(s.visits), upper: Double(s.visits)))
                case .budget:
                    // With exactly `visits` a year, the budget is a range of follow-up counts: the same
                    // 0–1 solutions, and a relaxation that is integral far more often (the cost row's
                    // fractional follow-ups are what made CBC cut).
                    if active.contains(.year(y, .visits)), let fits = s.followUpsWithinBudget, !fits.isEmpty {
                        program.rows.append(
                            row(
                                where: { year.facts[$0].isFollowUp }, lower: Double(fits.lowerBound),
                                upper: Double(fits.upperBound - 1)))
                    } else {
                        program.rows.append(
                            row(
                                where: { _ in true }, weight: { year.facts[$0].cost },
                                upper: s.budget ?? .infinity))
                    }
                case .regionMin(let region):
                    program.rows.append(
                        row(
                            where: { year.candidates[$0].state.region == region },
                            lower: Double(year.bounds(of: region)?.min ?? 0)))
                case .regionMax(let region):
                    program.rows.append(
                        row(
                            where: { year.candidates[$0].state.region == region },
                            upper: Double(year.bounds(of: region)?.max ?? Int.max)))
                case .neverVisitedMin:
                    program.rows.append(
                        row(where: { year.facts[$0].neverVisited }, lower: Double(s.neverVisitedMin ?? 0)))
                case .followUpsMin:
                    program.rows.append(row(where: { year.facts[$0].isFollowUp }, lower: Double(s.followUpsMin ?? 0)))
                case .include, .exclude, .eligibility:
                    break  // bounds on columns, set above
                }
            }
        }
        if active.contains(.atMostOnce) {
            for (_, cs) in byState.sorted(by: { $0.key < $1.key }) where cs.count > 1 {
                program.rows.append(BinaryProgram.Row(columns: cs, coefficients: cs.map { _ in 1 }, upper: 1))
            }
        }
        if active.contains(.neverVisitedWithin), let within = problem.neverVisitedWithin {
            for i in required.sorted() {
                let early = (byState[i] ?? []).filter { columns[$0].year <= within }
                program.rows.append(BinaryProgram.Row(columns: early, coefficients: early.map { _ in 1 }, lower: 1))
            }
        }
        return (program, columns)
    }

    /// The optimal programme (its assignments) or nil when infeasible.
    func solveProgramme(
        active: Set<ProgrammeConstraint>? = nil, forcedIn: Set<Assignment> = [], forcedOut: Set<Assignment> = [],
        optimise: Bool = true
    ) throws -> Set<Assignment>? {
        guard
            let (program, columns) = program(
                active: active ?? Set(constraints), forcedIn: forcedIn,
                forcedOut: forcedOut, optimise: optimise)
        else { return nil }
        switch try solve(program) {
        case .infeasible: return nil
        case .optimal(let values): return Set(columns.indices.filter { values[$0] }.map { columns[$0] })
        }
    }

    // MARK: Objective

    /// The discounted score of an assignment: discount^(y−1) × s[i,y].
    func value(_ a: Assignment) -> Double { weights[a.year - 1] * years[a.year - 1].candidates[a.state].score }

    /// Σ discount^(y−1) s[i,y], summed in a fixed order so the same programme gives the same bits.
    func value(_ programme: Set<Assignment>) -> Double { programme.sorted().reduce(0) { $0 + value($1) } }

    /// One integer per column ordering programmes lexicographically: adopted assignments kept (in a
    /// revision), then the discounted scores, then the planner's rank tie-break with earlier years
    /// first: (m − rank + 1) × (H − y + 1), m the number of candidates.
    func objective(_ columns: [Assignment]) -> [Int] {
        let m = candidateCount
        let tie = columns.map { a in max(1, m - years[a.year - 1].candidates[a.state].rank + 1) * (horizon - a.year + 1)
        }
        let keep = columns.map { adopted.contains($0) ? 1 : 0 }
        var quantum = 1e-6
        while true {
            let scores = columns.map { Int((value($0) / quantum).rounded()) }
            let levels = adopted.isEmpty ? [scores, tie] : [keep, scores, tie]
            if let combined = combine(levels) { return combined }
            quantum *= 10
            precondition(quantum < 1e3, "scores too large to quantise")
        }
    }

    /// The levels combined exactly (``lexicographic(_:selecting:)``) for programmes of H × visits
    /// assignments; nil when they do not fit.
    func combine(_ levels: [[Int]]) -> [Int]? {
        lexicographic(levels, selecting: years.reduce(0) { $0 + $1.settings.visits })
    }
}

/// x^k for a small whole k, without Foundation.
func power(_ x: Double, _ k: Int) -> Double { (0..<max(0, k)).reduce(1) { r, _ in r * x } }
