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
