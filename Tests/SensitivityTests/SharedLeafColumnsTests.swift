import Dataset
import Foundation
import LinearAlgebra
import Scoring
import Synthesis
import TestSupport
import Testing

@testable import Sensitivity

/// The method alternatives share leaf columns between the variants of one normalisation (and
/// with the model where a variant keeps its normalisation). Each variant must still score as an
/// engine built on its own from the changed model, bit for bit.
@Suite struct SharedLeafColumnsTests {
    @Test func everyVariantScoresAsAnEngineBuiltOnItsOwn() throws {
        var stream = Xoshiro256(seed: 5)
        let generated = SyntheticDataset.generate(
            SynthesisSettings(candidates: 400, indicators: 8, seed: 5), using: &stream)
        let folder = try temporaryFolder("shared-leaves")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("d").path
        try generated.write(to: path, replacing: false)
        let dataset = try Dataset.load(directory: path)
        let methods = try MethodAlternatives(dataset: dataset, settings: dataset.model.sensitivity)
        // synth writes `normalisation: [minmax, rank]` × `aggregation: [arithmetic, geometric]`.
        #expect(methods.count == 4)
        // minmax × geometric sends every candidate to 0 (0/1 leaves): kept without node blocks.
        #expect(methods.forcedZeros.contains { $0 != nil })
        let sampler = WeightSampler(tree: methods.nominal.tree, perturbation: dataset.model.sensitivity.perturbation)
        let weights = sampler.draw(samples: 0..<5, seed: 9)
        for (v, variant) in methods.variants.enumerated() {
            var modified = dataset
            modified.model = dataset.model.replacingMethods(
                normalisation: variant.normalisation, aggregation: variant.aggregation)
            let alone = try ScoringEngine(dataset: modified)
            let shared = methods.engines[v]
            let (a, b) = (try shared.scores(weights: weights), try alone.scores(weights: weights))
            #expect(a.elements.map(\.bitPattern) == b.elements.map(\.bitPattern), "variant \(v)")
            // Without its node blocks (as a variant forced to 0 is kept) an engine makes them for
            // the call: the same scores.
            let lean = try alone.withoutNodeBlocks().scores(weights: weights)
            #expect(lean.elements.map(\.bitPattern) == b.elements.map(\.bitPattern), "variant \(v) without blocks")
            // Only the normalised values are kept.
            #expect(shared.leaves.allSatisfy { $0.raw.isEmpty && $0.present.isEmpty })
            #expect(
                zip(shared.leaves, alone.leaves).allSatisfy {
                    $0.normalised.elementsEqual($1.normalised) { $0.bitPattern == $1.bitPattern }
                })
        }
    }
}
