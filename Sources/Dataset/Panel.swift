// A committee's own weights for the criteria tree (SPEC §11): panel.yaml.

/// The committee: each member's weights, direct or by pairwise comparison.
public struct Panel: Sendable, Equatable {
    public var members: [PanelMember]

    public init(members: [PanelMember]) { self.members = members }
}

/// One member of the committee and the weights it sets.
public struct PanelMember: Sendable, Equatable {
    public var id: String
    public var name: String
    /// Direct weights, by node id, in the order written: relative to the node's siblings.
    public var weights: [NodeWeight]
    /// Pairwise comparison matrices, one per node whose children the member compares.
    public var comparisons: [PairwiseComparison]

    public init(id: String, name: String? = nil, weights: [NodeWeight] = [], comparisons: [PairwiseComparison] = []) {
        self.id = id
        self.name = name ?? id
        self.weights = weights
        self.comparisons = comparisons
    }
}

/// A member's weight for one node of the criteria tree.
public struct NodeWeight: Sendable, Equatable {
    public var node: String
    public var weight: Double

    public init(node: String, weight: Double) {
        self.node = node
        self.weight = weight
    }
}

/// A member's judgements on the children of one node: m[i][j] says how many times child i
/// matters more than child j, on Saaty's 1/9 … 9 scale.
public struct PairwiseComparison: Sendable, Equatable {
    /// The node whose children are compared (`root` for the top criteria).
    public var node: String
    /// The children's ids, in the tree's order: the rows and columns of `judgements`.
    public var children: [String]
    /// Row-major, exactly reciprocal: the upper triangle as written, the lower its reciprocals.
    public var judgements: [[Double]]
    /// Where the matrix was written in panel.yaml.
    public var location: SourceLocation

    public init(node: String, children: [String], judgements: [[Double]], location: SourceLocation = SourceLocation()) {
        precondition(
            judgements.count == children.count && judgements.allSatisfy { $0.count == children.count },
            "PairwiseComparison: a \(judgements.count)-row matrix for \(children.count) children")
        self.node = node
        self.children = children
        self.judgements = judgements
        self.location = location
    }
}
