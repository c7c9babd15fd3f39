import Dataset

/// The difference between an adopted plan and its revision, with the revised plan.
///
/// JSON keys: `out`, `in`, `kept`, `plan` (the revised plan, itself a valid adopted plan for the
/// next revision), and `updated_files` (the dataset's files that changed since the adopted plan
/// was made, when revising against updated data).
public struct Revision: Encodable, Sendable, Equatable {
    /// A State leaving or entering the list, and why (``Reason``, written as its words).
    public struct Change: Encodable, Sendable, Equatable {
        public var id: String
        public var name: String
        public var region: String
        public var reason: Reason

        public init(id: String, name: String, region: String, reason: Reason) {
            self.id = id
            self.name = name
            self.region = region
            self.reason = reason
        }
    }

    /// Adopted visits no longer on the list.
    public var leaving: [Change]
    /// Visits not in the adopted plan.
    public var entering: [Change]
    /// Adopted visits still on the list, by rank.
    public var kept: [String]
    public var plan: Plan
    /// The dataset's files that differ from those the adopted plan was made on (empty when the
    /// revision uses the same data).
    public var updatedFiles: [String] = []

    public init(leaving: [Change], entering: [Change], kept: [String], plan: Plan) {
        self.leaving = leaving
        self.entering = entering
        self.kept = kept
        self.plan = plan
    }

    enum CodingKeys: String, CodingKey {
        case leaving = "out", entering = "in", kept, plan
        case updatedFiles = "updated_files"
    }
}

/// Re-plans after adoption with the fewest changes.
///
/// The revised list keeps as many adopted visits as possible and, among the lists that keep that
/// many, has the largest sum of scores (then the best ranks): one lexicographic objective, solved
/// exactly with CBC. Withdrawn States are excluded, added ones included; every other constraint of
/// `problem.settings` still holds, with the facts of `problem` (which may be updated data).
///
/// Revisions chain: `adopted` may itself be a revision's plan, whose `decisions` (every State
/// withdrawn or added so far) still hold, unless this revision reverses one of them (a State
/// withdrawn earlier and added now is added). The result's plan carries the decisions so far and
/// its revision number (the adopted one's + 1).
///
/// - Parameters:
///   - adopted: the plan as adopted (its selected ids and its `decisions` are read).
///   - withdraw: States that refused or withdrew consent.
///   - add: States to force onto the list.
/// - Throws: `PlanningError.infeasible(conflict:)` when no list satisfies the changed constraints;
///   `unknownCandidate` or `contradictoryChange` for bad ids.
public func revise(adopted: Plan, problem: PlanProblem, withdraw: [String], add: [String]) throws -> Revision {
    let known = Set(problem.candidates.map(\.state.id))
    for id in withdraw where !known.contains(id) { throw PlanningError.unknownCandidate(id: id, list: "withdraw") }
    for id in add where !known.contains(id) { throw PlanningError.unknownCandidate(id: id, list: "add") }
    if let both = withdraw.first(where: add.contains) { throw PlanningError.contradictoryChange(id: both) }

    // Earlier revisions' decisions, then this one's. A State that has left updated data has
    // nothing left to decide about.
    let decisions = adopted.decisions.then(withdraw: withdraw, add: add)
    let withdrawn = decisions.withdrawn.filter(known.contains)
    let added = decisions.added.filter(known.contains)

    // A decision taken now overrides the model's standing include/exclude for that State.
    var revised = problem
    revised.settings.include = unique(problem.settings.include.filter { !withdrawn.contains($0) } + added)
    revised.settings.exclude = unique(problem.settings.exclude.filter { !added.contains($0) } + withdrawn)
    let formulation = try Formulation(revised)

    let adoptedIDs = adopted.selected.map(\.id)
    let adoptedIndices = Set(adoptedIDs.compactMap { formulation.index[$0] })
    let objective = formulation.revisionObjective(keeping: adoptedIndices)
    guard let list = try formulation.solveList(objective: objective) else {
        throw PlanningError.infeasible(conflict: try formulation.conflict())
    }
    let selected = Set(list)
    var plan = try Explanation(
        formulation: formulation, objective: objective, selected: selected,
        adopted: adoptedIndices, withdrawn: Set(withdrawn.compactMap { formulation.index[$0] })
    )
    .plan()
    plan.revision = adopted.revision + 1
    plan.decisions = decisions

    let candidates = revised.candidates
    func change(_ i: Int, _ reason: Revision.Change.Reason) -> Revision.Change {
        Revision.Change(
            id: candidates[i].state.id, name: candidates[i].state.name,
            region: candidates[i].state.region, reason: reason)
    }
    let byRank = { (set: Set<Int>) in
        set.sorted { (candidates[$0].rank, candidates[$0].state.id) < (candidates[$1].rank, candidates[$1].state.id) }
    }
    let enteringIndices = byRank(selected.subtracting(adoptedIndices))
    let addedEntering = enteringIndices.filter { added.contains(candidates[$0].state.id) }
    let otherEntering = enteringIndices.filter { !added.contains(candidates[$0].state.id) }

    var leaving: [Revision.Change] = []
    var leavingForReplacement: [(index: Int, why: Revision.Change.Reason)] = []
    for id in adoptedIDs where formulation.index[id] == nil {
        leaving.append(Revision.Change(id: id, name: id, region: "", reason: .goneFromDataset))
    }
    for i in byRank(adoptedIndices.subtracting(selected)) {
        let id = candidates[i].state.id
        let facts = formulation.facts[i]
        let why: Revision.Change.Reason
        if withdrawn.contains(id) {
            why = .withdrawn
        } else if !facts.isEligible {
            why = .nowIneligible(facts.ineligibility)
        } else if formulation.excluded.contains(i) {
            why = .excludedByDecision
        } else {
            let room = (addedEntering + otherEntering).map { candidates[$0].state.id }
            why = room.isEmpty ? .displacedByConstraints : .displaced(toMakeRoomFor: room)
        }
        leaving.append(change(i, why))
        leavingForReplacement.append((i, why))
    }

    var entering = addedEntering.map { change($0, .addedByDecision) }
    for (k, i) in otherEntering.enumerated() {
        if k < leavingForReplacement.count {
            let (out, why) = leavingForReplacement[k]
            entering.append(change(i, .replaces(candidates[out].state.id, leaving: why)))
        } else {
            entering.append(change(i, .keepsListFeasible))
        }
    }
    let kept = byRank(selected.intersection(adoptedIndices)).map { candidates[$0].state.id }
    return Revision(leaving: leaving, entering: entering, kept: kept, plan: plan)
}

/// The ids in their first order, each once.
func unique(_ ids: [String]) -> [String] {
    var seen: Set<String> = []
    return ids.filter { seen.insert($0).inserted }
}

/// What `revise --adopted` reads: the JSON of `visitplan plan`, or that of `visitplan revise`,
/// whose `plan` is the list now adopted, so that revisions chain (plan → revise → revise).
public struct AdoptedPlan: Decodable, Sendable {
    public var plan: Plan

    enum CodingKeys: String, CodingKey { case plan, selected }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        if c.contains(.plan) && !c.contains(.selected) {
            plan = try c.decode(Plan.self, forKey: .plan)
        } else {
            plan = try Plan(from: decoder)
        }
    }
}
