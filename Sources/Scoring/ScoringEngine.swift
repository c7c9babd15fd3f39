import Dataset
import Dispatch
import Foundation
import LinearAlgebra

/// The batched scorer: everything that does not depend on the weights (leaf values, presence
/// masks, the TOPSIS distance blocks) is computed once, so that evaluating the tree for S weight
/// vectors costs a few gemm calls per node.
///
/// A weight vector has one entry per node of ``CriteriaTree`` (the root's is ignored); a block of
/// S weight vectors is a `nodes × S` matrix, one vector per column.
public struct ScoringEngine: Sendable {
    public let tree: CriteriaTree
    /// One column per leaf, in `tree.leafNodes` order.
    public let leaves: [LeafColumn]
    public let candidates: Int
    /// Per node: whether the node has a value for each candidate (weight-independent).
    public let presence: [[Bool]]
    /// Per inner node, nil for leaves; nil altogether on the arithmetic fast path, and for an
    /// engine kept ``withoutNodeBlocks()``.
    private var blocks: [NodeBlock?]?
    /// The candidates, for messages that name one.
    private let states: [State]
    /// The gemm-per-pattern path, for trees that are arithmetic at every node.
    private let patterns: PresencePatterns?

    /// Precomputes the leaf values of `dataset` under its model.
    public init(dataset: Dataset) throws {
        try self.init(dataset: dataset, tree: CriteriaTree(model: dataset.model))
    }

    /// Precomputes the leaf values of `dataset` under the given tree.
    public init(dataset: Dataset, tree: CriteriaTree) throws {
        try self.init(dataset: dataset, tree: tree, leaves: Self.leafColumns(tree: tree, dataset: dataset))
    }

    /// An engine over leaf columns already computed for `tree`'s leaves, in its leaf order: those
    /// of another tree whose leaves are defined alike (a method alternative that changes only
    /// the aggregation shares the model's), so that they are computed and held once.
    public init(dataset: Dataset, tree: CriteriaTree, leaves: [LeafColumn]) throws {
        precondition(
            leaves.count == tree.nodes.count { if case .leaf = $0.kind { true } else { false } },
            "ScoringEngine: \(leaves.count) leaf columns for the tree's leaves")
        self.tree = tree
        candidates = dataset.states.count
        self.leaves = leaves
        var presence = Array(repeating: [Bool](), count: tree.nodes.count)
        // Whether a node has a value for every candidate: then its presence needs no per-candidate
        // work, and it shares one array with every other such node (1 MB at 10⁶ candidates, not
        // 1 MB a node).
        var complete = [Bool](repeating: false, count: tree.nodes.count)
        let everyone = [Bool](repeating: true, count: candidates)
        for index in tree.nodes.indices.reversed() {
            let node = tree.nodes[index]
            let topsis: Bool
            switch node.kind {
            case .leaf(_, let column):
                complete[index] = leaves[column].complete
                presence[index] = complete[index] ? everyone : leaves[column].normalised.map { !$0.isNaN }
                continue
            case .inner(let aggregation):
                topsis = aggregation == .topsis
            }
            complete[index] =
                topsis ? node.children.allSatisfy { complete[$0] } : node.children.contains { complete[$0] }
            if complete[index] {
                presence[index] = everyone
                continue
            }
            var present = [Bool](repeating: topsis, count: candidates)
            for child in node.children {
                let childPresence = presence[child]
                for i in 0..<candidates {
                    present[i] = topsis ? present[i] && childPresence[i] : present[i] || childPresence[i]
                }
            }
            presence[index] = present
        }
        self.presence = presence
        patterns = PresencePatterns(tree: tree, leafColumns: leaves, presence: presence, candidates: candidates)
        // The arithmetic fast path needs no node blocks for its scores: `nodeValues` builds them.
        states = dataset.states
        blocks = patterns == nil ? try Self.nodeBlocks(tree: tree, leaves: leaves, states: states) : nil
    }

    /// The same engine without its node blocks (candidates × leaves matrices for each inner
    /// node): an evaluation then makes them for the call. For an engine that is kept but rarely
    /// evaluated (a method alternative whose scores are known to be 0), whose blocks would be
    /// hundreds of MB at 10⁶ candidates. The scores are the same, bit for bit.
    public func withoutNodeBlocks() -> ScoringEngine {
        var engine = self
        engine.blocks = nil
        return engine
    }

    /// One block per inner node, nil for a leaf.
    private static func nodeBlocks(tree: CriteriaTree, leaves: [LeafColumn], states: [State]) throws -> [NodeBlock?] {
        try tree.nodes.map { node in
            guard case .inner(let aggregation) = node.kind else { return nil }
            return try NodeBlock(aggregation: aggregation, node: node, tree: tree, leaves: leaves, states: states)
        }
    }

    /// The score (100 × the root value) of every candidate for each weight vector.
    ///
    /// Arithmetic trees take one gemm per pattern of present leaves (``PresencePatterns``); other
    /// trees are evaluated node by node, with gemm for each node's leaf children.
    ///
    /// - Parameter weights: `nodes × S`, one weight vector per column.
    /// - Returns: `candidates × S`; NaN where a candidate has no present value at all.
    /// - Complexity: O(candidates × leaves × S).
    public func scores(weights: Matrix) throws -> Matrix {
        var result = Matrix(rows: 0, columns: 0)
        var scratch = ScoringScratch()
        try scores(weights: weights, into: &result, scratch: &scratch)
        return result
    }

    /// The same as ``scores(weights:)``, writing into `result` (reallocated only when its size
    /// changes) with buffers that a caller evaluating many blocks reuses.
    public func scores(weights: Matrix, into result: inout Matrix, scratch: inout ScoringScratch) throws {
        precondition(
            weights.rows == tree.nodes.count,
            "scores: \(weights.rows) weight rows for \(tree.nodes.count) nodes")
        if let patterns {
            patterns.scores(weights: weights, into: &result, scratch: &scratch)
            return
        }
        // The root (node 0) is an inner node (``Model/root``), so it has a value.
        guard let root = try nodeValues(weights: weights, keepAll: false)[0] else {
            preconditionFailure("scores: the root of the criteria tree is a leaf")
        }
        result = root
        scale(&result.elements, by: 100)
    }

    /// The value of every inner node for each weight vector (`candidates × S` each; nil for leaves,
    /// whose values are in `leaves`). With `keepAll: false` only the root is kept.
    public func nodeValues(weights: Matrix, keepAll: Bool = true) throws -> [Matrix?] {
        precondition(
            weights.rows == tree.nodes.count,
            "scores: \(weights.rows) weight rows for \(tree.nodes.count) nodes")
        var values = [Matrix?](repeating: nil, count: tree.nodes.count)
        let blocks = try self.blocks ?? Self.nodeBlocks(tree: tree, leaves: leaves, states: states)
        for index in tree.nodes.indices.reversed() {
            guard let block = blocks[index] else { continue }
            let node = tree.nodes[index]
            // Children follow their parent in pre-order, so every inner child has its value by
            // now; leaves have none (their values are in the block).
            let innerChildren = node.children.compactMap { child in
                values[child].map { EvaluatedChild(values: $0, presence: presence[child], weightRow: child) }
            }
            values[index] = try block.evaluate(
                weights: weights, innerChildren: innerChildren, node: node, presence: presence[index])
            if !keepAll { for child in innerChildren { values[child.weightRow] = nil } }
        }
        return values
    }
}

extension ScoringEngine {
    /// Every leaf's column of `tree` over `dataset`, for ``init(dataset:tree:leaves:)``: each
    /// leaf's pipeline; leaves are independent, so a large dataset runs them on every core. The
    /// first error in leaf order is the one thrown, whatever the threads.
    public static func leafColumns(tree: CriteriaTree, dataset: Dataset) throws -> [LeafColumn] {
        // Pre-order, which is the order of the leaves' columns.
        let leafNodes = tree.nodes.compactMap { node -> (leaf: Leaf, criterion: Criterion)? in
            guard case .leaf(let leaf, _) = node.kind else { return nil }
            return (
                leaf,
                Criterion(
                    id: node.id, name: node.name, weight: node.weight,
                    kind: .leaf(leaf), location: node.location)
            )
        }
        @Sendable func column(_ k: Int) -> Result<LeafColumn, any Error> {
            Result { try leafColumn(leafNodes[k].leaf, of: leafNodes[k].criterion, dataset: dataset) }
        }
        let cores = ProcessInfo.processInfo.activeProcessorCount
        guard cores > 1, leafNodes.count > 1, dataset.states.count * leafNodes.count >= 1 << 20 else {
            return try leafNodes.indices.map { try column($0).get() }
        }
        let results = UnsafeMutableBufferPointer<Result<LeafColumn, any Error>?>.allocate(capacity: leafNodes.count)
        results.initialize(repeating: nil)
        defer { results.deinitialize(); results.deallocate() }
        nonisolated(unsafe) let slots = results
        // The leaves take the cores; OpenBLAS threads on top of them would only contend.
        withBLASThreads(1) {
            DispatchQueue.concurrentPerform(iterations: leafNodes.count) { k in slots[k] = column(k) }
        }
        return try results.map { try $0!.get() }
    }
}

/// A TOPSIS node's candidates × leaf children matrices of (v − highest)² and (v − lowest)².
struct SquaredDistances: Sendable {
    let toBest: Matrix
    let toWorst: Matrix
}

/// The squared TOPSIS distance matrices of a node, made once on first use and then shared (a
/// node block is shared by every worker of a sensitivity run).
final class LazyDistances: @unchecked Sendable {
    private let lock = NSLock()
    private var made: SquaredDistances?

    func value(_ make: () -> SquaredDistances) -> SquaredDistances {
        lock.lock()
        defer { lock.unlock() }
        if let made { return made }
        let value = make()
        made = value
        return value
    }
}

/// Buffers reused across batched evaluations: one per worker thread.
public struct ScoringScratch: Sendable {
    var share: [Double] = []
    var completeShares = Matrix(rows: 0, columns: 0)
    var effective = Matrix(rows: 0, columns: 0)
    var block = Matrix(rows: 0, columns: 0)
    var rare = Matrix(rows: 0, columns: 0)

    public init() {}
}

/// An inner child already evaluated, as its parent's block reads it: its values (`candidates × S`),
/// its presence per candidate, and its row in the weight matrix (its node index).
struct EvaluatedChild {
    let values: Matrix
    let presence: [Bool]
    let weightRow: Int
}

/// The weight-independent part of one inner node: its leaf children gathered into matrices.
private struct NodeBlock: Sendable {
    let aggregation: Aggregation
    /// Node indices of the leaf children (rows of the weight matrix), in order.
    let leafRows: [Int]
    /// candidates × leaf children. Arithmetic: values (missing as 0). Geometric: log values
    /// (missing and zero as 0). TOPSIS: unused (see `distances`).
    let primary: Matrix
    /// Arithmetic and geometric: which leaf children each candidate has, nil when every leaf
    /// child is present for every candidate (`hasMissing` false: the weights' sum is then the
    /// denominator). TOPSIS: nil.
    let present: ChildMasks?
    /// TOPSIS: the leaf children's normalised values and their (highest, lowest), and the
    /// squared distances to the ideal and anti-ideal, made on first use by a block of weight
    /// vectors (a single vector is evaluated from the columns, without them).
    let columns: [[Double]]
    let extremes: [(high: Double, low: Double)]
    let distances = LazyDistances()
    /// Geometric: the present leaf children that are exactly zero; nil when none is.
    let zeros: ChildMasks?
    /// Whether some leaf child is missing for some candidate.
    let hasMissing: Bool

    init(aggregation: Aggregation, node: CriteriaTree.Node, tree: CriteriaTree, leaves: [LeafColumn], states: [State])
        throws
    {
        let n = states.count
        self.aggregation = aggregation
        // The leaf children: their node indices (rows of the weight matrix) and their leaf columns.
        var leafRows: [Int] = [], leafChildren: [LeafColumn] = []
        for child in node.children {
            guard case .leaf(_, let column) = tree.nodes[child].kind else { continue }
            leafRows.append(child)
            leafChildren.append(leaves[column])
        }
        self.leafRows = leafRows
        let columns = leafChildren.map(\.normalised)
        hasMissing = columns.contains { $0.contains { $0.isNaN } }
        switch aggregation {
        case .arithmetic:
            primary = Matrix(columns: columns.map { $0.map { $0.isNaN ? 0 : $0 } }, rows: n)
            present = hasMissing ? ChildMasks(columns: columns, rows: n) { !$0.isNaN } : nil
            zeros = nil
        case .geometric:
            for (k, column) in columns.enumerated() {
                if let i = column.firstIndex(where: { $0 < 0 }) {
                    let child = tree.nodes[leafRows[k]]
                    throw ScoringError(
                        criterion: child.id, location: child.location,
                        message:
                            "a geometric node (`\(node.id)`) needs non-negative values; candidate \(states[i].id) has \(column[i])"
                    )
                }
            }
            primary = Matrix(columns: columns.map { $0.map { $0.isNaN || $0 == 0 ? 0 : $0.logarithm } }, rows: n)
            present = hasMissing ? ChildMasks(columns: columns, rows: n) { !$0.isNaN } : nil
            // Without a zero among the leaf children, their zero weight is 0 throughout.
            zeros = columns.contains { $0.contains(0) } ? ChildMasks(columns: columns, rows: n) { $0 == 0 } : nil
        case .topsis:
            // With non-negative weights the ideal of u_c = w_c·v_c is w_c·max v_c, so
            // (u_c − u⁺_c)² = w_c² (v_c − max v_c)²: the squared distances are a fixed matrix
            // times the squared weights, one gemm per block of weight vectors.
            primary = Matrix(rows: 0, columns: 0)
            present = nil
            zeros = nil
        }
        self.columns = aggregation == .topsis ? columns : []
        // The leaf columns know their range (NaN when no value is present: then 0, 0).
        extremes =
            aggregation != .topsis
            ? []
            : leafChildren.map { leaf in
                leaf.highest.isNaN ? (0, 0) : (leaf.highest, leaf.lowest)
            }
        candidates = n
    }

    /// The number of candidates.
    let candidates: Int

    /// candidates × leaf children: (v − highest)² and (v − lowest)², filled on every core for a
    /// large block.
    private func squaredDistances() -> SquaredDistances {
        let (n, columns, extremes) = (candidates, self.columns, self.extremes)
        let concurrently = n * columns.count >= 1 << 20
        let toBest = Matrix(rows: n, columns: columns.count, concurrently: concurrently) { k, out in
            let high = extremes[k].high
            for (i, v) in columns[k].enumerated() { out[i] = (v - high) * (v - high) }
        }
        let toWorst = Matrix(rows: n, columns: columns.count, concurrently: concurrently) { k, out in
            let low = extremes[k].low
            for (i, v) in columns[k].enumerated() { out[i] = (v - low) * (v - low) }
        }
        return SquaredDistances(toBest: toBest, toWorst: toWorst)
    }

    func evaluate(
        weights: Matrix, innerChildren: [EvaluatedChild],
        node: CriteriaTree.Node, presence: [Bool]
    ) throws -> Matrix {
        let n = candidates
        let samples = weights.columns
        var leafWeights = Matrix(rows: leafRows.count, columns: samples)
        for s in 0..<samples {
            for (k, row) in leafRows.enumerated() { leafWeights[k, s] = weights[row, s] }
        }
        switch aggregation {
        case .arithmetic, .geometric:
            return try weightedMean(
                weights: weights, leafWeights: leafWeights, innerChildren: innerChildren,
                node: node, presence: presence, n: n, samples: samples)
        case .topsis:
            return topsis(
                weights: weights, leafWeights: leafWeights, innerChildren: innerChildren,
                presence: presence, n: n, samples: samples)
        }
    }

    /// Arithmetic: Σ w_c v_c / Σ w_c over the present children. Geometric: the same in log space,
    /// exponentiated, and 0 where a weighted child is 0.
    private func weightedMean(
        weights: Matrix, leafWeights: Matrix,
        innerChildren: [EvaluatedChild],
        node: CriteriaTree.Node, presence: [Bool], n: Int, samples: Int
    ) throws -> Matrix {
        let geometric = aggregation == .geometric
        var numerator = primary.multiplied(by: leafWeights)
        var denominator: Matrix
        if let present {
            denominator = present.weightSums(leafWeights)
        } else {
            let ones = Matrix(rows: n, columns: 1, repeating: 1)
            let totals = Matrix(
                rows: 1, columns: samples,
                elements: (0..<samples).map { s in (0..<leafRows.count).reduce(0) { $0 + leafWeights[$1, s] } })
            denominator = ones.multiplied(by: totals)
        }
        // Geometric: positive where a child with a positive weight is 0 (empty, never read, when
        // arithmetic).
        var zeroWeight = Matrix(rows: geometric ? n : 0, columns: geometric ? samples : 0, repeating: 0)
        zeros?.markWeighted(leafWeights, into: &zeroWeight)

        // One buffer for every inner child's contribution (NaN as 0; geometric: logarithms, 0 as 0).
        var contribution = Matrix(rows: innerChildren.isEmpty ? 0 : n, columns: innerChildren.isEmpty ? 0 : samples)
        for child in innerChildren {
            let mask = child.presence.map { $0 ? 1.0 : 0.0 }
            let row = child.weightRow
            try child.values.elements.withUnsafeBufferPointer { source in
                try contribution.elements.withUnsafeMutableBufferPointer { target in
                    try zeroWeight.elements.withUnsafeMutableBufferPointer { zero in
                        for s in 0..<samples {
                            let (from, to) = (source.baseAddress! + s * n, target.baseAddress! + s * n)
                            let weight = weights[row, s]
                            for i in 0..<n {
                                let v = from[i]
                                guard !v.isNaN else { to[i] = 0; continue }
                                guard geometric else { to[i] = v; continue }
                                if v < 0 {
                                    throw ScoringError(
                                        criterion: node.id, location: node.location,
                                        message:
                                            "a geometric node needs non-negative values; a child node's value is \(v)")
                                }
                                if v == 0 {
                                    zero[s * n + i] += weight
                                    to[i] = 0
                                } else {
                                    to[i] = v.logarithm
                                }
                            }
                        }
                    }
                }
            }
            numerator.elements.withUnsafeMutableBufferPointer { num in
                contribution.elements.withUnsafeBufferPointer { values in
                    for s in 0..<samples {
                        axpy(
                            count: n, weights[child.weightRow, s], values.baseAddress! + s * n, num.baseAddress! + s * n
                        )
                    }
                }
            }
            denominator.elements.withUnsafeMutableBufferPointer { den in
                for s in 0..<samples {
                    axpy(count: n, weights[child.weightRow, s], mask, den.baseAddress! + s * n)
                }
            }
        }

        // The mean replaces the numerator in place: each value is read once, before it is written.
        numerator.elements.withUnsafeMutableBufferPointer { result in
            denominator.elements.withUnsafeBufferPointer { denominator in
                zeroWeight.elements.withUnsafeBufferPointer { zero in
                    presence.withUnsafeBufferPointer { presence in
                        for s in 0..<samples {
                            for i in 0..<n {
                                let k = s * n + i
                                guard presence[i] else { result[k] = .nan; continue }
                                let d = denominator[k]
                                guard d > 0 else {
                                    // Present children whose weights are all 0 share equally: the limit as
                                    // their weights go to 0 together (one-at-a-time sweeps start at 0).
                                    result[k] = equalShareValue(row: i, sample: s, innerChildren: innerChildren)
                                    continue
                                }
                                let mean = result[k] / d
                                result[k] = geometric ? (zero[k] > 0 ? 0 : _exponential(mean)) : mean
                            }
                        }
                    }
                }
            }
        }
        return numerator
    }

    /// The node's value with equal weights on its present children, for candidate `i` and
    /// sample `s`: the arithmetic mean, or for a geometric node the geometric mean.
    private func equalShareValue(
        row i: Int, sample s: Int, innerChildren: [EvaluatedChild]
    ) -> Double {
        var (sum, count, hasZero) = (0.0, 0.0, false)
        for k in 0..<leafRows.count where present?.contains(i, k) ?? true {
            sum += primary[i, k]
            count += 1
            if let zeros, zeros.contains(i, k) { hasZero = true }
        }
        for child in innerChildren where child.presence[i] {
            let v = child.values[i, s]
            if aggregation == .geometric {
                if v == 0 { hasZero = true } else { sum += v.logarithm }
            } else {
                sum += v
            }
            count += 1
        }
        guard count > 0 else { return .nan }
        if aggregation == .geometric { return hasZero ? 0 : _exponential(sum / count) }
        return sum / count
    }

    /// Σ_c w_c² (v_c − highest_c)² and Σ_c w_c² (v_c − lowest_c)² for one weight vector, from
    /// the columns themselves: a block of rows at a time through every column, so the two sums
    /// stay in cache and no candidates × leaves matrix is made (no BLAS routine fuses the
    /// difference and the square; for a block of vectors the matrices and gemm are used).
    private func singleVectorDistances(squaredWeights w2: [Double]) -> (Matrix, Matrix) {
        let n = candidates
        var toIdeal = Matrix(rows: n, columns: 1)
        var toAntiIdeal = Matrix(rows: n, columns: 1)
        let rowsPerBlock = 2_048
        toIdeal.elements.withUnsafeMutableBufferPointer { ideal in
            toAntiIdeal.elements.withUnsafeMutableBufferPointer { anti in
                var start = 0
                while start < n {
                    let end = Swift.min(n, start + rowsPerBlock)
                    for (k, column) in columns.enumerated() {
                        let (weight, high, low) = (w2[k], extremes[k].high, extremes[k].low)
                        column.withUnsafeBufferPointer { v in
                            for i in start..<end {
                                let (best, worst) = (v[i] - high, v[i] - low)
                                ideal[i] += weight * (best * best)
                                anti[i] += weight * (worst * worst)
                            }
                        }
                    }
                    start = end
                }
            }
        }
        return (toIdeal, toAntiIdeal)
    }

    /// d⁻ / (d⁺ + d⁻) with d± the Euclidean distances of the weighted children to the ideal and
    /// anti-ideal; 0.5 where both are 0. Weights need no normalisation: the ratio is invariant
    /// to their scale.
    private func topsis(
        weights: Matrix, leafWeights: Matrix,
        innerChildren: [EvaluatedChild],
        presence: [Bool], n: Int, samples: Int
    ) -> Matrix {
        var squared = leafWeights
        for k in squared.elements.indices { squared.elements[k] *= squared.elements[k] }
        var toIdeal: Matrix, toAntiIdeal: Matrix
        if samples == 1 {
            (toIdeal, toAntiIdeal) = singleVectorDistances(squaredWeights: squared.elements)
        } else {
            let matrices = distances.value(squaredDistances)
            toIdeal = matrices.toBest.multiplied(by: squared)
            toAntiIdeal = matrices.toWorst.multiplied(by: squared)
        }
        for child in innerChildren {
            for s in 0..<samples {
                let column = child.values.column(s)
                let present = column.filter { !$0.isNaN }
                let (best, worst) = (present.max() ?? 0, present.min() ?? 0)
                let w2 = weights[child.weightRow, s] * weights[child.weightRow, s]
                let ideal = column.map { ($0 - best) * ($0 - best) }
                let anti = column.map { ($0 - worst) * ($0 - worst) }
                toIdeal.elements.withUnsafeMutableBufferPointer { d in
                    axpy(count: n, w2, ideal, d.baseAddress! + s * n)
                }
                toAntiIdeal.elements.withUnsafeMutableBufferPointer { d in
                    axpy(count: n, w2, anti, d.baseAddress! + s * n)
                }
            }
        }
        var result = toIdeal
        for s in 0..<samples {
            for i in 0..<n {
                guard presence[i] else { result[i, s] = .nan; continue }
                let plus = toIdeal[i, s].squareRoot()
                let minus = toAntiIdeal[i, s].squareRoot()
                result[i, s] = plus + minus > 0 ? minus / (plus + minus) : 0.5
            }
        }
        return result
    }
}
