import Dataset

/// What one constraint group asks of a list, written once: the sum of `weight` over the
/// candidates on the list that `counts` stays within `lower` … `upper`.
///
/// The program's rows, the violations of a list, the constraint statuses of a plan, the names
/// of a conflict and the counts of its settings all read this table (``Formulation/rule(_:)``),
/// so a group means the same thing everywhere.
struct ConstraintRule {
    /// Whether candidate i counts towards the group.
    var counts: (Int) -> Bool
    /// What a counted candidate adds (1: the group counts States).
    var weight: (Int) -> Double = { _ in 1 }
    var lower: Double = -.infinity
    var upper: Double = .infinity

    /// `=`, `>=` or `<=`: how the plan's constraint table prints it.
    var kind: ConstraintStatus.Kind {
        lower == upper ? .equal : lower.isFinite ? .atLeast : .atMost
    }

    /// The bound a person set: the lower one for a minimum or an equality, else the upper one.
    var bound: Double { lower.isFinite ? lower : upper }

    /// The group's value on `list`.
    func value(_ list: some Sequence<Int>) -> Double {
        list.reduce(0) { counts($1) ? $0 + weight($1) : $0 }
    }

    /// Whether `list` breaks it (by more than 1e-9, the solver's tolerance on the budget).
    func isBroken(by list: some Sequence<Int>) -> Bool {
        let v = value(list)
        return v < lower - 1e-9 || v > upper + 1e-9
    }
}

extension Formulation {
    /// The table of what each group means (the class of ``ConstraintRule``); nil for
    /// eligibility, which only says which candidates may be on a list at all.
    ///
    /// Include and exclude are bounds on columns in the program (fixed on, left out), but as
    /// rules they are the counts the plan reports: every included State on the list, no
    /// excluded one.
    func rule(_ group: ConstraintGroup) -> ConstraintRule? {
        let s = settings
        switch group {
        case .visits:
            let v = Double(s.visits)
            return ConstraintRule(counts: { _ in true }, lower: v, upper: v)
        case .budget:
            return ConstraintRule(counts: { _ in true }, weight: { facts[$0].cost }, upper: s.budget ?? .infinity)
        case .regionMin(let region):
            return ConstraintRule(
                counts: { candidates[$0].state.region == region },
                lower: Double(bounds(of: region)?.min ?? 0))
        case .regionMax(let region):
            return ConstraintRule(
                counts: { candidates[$0].state.region == region },
                upper: Double(bounds(of: region)?.max ?? Int.max))
        case .neverVisitedMin:
            return ConstraintRule(counts: { facts[$0].neverVisited }, lower: Double(s.neverVisitedMin ?? 0))
        case .followUpsMin:
            return ConstraintRule(counts: { facts[$0].isFollowUp }, lower: Double(s.followUpsMin ?? 0))
        case .include:
            let members = Set(included)
            let n = Double(members.count)
            return ConstraintRule(counts: { members.contains($0) }, lower: n, upper: n)
        case .exclude:
            return ConstraintRule(counts: { excluded.contains($0) }, lower: 0, upper: 0)
        case .eligibility:
            return nil
        }
    }

    /// The groups `settings` writes, in the order they are reported: visits, budget, each
    /// region's min and max, the never-visited and follow-up minimums, include, exclude, and
    /// eligibility when some candidate is ineligible.
    ///
    /// - Parameter vacuous: whether to keep minimums of 0 (the plan reports them; they constrain
    ///   nothing, so the program and the deletion filter leave them out).
    static func constraintGroups(
        _ settings: PlanningSettings, included: [Int], excluded: Set<Int>, anyIneligible: Bool, vacuous: Bool
    ) -> [ConstraintGroup] {
        func written(_ min: Int?) -> Bool { min.map { vacuous || $0 > 0 } ?? false }
        var groups: [ConstraintGroup] = [.visits]
        if settings.budget != nil { groups.append(.budget) }
        for (region, bounds) in settings.regions {
            if written(bounds.min) { groups.append(.regionMin(region)) }
            if bounds.max != nil { groups.append(.regionMax(region)) }
        }
        if written(settings.neverVisitedMin) { groups.append(.neverVisitedMin) }
        if written(settings.followUpsMin) { groups.append(.followUpsMin) }
        if !included.isEmpty { groups.append(.include) }
        if !excluded.isEmpty { groups.append(.exclude) }
        if anyIneligible { groups.append(.eligibility) }
        return groups
    }
}
