import Benchmark
import BenchmarkInputs
import BenchmarkTolerances
import Dataset
import Planning
import Scoring

// The planner (exact, on COIN-OR CBC): the list alone (one solve) and the full explained plan
// (the list, the reserve, and one re-solve per top-ranked candidate left out), on the shipped
// dataset and on a `visitplan synth` dataset of 10,000 candidates; and the explained programme of
// 5 years (SPEC §10: the solve, one re-solve per deferred State and per change from the one-year
// plan) on both. Scoring and loading excluded.

/// The planning problem of a dataset, as `visitplan plan` builds it.
func planProblem(_ dataset: Dataset) throws -> PlanProblem {
    let table = try score(dataset)
    let candidates = table.candidates.enumerated().map { i, c in
        PlanCandidate(
            state: dataset.states[i], score: c.score.isNaN ? 0 : c.score, rank: c.rank,
            drivers: table.driverIDs(of: c))
    }
    return PlanProblem(candidates: candidates, settings: dataset.model.planning!, asOf: dataset.model.asOf)
}

/// The programme problem of a dataset over `years`, as `visitplan programme` builds it: each year
/// scored with the engagement facts at its date.
func programmeProblem(_ dataset: Dataset, years: Int) throws -> ProgrammeProblem {
    let oneYear = try planProblem(dataset)
    let settings = dataset.model.programme ?? ProgrammeSettings()
    let problems = try (1...years).map { y -> PlanProblem in
        var aged = dataset
        let date = ProgrammeProblem.date(ofYear: y, asOf: dataset.model.asOf)
        aged.engagementDate = y == 1 ? nil : date
        let plan = try planProblem(aged)
        return PlanProblem(
            candidates: plan.candidates,
            settings: ProgrammeProblem.settings(ofYear: y, planning: oneYear.settings, programme: settings),
            asOf: date)
    }
    return ProgrammeProblem(
        years: problems, discount: settings.discount,
        neverVisitedWithin: settings.neverVisitedWithin, oneYearPlan: oneYear)
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .measuring([.wallClock, solveMilliseconds])

    let instances: [(name: String, load: @Sendable () throws -> Dataset)] = [
        ("shipped-193", { try shippedDataset() }),
        ("synthetic-10000", { try synthesisedDataset(candidates: 10_000, seed: 1) }),
    ]
    for instance in instances {
        Benchmark(
            "list-one-solve-\(instance.name)",
            configuration: .measuring([.wallClock, solveMilliseconds], maxIterations: 20)
        ) {
            (benchmark: Benchmark, problem: PlanProblem) in
            for _ in benchmark.scaledIterations {
                let (list, seconds) = try timed { try selectedIDs(problem) }
                blackHole(list?.count)
                benchmark.measurement(solveMilliseconds, Int((seconds * 1000).rounded()))
            }
        } setup: {
            try planProblem(instance.load())
        }

        Benchmark(
            "explained-plan-\(instance.name)",
            configuration: .measuring([.wallClock, solveMilliseconds], maxIterations: 10)
        ) {
            (benchmark: Benchmark, problem: PlanProblem) in
            for _ in benchmark.scaledIterations {
                let (plan, seconds) = try timed { try makePlan(problem) }
                blackHole(plan.selected.count)
                benchmark.measurement(solveMilliseconds, Int((seconds * 1000).rounded()))
            }
        } setup: {
            try planProblem(instance.load())
        }

        Benchmark(
            "explained-programme-5-years-\(instance.name)",
            configuration: .measuring([.wallClock, solveMilliseconds], maxIterations: 10)
        ) {
            (benchmark: Benchmark, problem: ProgrammeProblem) in
            for _ in benchmark.scaledIterations {
                let (programme, seconds) = try timed { try makeProgramme(problem) }
                blackHole(programme.deferred.count)
                benchmark.measurement(solveMilliseconds, Int((seconds * 1000).rounded()))
            }
        } setup: {
            try programmeProblem(instance.load(), years: 5)
        }
    }
}
