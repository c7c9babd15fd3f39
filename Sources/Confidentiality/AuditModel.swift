import Dataset
import Scoring

/// The audit's view of the scores: each published number written as a linear form in the
/// confidential cells, each cell a variable u in [0, 1] of its normalised range
/// (value = low + width × u).
struct AuditModel {
    /// constant + Σ coefficient × u.
    struct Form {
        var coefficients: [Int: Double]
        var constant: Double

        func minus(_ other: Form) -> Form {
            var c = coefficients
            for (k, a) in other.coefficients { c[k, default: 0] -= a }
            return Form(coefficients: c, constant: constant - other.constant)
        }
    }

    let table: ScoreTable
    let states: [State]
    let cells: ConfidentialCells
    /// Per candidate, the indices (into `cells.cells`) of its cells.
    private let byCandidate: [Int: [Int]]
    /// Per leaf, the low end and width of its normalised range.
    private let ranges: [(low: Double, width: Double)]

    init(table: ScoreTable, states: [State], cells: ConfidentialCells) {
        self.table = table
        self.states = states
        self.cells = cells
        byCandidate = Dictionary(grouping: cells.cells.indices, by: { cells.cells[$0].candidate })
        ranges = table.tree.leafNodes.indices.map { l in
            let leaf = table.tree.nodes[table.tree.leafNodes[l]].leaf
            switch leaf?.normalisation {
            case .goalposts?, .minmax?, .rank?:
                return (0, 1)
            default:
                let column = table.engine.leaves[l]
                let width = column.highest - column.lowest
                return width > 0 ? (column.lowest, width) : (column.lowest.isNaN ? 0 : column.lowest, 1)
            }
        }
    }

    /// Candidates holding at least one cell, in dataset order.
    var holders: [Int] { byCandidate.keys.sorted() }

    func holds(_ i: Int) -> Bool { byCandidate[i] != nil }

    func variables(of i: Int) -> [Int] { byCandidate[i] ?? [] }

    /// The cells of candidate `i` whose leaf lies under `node`.
    func variables(of i: Int, under node: Int) -> [Int] {
        variables(of: i).filter { isAncestor(node, of: table.tree.leafNodes[cells.cells[$0].leaf]) }
    }

    /// Every node (leaves included, the root excluded) on the path of one of `i`'s cells.
    func pathNodes(of i: Int) -> [Int] {
        Array(Set(variables(of: i).flatMap { pathNodes(ofLeaf: cells.cells[$0].leaf) })).sorted()
    }

    func pathNodes(ofLeaf l: Int) -> [Int] {
        var nodes: [Int] = []
        var current: Int? = table.tree.leafNodes[l]
        while let c = current, c != 0 {
            nodes.append(c)
            current = table.tree.nodes[c].parent
        }
        return nodes
    }

    func label(_ cell: ConfidentialCell) -> String {
        "\(states[cell.candidate].id)/\(table.tree.nodes[table.tree.leafNodes[cell.leaf]].id)"
    }

    private func isAncestor(_ ancestor: Int, of node: Int) -> Bool {
        var current: Int? = node
        while let c = current {
            if c == ancestor { return true }
            current = table.tree.nodes[c].parent
        }
        return false
    }

    /// True when every inner node from `top` (inclusive) down to the leaf's parent aggregates
    /// arithmetically: a value at `top` is then linear in the leaf's value.
    private func arithmeticPath(from top: Int, toLeaf leafNode: Int) -> Bool {
        var current = table.tree.nodes[leafNode].parent
        while let c = current {
            if (table.tree.nodes[c].aggregation ?? .arithmetic) != .arithmetic { return false }
            if c == top { return true }
            current = table.tree.nodes[c].parent
        }
        return top == leafNode
    }

    /// u of the cell as it truly is (for the constants).
    private func position(_ k: Int) -> Double {
        let cell = cells.cells[k]
        let r = ranges[cell.leaf]
        return (table.engine.leaves[cell.leaf].normalised[cell.candidate] - r.low) / r.width
    }

    /// The value of `node` for candidate `i` as a form, nil when not linear in i's cells.
    /// `scale` multiplies the value (100 for scores).
    func node(_ node: Int, of i: Int, scale: Double = 1) -> Form? {
        let value = node == 0 ? table.scores[i] / 100 : table.nodeValue(i, node: node)
        let under = variables(of: i, under: node)
        guard !under.isEmpty else { return Form(coefficients: [:], constant: scale * value) }
        let weights = table.candidates[i].effectiveWeights
        guard weights[node] > 0 else { return nil }
        var coefficients: [Int: Double] = [:]
        var constant = scale * value
        for k in under {
            let leafNode = table.tree.leafNodes[cells.cells[k].leaf]
            guard arithmeticPath(from: node, toLeaf: leafNode), !weights[leafNode].isNaN else { return nil }
            let a = scale * weights[leafNode] / weights[node] * ranges[cells.cells[k].leaf].width
            coefficients[k] = a
            constant -= a * position(k)
        }
        return Form(coefficients: coefficients, constant: constant)
    }

    /// 100 × the root value of candidate `i`.
    func score(_ i: Int) -> Form? { node(0, of: i, scale: 100) }

    /// The contribution of a cell's leaf to its candidate's score, and its value.
    func contribution(_ k: Int) -> (form: Form, value: Double) {
        let cell = cells.cells[k]
        let leafNode = table.tree.leafNodes[cell.leaf]
        let m = table.candidates[cell.candidate].effectiveWeights[leafNode]
        let value = table.candidates[cell.candidate].contributions[cell.leaf]
        let a = 100 * (m.isNaN ? 0 : m) * ranges[cell.leaf].width
        return (Form(coefficients: [k: a], constant: value - a * position(k)), value)
    }
}
