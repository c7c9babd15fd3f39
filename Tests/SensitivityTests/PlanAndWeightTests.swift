import Dataset
import Numerics
import Planning
import Scoring
import TestSupport
import Testing
@testable import Sensitivity

@Suite struct PlanAndWeightTests {
    /// With no perturbation every re-solved list is the planner's list.
    @Test func selectionWithoutPerturbationIsThePlan() throws {
        var dataset = shippedCycle
        dataset.model.sensitivity.perturbation = .uniform(spread: 0)
        let table = try score(dataset)
        let candidates = table.candidates.enumerated().map { i, c in
            PlanCandidate(state: dataset.states[i], score: c.score.isNaN ? 0 : c.score, rank: c.rank)
        }
        let problem = PlanProblem(candidates: candidates, settings: dataset.model.planning!, asOf: dataset.model.asOf)
        let plan = try makePlan(problem)
        let analysis = try SensitivityAnalysis(dataset: dataset)
        let frequency = try analysis.selectionFrequency(problem: problem, samples: 3, seed: 1)
        #expect(frequency.infeasible == 0)
        for (c, id) in analysis.ids.enumerated() {
            #expect(frequency.probability(c) == (plan.selectedIDs.contains(id) ? 1 : 0))
        }
    }

    /// Leaves a (weight 1) and b (weight 2) with b constant: the score is a function of a alone,
    /// so a carries all the effective weight (r² = 1) against a nominal third, and b none
    /// against two thirds. Both differ from their weight by more than a factor of 2.
    @Test func aConstantLeafHasNoEffectiveWeight() throws {
        let dataset = makeDataset(
            ids: ["A", "B", "C", "D"], columns: ["a": [0.1, 0.7, 0.3, 0.9], "b": [0.5, 0.5, 0.5, 0.5]],
            criteria: [leaf("a"), leaf("b", weight: 2)])
        let influence = try SensitivityAnalysis(dataset: dataset).weightInfluence()
        #expect(influence.map(\.id) == ["a", "b"])
        #expect(influence[0].nominal.isApproximatelyEqual(to: 1.0 / 3, relativeTolerance: 1e-12))
        #expect(influence[0].correlation.isApproximatelyEqual(to: 1, relativeTolerance: 1e-12))
        #expect(influence[0].effective.isApproximatelyEqual(to: 1, relativeTolerance: 1e-12))
        #expect(influence[1].effective == 0)
        #expect(influence.allSatisfy { $0.flagged })
    }
}
