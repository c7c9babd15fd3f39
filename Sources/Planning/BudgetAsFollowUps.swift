import Dataset

extension PlanningSettings {
    /// The numbers of follow-ups f for which a list of exactly `visits` fits the budget:
    /// (visits − f) × cost(comprehensive) + f × cost(follow-up) ≤ budget. Nil without a budget;
    /// empty when no list fits.
    ///
    /// A visit's cost is fixed by its type (SPEC §5), so on a list of exactly `visits` the budget
    /// says nothing but this: the grouped planner and the programme count follow-ups in its place.
    /// The f that fit are consecutive, as the cost is linear in f.
    var followUpsWithinBudget: Range<Int>? {
        guard let budget else { return nil }
        let comprehensive = cost[.comprehensive] ?? 0
        let followUp = cost[.followUp] ?? 0
        let fits = (0...Swift.max(0, visits)).filter { f in
            Double(visits - f) * comprehensive + Double(f) * followUp <= budget + 1e-7
        }
        guard let first = fits.first, let last = fits.last else { return 0..<0 }
        return first..<(last + 1)
    }
}
