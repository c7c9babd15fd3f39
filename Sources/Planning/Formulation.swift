import Dataset

/// The planning problem as 0–1 programs: one column per available candidate, one row per
/// constraint, and the deletion filter that names a conflict when no list exists.
struct Formulation {
    let problem: PlanProblem
    let facts: [CandidateFacts]
    /// Candidate index by id.
    let index: [String: Int]
    let included: [Int]
    let excluded: Set<Int>
    /// The groups the settings actually impose, in the order they are reported.
    let groups: [ConstraintGroup]

    var settings: PlanningSettings { problem.settings }
    var candidates: [PlanCandidate] { problem.candidates }

    init(_ problem: PlanProblem) throws {
        self.problem = problem
        let settings = problem.settings
        facts = problem.candidates.map { CandidateFacts($0, settings: settings, asOf: problem.asOf) }
        var index: [String: Int] = [:]
        for (i, candidate) in problem.candidates.enumerated() {
            precondition(index[candidate.state.id] == nil, "candidate \(candidate.state.id) appears twice")
            index[candidate.state.id] = i
        }
        self.index = index
        var included: [Int] = []
        for id in settings.include {
            guard let i = index[id] else { throw PlanningError.unknownCandidate(id: id, list: "include") }
            if !included.contains(i) { included.append(i) }
        }
        var excluded: Set<Int> = []
        for id in settings.exclude {
            guard let i = index[id] else { throw PlanningError.unknownCandidate(id: id, list: "exclude") }
            excluded.insert(i)
        }
        self.included = included
        self.excluded = excluded

        groups = Formulation.constraintGroups(
            settings, included: included, excluded: excluded,
            anyIneligible: facts.contains { !$0.isEligible }, vacuous: false)
    }

    /// The same problem with candidate i added to `include`: what forcing it in solves.
    func including(_ i: Int) throws -> Formulation {
        var forced = problem
        forced.settings.include.append(candidates[i].state.id)
        return try Formulation(forced)
    }

    // MARK: Programs

    /// A candidate may take a column unless an active group or `forcedOut` rules it out.
    func isAvailable(_ i: Int, groups active: Set<ConstraintGroup>, forcedOut: Set<Int>) -> Bool {
        if forcedOut.contains(i) { return false }
        if active.contains(.eligibility) && !facts[i].isEligible { return false }
        if active.contains(.exclude) && excluded.contains(i) { return false }
        return true
    }

    /// The 0–1 program of the active groups, or nil when a forced candidate has no column.
    ///
    /// - Parameter objective: per candidate (dataset order), or nil for a feasibility question.
    /// - Returns: the program and, per column, its candidate index.
    /// - Parameter avoiding: a list the answer must differ from (a row "at most all but one of
    ///   these"), to ask whether an optimum is unique.
    /// - Parameter pruning: false keeps every available candidate (rows other than the plan's,
    ///   such as a panel member's score, make candidates no longer interchangeable).
    func program(
        groups active: Set<ConstraintGroup>, forcedIn: Set<Int> = [], forcedOut: Set<Int> = [],
        objective: [Int]? = nil, avoiding: [Int]? = nil, pruning: Bool = true
    ) -> (program: BinaryProgram, candidates: [Int])? {
        var mustHave = forcedIn
        if active.contains(.include) { mustHave.formUnion(included) }
        var columns = candidates.indices.filter { isAvailable($0, groups: active, forcedOut: forcedOut) }
        if active.contains(.visits) && pruning {
            columns = prune(columns, groups: active, fixed: mustHave, objective: objective)
        }
        guard let fixedOn = BinaryProgram.positions(of: mustHave, in: columns) else { return nil }
        if let objective {
            precondition(
                objective.count == candidates.count,
                "objective: \(objective.count) coefficients for \(candidates.count) candidates")
        }
        var program = BinaryProgram(objective: columns.map { objective?[$0] ?? 0 }, fixedOn: fixedOn)

        func row(
            where member: (Int) -> Bool, weight: (Int) -> Double = { _ in 1 },
            lower: Double = -.infinity, upper: Double = .infinity
        ) -> BinaryProgram.Row {
            let chosen = columns.indices.filter { member(columns[$0]) }
            return BinaryProgram.Row(
                columns: chosen, coefficients: chosen.map { weight(columns[$0]) },
                lower: lower, upper: upper)
        }
        // Include, exclude and eligibility are bounds on columns, set above; the rest are rows.
        for group in groups where active.contains(group) && !group.boundsColumns {
            guard let rule = rule(group) else { continue }
            program.rows.append(row(where: rule.counts, weight: rule.weight, lower: rule.lower, upper: rule.upper))
        }
        if let avoiding {
            let members = Set(avoiding)
            program.rows.append(row(where: { members.contains($0) }, upper: Double(members.count - 1)))
        }
        return (program, columns)
    }

    /// Keeps, of each class of interchangeable candidates, the `visits` best: an exact reduction.
    //
    // Two unfixed candidates with the same coefficient in every active row (same constrained
    // region, same cost, same never-visited and follow-up flags) are interchangeable: swapping a
    // selected one for an unselected one of the same class keeps every row's value. So an optimal
    // list takes, from each class, the ones with the largest objective coefficients (all distinct,
    // the rank tie-break being distinct), and never more than `visits` of them. Dropping the rest
    // changes neither the optimum nor feasibility, and turns 10,000 candidates into a few hundred
    // columns. Ties in the objective (feasibility questions) are kept in dataset order.
    func prune(_ columns: [Int], groups active: Set<ConstraintGroup>, fixed: Set<Int>, objective: [Int]?) -> [Int] {
        struct Signature: Hashable {
            var region: String?
            var cost: Double?
            var neverVisited: Bool?
            var followUp: Bool?
        }
        let constrainedRegions = Set(
            groups.compactMap { group -> String? in
                guard active.contains(group) else { return nil }
                switch group {
                case .regionMin(let region), .regionMax(let region): return region
                default: return nil
                }
            })
        var classes: [Signature: [Int]] = [:]
        var kept: [Int] = []
        for i in columns {
            if fixed.contains(i) {
                kept.append(i)
                continue
            }
            let region = candidates[i].state.region
            let signature = Signature(
                region: constrainedRegions.contains(region) ? region : nil,
                cost: active.contains(.budget) ? facts[i].cost : nil,
                neverVisited: active.contains(.neverVisitedMin) ? facts[i].neverVisited : nil,
                followUp: active.contains(.followUpsMin) ? facts[i].isFollowUp : nil)
            classes[signature, default: []].append(i)
        }
        let cap = max(0, settings.visits)
        for members in classes.values {
            let best = objective.map { o in members.sorted { (o[$0], -$0) > (o[$1], -$1) } } ?? members
            kept.append(contentsOf: best.prefix(cap))
        }
        return kept.sorted()
    }

    func bounds(of region: String) -> RegionBounds? {
        settings.regions.first { $0.name == region }?.bounds
    }

    /// The optimal list (candidate indices, dataset order) or nil when infeasible.
    func solveList(
        groups active: Set<ConstraintGroup>? = nil, forcedIn: Set<Int> = [], forcedOut: Set<Int> = [],
        objective: [Int]? = nil, avoiding: [Int]? = nil
    ) throws -> [Int]? {
        guard
            let (program, columns) = program(
                groups: active ?? Set(groups), forcedIn: forcedIn,
                forcedOut: forcedOut, objective: objective, avoiding: avoiding)
        else { return nil }
        switch try solve(program) {
        case .infeasible: return nil
        case .optimal(let values): return columns.indices.filter { values[$0] }.map { columns[$0] }
        }
    }

    /// The plan's list: the optimum of the plan objective, and among several optima the one the
    /// tie rule picks (``lexicographicallyBest(byRank:witness:visits:optimum:)``: best-ranked first).
    ///
    /// Whether the optimum is unique is asked of the grouped planner when the problem has its
    /// structure (its flow sees a tie as a zero-gain cycle, in microseconds), otherwise of CBC (the
    /// best list other than the one found, `askingTheFlow: false` forces this way).
    /// - Complexity: one CBC solve when the optimum is unique (two outside the grouped structure);
    ///   otherwise one more per candidate, by rank, until the list is settled.
    func planList(objective: [Int], askingTheFlow: Bool = true) throws -> [Int]? {
        guard let list = try solveList(objective: objective) else { return nil }
        func value(_ list: [Int]) -> Int { list.reduce(0) { $0 + objective[$1] } }
        let best = value(list)
        switch askingTheFlow ? flowSeesTie() : nil {
        case false?:
            return list
        case true?:
            break
        case nil:
            guard let other = try solveList(objective: objective, avoiding: list), value(other) == best else {
                return list
            }
        }
        let byRank = candidates.indices.sorted { (candidates[$0].rank, $0) < (candidates[$1].rank, $1) }
        return try lexicographicallyBest(byRank: byRank, witness: list, visits: settings.visits) { fixedIn, fixedOut in
            guard let list = try solveList(forcedIn: fixedIn, forcedOut: fixedOut, objective: objective),
                value(list) == best
            else { return nil }
            return list
        }
    }

    /// Whether other lists tie with the optimum on the plan objective, as the grouped planner
    /// sees it; nil outside its structure (or if it finds no list, which it cannot when CBC does).
    func flowSeesTie() -> Bool? {
        guard GroupedPlanner.unsupportedReason(problem) == nil else { return nil }
        var workspace = GroupedPlanner.Workspace()
        guard GroupedPlanner(formulation: self).select(problem, into: &workspace) else { return nil }
        return workspace.tied
    }

    // MARK: Objective

    /// The plan's objective: scores first, then the rank tie-break.
    func planObjective() -> [Int] {
        lexicographicObjective { quantised in [quantised, tieBreak()] }
    }

    /// Revision's objective: most adopted visits kept, then scores, then the rank tie-break.
    func revisionObjective(keeping adopted: Set<Int>) -> [Int] {
        let keep = candidates.indices.map { adopted.contains($0) ? 1 : 0 }
        return lexicographicObjective { quantised in [keep, quantised, tieBreak()] }
    }

    /// N − rank + 1: the better the rank, the larger, so among lists with equal score sums the
    /// one with better-ranked candidates wins.
    func tieBreak() -> [Int] {
        let n = candidates.count
        return candidates.map { max(1, n - $0.rank + 1) }
    }

    /// One integer objective that orders lists lexicographically by `levels`.
    ///
    /// Scores are quantised to integers of `quantum` score points (1e-6 first, coarser only when a
    /// huge instance would not fit in 2^46; scores are printed to 4 decimals, so 1e-4 is the
    /// coarsest ever needed to respect every printed difference).
    func lexicographicObjective(_ levels: ([Int]) -> [[Int]]) -> [Int] {
        var quantum = 1e-6
        while true {
            let quantised = candidates.map { Int(($0.score / quantum).rounded()) }
            if let combined = combine(levels(quantised)) { return combined }
            quantum *= 10
            precondition(quantum < 1e3, "scores too large to quantise: max \(candidates.map(\.score).max() ?? 0)")
        }
    }

    /// The levels combined exactly for lists of `visits` (``lexicographic(_:selecting:)``).
    func combine(_ levels: [[Int]]) -> [Int]? {
        lexicographic(levels, selecting: min(settings.visits, candidates.count))
    }

    /// The weight of each level of a lexicographic objective whose level l moves by at most
    /// `spans[l]` over the lists, or nil when the total does not stay below 2^46
    /// (``lexicographic(_:selecting:)`` says why that is exact).
    static func levelWeights(spans: [Int]) -> [Int]? {
        let limit = 1 << 46
        var weights = [Int](repeating: 1, count: spans.count)
        var total = 0
        for l in stride(from: spans.count - 1, through: 0, by: -1) {
            if l < spans.count - 1 {
                let (w, overflow) = weights[l + 1].multipliedReportingOverflow(by: spans[l + 1] + 1)
                if overflow || w >= limit { return nil }
                weights[l] = w
            }
            let (t, overflow) = weights[l].multipliedReportingOverflow(by: max(1, spans[l]))
            if overflow || t >= limit { return nil }
            total += t
            if total >= limit { return nil }
        }
        return weights
    }

    // MARK: Conflicts

    /// The smallest conflicting set of groups the deletion filter finds, always keeping `forcedIn`.
    ///
    /// Each group in turn is dropped and stays dropped if what is left is still infeasible, so no
    /// group of the answer can be removed without the rest becoming feasible (Chinneck 2008).
    /// - Complexity: one feasibility solve per group.
    func conflict(forcedIn: Set<Int> = [], forcedOut: Set<Int> = []) throws -> Conflict {
        var active = Set(groups)
        // Try the broad structural groups first, so the answer names the numbers a person sets.
        let order =
            groups.filter { $0 == .eligibility } + groups.filter { $0 == .exclude }
            + groups.filter { $0 == .include } + groups.filter { $0 == .followUpsMin }
            + groups.filter { $0 == .neverVisitedMin }
            + groups.filter { if case .regionMax = $0 { true } else { false } }
            + groups.filter { if case .regionMin = $0 { true } else { false } }
            + groups.filter { $0 == .budget } + groups.filter { $0 == .visits }
        for group in order {
            var trial = active
            trial.remove(group)
            if try solveList(groups: trial, forcedIn: forcedIn, forcedOut: forcedOut) == nil {
                active = trial
            }
        }
        let kept = groups.filter { active.contains($0) }
        return Conflict(
            groups: kept, description: describe(kept, forcedIn: forcedIn),
            constraints: try conflictingConstraints(kept, forcedIn: forcedIn, forcedOut: forcedOut),
            section: settings.locations["planning"])
    }

    /// A group with its numbers, as a person would write it: "Africa min 6".
    func name(_ group: ConstraintGroup) -> String {
        let s = settings
        switch group {
        case .visits: return "\(s.visits) visits"
        case .budget, .regionMin, .regionMax, .neverVisitedMin, .followUpsMin:
            return "\(group) \(formatNumber(rule(group)?.bound ?? 0))"
        case .include: return "include \(included.map { candidates[$0].state.id }.joined(separator: ", "))"
        case .exclude:
            return "exclude \(excluded.sorted().map { candidates[$0].state.id }.joined(separator: ", "))"
        case .eligibility:
            let consent = Consent.allCases.filter { s.consent.contains($0) }.map(\.rawValue)
            return "eligibility (cooldown \(formatNumber(s.cooldownYears)) years, consent "
                + "\(consent.joined(separator: "/")))"
        }
    }

    func describe(_ conflict: [ConstraintGroup], forcedIn: Set<Int>) -> String {
        let context = conflict.filter { $0 == .visits || $0 == .budget }
        let main = conflict.filter { $0 != .visits && $0 != .budget }
        var parts = main.map(name)
        parts.insert(contentsOf: forcedIn.sorted().map { "forcing \(candidates[$0].state.id) in" }, at: 0)
        var sentence: String
        switch (parts.isEmpty, context.isEmpty) {
        case (true, _):
            sentence =
                conflict.contains(.budget)
                ? "\(settings.visits) visits cannot fit in budget \(formatNumber(settings.budget ?? 0))"
                : "no list of \(settings.visits) visits exists"
        case (false, true):
            sentence = parts.joined(separator: " + ") + " cannot hold together"
        case (false, false):
            let visits = context.contains(.visits) ? "\(settings.visits) visits" : nil
            let budget = context.contains(.budget) ? "budget \(formatNumber(settings.budget ?? 0))" : nil
            sentence =
                parts.joined(separator: " + ") + " cannot hold with "
                + [visits, budget].compactMap { $0 }.joined(separator: " and ")
        }
        var details: [String] = []
        if conflict.contains(.include) {
            for i in included {
                if conflict.contains(.eligibility), !facts[i].isEligible {
                    details.append(
                        "\(candidates[i].state.id) is ineligible: "
                            + facts[i].ineligibility.map(\.description).joined(separator: "; "))
                }
                if conflict.contains(.exclude), excluded.contains(i) {
                    details.append("\(candidates[i].state.id) is both included and excluded")
                }
            }
        }
        for group in conflict {
            if case .regionMin(let region) = group {
                let pool = candidates.indices.filter {
                    candidates[$0].state.region == region
                        && isAvailable($0, groups: Set(conflict), forcedOut: [])
                }
                if pool.count < bounds(of: region)?.min ?? 0 {
                    details.append("\(region) has only \(pool.count) candidate\(pool.count == 1 ? "" : "s") available")
                }
            }
        }
        if !details.isEmpty { sentence += " (" + details.joined(separator: "; ") + ")" }
        let relax = conflict.count > 1 ? "relax one of them" : "relax it"
        return sentence + "; " + relax
    }
}
