import Dataset
import TestSupport
import Testing

@testable import Sensitivity

/// Sobol factors are values: a node's weight and a method alternative never share a name.
@Suite struct SobolFactorTests {
    /// A leaf whose id is `normalisation`, in a model with normalisation alternatives: two
    /// factors, the leaf's weight and the choice of normalisation, that print the same label.
    @Test func aNodeNamedLikeAnAlternativeIsStillAWeight() throws {
        let dataset = makeDataset(
            ids: ["A", "B", "C"], columns: ["normalisation": [0.1, 0.5, 0.9], "y": [0.3, 0.2, 0.8]],
            criteria: [leaf("normalisation"), leaf("y")],
            sensitivity: SensitivitySettings(normalisations: [.minmax, .zscore]))
        let analysis = try SensitivityAnalysis(dataset: dataset)
        #expect(analysis.sobolFactors == [.weight(node: "normalisation"), .weight(node: "y"), .normalisation])
        #expect(analysis.sobolFactors.map(\.node) == ["normalisation", "y", nil])
        #expect(analysis.sobolFactors.map(\.description) == ["normalisation", "y", "normalisation"])
    }
}
