import Dataset
import LinearAlgebra
import Scoring

/// The uncertain weights of a criteria tree and how they are drawn (SPEC §6).
///
/// The factors are the raw weights of every node and leaf (the root excluded), named by id. A
/// weight vector is indexed like `CriteriaTree.nodes`, with the root's entry fixed at 1.
public struct WeightSampler: Sendable {
    /// The model's raw weights, one per node (the root's is 1).
    public let nominal: [Double]
    public let perturbation: SensitivitySettings.Perturbation
    /// Per inner node with a positive total weight: its children and that total.
    let siblingGroups: [(children: [Int], total: Double)]

    public init(tree: CriteriaTree, perturbation: SensitivitySettings.Perturbation) {
        self.init(tree: tree, around: tree.nominalWeights, perturbation: perturbation)
    }

    /// Draws around `weights` (indexed like `CriteriaTree.nodes`) instead of the tree's own: a
    /// panel member's weights, for `sensitivity --weights panel`.
    public init(tree: CriteriaTree, around weights: [Double], perturbation: SensitivitySettings.Perturbation) {
        nominal = weights.enumerated().map { $0.offset == 0 ? 1 : $0.element }
        self.perturbation = perturbation
        siblingGroups = tree.nodes.compactMap { node in
            let total = node.children.reduce(0) { $0 + weights[$1] }
            return node.children.isEmpty || !(total > 0) ? nil : (node.children, total)
        }
    }

    /// The number of nodes, i.e. of rows of a weight matrix.
    public var count: Int { nominal.count }

    /// Writes one perturbed weight vector into `column` (`count` values).
    ///
    /// - uniform: each raw weight times U(1 − spread, 1 + spread), independently.
    /// - dirichlet: per sibling group, shares from Dirichlet(concentration × nominal shares)
    ///   scaled back by the group's nominal total, so the normalised weights stay on the simplex
    ///   and their mean is the nominal share. A zero weight stays zero.
    ///
    /// - Complexity: O(nodes).
    public func draw(into column: UnsafeMutablePointer<Double>, using generator: inout Xoshiro256) {
        column[0] = 1
        switch perturbation {
        case .uniform(let spread):
            for k in 1..<nominal.count {
                // The 53-bit uniform of `nextUnit`, called on the concrete generator.
                let unit = Double(generator.next() >> 11) * 0x1.0p-53
                column[k] = nominal[k] * (1 - spread + 2 * spread * unit)
            }
        case .dirichlet(let concentration):
            for k in 1..<nominal.count { column[k] = nominal[k] }
            for group in siblingGroups where group.children.count > 1 {
                var sum = 0.0
                for child in group.children where nominal[child] > 0 {
                    let draw = generator.nextGamma(shape: concentration * nominal[child] / group.total)
                    column[child] = draw
                    sum += draw
                }
                // Gamma draws normalised by their sum are Dirichlet; the scale keeps the total.
                guard sum > 0 else { continue }
                let scale = group.total / sum
                for child in group.children where nominal[child] > 0 { column[child] *= scale }
            }
        }
    }

    /// A `count × samples` matrix of weight vectors, sample s drawn from its own stream
    /// `Xoshiro256(seed:stream:)` with stream `first + s`.
    public func draw(samples: Range<Int>, seed: UInt64, stream: (Int) -> UInt64 = { UInt64($0) }) -> Matrix {
        var weights = Matrix(rows: count, columns: samples.count)
        let rows = count
        weights.elements.withUnsafeMutableBufferPointer { buffer in
            for (s, sample) in samples.enumerated() {
                var generator = Xoshiro256(seed: seed, stream: stream(sample))
                draw(into: buffer.baseAddress! + s * rows, using: &generator)
            }
        }
        return weights
    }
}
