import Dataset
import Planning
import Scoring
import Sensitivity
import TestSupport
import Testing

@Suite struct PlanWithoutPerturbationTests {
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
        let frequency = try analysis.selectionFrequency(samples: 3, seed: 1, planning: try planning(problem))
        #expect(frequency.infeasible == 0)
        for (c, id) in analysis.ids.enumerated() {
            #expect(frequency.probability(c) == (plan.selectedIDs.contains(id) ? 1 : 0))
        }
    }
}
