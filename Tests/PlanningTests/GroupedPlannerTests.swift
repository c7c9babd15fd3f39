import Dataset
import Testing

@testable import Planning

/// The grouped planner (a flow, no CBC) selects exactly CBC's list: same feasibility, same list,
/// hence the same objective, on thousands of random instances with ties.
@Suite struct GroupedPlannerTests {
    /// CBC's list (`planList` without help from the flow; and as `makePlan` and `selectedIDs`
    /// solve it) and the grouped planner's,
    /// on random instances: 1–9 visits, 2–5 regions with random bounds, never-visited and
    /// follow-up minimums, budgets on either side of the costs (follow-ups dearer or cheaper),
    /// several includes and excludes (some of them ineligible or contradictory), and scores drawn
    /// from a handful of values half of the time, so that lists tie on scores and on ranks.
    @Test(arguments: 0..<16)
    func sameListAsCBC(block: UInt64) throws {
        var feasible = 0, infeasible = 0
        for k in 0..<200 as Range<UInt64> {
            let seed = 50_000 + block * 200 + k
            let problem = randomGroupedInstance(seed: seed).problem
            #expect(GroupedPlanner.unsupportedReason(problem) == nil)
            let formulation = try Formulation(problem)
            // CBC alone (it also proves the optimum unique), then as `makePlan` runs it.
            let cbc = try formulation.planList(objective: formulation.planObjective(), askingTheFlow: false)
            let grouped = try GroupedPlanner(problem).select(problem)
            #expect(cbc?.sorted() == grouped, "seed \(seed)")
            #expect(try formulation.planList(objective: formulation.planObjective()) == cbc, "seed \(seed)")
            if cbc == nil { infeasible += 1 } else { feasible += 1 }
        }
        #expect(feasible >= 40 && infeasible >= 10, "feasible \(feasible), infeasible \(infeasible)")
    }

    /// On small instances full of ties, both planners give the list a brute force finds over every
    /// subset: the largest score sum (in the objective's 1e-6 quanta), then the smallest rank sum,
    /// then the best-ranked candidate first (SPEC §5's deterministic tie rule, written again here).
    @Test(arguments: 0..<6)
    func tieRuleMatchesBruteForce(block: UInt64) throws {
        var ties = 0
        var g = TestGenerator(seed: block)
        for k in 0..<60 as Range<UInt64> {
            let seed = 90_000 + block * 60 + k
            let instance =
                g.chance(50)
                ? tiedInstance(seed: seed)
                : randomGroupedInstance(seed: seed, maxCandidates: 12, maxVisits: 5, tiesPercent: 100)
            let problem = instance.problem
            let rank = ranks(instance.candidates)
            let expected = bruteForceList(instance, rank: rank)
            let formulation = try Formulation(problem)
            #expect(
                try formulation.planList(objective: formulation.planObjective())?.sorted() == expected,
                "seed \(seed): CBC")
            #expect(
                try formulation.planList(objective: formulation.planObjective(), askingTheFlow: false)?
                    .sorted() == expected, "seed \(seed): CBC alone")
            #expect(try GroupedPlanner(problem).select(problem) == expected, "seed \(seed): grouped")
            if let expected, bruteForceTies(instance, rank: rank, best: expected) { ties += 1 }
        }
        #expect(ties >= 3, "too few instances where score and rank sums tie: \(ties)")
    }

    /// Worked by hand: A (rank 1) and C (rank 2) are comprehensive, D (rank 3) and B (rank 4)
    /// follow-ups, all scoring 50. Each region takes exactly one visit and the budget (45 + 20)
    /// allows exactly one comprehensive visit, so the lists are {A, B} and {C, D} (region 1 holds A
    /// and D, region 2 B and C): equal score sums, equal rank sums (1 + 4 = 2 + 3). The tie rule
    /// takes the list with the best-ranked State: {A, B}.
    @Test func ranksThatSumAlikeAreSettledByTheBestRank() throws {
        let candidates = [
            TestCandidate(id: "A", region: "One", score: 50, profile: .old, consent: .given),
            TestCandidate(id: "B", region: "Two", score: 50, profile: .followUp, consent: .given),
            TestCandidate(id: "C", region: "Two", score: 50, profile: .old, consent: .given),
            TestCandidate(id: "D", region: "One", score: 50, profile: .followUp, consent: .given),
        ]
        let instance = TestInstance(
            candidates: candidates,
            settings: PlanningSettings(
                visits: 2, budget: 65, cost: [.comprehensive: 45, .followUp: 20],
                regions: [("One", RegionBounds(min: 1, max: 1)), ("Two", RegionBounds(min: 1, max: 1))],
                followUpsMin: 1))
        #expect(ranks(candidates) == [1, 2, 3, 4])
        #expect(try makePlan(instance.problem).selectedIDs.sorted() == ["A", "B"])
        #expect(try selectedIDs(instance.problem) == ["A", "B"])
        #expect(try GroupedPlanner(instance.problem).select(instance.problem) == [0, 1])
    }

    /// Ranks given out of order with the scores (a caller's choice): each group is then sorted by
    /// its objective coefficients, and the answer still equals CBC's.
    @Test func ranksThatDisagreeWithScores() throws {
        for seed in 0..<40 as Range<UInt64> {
            var problem = randomGroupedInstance(seed: 7_000 + seed).problem
            var g = TestGenerator(seed: seed)
            var order = Array(problem.candidates.indices)
            for i in stride(from: order.count - 1, to: 0, by: -1) { order.swapAt(i, g.below(i + 1)) }
            for (r, i) in order.enumerated() { problem.candidates[i].rank = r + 1 }
            let formulation = try Formulation(problem)
            let cbc = try formulation.planList(objective: formulation.planObjective())
            #expect(cbc?.sorted() == (try GroupedPlanner(problem).select(problem)), "seed \(7_000 + seed)")
        }
    }

    /// Ranks that are not 1 … n, or an unknown include id, are reported, not guessed.
    @Test func outsideTheStructure() throws {
        var problem = randomGroupedInstance(seed: 3).problem
        problem.candidates[0].rank = problem.candidates[1].rank
        #expect(GroupedPlanner.unsupportedReason(problem) != nil)
        var unknown = randomGroupedInstance(seed: 4).problem
        unknown.settings.include = ["NOPE"]
        #expect(throws: PlanningError.unknownCandidate(id: "NOPE", list: "include")) {
            try GroupedPlanner(unknown)
        }
    }
}

/// A random instance for the grouped planner: up to `maxCandidates` candidates in 2–5 regions.
func randomGroupedInstance(
    seed: UInt64, maxCandidates: Int = 40, maxVisits: Int = 9, tiesPercent: Int = 50
) -> TestInstance {
    var g = TestGenerator(seed: seed)
    let n = 4 + g.below(maxCandidates - 3)
    let regions = Array(["Africa", "Americas", "Asia", "Europe", "Oceania"].prefix(2 + g.below(4)))
    let tied = g.chance(tiesPercent)
    let levels = 2 + g.below(4)
    let candidates = (0..<n).map { k in
        TestCandidate(
            id: "C" + String(k < 10 ? "0\(k)" : "\(k)"),
            region: regions[g.below(regions.count)],
            score: tied
                ? Double(10 * (1 + g.below(levels))) + (g.chance(10) ? 0.0000001 : 0)
                : Double(g.below(1_000_001)) / 10_000,
            profile: [Profile.never, .old, .followUp, .recent][g.below(100) < 12 ? 3 : g.below(3)],
            consent: g.chance(6) ? .refused : .given)
    }
    let visits = 1 + g.below(min(maxVisits, n - 1))
    let comprehensive = Double(10 + g.below(40))
    let followUp = Double(10 + g.below(40))
    var settings = PlanningSettings(
        visits: visits, cost: [.comprehensive: comprehensive, .followUp: followUp],
        comprehensiveAfterYears: 5, cooldownYears: 2, reserve: 3)
    if g.chance(60) {
        // A budget at or just above the cost of some mix of cheap and dear visits.
        let cheap = min(comprehensive, followUp), dear = max(comprehensive, followUp)
        let dearOnes = g.below(visits + 1)
        let slack = g.below(3) == 0 ? 0 : g.below(15)
        settings.budget = Double(visits - dearOnes) * cheap + Double(dearOnes) * dear + Double(slack)
    }
    settings.regions = randomRegionBounds(regions, visits: visits, percent: 60, using: &g)
    if g.chance(50) { settings.neverVisitedMin = g.below(4) }
    if g.chance(50) { settings.followUpsMin = g.below(4) }
    for _ in 0..<g.below(3) where g.chance(40) {
        let id = candidates[g.below(n)].id
        if !settings.include.contains(id) { settings.include.append(id) }
    }
    for _ in 0..<g.below(3) where g.chance(40) {
        let id = candidates[g.below(n)].id
        if !settings.exclude.contains(id) { settings.exclude.append(id) }
    }
    return TestInstance(candidates: candidates, settings: settings)
}

/// A small instance made to tie: 4–6 candidates scoring alike, the first four one in each cell of
/// (Asia, Europe) × (comprehensive, follow-up), exact visits per region and exactly f follow-ups
/// (a minimum of f, and a budget that allows no more, follow-ups being dearer). With two visits,
/// one per region and one follow-up, the lists are {Asia comprehensive, Europe follow-up} and
/// {Asia follow-up, Europe comprehensive}, which tie whenever their ranks sum alike (1 + 4 = 2 + 3).
func tiedInstance(seed: UInt64) -> TestInstance {
    var g = TestGenerator(seed: seed)
    let n = 4 + g.below(3)
    let values = [40.0, 40.0 + Double(1 + g.below(3))]
    let candidates = (0..<n).map { k in
        let cell = k < 4 ? k : g.below(4)
        return TestCandidate(
            id: "T" + String(k < 10 ? "0\(k)" : "\(k)"), region: cell < 2 ? "Asia" : "Europe",
            score: values[g.chance(85) ? 0 : 1], profile: cell % 2 == 0 ? .old : .followUp,
            consent: g.chance(5) ? .refused : .given)
    }
    let visits = g.chance(60) ? 2 : 2 + g.below(3)
    let asia = visits == 2 ? 1 : g.below(visits + 1)
    let followUps = visits == 2 ? 1 : g.below(visits + 1)
    return TestInstance(
        candidates: candidates,
        settings: PlanningSettings(
            visits: visits, budget: Double(20 * (visits - followUps) + 45 * followUps),
            cost: [.comprehensive: 20, .followUp: 45], comprehensiveAfterYears: 5, cooldownYears: 2,
            regions: [
                ("Asia", RegionBounds(min: asia, max: asia)),
                ("Europe", RegionBounds(min: visits - asia, max: visits - asia)),
            ],
            followUpsMin: followUps))
}

/// The optimal list by brute force over every subset, in ascending index order: largest score sum
/// counted in 1e-6 quanta, then smallest rank sum, then lexicographically best by rank.
func bruteForceList(_ instance: TestInstance, rank: [Int]) -> [Int]? {
    var best: (score: Int, rank: Int, ranks: [Int], list: [Int])?
    func quanta(_ i: Int) -> Int { Int((instance.candidates[i].score / 1e-6).rounded()) }
    forEachFeasibleList(instance) { list in
        let key = (
            score: list.reduce(0) { $0 + quanta($1) }, rank: list.reduce(0) { $0 + rank[$1] },
            ranks: list.map { rank[$0] }.sorted(), list: list
        )
        guard let current = best else { best = key; return }
        if key.score != current.score { if key.score > current.score { best = key }; return }
        if key.rank != current.rank { if key.rank < current.rank { best = key }; return }
        if key.ranks.lexicographicallyPrecedes(current.ranks) { best = key }
    }
    return best?.list
}

/// Whether another feasible list has the same score and rank sums as `best`.
func bruteForceTies(_ instance: TestInstance, rank: [Int], best: [Int]) -> Bool {
    func quanta(_ i: Int) -> Int { Int((instance.candidates[i].score / 1e-6).rounded()) }
    let target = (best.reduce(0) { $0 + quanta($1) }, best.reduce(0) { $0 + rank[$1] })
    var tie = false
    forEachFeasibleList(instance) { list in
        if list != best, (list.reduce(0) { $0 + quanta($1) }, list.reduce(0) { $0 + rank[$1] }) == target {
            tie = true
        }
    }
    return tie
}

/// Calls `body` with every feasible list (ascending indices) of exactly `visits` candidates.
func forEachFeasibleList(_ instance: TestInstance, _ body: ([Int]) -> Void) {
    var list: [Int] = []
    let n = instance.candidates.count, visits = instance.settings.visits
    func extend(from start: Int) {
        if list.count == visits {
            if instance.isFeasible(list) { body(list) }
            return
        }
        guard start + visits - list.count <= n else { return }
        for i in start...(n - (visits - list.count)) {
            list.append(i)
            extend(from: i + 1)
            list.removeLast()
        }
    }
    extend(from: 0)
}
