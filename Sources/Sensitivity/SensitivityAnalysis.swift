import Dataset
import LinearAlgebra
import Scoring

/// Everything the sensitivity methods share for one dataset: the scoring engines (one per method
/// alternative), the weight sampler, and the nominal ranking they are measured against.
public struct SensitivityAnalysis: Sendable {
    /// Candidate ids in dataset order.
    public let ids: [String]
    public let tree: CriteriaTree
    public let settings: SensitivitySettings
    public let sampler: WeightSampler
    /// Scores and 1-based ranks under the model as written, in dataset order.
    public let nominalScores: [Double]
    public let nominalRanks: [Int]
    let methods: MethodAlternatives
    /// A ranker over `ids`, made once (it sorts the ids) and copied by each user.
    let ranker: Ranker
    /// With `--weights panel`: one sampler per member, around the member's weights; sample s
    /// draws from member s mod m. Empty: every sample draws around the model's weights.
    public let memberSamplers: [WeightSampler]

    /// Precomputes the leaf values of `dataset` under its model and under each alternative.
    ///
    /// - Parameter settings: the sensitivity settings; the model's when nil.
    /// - Throws: `ScoringError` when the model or one of its alternatives cannot be scored
    ///   (e.g. a geometric alternative over negative z-scores).
    /// - Parameter members: the panel members' weight vectors (indexed like the tree) for the
    ///   Monte Carlo draws and the re-plans; empty for the model's weights.
    public init(dataset: Dataset, settings: SensitivitySettings? = nil, members: [[Double]] = []) throws {
        let settings = settings ?? dataset.model.sensitivity
        self.settings = settings
        methods = try MethodAlternatives(dataset: dataset, settings: settings)
        tree = methods.nominal.tree
        ids = dataset.states.map(\.id)
        sampler = WeightSampler(tree: tree, perturbation: settings.perturbation)
        let nominal = try methods.nominal.scores(
            weights: Matrix(rows: sampler.count, columns: 1, elements: sampler.nominal))
        nominalScores = nominal.elements
        nominalRanks = descendingRanks(scores: nominal.elements, ids: ids)
        ranker = Ranker(ids: ids)
        memberSamplers = members.map { [tree] in
            WeightSampler(tree: tree, around: $0, perturbation: settings.perturbation)
        }
    }

    /// The number of candidates.
    public var candidates: Int { ids.count }

    /// The factor names: the id of every node and leaf (the root excluded), in tree order.
    public var factorIDs: [String] { tree.nodes.dropFirst().map(\.id) }

    /// The method variants (normalisation × aggregation) sampled; 1 without alternatives.
    @_spi(Testing) public var variantCount: Int { methods.count }

    /// The weight vectors of samples `samples` (one column each) and, with alternatives, each
    /// sample's method variant. Sample s always draws from stream s of `seed`, weights first.
    func draw(samples: Range<Int>, seed: UInt64) -> (weights: Matrix, variants: [Int]?) {
        let rows = sampler.count
        var weights = Matrix(rows: rows, columns: samples.count)
        var variants: [Int]? = methods.count > 1 ? [] : nil
        weights.elements.withUnsafeMutableBufferPointer { buffer in
            for (s, sample) in samples.enumerated() {
                var generator = Xoshiro256(seed: seed, stream: UInt64(sample))
                let source = memberSamplers.isEmpty ? sampler : memberSamplers[sample % memberSamplers.count]
                source.draw(into: buffer.baseAddress! + s * rows, using: &generator)
                if methods.count > 1 {
                    variants!.append(Swift.min(Int(generator.nextUnit() * Double(methods.count)), methods.count - 1))
                }
            }
        }
        return (weights, variants)
    }

    /// Scores (`candidates × S`) for weight vectors, each under its variant (nil: the model).
    func scores(weights: Matrix, variants: [Int]?) throws -> Matrix {
        try methods.scores(weights: weights, variants: variants)
    }
}
