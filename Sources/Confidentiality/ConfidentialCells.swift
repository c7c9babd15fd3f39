import Dataset
import Scoring

/// One confidential value: a candidate's value of one leaf.
public struct ConfidentialCell: Hashable, Sendable, Comparable {
    /// Dataset position of the candidate.
    public var candidate: Int
    /// Leaf index (order of `CriteriaTree.leafNodes`).
    public var leaf: Int

    public static func < (a: ConfidentialCell, b: ConfidentialCell) -> Bool {
        (a.candidate, a.leaf) < (b.candidate, b.leaf)
    }
}

/// Which values of a scored dataset are confidential (SPEC §8): every value of a leaf marked
/// `confidential: true`, and the values of the indicators a State listed in its `confidential`
/// column of states.csv (an indicator column, or the events.csv indicator a signal reads).
///
/// Only values that exist are cells: a missing value left missing (`reweight`) has nothing to
/// narrow. A missing value imputed from the other candidates' values is handled with the leaf's
/// pooled parameters (``pooledLeaves``).
public struct ConfidentialCells: Sendable {
    /// Every confidential value that exists, by candidate then leaf.
    public let cells: [ConfidentialCell]
    /// Per leaf, per candidate: whether the value is covered by a confidentiality request
    /// (present or not).
    public let covered: [[Bool]]
    /// Leaves whose every value depends on the confidential values of the leaf through
    /// parameters computed over all candidates (normalisation, imputation, winsorising, outlier
    /// treatment, a TOPSIS
    /// ideal above), with the reason.
    public let pooledLeaves: [Int: Withholding.Pooling]

    public init(table: ScoreTable, states: [State]) {
        let tree = table.tree
        var covered: [[Bool]] = []
        var cells: [ConfidentialCell] = []
        // The nodes in pre-order meet the leaves in the order of their columns.
        for node in tree.nodes {
            guard case .leaf(let leaf, _) = node.kind else { continue }
            let indicator: String? =
                switch leaf.source {
                case .indicator(let column): column
                case .signal(_, let name, _, _): name
                case .engagement: nil
                }
            // A ratio is as confidential as either of its terms (SPEC §12 denominators).
            let flags = states.map { state in
                leaf.confidential || indicator.map(state.confidential.covers) == true
                    || leaf.denominator.map(state.confidential.covers) == true
            }
            covered.append(flags)
        }
        for i in states.indices {
            for l in tree.leafNodes.indices where covered[l][i] && table.engine.leaves[l].present[i] {
                cells.append(ConfidentialCell(candidate: i, leaf: l))
            }
        }
        self.cells = cells
        self.covered = covered
        var pooled: [Int: Withholding.Pooling] = [:]
        for (l, node) in tree.leafNodes.enumerated() where covered[l].contains(true) {
            if let reason = Self.pooling(leafNode: node, index: l, table: table, covered: covered[l]) {
                pooled[l] = reason
            }
        }
        pooledLeaves = pooled
    }

    /// Why a leaf's values for every candidate depend on its confidential values, or nil when each
    /// candidate's value depends on its own raw value alone (or on the public values alone).
    private static func pooling(leafNode: Int, index l: Int, table: ScoreTable, covered: [Bool]) -> Withholding.Pooling?
    {
        let tree = table.tree
        guard let leaf = tree.nodes[leafNode].leaf else { return nil }
        let column = table.engine.leaves[l]
        var ancestor = tree.nodes[leafNode].parent
        while let a = ancestor {
            if tree.nodes[a].aggregation == .topsis {
                return .topsis(node: tree.nodes[a].id)
            }
            ancestor = tree.nodes[a].parent
        }
        let secretPresent = covered.indices.contains { covered[$0] && column.present[$0] }
        if leaf.missing.imputes, leaf.missing != .zero, column.imputed.contains(true), secretPresent {
            return .imputation(leaf.missing)
        }
        guard secretPresent else { return nil }
        if leaf.winsorise != nil {
            return .winsorising
        }
        // Whether the treatment moves values, and how far, is decided on every State's values.
        if leaf.treatment != nil {
            return .treatment
        }
        switch leaf.normalisation {
        case .goalposts, .none:
            return nil
        case .zscore, .rank, .vector:
            return .normalisation(leaf.normalisation)
        case .minmax:
            // The public values fix min and max when they reach 0 and 1 themselves; otherwise a
            // confidential value is an extreme and every published value would reveal it.
            let publicValues = column.normalised.indices.filter { !covered[$0] && !column.normalised[$0].isNaN }
                .map { column.normalised[$0] }
            let reachesBoth =
                publicValues.contains { abs($0) <= 1e-12 } && publicValues.contains { abs($0 - 1) <= 1e-12 }
            return reachesBoth ? nil : .extreme
        }
    }

    /// The cells of candidate `i`.
    public func cells(of i: Int) -> [ConfidentialCell] { cells.filter { $0.candidate == i } }
}
