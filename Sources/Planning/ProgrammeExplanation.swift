import Dataset

// The programme planner (SPEC §10): one exact CBC solve for the programme, then the re-solves that
// explain it.

/// Plans the programme: every year's list at once, each State at most once, maximising the
/// discounted sum of scores, with ties broken by rank, earlier years first (see
/// Guides/Programme.md for the model written out).
///
/// - Returns: the years' lists with reasons, every deferred State with why (re-solving with it
///   forced into the earlier year), what year 1 changes compared with the one-year plan, and with
///   `problem.adopted` what changed from the adopted programme.
/// - Throws: `ProgrammeError.infeasible` naming the smallest conflicting set of constraints found,
///   with their years; `PlanningError.unknownCandidate` for an unknown include/exclude id.
/// - Complexity: one CBC solve, one per deferred State and per State that differs between year 1
///   and the one-year plan, and one per constraint for a conflict.
public func makeProgramme(_ problem: ProgrammeProblem) throws -> Programme {
    let f = try ProgrammeFormulation(problem)
    guard let best = try f.solveProgramme() else {
        throw ProgrammeError.infeasible(conflict: try f.conflict(), section: f.section)
    }
    return try ProgrammeExplanation(formulation: f, best: best).programme()
}

/// Turns an optimal programme into a `Programme` with its reasons.
struct ProgrammeExplanation {
    let formulation: ProgrammeFormulation
    let best: Set<Assignment>

    private var f: ProgrammeFormulation { formulation }

    func programme() throws -> Programme {
        let deferred = try deferrals()
        let first = problemAsOf
        return Programme(
            asOf: first.description, horizon: f.horizon, discount: f.problem.discount,
            neverVisitedWithin: f.problem.neverVisitedWithin, years: (1...f.horizon).map(year),
            objective: f.value(best), deferred: deferred, yearOne: try yearOne(deferred: deferred),
            revision: f.adopted.isEmpty && f.problem.adopted.isEmpty ? nil : revision(), dataset: nil)
    }

    var problemAsOf: CalendarDate { f.problem.years[0].asOf }

    // MARK: Years

    func year(_ y: Int) -> ProgrammeYear {
        let single = f.years[y - 1]
        let selected = Set(best.filter { $0.year == y }.map(\.state))
        let explanation = Explanation(formulation: single, objective: [], selected: selected)
        let list = explanation.byRank(selected).map { i in
            var visit = explanation.selectedVisit(i)
            if f.problem.neverVisitedWithin != nil, f.required.contains(i) {
                visit.serves.append(.dueWithin(years: f.problem.neverVisitedWithin ?? 0))
            }
            if f.adopted.contains(Assignment(state: i, year: y)) { visit.serves.append(.adopted(year: y)) }
            return visit
        }
        return ProgrammeYear(
            year: y, date: single.problem.asOf.description, weight: f.weights[y - 1], selected: list,
            constraints: explanation.constraintStatuses(), objective: explanation.scoreSum(selected),
            totalCost: list.reduce(0) { $0 + $1.cost })
    }

    // MARK: Deferred

    /// The first year in which `i` could be visited under every rule (eligible, not excluded).
    func firstPossibleYear(_ i: Int) -> Int? {
        (1...f.horizon).first { y in f.years[y - 1].isAvailable(i, groups: Set(f.years[y - 1].groups), forcedOut: []) }
    }

    func deferrals() throws -> [Deferral] {
        let later = best.filter { $0.year > 1 }.sorted {
            (f.years[$0.year - 1].candidates[$0.state].rank, $0.year) < (
                f.years[$1.year - 1].candidates[$1.state].rank, $1.year
            )
        }.sorted { $0.year < $1.year }
        var result: [Deferral] = []
        for a in later {
            guard let from = firstPossibleYear(a.state), from < a.year else { continue }
            result.append(try deferral(a, from: from))
        }
        return result
    }

    func id(_ i: Int) -> String { f.years[0].candidates[i].state.id }

    /// The year a programme puts `i` in (nil: out of the programme).
    func year(of i: Int, in programme: Set<Assignment>) -> Int? {
        programme.first { $0.state == i }?.year
    }

    /// The States of year `y` in `best` but not in `other`, by rank there, with where `other` puts them.
    func displaced(in y: Int, by other: Set<Assignment>) -> [ProgrammeDisplacement] {
        let candidates = f.years[y - 1].candidates
        return best.filter { $0.year == y && !other.contains($0) }.map(\.state)
            .sorted { (candidates[$0].rank, id($0)) < (candidates[$1].rank, id($1)) }
            .map { ProgrammeDisplacement(id: id($0), year: year(of: $0, in: other)) }
    }

    func cost(of other: Set<Assignment>) -> Double {
        let cost = f.value(best) - f.value(other)
        // Quantisation of the objective (1e-6 a score at most) is a tie, reported as 0.
        return abs(cost) < 5e-5 ? 0 : cost
    }

    func deferral(_ a: Assignment, from: Int) throws -> Deferral {
        let i = a.state
        let state = f.years[0].candidates[i].state
        func make(_ reason: Deferral.Reason, cost: Double? = nil, displaces: [String] = []) -> Deferral {
            Deferral(
                id: state.id, name: state.name, fromYear: from, toYear: a.year, reason: reason,
                objectiveCost: cost, displaces: displaces)
        }
        let earlier = Assignment(state: i, year: from)
        guard let forced = try f.solveProgramme(forcedIn: [earlier]) else {
            return make(.noProgramme(year: from, conflict: try f.conflict(forcedIn: [earlier])))
        }
        let cost = cost(of: forced)
        let out = displaced(in: from, by: forced)
        let forcing = ProgrammeForcing(cost: cost, displaced: out)
        let lostAdopted = best.intersection(f.adopted).count - forced.intersection(f.adopted).count
        if lostAdopted > 0 {
            return make(.keepsAdopted(year: from, lost: lostAdopted), cost: max(0, cost), displaces: out.map(\.id))
        }
        if cost == 0 {
            return make(.tie(year: from, forcing), cost: 0, displaces: out.map(\.id))
        }
        let worth = Deferral.Reason.Worth(
            fromYear: from, toYear: a.year, scoreFrom: f.years[from - 1].candidates[i].score,
            scoreTo: f.years[a.year - 1].candidates[i].score, valueFrom: f.value(earlier), valueTo: f.value(a),
            discount: f.problem.discount)
        if worth.valueTo > worth.valueFrom {
            return make(.discount(worth, forcing), cost: cost, displaces: out.map(\.id))
        }
        return make(.tradeOff(worth, forcing), cost: cost, displaces: out.map(\.id))
    }

    // MARK: Year 1 against the one-year plan

    func yearOne(deferred: [Deferral]) throws -> [YearOneChange] {
        guard let planProblem = f.problem.oneYearPlan else { return [] }
        let plan = try Formulation(planProblem)
        guard let list = try plan.solveList(objective: plan.planObjective()) else { return [] }
        let planned = Set(list)
        let yearOne = Set(best.filter { $0.year == 1 }.map(\.state))
        let candidates = f.years[0].candidates
        let byRank = { (set: Set<Int>) in set.sorted { (candidates[$0].rank, id($0)) < (candidates[$1].rank, id($1)) } }
        var changes: [YearOneChange] = []
        for i in byRank(planned.subtracting(yearOne)) {
            let placed = best.first { $0.state == i }?.year
            func make(_ reason: YearOneChange.Reason, _ cost: Double?) -> YearOneChange {
                YearOneChange(
                    id: id(i), name: candidates[i].state.name, change: .leaving, year: placed,
                    reasons: [reason], objectiveCost: cost)
            }
            if let deferral = deferred.first(where: { $0.id == id(i) && $0.fromYear == 1 }) {
                changes.append(make(.deferred(toYear: deferral.toYear, deferral.reason), deferral.objectiveCost))
                continue
            }
            let single = f.years[0]
            if !single.isAvailable(i, groups: Set(single.groups), forcedOut: []) {
                changes.append(make(.excludedFromYearOne, nil))
                continue
            }
            let earlier = Assignment(state: i, year: 1)
            guard let forced = try f.solveProgramme(forcedIn: [earlier]) else {
                changes.append(make(.noProgramme(conflict: try f.conflict(forcedIn: [earlier])), nil))
                continue
            }
            let cost = cost(of: forced)
            changes.append(make(.leftOut(ProgrammeForcing(cost: cost, displaced: displaced(in: 1, by: forced))), cost))
        }
        for i in byRank(yearOne.subtracting(planned)) {
            func make(_ reasons: [YearOneChange.Reason], _ cost: Double?) -> YearOneChange {
                YearOneChange(
                    id: id(i), name: candidates[i].state.name, change: .entering, year: 1, reasons: reasons,
                    objectiveCost: cost)
            }
            var why: [YearOneChange.Reason] = []
            if f.years[0].included.contains(i) && !plan.included.contains(i) {
                why.append(.includedInYearOne)
            }
            if f.required.contains(i) {
                why.append(.dueWithin(years: f.problem.neverVisitedWithin ?? 0))
            }
            let here = Assignment(state: i, year: 1)
            if let without = try f.solveProgramme(forcedOut: [here]) {
                let cost = cost(of: without)
                why.append(.keepingOutCosts(cost, year: year(of: i, in: without)))
                changes.append(make(why, cost))
            } else {
                why.append(.inEveryProgramme)
                changes.append(make(why, nil))
            }
        }
        return changes
    }

    // MARK: Revision

    func revision() -> ProgrammeRevision {
        let adopted = f.problem.adopted
        let placed = Dictionary(best.map { (id($0.state), $0.year) }, uniquingKeysWith: { a, _ in a })
        var changes: [ProgrammeRevision.Change] = []
        var kept = 0
        for (name, year) in adopted.sorted(by: { ($0.value, $0.key) < ($1.value, $1.key) }) {
            let now = placed[name]
            if now == year { kept += 1; continue }
            let reason: ProgrammeRevision.Change.Reason
            if let i = f.years[0].index[name] {
                if year > f.horizon {
                    reason = .beyondHorizon(adoptedYear: year, horizon: f.horizon)
                } else {
                    let single = f.years[year - 1]
                    let facts = single.facts[i]
                    if !facts.isEligible {
                        reason = .nowIneligible(year: year, facts.ineligibility)
                    } else if single.excluded.contains(i) {
                        reason = .excluded(year: year)
                    } else {
                        reason = .moved
                    }
                }
            } else {
                reason = .goneFromDataset
            }
            changes.append(ProgrammeRevision.Change(id: name, adoptedYear: year, year: now, reason: reason))
        }
        for a in best.sorted() where adopted[id(a.state)] == nil {
            changes.append(
                ProgrammeRevision.Change(
                    id: id(a.state), adoptedYear: nil, year: a.year,
                    reason: .new))
        }
        return ProgrammeRevision(kept: kept, adopted: adopted.count, changes: changes)
    }
}

extension ProgrammeFormulation {
    /// Where an infeasible programme is reported: the `programme` section, else `planning`.
    var section: SourceLocation? {
        problem.programmeLocations["programme"] ?? problem.years[0].settings.locations["planning"]
    }
}
