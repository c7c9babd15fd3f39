import Dataset
import Scoring

/// What one pairwise comparison matrix gives: the node, its children, their priorities, the
/// consistency figures and, when CR > 0.10, the judgement to revisit first.
public struct ComparisonResult: Sendable, Equatable {
    public var node: String
    public var children: [String]
    public var priorities: Priorities
    public var mostInconsistent: InconsistentJudgement?
}

/// A member's weights on the model's tree: the model's, with the nodes the member sets replaced.
public struct MemberWeights: Sendable {
    public var member: PanelMember
    /// Raw weights, indexed like `CriteriaTree.nodes` (the root's is 1).
    public var vector: [Double]
    /// The inner nodes (tree indices, tree order) whose children the member sets.
    public var setNodes: [Int]
    public var comparisons: [ComparisonResult]

    /// Applies a member's direct weights and comparison priorities to `tree`.
    ///
    /// - Returns: nil when an eigensolve fails (it does not on a validated, positive matrix).
    /// - Complexity: O(nodes + Σ n³) over the member's matrices, plus the search for the most
    ///   inconsistent judgement of a matrix with CR > 0.10.
    public init?(member: PanelMember, tree: CriteriaTree) {
        self.member = member
        var vector = tree.nominalWeights
        vector[0] = 1
        var setNodes: Set<Int> = []
        var comparisons: [ComparisonResult] = []
        for weight in member.weights {
            guard let index = tree.index(of: weight.node), let parent = tree.nodes[index].parent else { continue }
            vector[index] = weight.weight
            setNodes.insert(parent)
        }
        for comparison in member.comparisons {
            guard let node = tree.index(of: comparison.node),
                let priorities = Priorities(judgements: comparison.judgements)
            else { return nil }
            for (child, priority) in zip(tree.nodes[node].children, priorities.weights) { vector[child] = priority }
            setNodes.insert(node)
            let flagged = priorities.isConsistent ? nil : Priorities.mostInconsistentJudgement(comparison.judgements)
            comparisons.append(
                ComparisonResult(
                    node: comparison.node, children: comparison.children,
                    priorities: priorities, mostInconsistent: flagged))
        }
        self.vector = vector
        self.setNodes = setNodes.sorted()
        self.comparisons = comparisons
    }

    /// The normalised weights of the children of every node the member sets, by child id.
    public func normalisedWeights(tree: CriteriaTree) -> [String: Double] {
        normalisedChildWeights(vector, of: setNodes, tree: tree)
    }
}

/// The weights of the children of `nodes`, each group normalised to sum 1, by child id.
func normalisedChildWeights(_ vector: [Double], of nodes: [Int], tree: CriteriaTree) -> [String: Double] {
    var result: [String: Double] = [:]
    for node in nodes {
        let children = tree.nodes[node].children
        let total = children.reduce(0) { $0 + vector[$1] }
        for child in children { result[tree.nodes[child].id] = total > 0 ? vector[child] / total : 0 }
    }
    return result
}

/// The committee's weights: AIJ for every compared node, AIP for every node some member sets.
public struct GroupWeights: Sendable {
    /// Per compared node (tree order): the priorities of the members' element-wise geometric mean.
    public var aggregatedJudgements: [ComparisonResult]
    /// Raw weights indexed like the tree: the model's, with every node some member sets replaced
    /// by the normalised geometric mean of the priorities of the members who set it (AIP).
    public var aggregatedPriorities: [Double]
    /// The nodes some member sets (tree indices, tree order).
    public var setNodes: [Int]

    /// - Complexity: O(members × nodes + Σ n³) over the compared nodes.
    public init?(members: [MemberWeights], tree: CriteriaTree) {
        var vector = tree.nominalWeights
        vector[0] = 1
        let setNodes = Array(Set(members.flatMap(\.setNodes))).sorted()
        for node in setNodes {
            let children = tree.nodes[node].children
            let voting = members.filter { $0.setNodes.contains(node) }
            let priorities = voting.map { member -> [Double] in
                let total = children.reduce(0) { $0 + member.vector[$1] }
                return children.map { total > 0 ? member.vector[$0] / total : 0 }
            }
            for (child, weight) in zip(children, GroupJudgement.aggregatedPriorities(priorities)) {
                vector[child] = weight
            }
        }
        var aij: [ComparisonResult] = []
        for node in setNodes {
            let id = tree.nodes[node].id
            let matrices = members.flatMap { $0.member.comparisons.filter { $0.node == id } }
            guard let first = matrices.first else { continue }
            let judgements = GroupJudgement.aggregatedJudgements(matrices.map(\.judgements))
            guard let priorities = Priorities(judgements: judgements) else { return nil }
            aij.append(
                ComparisonResult(node: id, children: first.children, priorities: priorities, mostInconsistent: nil))
        }
        aggregatedJudgements = aij
        aggregatedPriorities = vector
        self.setNodes = setNodes
    }

    /// AIP: the normalised weights by child id of every node some member sets.
    public func aipWeights(tree: CriteriaTree) -> [String: Double] {
        normalisedChildWeights(aggregatedPriorities, of: setNodes, tree: tree)
    }

    /// AIJ: the normalised priorities by child id of every node some member compares.
    public var aijWeights: [String: Double] {
        var result: [String: Double] = [:]
        for comparison in aggregatedJudgements {
            for (child, weight) in zip(comparison.children, comparison.priorities.weights) { result[child] = weight }
        }
        return result
    }
}
