import Dataset
import Numerics
import Testing

@testable import Scoring

// Outlier treatment (SPEC §12). Independent figures:
// - hand: [1, 2, 3, 4, 10] has mean 4, deviations −3, −2, −1, 0, 6, so Σd² = 50, Σd³ = 180,
//   Σd⁴ = 1394; m2 = 10, m3 = 36, g1 = 36 / 10^1.5; G1 = sqrt(5·4)/3 · g1 = 12/sqrt(50);
//   r = 5 · 1394 / 50² = 2.788, G2 = ((6)(2.788 − 3) + 6) · 4 / (3 · 2) = 3.152.
// - scipy 1.17.1 (python3, this machine): `scipy.stats.skew(x, bias=False)` and
//   `scipy.stats.kurtosis(x, bias=False)`, the same G1 and G2 (Joanes & Gill 1998), e.g.
//   x = [2, 2, 3, 5, 8, 13, 40, 41] → 1.2499245941717994, −0.29960670167848846.
// - the step sequences below were worked with a separate Python implementation of SPEC §12's
//   rule over numpy/scipy (shapes after each step quoted with each test).
@Suite struct TreatmentTests {
    @Test func sampleSkewnessAndKurtosisOfAHandWorkedSample() throws {
        let shape = try #require(Shape([1, 2, 3, 4, 10]))
        #expect(shape.skewness.isApproximatelyEqual(to: 12 / 50.0.squareRoot(), relativeTolerance: 1e-12))
        #expect(shape.kurtosis.isApproximatelyEqual(to: 3.152, relativeTolerance: 1e-12))
    }

    @Test func sampleSkewnessAndKurtosisMatchScipyUnbiased() throws {
        let shape = try #require(Shape([2, 2, 3, 5, 8, 13, 40, 41]))
        #expect(shape.skewness.isApproximatelyEqual(to: 1.2499245941717994, relativeTolerance: 1e-12))
        #expect(shape.kurtosis.isApproximatelyEqual(to: -0.29960670167848846, relativeTolerance: 1e-12))
    }

    @Test func shapeIsUndefinedBelowFourValuesOrForAConstantColumn() {
        #expect(Shape([1, 2, 30]) == nil)
        #expect(Shape([5, 5, 5, 5, 5]) == nil)
    }

    /// 1…30, 100, 200, 400, 800: G1 = 4.2573, G2 = 19.3126; each step moves the maximum down:
    /// 800 → 400 (3.2747, 10.1138), 400 → 200 (2.6466, 5.8604), 200 → 100 (2.0957, 3.3029 < 3.5).
    @Test func autoWinsorisesStepByStepUntilTheShapePasses() {
        let values = (1...30).map(Double.init) + [100, 200, 400, 800]
        let (treatedValues, outcome) = treated(values, .auto)
        #expect(outcome.steps == 3)
        #expect(!outcome.loggedFallback)
        #expect(outcome.passes)
        #expect(Array(treatedValues.suffix(4)) == [100, 100, 100, 100])
        #expect(Array(treatedValues.prefix(30)) == Array(values.prefix(30)))
        #expect(outcome.moved.count == 3)
        #expect(outcome.moved[33] == TreatmentOutcome.Winsorised(from: 800, to: 100))
        #expect(outcome.moved[31] == TreatmentOutcome.Winsorised(from: 200, to: 100))
        #expect(outcome.after?.kurtosis.isApproximatelyEqual(to: 3.3028641279562514, relativeTolerance: 1e-10) == true)
        #expect(outcome.before?.skewness.isApproximatelyEqual(to: 4.257339646198871, relativeTolerance: 1e-10) == true)
    }

    /// 1…20, 80, 300, 300: the two values tied at the maximum move together, in one step, to 80
    /// (G1 2.9723, G2 7.8119 → 2.1155, 3.2009).
    @Test func oneStepMovesEveryValueTiedAtTheExtreme() {
        let values = (1...20).map(Double.init) + [80, 300, 300]
        let (treatedValues, outcome) = treated(values, .auto)
        #expect(outcome.steps == 1)
        #expect(Array(treatedValues.suffix(3)) == [80, 80, 80])
        #expect(Set(outcome.moved.keys) == [21, 22])
    }

    /// −300, −300, −80, 1…20: negative skew (−2.9180, 7.5172), so the minimum moves up to −80.
    @Test func negativeSkewMovesTheMinimumUp() {
        let values: [Double] = [-300, -300, -80] + (1...20).map(Double.init)
        let (treatedValues, outcome) = treated(values, .auto)
        #expect(outcome.steps == 1)
        #expect(Array(treatedValues.prefix(3)) == [-80, -80, -80])
    }

    /// With one step allowed, 1…30, 100, 200, 400, 800 still fails (3.2747, 10.1138): the log
    /// fallback applies to the untreated values, ln(x − 1 + 0.01 × 799).
    @Test func logFallbackOnTheUntreatedValuesWhenStepsRunOut() {
        let values = (1...30).map(Double.init) + [100, 200, 400, 800]
        var rule = Treatment.auto
        rule.maxPoints = 1
        let (treatedValues, outcome) = treated(values, rule)
        #expect(outcome.loggedFallback)
        #expect(outcome.moved.isEmpty)
        for (x, y) in zip(values, treatedValues) {
            #expect(y.isApproximatelyEqual(to: _log(x - 1 + 7.99), relativeTolerance: 1e-14))
        }
        // The largest: ln(807.99) = 6.6933112766194425 (numpy).
        #expect(treatedValues[33].isApproximatelyEqual(to: 6.6933112766194425, relativeTolerance: 1e-12))
    }

    @Test func noneFallbackKeepsTheWinsorisedValues() {
        let values = (1...30).map(Double.init) + [100, 200, 400, 800]
        let rule = Treatment(maxPoints: 1, fallback: .none)
        let (treatedValues, outcome) = treated(values, rule)
        #expect(!outcome.loggedFallback)
        #expect(!outcome.passes)
        #expect(treatedValues.last == 400)
    }

    @Test func missingValuesStayMissingAndDoNotCount() {
        let values: [Double] = (1...20).map(Double.init) + [.nan, 80, 300, 300, .nan]
        let (treatedValues, outcome) = treated(values, .auto)
        #expect(treatedValues[20].isNaN && treatedValues[24].isNaN)
        #expect(treatedValues[22] == 80 && treatedValues[23] == 80)
        #expect(Set(outcome.moved.keys) == [22, 23])
    }

    /// One 1 among nine 0s: G1 = 3.16, G2 = 10 fail, but a step would leave every value equal,
    /// so none is taken and the log fallback applies: ln(x + 0.01), still two values.
    @Test func aStepThatWouldMakeTheColumnConstantIsNotTaken() {
        let values: [Double] = Array(repeating: 0, count: 9) + [1]
        let (treatedValues, outcome) = treated(values, .auto)
        #expect(outcome.steps == 0)
        #expect(outcome.loggedFallback)
        #expect(treatedValues[9].isApproximatelyEqual(to: _log(1.01), relativeTolerance: 1e-14))
        #expect(treatedValues[0].isApproximatelyEqual(to: _log(0.01), relativeTolerance: 1e-14))
    }

    @Test func valuesThatPassAreLeftAlone() {
        let values: [Double] = [1, 2, 3, 4, 5, 6, 7, 8, 40, 40]  // G1 1.69, G2 1.23
        let (treatedValues, outcome) = treated(values, .auto)
        #expect(treatedValues == values)
        #expect(!outcome.changedValues)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

private func _log(_ x: Double) -> Double { log(x) }
