// The list alone, without its explanations: what the sensitivity engine re-solves per sample.

/// The ids of the optimal list of `problem` (the list `makePlan` would select), without the
/// reasons, reserves and re-solves that explain it.
///
/// - Returns: the selected ids in dataset order, or nil when no list satisfies the constraints.
/// - Throws: `PlanningError.unknownCandidate` for an unknown include/exclude id,
///   `PlanningError.solverFailed` when CBC gives no answer.
/// - Complexity: one CBC solve.
public func selectedIDs(_ problem: PlanProblem) throws -> [String]? {
    let formulation = try Formulation(problem)
    return try formulation.planList(objective: formulation.planObjective())?
        .map { problem.candidates[$0].state.id }
}

/// The optimal list of `problem` as `makePlan` selects it, each visit with its type, cost, score
/// and rank, by rank, without reasons, reserves or re-solves: what `visitplan batch --plan`
/// writes per scenario. The exact grouped planner (``GroupedPlanner``) selects it when the
/// problem fits its structure, CBC otherwise.
///
/// - Returns: the visits by rank, or nil when no list satisfies the constraints.
/// - Throws: `PlanningError.unknownCandidate` for an unknown include/exclude id,
///   `PlanningError.solverFailed` when CBC gives no answer.
public func selectedVisits(_ problem: PlanProblem) throws -> [SelectedVisit]? {
    let list: [Int]
    if GroupedPlanner.unsupportedReason(problem) == nil {
        guard let grouped = try GroupedPlanner(problem).select(problem) else { return nil }
        list = grouped
    } else {
        let formulation = try Formulation(problem)
        guard let solved = try formulation.planList(objective: formulation.planObjective()) else { return nil }
        list = solved
    }
    return list.sorted { problem.candidates[$0].rank < problem.candidates[$1].rank }.map { i in
        let candidate = problem.candidates[i]
        let facts = CandidateFacts(candidate, settings: problem.settings, asOf: problem.asOf)
        return SelectedVisit(id: candidate.state.id, name: candidate.state.name, region: candidate.state.region,
                             visitType: facts.visitType, cost: facts.cost, score: candidate.score, rank: candidate.rank,
                             drivers: candidate.drivers, serves: [])
    }
}
