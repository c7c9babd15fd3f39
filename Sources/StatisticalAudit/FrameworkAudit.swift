import Scoring

/// The statistical audit of a criteria tree (SPEC §12, `visitplan audit`), as the OECD/JRC
/// handbook and COINr run it on a composite indicator: whether the children of each node
/// measure one thing (Cronbach's α, PCA), how each child moves with its parent and with the
/// score, which leaves say the same thing twice, and which move against their parent.
///
/// Every statistic is computed on normalised values: the leaves' normalised values and the
/// nodes' values at the model's weights, as `visitplan score` computes them.
public struct FrameworkAudit: Sendable {
    /// α below this is flagged (Nunnally 1978's usual floor for a scale).
    public static let alphaFloor = 0.7
    /// |r| above this makes two leaves collinear (SPEC §12).
    public static let collinearity = 0.9

    /// One inner node.
    public struct Node: Sendable {
        public var id: String
        public var name: String
        /// Candidates with a value for every child: what α and the PCA are computed on.
        public var completeCases: Int
        /// Nil with one child, fewer than 3 complete cases, or a sum that does not vary.
        public var cronbachAlpha: Double?
        /// Nil with one child, fewer than 3 complete cases, or a child that does not vary over them.
        public var pca: PrincipalComponents?
        public var children: [Child]
    }

    /// One child of a node and its correlations (pairwise complete), nil where undefined.
    public struct Child: Sendable {
        public var id: String
        public var name: String
        public var isLeaf: Bool
        public var rParent: Double?
        public var rRoot: Double?
    }

    /// Two leaves with |r| > ``collinearity``.
    public struct CollinearPair: Sendable, Equatable {
        public var a: String
        public var b: String
        public var r: Double
    }

    /// A child with r < 0 against its parent.
    public struct NegativeChild: Sendable, Equatable {
        public var id: String
        public var parent: String
        public var r: Double
    }

    /// Every inner node, root first, in the tree's pre-order.
    public var nodes: [Node]
    public var collinear: [CollinearPair]
    public var negative: [NegativeChild]
    /// The leaves in leaf order and their pairwise correlations (`leaves × leaves`, nil where
    /// undefined): the report's heat map.
    public var leaves: [AuditLabel]
    public var leafCorrelations: [[Double?]]
    /// What a person should look at, node by node, then collinear pairs and negative children.
    public var flags: [AuditFlag]
    /// The number of candidates.
    public var candidates: Int

    /// Audits `tree` on one column of values per node (leaves: normalised values; inner nodes
    /// and the root: their values), NaN where a value is missing or withheld.
    ///
    /// - Parameter withheld: per node, how many of its values the edition withholds (a public
    ///   edition's flags say so); nil when nothing is withheld.
    /// - Complexity: O(candidates × nodes²) in BLAS for the correlations, plus
    ///   O(candidates × k² + k³) per node of k children.
    public init(tree: CriteriaTree, columns: [[Double]], withheld: [Int]? = nil) {
        precondition(
            columns.count == tree.nodes.count, "FrameworkAudit: \(columns.count) columns for \(tree.nodes.count) nodes")
        let correlations = PairwiseCorrelations(columns: columns)
        let label = { (k: Int) in AuditLabel(id: tree.nodes[k].id, name: tree.nodes[k].name) }
        candidates = columns.first?.count ?? 0
        var nodes: [Node] = []
        var negative: [NegativeChild] = []
        var flags: [AuditFlag] = []
        var negativeFlags: [AuditFlag] = []
        if let withheld {
            for k in tree.nodes.indices where withheld[k] > 0 {
                let published = columns[k].filter { !$0.isNaN }.count
                flags.append(.withheld(label(k), withheld: withheld[k], published: published))
            }
        }
        for (index, node) in tree.nodes.enumerated() where !node.isLeaf {
            let cases = CompleteCases(columns: node.children.map { columns[$0] })
            let children = node.children.map { child in
                Child(
                    id: tree.nodes[child].id, name: tree.nodes[child].name, isLeaf: tree.nodes[child].isLeaf,
                    rParent: correlations[child, index], rRoot: correlations[child, 0])
            }
            var alpha: Double?
            var pca: PrincipalComponents?
            if node.children.count < 2 {
                flags.append(.singleChild(node: label(index)))
            } else if cases.rows < PairwiseCorrelations.minimumCases {
                flags.append(.tooFewCases(node: label(index), cases: cases.rows))
            } else {
                alpha = cronbachAlpha(covariance: cases.covariance)
                pca = cases.correlation.flatMap(PrincipalComponents.init(correlation:))
            }
            for (k, child) in node.children.enumerated() {
                if isConstant(columns[child].lazy.filter { !$0.isNaN }), columns[child].contains(where: { !$0.isNaN }) {
                    flags.append(.constant(child: label(child), parent: label(index)))
                } else if cases.rows >= PairwiseCorrelations.minimumCases, cases.constant[k], node.children.count >= 2 {
                    flags.append(.unvarying(child: label(child), parent: label(index), cases: cases.rows))
                }
            }
            if let alpha, alpha < Self.alphaFloor { flags.append(.lowAlpha(node: label(index), alpha: alpha)) }
            if let pca, pca.componentsAboveOne >= 2 {
                flags.append(.severalDimensions(node: label(index), components: pca.componentsAboveOne))
            }
            for (child, entry) in zip(node.children, children) {
                if let r = entry.rParent, r < 0 {
                    negative.append(NegativeChild(id: entry.id, parent: node.id, r: r))
                    negativeFlags.append(.negative(child: label(child), parent: label(index), r: r))
                }
            }
            nodes.append(
                Node(
                    id: node.id, name: node.name, completeCases: cases.rows, cronbachAlpha: alpha,
                    pca: pca, children: children))
        }
        let leafNodes = tree.leafNodes
        var collinear: [CollinearPair] = []
        for (x, a) in leafNodes.enumerated() {
            for b in leafNodes[(x + 1)...] {
                guard let r = correlations[a, b], abs(r) > Self.collinearity else { continue }
                collinear.append(CollinearPair(a: tree.nodes[a].id, b: tree.nodes[b].id, r: r))
                flags.append(.collinear(a: label(a), b: label(b), r: r))
            }
        }
        self.nodes = nodes
        self.collinear = collinear
        self.negative = negative
        self.flags = flags + negativeFlags
        leaves = leafNodes.map(label)
        leafCorrelations = leafNodes.map { a in leafNodes.map { b in correlations[a, b] } }
    }
}
