import Dataset
import Testing

@testable import Planning

/// The costs of forcing a State in (the "Not selected" explanations) are the same whether the
/// re-solves with it forced in go to the grouped planner or to CBC, and equal what a brute force
/// over every list finds.
@Suite struct ForcedCostTests {
    /// On random instances (the grouped planner's test family: budgets, regional bounds, quotas,
    /// includes, excludes, ineligible States, ties half of the time), the plan explained with the
    /// forced re-solves by the grouped planner equals, field for field and word for word, the plan
    /// explained with CBC re-solves; both agree on infeasibility.
    @Test(arguments: 0..<8)
    func flowAndCBCGiveTheSameExplanations(block: UInt64) throws {
        var forcedCosts = 0, ties = 0, plans = 0
        for k in 0..<50 as Range<UInt64> {
            let seed = 120_000 + block * 50 + k
            let problem = randomGroupedInstance(seed: seed).problem
            #expect(GroupedPlanner.unsupportedReason(problem) == nil)
            let byCBC = try planOrNil(problem, forcingByFlow: false)
            let byFlow = try planOrNil(problem, forcingByFlow: true)
            #expect(byFlow == byCBC, "seed \(seed)")
            guard let byCBC else { continue }
            plans += 1
            forcedCosts += byCBC.excluded.filter { $0.objectiveCost != nil }.count
            ties += byCBC.excluded.filter { $0.kind == .tie }.count
        }
        // Not vacuous: plenty of forced re-solves, some of them ties settled by the tie rule.
        #expect(
            plans >= 20 && forcedCosts >= 40 && ties >= 1,
            "plans \(plans), forced costs \(forcedCosts), ties \(ties)")
    }

    /// On small instances, each forced cost is the plan's score sum minus that of the list a brute
    /// force finds with the State included (every subset; best score sum in 1e-6 quanta, then the
    /// smallest rank sum, then the best-ranked State first), and the displaced States are the
    /// plan's States missing from that list.
    @Test(arguments: 0..<4)
    func forcedCostsMatchBruteForce(block: UInt64) throws {
        var checked = 0
        for k in 0..<40 as Range<UInt64> {
            let seed = 130_000 + block * 40 + k
            let instance = randomGroupedInstance(seed: seed, maxCandidates: 12, maxVisits: 5)
            guard let plan = try planOrNil(instance.problem, forcingByFlow: true) else { continue }
            let rank = ranks(instance.candidates)
            let index = Dictionary(uniqueKeysWithValues: instance.candidates.enumerated().map { ($1.id, $0) })
            for exclusion in plan.excluded {
                guard let cost = exclusion.objectiveCost else { continue }
                var forced = instance
                forced.settings.include.append(exclusion.id)
                let list = try #require(bruteForceList(forced, rank: rank), "seed \(seed), \(exclusion.id)")
                let forcedSum = list.reduce(0) { $0 + instance.candidates[$1].score }
                var expected = plan.objective - forcedSum
                if abs(expected) < 5e-5 { expected = 0 }  // a tie, as the reasons report it
                #expect(abs(cost - expected) < 1e-9 * max(1, abs(plan.objective)), "seed \(seed), \(exclusion.id)")
                let kept = Set(list.map { instance.candidates[$0].id })
                let displaced = plan.selected.map(\.id).filter { !kept.contains($0) }
                #expect(exclusion.displaces == displaced, "seed \(seed), \(exclusion.id)")
                #expect(index[exclusion.id] != nil)
                checked += 1
            }
        }
        #expect(checked >= 12, "only \(checked) forced costs checked")
    }

    func planOrNil(_ problem: PlanProblem, forcingByFlow: Bool) throws -> Plan? {
        do {
            return try makePlan(problem, forcingByFlow: forcingByFlow)
        } catch PlanningError.infeasible {
            return nil
        }
    }
}
