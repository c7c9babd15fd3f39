import Dataset

/// An order between two candidates' scores that a published list reveals on its own.
public struct ImpliedOrder: Sendable, Equatable {
    /// Dataset positions: the selected candidate's score is at least the other's.
    public var higher: Int
    public var lower: Int
}

/// A list as an edition publishes it, with what a reader knows of how it was made.
public struct PublishedList: Sendable {
    /// The ids on the list.
    public var selected: [String]
    /// The problem it solves (with `include`/`exclude` as the planner applied them).
    public var problem: PlanProblem
    /// For a revision: the adopted list it keeps as much of as it can (nil for a plan).
    public var adopted: Set<String>?

    public init(selected: [String], problem: PlanProblem, adopted: Set<String>? = nil) {
        self.selected = selected
        self.problem = problem
        self.adopted = adopted
    }
}

/// The score orders that anyone holding the public inputs can read off the list alone (SPEC §8).
///
/// The planner maximises the sum of the selected scores. When a selected candidate S and an
/// eligible candidate U off the list have the same region, the same visit type (hence the same
/// cost and the same follow-up status) and the same never-visited status, and neither is forced
/// (`include` for S, `exclude` for U), swapping them keeps every constraint of SPEC §5 as it was;
/// so the list being optimal says score(S) ≥ score(U) (within the planner's quantum, 1e-4).
/// Eligibility, visit type, region and history come from states.csv and model.yaml, which are
/// public; so these facts are public the moment the list is.
///
/// A revision keeps as many adopted visits as it can before it maximises the scores, so a swap
/// implies an order only between two candidates that are both adopted or both not.
///
/// Other exchanges (two for two, across regions with slack) imply further facts; the public
/// edition does not publish the scores those facts would combine with, and Guides/Report.md says
/// what the audit assumes.
///
/// - Complexity: O(selected × candidates).
public func impliedOrders(of list: PublishedList) -> [ImpliedOrder] {
    let problem = list.problem
    let settings = problem.settings
    let facts = problem.candidates.map { CandidateFacts($0, settings: settings, asOf: problem.asOf) }
    let position = Dictionary(
        problem.candidates.enumerated().map { ($1.state.id, $0) }, uniquingKeysWith: { a, _ in a })
    let selected = Set(list.selected.compactMap { position[$0] })
    let adopted = list.adopted.map { ids in Set(ids.compactMap { position[$0] }) }
    let included = Set(settings.include), excluded = Set(settings.exclude)
    var orders: [ImpliedOrder] = []
    for s in selected.sorted() where !included.contains(problem.candidates[s].state.id) {
        for u in problem.candidates.indices where !selected.contains(u) && facts[u].isEligible {
            let (a, b) = (problem.candidates[s].state, problem.candidates[u].state)
            guard !excluded.contains(b.id), a.region == b.region, facts[s].visitType == facts[u].visitType,
                facts[s].neverVisited == facts[u].neverVisited,
                adopted.map({ $0.contains(s) == $0.contains(u) }) ?? true
            else { continue }
            orders.append(ImpliedOrder(higher: s, lower: u))
        }
    }
    return orders
}
