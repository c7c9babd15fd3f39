import Dataset

/// Turns an optimal list into a `Plan`: what each visit serves, every constraint's status, why each
/// top candidate is out (re-solving with it forced in), and the reserve list.
struct Explanation {
    let formulation: Formulation
    /// The objective the list optimises, reused for the forced re-solves.
    let objective: [Int]
    /// Candidate indices on the list.
    let selected: Set<Int>
    /// In a revision, the adopted visits (the revision keeps as many as it can); empty for a plan.
    var adopted: Set<Int> = []
    /// In a revision, the States withdrawn by its decisions (so far in the chain).
    var withdrawn: Set<Int> = []
    /// How the lists with one State forced in are solved.
    var forcedSolves = ForcedSolves.anyOptimum

    /// How the lists with one State forced in (the costs of forcing) are solved.
    enum ForcedSolves {
        /// CBC on `objective`, any optimum: for a revision, whose objective is not the plan's.
        case anyOptimum
        /// The plan's own rule with the State included: the best score sum, then ranks, then the
        /// tie rule, so the displaced States do not depend on the solver's path. By the grouped
        /// planner when `flow` (the problem has its structure; proven equal to CBC by the tests),
        /// otherwise by CBC.
        case planRule(flow: Bool)
    }

    private var f: Formulation { formulation }
    private var candidates: [PlanCandidate] { formulation.candidates }

    func plan() throws -> Plan {
        let list = byRank(selected)
        return Plan(
            asOf: f.problem.asOf.description,
            visits: f.settings.visits,
            selected: list.map(selectedVisit),
            reserve: reserve(),
            constraints: constraintStatuses(),
            excluded: try exclusions(),
            objective: scoreSum(selected),
            totalCost: list.reduce(0) { $0 + f.facts[$1].cost }
        )
    }

    // MARK: Selected

    func selectedVisit(_ i: Int) -> SelectedVisit {
        let c = candidates[i]
        return SelectedVisit(
            id: c.state.id, name: c.state.name, region: c.state.region, visitType: f.facts[i].visitType,
            cost: f.facts[i].cost, score: c.score, rank: c.rank, drivers: c.drivers, serves: serves(i))
    }

    /// The constraints this visit serves: it fills a minimum when taking it off breaks that minimum.
    func serves(_ i: Int) -> [VisitReason] {
        let state = candidates[i].state
        let facts = f.facts[i]
        var serves: [VisitReason] = []
        if f.included.contains(i) { serves.append(.includedByDecision) }
        if let min = f.bounds(of: state.region)?.min, min > 0,
            count(where: { candidates[$0].state.region == state.region }) == min
        {
            serves.append(.fillsRegionMinimum(region: state.region))
        }
        if facts.neverVisited {
            serves.append(.neverVisited)
            if let min = f.settings.neverVisitedMin, min > 0, count(where: { f.facts[$0].neverVisited }) == min {
                serves.append(.fillsNeverVisitedMinimum)
            }
        }
        if facts.isFollowUp {
            serves.append(.followUp)
            if let min = f.settings.followUpsMin, min > 0, count(where: { f.facts[$0].isFollowUp }) == min {
                serves.append(.fillsFollowUpMinimum)
            }
        }
        if state.requestedVisit { serves.append(.requestedVisit) }
        return serves
    }

    // MARK: Constraints

    /// Every constraint the settings write (minimums of 0 too) with its value on the list.
    func constraintStatuses() -> [ConstraintStatus] {
        let written = Formulation.constraintGroups(
            f.settings, included: f.included, excluded: f.excluded,
            anyIneligible: false, vacuous: true)
        return written.compactMap { group -> ConstraintStatus? in
            guard let rule = f.rule(group) else { return nil }
            return ConstraintStatus(
                constraint: group, kind: rule.kind, value: rule.value(selected), bound: rule.bound,
                smallestSwap: group == .budget ? smallestCostRise() : nil)
        }
    }

    /// The least a swap can add to the cost: a State of the list (not included by decision) out,
    /// an eligible one that is not excluded in; nil when no swap raises the cost.
    /// - Complexity: O(n) (costs are per visit type, so only the distinct costs on each side count).
    func smallestCostRise() -> Double? {
        let leaving = Set(selected.filter { !f.included.contains($0) }.map { f.facts[$0].cost })
        let entering = Set(
            candidates.indices.filter {
                !selected.contains($0) && f.facts[$0].isEligible && !f.excluded.contains($0)
            }.map { f.facts[$0].cost })
        return leaving.flatMap { out in entering.map { $0 - out } }.filter { $0 > 0 }.min()
    }

    // MARK: Exclusions

    /// Every candidate ranked within the top 2 × visits but not on the list, with its reason.
    func exclusions() throws -> [Exclusion] {
        let top = candidates.indices.filter { candidates[$0].rank <= 2 * f.settings.visits && !selected.contains($0) }
        return try byRank(Set(top)).map(exclusion)
    }

    func exclusion(_ j: Int) throws -> Exclusion {
        let c = candidates[j]
        func make(_ reason: ExclusionReason, cost: Double? = nil, displaces: [String] = []) -> Exclusion {
            Exclusion(
                id: c.state.id, name: c.state.name, region: c.state.region, score: c.score, rank: c.rank,
                because: reason, objectiveCost: cost, displaces: displaces)
        }
        let facts = f.facts[j]
        if !facts.isEligible { return make(.ineligible(facts.ineligibility)) }
        if f.excluded.contains(j) { return make(.excluded(withdrawn: withdrawn.contains(j))) }

        guard let forced = try forcedList(j) else {
            let conflict = try f.conflict(forcedIn: [j])
            let kind: Exclusion.Kind =
                conflict.groups.contains(.regionMax(c.state.region))
                ? .regionFull
                : conflict.groups.contains(.budget) ? .budget : .constraint
            return make(.noList(kind, conflict: conflict))
        }
        let forcedSet = Set(forced)
        var cost = scoreSum(selected) - scoreSum(forcedSet)
        // The list is optimal for `objective`, so forcing j in never raises the score sum except
        // (in a revision) by taking more adopted visits off, handled below. What is left is the
        // quantisation of the objective (1e-6 a score at most): a tie, reported as 0.
        if abs(cost) < 5e-5 { cost = 0 }
        let displaced = byRank(selected.subtracting(forcedSet))
        let broughtIn = byRank(forcedSet.subtracting(selected).subtracting([j]))
        let displacedIDs = displaced.map { candidates[$0].state.id }

        // What holds each lower-scored selected visit in place against a direct swap with j.
        let lower = selected.filter { candidates[$0].score < c.score }
        let blockers = lower.map { s in violations(of: selected.subtracting([s]).union([j])) }
        let region = c.state.region
        let regionCount = count(where: { candidates[$0].state.region == region })
        let regionFull =
            f.bounds(of: region)?.max.map { regionCount >= $0 } ?? false
            && blockers.contains { $0.contains(.regionMax(region)) }
        let budgetBlocks = !blockers.isEmpty && blockers.allSatisfy { $0.contains(.budget) }

        let forcing = ExclusionReason.Forcing(
            cost: cost,
            displaced: displaced.map { .init(id: candidates[$0].state.id, holds: serves($0).filter(\.holdsInPlace)) },
            broughtIn: broughtIn.map { candidates[$0].state.id })
        let adoptedLost = selected.intersection(adopted).count - forcedSet.intersection(adopted).count
        if adoptedLost > 0 {
            let lost = byRank(selected.intersection(adopted).subtracting(forcedSet)).map { candidates[$0].state.id }
            return make(
                .keepsAdopted(count: adoptedLost, lost: lost, forcing: forcing),
                cost: cost > 0 ? cost : nil, displaces: displacedIDs)
        }
        if cost == 0 {
            return make(.tie(forcing), cost: cost, displaces: displacedIDs)
        }
        if regionFull, let max = f.bounds(of: region)?.max {
            return make(.regionFull(region: region, max: max, forcing: forcing), cost: cost, displaces: displacedIDs)
        }
        if budgetBlocks, let budget = f.settings.budget {
            // Every swap with a State it outscores would raise the cost by more than is left
            // (the list has no room for a visit more: their number is fixed).
            let outscored = byRank(lower)
            let types = VisitType.allCases.filter { t in outscored.contains { f.facts[$0].visitType == t } }
            let shortfall = ExclusionReason.BudgetShortfall(
                slack: budget - selected.reduce(0) { $0 + f.facts[$1].cost },
                visitType: facts.visitType, cost: facts.cost,
                dearest: outscored.map { f.facts[$0].cost }.max() ?? 0,
                dearestType: types.count == 1 ? types[0] : nil,
                outscored: outscored.map { candidates[$0].state.id })
            return make(.budget(shortfall, forcing: forcing), cost: cost, displaces: displacedIDs)
        }
        var heldBy: [String]?
        if !lower.isEmpty {
            var tally: [ConstraintGroup: Int] = [:]
            for groups in blockers { for g in groups { tally[g, default: 0] += 1 } }
            heldBy = f.groups.filter { tally[$0] != nil }.map(f.name)
        }
        return make(.tradeOff(heldBy: heldBy, forcing: forcing), cost: cost, displaces: displacedIDs)
    }

    /// The list with candidate j forced in, as `forcedSolves` says, or nil when no list holds it.
    func forcedList(_ j: Int) throws -> [Int]? {
        switch forcedSolves {
        case .anyOptimum:
            return try f.solveList(forcedIn: [j], objective: objective)
        case .planRule(let flow):
            let forced = try f.including(j)
            if flow { return GroupedPlanner(formulation: forced).select(forced.problem) }
            return try forced.planList(objective: objective, askingTheFlow: false)
        }
    }

    // MARK: Reserve

    /// The next `reserve` eligible, non-excluded candidates by rank, each with the selected visit it
    /// would replace (same region first, then the lowest-scored) if that State's consent is refused.
    func reserve() -> [ReserveEntry] {
        let pool = candidates.indices.filter {
            !selected.contains($0) && f.facts[$0].isEligible && !f.excluded.contains($0)
        }
        return byRank(Set(pool)).prefix(max(0, f.settings.reserve)).map { r in
            let c = candidates[r]
            let replaceable = byRank(selected).filter { s in
                violations(of: selected.subtracting([s]).union([r]), refused: s).isEmpty
            }
            let sameRegion = replaceable.filter { candidates[$0].state.region == c.state.region }
            let replaces = (sameRegion.last ?? replaceable.last).map { candidates[$0].state.id }
            return ReserveEntry(
                id: c.state.id, name: c.state.name, region: c.state.region, visitType: f.facts[r].visitType,
                cost: f.facts[r].cost, score: c.score, rank: c.rank, replaces: replaces,
                canReplace: replaceable.map { candidates[$0].state.id })
        }
    }

    // MARK: Helpers

    /// The groups a list breaks; an included State that `refused` consent no longer counts.
    func violations(of list: Set<Int>, refused: Int? = nil) -> [ConstraintGroup] {
        f.groups.filter { group in
            switch group {
            // Membership, not counts: a refused inclusion no longer counts.
            case .include: return f.included.contains { $0 != refused && !list.contains($0) }
            case .exclude: return list.contains { f.excluded.contains($0) }
            case .eligibility: return list.contains { !f.facts[$0].isEligible }
            case .visits, .budget, .regionMin, .regionMax, .neverVisitedMin, .followUpsMin:
                return f.rule(group)?.isBroken(by: list) ?? false
            }
        }
    }

    func count(where member: (Int) -> Bool) -> Int { selected.filter(member).count }

    func scoreSum(_ list: Set<Int>) -> Double {
        // Summed by rank so the same list always gives the same bits.
        byRank(list).reduce(0) { $0 + candidates[$1].score }
    }

    func byRank(_ list: Set<Int>) -> [Int] {
        list.sorted { (candidates[$0].rank, candidates[$0].state.id) < (candidates[$1].rank, candidates[$1].state.id) }
    }
}
