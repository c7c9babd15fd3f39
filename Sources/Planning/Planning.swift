// The planner (SPEC §5): the annual visit list, solved exactly with CBC and explained.

/// Proposes the annual visit list: the list of exactly `visits` candidates with the largest sum of
/// scores that satisfies every constraint of `planning`, with ties broken by rank.
///
/// - Parameter problem: the scored candidates in dataset order, the settings and `as_of`.
/// - Returns: the list with its reasons, the reserve, every constraint's status and, for each
///   candidate within the top 2 × visits left out, why (re-solving with it forced in).
/// - Throws: `PlanningError.infeasible(conflict:)` naming the smallest conflicting set of
///   constraint groups found; `PlanningError.unknownCandidate` for an unknown include/exclude id.
/// - Complexity: one CBC solve for the list; for each eligible top candidate left out, a grouped
///   planner solve with it forced in (microseconds) when the problem has its structure, else CBC
///   solves; one CBC solve per constraint group for a conflict.
public func makePlan(_ problem: PlanProblem) throws -> Plan {
    try makePlan(problem, forcingByFlow: GroupedPlanner.unsupportedReason(problem) == nil)
}

/// ``makePlan(_:)`` with the forced re-solves by the grouped planner (`forcingByFlow`, which needs
/// its structure) or by CBC: the tests compare both.
func makePlan(_ problem: PlanProblem, forcingByFlow: Bool) throws -> Plan {
    let formulation = try Formulation(problem)
    let objective = formulation.planObjective()
    guard let list = try formulation.planList(objective: objective) else {
        throw PlanningError.infeasible(conflict: try formulation.conflict())
    }
    var explanation = Explanation(formulation: formulation, objective: objective, selected: Set(list))
    explanation.forcedSolves = .planRule(flow: forcingByFlow)
    return try explanation.plan()
}
