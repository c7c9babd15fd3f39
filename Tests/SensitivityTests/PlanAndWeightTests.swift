import Dataset
import Numerics
import Scoring
import TestSupport
import Testing

@testable import Sensitivity

@Suite struct PlanAndWeightTests {
    /// Leaves a (weight 1) and b (weight 2) with b constant: the score is a function of a alone,
    /// so a carries all the effective weight (r² = 1) against a nominal third, and b none
    /// against two thirds. Both differ from their weight by more than a factor of 2.
    @Test func aConstantLeafHasNoEffectiveWeight() throws {
        let dataset = makeDataset(
            ids: ["A", "B", "C", "D"], columns: ["a": [0.1, 0.7, 0.3, 0.9], "b": [0.5, 0.5, 0.5, 0.5]],
            criteria: [leaf("a"), leaf("b", weight: 2)])
        let influence = try SensitivityAnalysis(dataset: dataset).weightInfluence()
        #expect(influence.map(\.id) == ["a", "b"])
        #expect(influence[0].nominal.isApproximatelyEqual(to: 1.0 / 3, relativeTolerance: 1e-12))
        #expect(influence[0].correlation.isApproximatelyEqual(to: 1, relativeTolerance: 1e-12))
        #expect(influence[0].effective.isApproximatelyEqual(to: 1, relativeTolerance: 1e-12))
        #expect(influence[1].effective == 0)
        #expect(influence.allSatisfy { $0.flagged })
    }
}
