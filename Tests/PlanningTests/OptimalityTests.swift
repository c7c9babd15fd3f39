import Dataset
import Testing

@testable import Planning

@Suite struct OptimalityTests {
    /// CBC's list has the brute-force optimum's score sum on random small instances with region,
    /// budget, never-visited, follow-up, include and exclude constraints, and is itself feasible;
    /// when no subset is feasible, the planner says so.
    @Test(arguments: 0..<8)
    func objectiveEqualsBruteForceOptimum(block: UInt64) throws {
        var feasible = 0
        for k in 0..<40 as Range<UInt64> {
            let instance = randomInstance(seed: 1_000 + block * 40 + k)
            let problem = instance.problem
            let formulation = try Formulation(problem)
            let list = try formulation.solveList(objective: formulation.planObjective())
            guard let optimum = instance.bruteForceOptimum() else {
                #expect(list == nil, "seed \(1_000 + block * 40 + k): brute force finds no list")
                continue
            }
            feasible += 1
            let chosen = try #require(list, "seed \(1_000 + block * 40 + k): brute force finds \(optimum)")
            #expect(instance.isFeasible(chosen))
            let sum = chosen.reduce(0) { $0 + instance.candidates[$1].score }
            #expect(abs(sum - optimum) < 1e-9, "seed \(1_000 + block * 40 + k): \(sum) vs \(optimum)")
        }
        #expect(feasible >= 10, "too few feasible instances to mean anything: \(feasible)")
    }

    /// The public entry point reports the same optimum, computed from the unperturbed scores.
    @Test(arguments: [7, 21, 33, 58, 90] as [UInt64])
    func makePlanReportsTheOptimum(seed: UInt64) throws {
        let instance = randomInstance(seed: seed)
        if let optimum = instance.bruteForceOptimum() {
            let plan = try makePlan(instance.problem)
            #expect(abs(plan.objective - optimum) < 1e-9)
            let indices = plan.selected.map { id in instance.candidates.firstIndex { $0.id == id.id }! }
            #expect(instance.isFeasible(indices))
        } else {
            #expect(throws: PlanningError.self) { try makePlan(instance.problem) }
        }
    }

    /// Thirty candidates in a few classes of interchangeable States (same region, visit type and
    /// never-visited flag): the planner's reduction to the best `visits` of each class must not
    /// lose the optimum (brute force over all C(30, 4) = 27,405 lists).
    @Test(arguments: [11, 12, 13] as [UInt64])
    func manyInterchangeableCandidates(seed: UInt64) throws {
        var g = TestGenerator(seed: seed)
        let candidates = (0..<30).map { (k: Int) -> TestCandidate in
            let region = k % 3 == 0 ? "Africa" : "Europe"
            let profile: Profile = k % 5 == 0 ? .never : (k % 2 == 0 ? .followUp : .old)
            return TestCandidate(
                id: "X\(k < 10 ? "0" : "")\(k)", region: region,
                score: Double(g.below(500_001)) / 10_000, profile: profile, consent: .given)
        }
        let instance = TestInstance(
            candidates: candidates,
            settings: PlanningSettings(
                visits: 4, budget: 130, cost: [.comprehensive: 45, .followUp: 20],
                regions: [("Africa", RegionBounds(min: 2))], neverVisitedMin: 1, include: ["X01"]))
        let optimum = try #require(instance.bruteForceOptimum())
        let plan = try makePlan(instance.problem)
        #expect(abs(plan.objective - optimum) < 1e-9)
    }
}
