import Dataset
import LinearAlgebra
import Planning
import Scoring
import Sensitivity

/// Everything `visitplan panel` reports (SPEC §11): each member's weights, consistency, ranking
/// and plan; the committee's weights (AIJ, AIP) and plan; how many lists each State is on; the
/// consensus list; and how often each State is selected across the members.
public struct PanelAnalysis: Sendable {
    public struct MemberResult: Sendable {
        public var weights: MemberWeights
        /// Every candidate id, by rank under the member's weights.
        public var ranking: [String]
        public var plan: Plan
        /// The member's score of every candidate (dataset order).
        public var scores: [Double]
    }

    public let tree: CriteriaTree
    public var members: [MemberResult]
    public var group: GroupWeights
    /// The plan under the AIP weights.
    public var aggregatedPlan: Plan
    /// Every candidate id (dataset order) and on how many members' lists it is.
    public var consensus: [(id: String, lists: Int)]
    public var consensusList: ConsensusList
    /// Per candidate id: the share of samples whose list selects it (SMAA over the members).
    public var selection: [String: Double]
    /// Samples drawn (0: each member's own list once, unperturbed).
    public var samples: Int

    /// Runs the analysis.
    ///
    /// - Parameters:
    ///   - samples: 0 for each member's list as given; otherwise that many samples, member
    ///     s mod m for sample s, with the member's weights perturbed as `sensitivity` perturbs the
    ///     model's (model.yaml `sensitivity.perturbation`), each re-scored and re-planned.
    /// - Throws: `ScoringError`, `PlanningError` (an infeasible plan), `PanelError`.
    /// - Complexity: one scoring and one plan per member and for the group, the consensus MILP,
    ///   and one scoring and one CBC solve per sample.
    public init(panel: Panel, dataset: Dataset, rule: ConsensusRule, samples: Int = 0, seed: UInt64 = 0) throws {
        guard let settings = dataset.model.planning else { throw PanelError.noPlanning }
        let engine = try ScoringEngine(dataset: dataset)
        let tree = engine.tree
        self.tree = tree
        func problem(_ weights: [Double]) throws -> (PlanProblem, ScoreTable) {
            let table = try score(dataset, engine: engine, weights: weights)
            let candidates = table.candidates.enumerated().map { i, c in
                PlanCandidate(
                    state: dataset.states[i], score: c.score.isNaN ? 0 : c.score, rank: c.rank,
                    drivers: table.driverIDs(of: c))
            }
            return (PlanProblem(candidates: candidates, settings: settings, asOf: dataset.model.asOf), table)
        }
        var members: [MemberResult] = []
        for member in panel.members {
            guard let weights = MemberWeights(member: member, tree: tree) else {
                throw PanelError.eigensolverFailed(member: member.id)
            }
            let (memberProblem, table) = try problem(weights.vector)
            members.append(
                MemberResult(
                    weights: weights, ranking: table.order.map { dataset.states[$0].id },
                    plan: try makePlan(memberProblem),
                    scores: memberProblem.candidates.map(\.score)))
        }
        self.members = members
        guard let group = GroupWeights(members: members.map(\.weights), tree: tree) else {
            throw PanelError.eigensolverFailed(member: "the group (AIJ)")
        }
        self.group = group
        let (groupProblem, _) = try problem(group.aggregatedPriorities)
        aggregatedPlan = try makePlan(groupProblem)
        var counts: [String: Int] = [:]
        for member in members { for id in member.plan.selectedIDs { counts[id, default: 0] += 1 } }
        consensus = dataset.states.map { ($0.id, counts[$0.id] ?? 0) }
        consensusList = try Planning.consensusList(
            groupProblem, members: members.map { ($0.weights.member.id, $0.scores) },
            rule: rule)
        self.samples = samples
        var selected: [String: Int] = [:]
        if samples == 0 || members.isEmpty {
            selected = counts
        } else {
            let samplers = members.map { member in
                WeightSampler(
                    tree: tree, around: member.weights.vector, perturbation: dataset.model.sensitivity.perturbation)
            }
            for s in 0..<samples {
                let weights = samplers[s % members.count].draw(samples: s..<(s + 1), seed: seed).elements
                let (sampleProblem, _) = try problem(weights)
                for id in try selectedIDs(sampleProblem) ?? [] { selected[id, default: 0] += 1 }
            }
        }
        let total = Double(samples == 0 ? max(1, members.count) : samples)
        selection = Dictionary(
            uniqueKeysWithValues: dataset.states.map { ($0.id, Double(selected[$0.id] ?? 0) / total) })
    }

    /// The States on every member's list, on none, and the contested (on some, by count).
    public var onEveryList: [String] { consensus.filter { $0.lists == members.count && !members.isEmpty }.map(\.id) }
    public var contested: [(id: String, lists: Int)] {
        consensus.filter { $0.lists > 0 && $0.lists < members.count }.sorted { ($1.lists, $0.id) < ($0.lists, $1.id) }
    }
    public var onNoList: [String] { consensus.filter { $0.lists == 0 }.map(\.id) }
}

/// A panel analysis that cannot run, worded for the user.
public enum PanelError: Error, Sendable, CustomStringConvertible {
    case noPlanning
    case eigensolverFailed(member: String)

    public var description: String {
        switch self {
        case .noPlanning:
            "model.yaml has no `planning` section; the panel's plans need at least `planning: {visits: N}`"
        case .eigensolverFailed(let member):
            "internal failure: LAPACK's eigensolver gave no principal eigenvector for \(member)"
        }
    }
}
