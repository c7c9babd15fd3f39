import Dataset
import Numerics
import Scoring
import TestSupport
import Testing

/// Each normalisation through the whole scorer on a one-leaf model, where the score is
/// 100 × the leaf's normalised value (SPEC §3, "Formulas").
@Suite struct NormalisationTests {
    /// Scores of a one-leaf model over `values` (candidates c0, c1, …).
    private func scores(
        _ values: [Double], normalisation: Normalisation, direction: Direction = .risk,
        missing: MissingRule = .reweight, log: Bool = false,
        winsorise: (low: Double, high: Double)? = nil, goalposts: (low: Double, high: Double)? = nil
    ) throws -> [Double] {
        let ids = values.indices.map { "c\($0)" }
        let dataset = makeDataset(
            ids: ids, columns: ["x": values],
            criteria: [
                leaf(
                    "x", direction: direction, normalisation: normalisation, missing: missing,
                    log: log, winsorise: winsorise, goalposts: goalposts)
            ])
        return try score(dataset).scores
    }

    @Test func minmax() throws {
        // (x − 2) / (10 − 2) for 2, 4, 6, 10 → 0, 0.25, 0.5, 1.
        expectClose(try scores([2, 4, 6, 10], normalisation: .minmax), [0, 25, 50, 100])
    }

    @Test func minmaxProtectiveIsOneMinus() throws {
        expectClose(
            try scores([2, 4, 6, 10], normalisation: .minmax, direction: .protective),
            [100, 75, 50, 0])
    }

    @Test func minmaxOfConstantColumnIsZero() throws {
        let dataset = makeDataset(
            ids: ["a", "b", "c"], columns: ["x": [3, 3, 3]],
            criteria: [leaf("x", normalisation: .minmax)])
        let table = try score(dataset)
        expectClose(table.scores, [0, 0, 0])
        #expect(table.engine.leaves[0].constant)
    }

    @Test func minmaxIgnoresMissingValuesForItsRange() throws {
        // Range over the present 1, 5, 9 only: 0, 0.5, 1; the missing one stays missing.
        expectClose(try scores([1, .nan, 5, 9], normalisation: .minmax), [0, .nan, 50, 100])
    }

    @Test func zscoreUsesTheSampleStandardDeviation() throws {
        // mean 22/4 = 5.5; deviations −3.5, −1.5, 0.5, 4.5; Σd² = 12.25 + 2.25 + 0.25 + 20.25 = 35;
        // sample sd = √(35/3) ≈ 3.41565 (the population sd √(35/4) would give other numbers).
        let sd = (35.0 / 3).squareRoot()
        let expected = [-3.5, -1.5, 0.5, 4.5].map { 100 * $0 / sd }
        expectClose(try scores([2, 4, 6, 10], normalisation: .zscore), expected)
        // −1.024695… for the first, by hand: 3.5 / 3.415650 = 1.024695.
        expectClose(expected[0] / 100, -1.024695, tolerance: 1e-6)
    }

    @Test func zscoreProtectiveIsNegated() throws {
        let sd = (35.0 / 3).squareRoot()
        expectClose(
            try scores([2, 4, 6, 10], normalisation: .zscore, direction: .protective),
            [3.5, 1.5, -0.5, -4.5].map { 100 * $0 / sd })
    }

    @Test func zscoreOfConstantColumnIsZero() throws {
        expectClose(try scores([4, 4, 4], normalisation: .zscore), [0, 0, 0])
    }

    @Test func rankGivesTiesTheirAverageRank() throws {
        // Ascending 5 (r 1), 10 (r 2), 20 and 20 (r 3.5), 30 (r 5); (r − 1)/(5 − 1):
        // 10 → 0.25, 20 → 0.625, 30 → 1, 5 → 0.
        expectClose(try scores([10, 20, 20, 30, 5], normalisation: .rank), [25, 62.5, 62.5, 100, 0])
    }

    @Test func rankProtectiveIsOneMinus() throws {
        expectClose(
            try scores([10, 20, 20, 30, 5], normalisation: .rank, direction: .protective),
            [75, 37.5, 37.5, 0, 100])
    }

    @Test func goalpostsClamp() throws {
        // (x − 0)/(50 − 0) clamped to [0, 1]: −10 → 0, 0 → 0, 25 → 0.5, 50 → 1, 80 → 1.
        let values: [Double] = [-10, 0, 25, 50, 80]
        expectClose(try scores(values, normalisation: .goalposts, goalposts: (0, 50)), [0, 0, 50, 100, 100])
        expectClose(
            try scores(values, normalisation: .goalposts, direction: .protective, goalposts: (0, 50)),
            [100, 100, 50, 0, 0])
    }

    @Test func goalpostsDoNotDependOnTheOtherCandidates() throws {
        // (30 − 20)/(60 − 20) = 0.25 whatever else is in the column.
        expectClose(try scores([30, 31], normalisation: .goalposts, goalposts: (20, 60))[0], 25)
        expectClose(try scores([30, 1000], normalisation: .goalposts, goalposts: (20, 60))[0], 25)
    }

    @Test func vector() throws {
        // ‖(1, 2, 2)‖ = 3 → 1/3, 2/3, 2/3.
        expectClose(try scores([1, 2, 2], normalisation: .vector), [100.0 / 3, 200.0 / 3, 200.0 / 3])
        expectClose(
            try scores([1, 2, 2], normalisation: .vector, direction: .protective),
            [-100.0 / 3, -200.0 / 3, -200.0 / 3])
    }

    @Test func none() throws {
        expectClose(try scores([0.3, -1.2, 7], normalisation: .none), [30, -120, 700])
        expectClose(
            try scores([0.3, -1.2, 7], normalisation: .none, direction: .protective),
            [-30, 120, -700])
    }

    @Test func logTransformIsLogOfOnePlusX() throws {
        // ln(1 + 0) = 0, ln(1 + (e − 1)) = 1, ln(1 + (e² − 1)) = 2.
        let e = Double.exp(1)
        expectClose(try scores([0, e - 1, e * e - 1], normalisation: .none, log: true), [0, 100, 200])
        // Then minmax: 0, 0.5, 1.
        expectClose(try scores([0, e - 1, e * e - 1], normalisation: .minmax, log: true), [0, 50, 100])
    }

    @Test func logTransformRejectsNegativeInput() {
        #expect(throws: ScoringError.self) {
            try scores([1, -0.5, 2], normalisation: .none, log: true)
        }
    }

    @Test func winsoriseClampsToType7Quantiles() throws {
        // 1…10 at [0.1, 0.9]: h = 9 × 0.1 = 0.9 → 1 + 0.9 × (2 − 1) = 1.9;
        // h = 9 × 0.9 = 8.1 → 9 + 0.1 × (10 − 9) = 9.1.
        let values = (1...10).map(Double.init)
        let expected = values.map { 100 * Swift.min(Swift.max($0, 1.9), 9.1) }
        expectClose(try scores(values, normalisation: .none, winsorise: (0.1, 0.9)), expected)
        #expect(expected.first == 190 && expected.last == 910)
    }

    @Test func winsoriseThenMinmax() throws {
        // 1…10 clamped to [1.9, 9.1], then (x − 1.9)/7.2: 1 and 2 → 0 and 0.1/7.2; 10 → 1.
        let values = (1...10).map(Double.init)
        let s = try scores(values, normalisation: .minmax, winsorise: (0.1, 0.9))
        expectClose(s[0], 0)
        expectClose(s[1], 100 * 0.1 / 7.2)
        expectClose(s[9], 100)
    }

    @Test func transformComesBeforeWinsorise() throws {
        // Logs 0, 1, 2; their type-7 quartiles are 0.5 and 1.5, so 0.5, 1, 1.5. (Clamping the raw
        // values first would give ln(1 + (e − 1)/2) ≈ 0.620 for the first.)
        let e = Double.exp(1)
        expectClose(
            try scores([0, e - 1, e * e - 1], normalisation: .none, log: true, winsorise: (0.25, 0.75)),
            [50, 100, 150])
    }

    @Test func imputationComesBeforeTransform() throws {
        // The mean of 0 and e² − 1 is imputed on the raw scale, then logged:
        // ln(1 + (e² − 1)/2) = ln((1 + e²)/2) ≈ ln(4.194528) ≈ 1.433780.
        let e = Double.exp(1)
        let s = try scores([0, .nan, e * e - 1], normalisation: .none, missing: .mean, log: true)
        expectClose(s[1], 100 * Double.log((1 + e * e) / 2))
        expectClose(s[1], 143.3780, tolerance: 1e-3)
    }

    @Test(arguments: Normalisation.allCases)
    func protectiveFlipsEveryMethodAsTheSpecSays(method: Normalisation) throws {
        let values: [Double] = [3, 8, 1, 6]
        let goalposts: (low: Double, high: Double)? = method == .goalposts ? (0, 10) : nil
        let risk = try scores(values, normalisation: method, goalposts: goalposts)
        let protective = try scores(values, normalisation: method, direction: .protective, goalposts: goalposts)
        let bounded: Set<Normalisation> = [.minmax, .rank, .goalposts]
        for (r, p) in zip(risk, protective) {
            // 100 × (1 − v) = 100 − 100v on the bounded scales, −100v on the others.
            expectClose(p, bounded.contains(method) ? 100 - r : -r)
        }
    }
}
