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
        return SelectedVisit(
            id: candidate.state.id, name: candidate.state.name, region: candidate.state.region,
            visitType: facts.visitType, cost: facts.cost, score: candidate.score, rank: candidate.rank,
            drivers: candidate.drivers, serves: [])
    }
}

/// The planner of perturbed samples: the list of `problem` for other scores and ranks, the
/// constraints kept, as `makePlan` would select it. The sensitivity engine calls it on every
/// sample (`visitplan sensitivity --plan`, the report's P(selected)).
///
/// The grouped planner selects when the problem has its structure (every problem built from a
/// dataset has it): microseconds a sample, one workspace per thread. Otherwise, or when asked,
/// CBC selects, one sample at a time.
public struct SampleSelector: Sendable {
    /// Why CBC selects rather than the grouped planner; nil when the grouped planner does.
    public let cbcReason: String?
    let problem: PlanProblem
    let grouped: GroupedPlanner?

    /// - Parameter usingCBC: CBC on every sample even when the grouped planner could select
    ///   (the tests compare both).
    /// - Throws: `PlanningError.unknownCandidate` for an unknown include/exclude id.
    public init(_ problem: PlanProblem, usingCBC: Bool = false) throws {
        self.problem = problem
        cbcReason = usingCBC ? "requested" : GroupedPlanner.unsupportedReason(problem)
        grouped = cbcReason == nil ? try GroupedPlanner(problem) : nil
    }

    /// One thread's selection: given each candidate's score (dataset order, none NaN) and the
    /// candidates by rank (candidate `byRank[p]` has rank p + 1), the candidates on the list in
    /// ascending order, or nil when no list satisfies the constraints.
    ///
    /// - Complexity: one flow of `visits` augmentations by the grouped planner, else one CBC solve.
    public func makeSelect() -> (UnsafeBufferPointer<Double>, UnsafeBufferPointer<Int>) throws -> [Int]? {
        if let grouped {
            var workspace = GroupedPlanner.Workspace()
            return { scores, byRank in
                grouped.select(scores: scores, byRank: byRank, into: &workspace) ? workspace.list : nil
            }
        }
        var perturbed = problem
        return { scores, byRank in
            for (p, i) in byRank.enumerated() {
                perturbed.candidates[i].score = scores[i]
                perturbed.candidates[i].rank = p + 1
            }
            let formulation = try Formulation(perturbed)
            return try formulation.planList(objective: formulation.planObjective())?.sorted()
        }
    }
}
