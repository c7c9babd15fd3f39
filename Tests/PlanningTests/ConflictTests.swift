import Dataset
import Testing
@testable import Planning

@Suite struct ConflictTests {
    func conflict(of instance: TestInstance) throws -> Conflict? {
        do {
            _ = try makePlan(instance.problem)
            return nil
        } catch PlanningError.infeasible(let conflict) {
            return conflict
        }
    }

    /// Five candidates in each of Africa, Europe and Asia, all comprehensive, two never visited per
    /// region. Mins of 3 + 3 + 1 = 7 cannot fit in 6 visits; dropping any one of the four groups
    /// makes a list possible (the other constraints never bind), so the conflict is exactly these
    /// four, whatever the order of search.
    @Test func regionalMinimaAboveTheVisitCount() throws {
        var candidates: [TestCandidate] = []
        for (r, region) in ["Africa", "Europe", "Asia"].enumerated() {
            for k in 0..<5 {
                candidates.append(TestCandidate(id: "\(region.prefix(2).uppercased())\(k)", region: region,
                                                score: Double(10 * r + k), profile: k < 2 ? .never : .old,
                                                consent: .given))
            }
        }
        let instance = TestInstance(candidates: candidates, settings: PlanningSettings(
            visits: 6, budget: 1000, cost: [.comprehensive: 45, .followUp: 20],
            regions: [("Africa", RegionBounds(min: 3)), ("Europe", RegionBounds(min: 3)),
                      ("Asia", RegionBounds(min: 1)), ("Oceania", RegionBounds(max: 1))],
            neverVisitedMin: 1))
        let found = try #require(try conflict(of: instance))
        #expect(Set(found.groups) == [.visits, .regionMin("Africa"), .regionMin("Europe"), .regionMin("Asia")])
        #expect(found.description.hasPrefix("Africa min 3 + Europe min 3 + Asia min 1 cannot hold with 6 visits"))
    }

    /// Never-visited States cost 45 (comprehensive); three of them cost 135 > 130 even before the
    /// fourth visit, so the budget and the never-visited minimum conflict on their own: with either
    /// dropped a list exists (four follow-ups cost 80; without a budget anything goes), and
    /// dropping the visit count does not help.
    @Test func neverVisitedMinimumAgainstTheBudget() throws {
        let candidates = (0..<8).map { k in
            TestCandidate(id: "S\(k)", region: "World", score: Double(100 - k), profile: k < 4 ? .never : .followUp,
                          consent: .given)
        }
        let instance = TestInstance(candidates: candidates, settings: PlanningSettings(
            visits: 4, budget: 130, cost: [.comprehensive: 45, .followUp: 20], neverVisitedMin: 3))
        let found = try #require(try conflict(of: instance))
        #expect(found.groups == [.budget, .neverVisitedMin])
        #expect(found.description.hasPrefix("never-visited min 3 cannot hold with budget 130"))
    }

    /// Infeasibility is declared exactly when the brute force finds no list, and the conflict is
    /// irreducible: dropping any one of its groups leaves a feasible problem.
    @Test(arguments: 400..<440 as Range<UInt64>)
    func reportedConflictsAreIrreducible(seed: UInt64) throws {
        var instance = randomInstance(seed: seed)
        instance.settings.neverVisitedMin = (instance.settings.neverVisitedMin ?? 0) + 1
        let found = try conflict(of: instance)
        #expect((found == nil) == (instance.bruteForceOptimum() != nil))
        guard let found else { return }
        let formulation = try Formulation(instance.problem)
        #expect(try formulation.solveList(groups: Set(found.groups)) == nil)
        for group in found.groups {
            #expect(try formulation.solveList(groups: Set(found.groups).subtracting([group])) != nil,
                    "seed \(seed): \(group) could be dropped from \(found.groups)")
        }
    }
}
