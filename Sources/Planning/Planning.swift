// The planner (SPEC §5): the annual visit list, solved exactly with CBC and explained.

/// Proposes the annual visit list: the list of exactly `visits` candidates with the largest sum of
/// scores that satisfies every constraint of `planning`, with ties broken by rank.
///
/// - Parameter problem: the scored candidates in dataset order, the settings and `as_of`.
/// - Returns: the list with its reasons, the reserve, every constraint's status and, for each
///   candidate within the top 2 × visits left out, why (re-solving with it forced in).
/// - Throws: `PlanningError.infeasible(conflict:)` naming the smallest conflicting set of
///   constraint groups found; `PlanningError.unknownCandidate` for an unknown include/exclude id.
/// - Complexity: one CBC solve for the list, one per eligible top candidate left out, and one per
///   constraint group for a conflict.
public func makePlan(_ problem: PlanProblem) throws -> Plan {
    let formulation = try Formulation(problem)
    let objective = formulation.planObjective()
    guard let list = try formulation.planList(objective: objective) else {
        throw PlanningError.infeasible(conflict: try formulation.conflict())
    }
    return try Explanation(formulation: formulation, objective: objective, selected: Set(list)).plan()
}
