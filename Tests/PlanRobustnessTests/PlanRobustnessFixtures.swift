import Dataset
import Foundation
import Planning
import Report
import Scoring
import Sensitivity
import TestSupport

// The planner the P(selected) tests hand to the sensitivity engine, and the data they run on.

/// The nominal planning problem of a dataset, candidates in dataset order.
func nominalProblem(_ dataset: Dataset, settings: PlanningSettings? = nil) throws -> PlanProblem {
    let table = try score(dataset)
    let candidates = table.candidates.enumerated().map { i, c in
        PlanCandidate(state: dataset.states[i], score: c.score.isNaN ? 0 : c.score, rank: c.rank)
    }
    return PlanProblem(
        candidates: candidates, settings: settings ?? dataset.model.planning!,
        asOf: dataset.model.asOf)
}

/// The planner of `problem` as the CLI and the report supply it (CBC on every sample with `usingCBC`).
func planning(_ problem: PlanProblem, usingCBC: Bool = false) throws -> SamplePlanning {
    let selector = try SampleSelector(problem, usingCBC: usingCBC)
    // Report's initialiser, the one the CLI and the report call, so the tests run the same wiring.
    return SamplePlanning(selector)
}
