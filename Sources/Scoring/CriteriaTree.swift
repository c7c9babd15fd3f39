import Dataset

/// The model's criteria tree, flattened in pre-order with the implicit root at index 0.
///
/// Every node but the root carries a weight relative to its siblings; those weights are the
/// factors that the sensitivity engine perturbs, so a weight vector is indexed like `nodes`
/// (the root's entry is ignored).
public struct CriteriaTree: Sendable {
    public struct Node: Sendable {
        /// What a node is: an inner node aggregating its children, or a leaf with its column.
        public enum Kind: Sendable, Equatable {
            /// An inner node and how it aggregates its children.
            case inner(Aggregation)
            /// A leaf's definition and its column among the leaves (its position in `leafNodes`,
            /// and the index of its ``LeafColumn`` in ``ScoringEngine/leaves``).
            case leaf(Leaf, column: Int)
        }

        public var id: String
        public var name: String
        public var weight: Double
        public var rationale: String?
        public var location: SourceLocation
        public var parent: Int?
        public var children: [Int]
        public var kind: Kind

        public var isLeaf: Bool {
            if case .leaf = kind { return true }
            return false
        }

        /// The aggregation of an inner node; nil for a leaf.
        public var aggregation: Aggregation? {
            if case .inner(let aggregation) = kind { return aggregation }
            return nil
        }

        /// The definition of a leaf; nil for an inner node.
        public var leaf: Leaf? {
            if case .leaf(let leaf, _) = kind { return leaf }
            return nil
        }
    }

    public private(set) var nodes: [Node] = []
    /// Node indices of the leaves, in pre-order (the order of their `column`).
    public private(set) var leafNodes: [Int] = []

    public init(model: Model) {
        append(model.root, parent: nil)
    }

    private mutating func append(_ criterion: Criterion, parent: Int?) {
        let index = nodes.count
        func node(_ kind: Node.Kind) -> Node {
            Node(
                id: criterion.id, name: criterion.name, weight: criterion.weight,
                rationale: criterion.rationale, location: criterion.location,
                parent: parent, children: [], kind: kind)
        }
        switch criterion.kind {
        case .leaf(let leaf):
            nodes.append(node(.leaf(leaf, column: leafNodes.count)))
            leafNodes.append(index)
        case .node(let aggregation, let children):
            nodes.append(node(.inner(aggregation)))
            for child in children {
                nodes[index].children.append(nodes.count)
                append(child, parent: index)
            }
        }
    }

    /// The index of the node with this id.
    public func index(of id: String) -> Int? { nodes.firstIndex { $0.id == id } }

    /// The model's weights, one per node (the root's is 1).
    public var nominalWeights: [Double] { nodes.map(\.weight) }

    /// For each node, the product of the sibling-normalised weights on its path from the root:
    /// the share of the score a node would carry if every value were present.
    ///
    /// - Complexity: O(nodes).
    public func pathWeights(_ weights: [Double]? = nil) -> [Double] {
        let w = weights ?? nominalWeights
        precondition(w.count == nodes.count, "pathWeights: \(w.count) weights for \(nodes.count) nodes")
        var path = Array(repeating: 1.0, count: nodes.count)
        for (index, node) in nodes.enumerated() where !node.children.isEmpty {
            let total = node.children.reduce(0) { $0 + w[$1] }
            for child in node.children { path[child] = path[index] * (total > 0 ? w[child] / total : 0) }
        }
        return path
    }

    /// The ids of the nodes on the path from the top level down to `node` (the root excluded).
    public func path(to node: Int) -> [String] {
        var ids: [String] = []
        var current: Int? = node
        while let c = current, c != 0 {
            ids.append(nodes[c].id)
            current = nodes[c].parent
        }
        return ids.reversed()
    }

    /// True when every node aggregates arithmetically (contributions are then exact shares).
    public var isArithmetic: Bool {
        nodes.allSatisfy { node in
            switch node.kind {
            case .inner(let aggregation): aggregation == .arithmetic
            case .leaf: true
            }
        }
    }
}

extension ScoringEngine {
    /// The number of leaves in a model's tree.
    public static func leafCount(_ model: Model) -> Int { CriteriaTree(model: model).leafNodes.count }
}
