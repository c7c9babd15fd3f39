import Dataset
import Scoring
import TestSupport
import Testing

/// The missing-value rules and coverage (SPEC §3, "Missing values" and "Coverage").
@Suite struct MissingValueTests {
    // A: North 2, B: North 4, C: South 10, D: South missing, E: East missing (no East value at all).
    private let ids = ["A", "B", "C", "D", "E"]
    private let regions = ["North", "North", "South", "South", "East"]
    private let values: [Double] = [2, 4, 10, .nan, .nan]

    private func scores(_ rule: MissingRule) throws -> [Double] {
        let dataset = makeDataset(
            ids: ids, regions: regions, columns: ["x": values],
            criteria: [leaf("x", normalisation: .none, missing: rule)])
        return try score(dataset).scores
    }

    @Test func meanImputesTheOverallMean() throws {
        // (2 + 4 + 10) / 3 = 16/3.
        expectClose(try scores(.mean), [200, 400, 1000, 1600.0 / 3, 1600.0 / 3])
    }

    @Test func regionMeanFallsBackToTheOverallMean() throws {
        // D (South) gets South's 10; E's region has no value, so the overall 16/3.
        expectClose(try scores(.regionMean), [200, 400, 1000, 1000, 1600.0 / 3])
    }

    @Test func regionMeanAveragesWithinTheRegion() throws {
        // North: 2 and 6 → 4 for the missing North candidate; South: 10 alone.
        let dataset = makeDataset(
            ids: ["A", "B", "C", "D"], regions: ["North", "North", "South", "North"],
            columns: ["x": [2, 6, 10, .nan]], criteria: [leaf("x", missing: .regionMean)])
        expectClose(try score(dataset).scores, [200, 600, 1000, 400])
    }

    @Test func minMaxAndZero() throws {
        expectClose(try scores(.min), [200, 400, 1000, 200, 200])
        expectClose(try scores(.max), [200, 400, 1000, 1000, 1000])
        expectClose(try scores(.zero), [200, 400, 1000, 0, 0])
    }

    @Test func imputationHappensBeforeNormalisation() throws {
        // zero imputes 0 on the raw scale, which becomes the column's minimum: minmax over
        // 0, 2, 4, 10 → 0.2, 0.4, 1, 0, 0.
        let dataset = makeDataset(
            ids: ids, columns: ["x": values],
            criteria: [leaf("x", normalisation: .minmax, missing: .zero)])
        expectClose(try score(dataset).scores, [20, 40, 100, 0, 0])
    }

    @Test func errorRuleRejectsAMissingValue() {
        let dataset = makeDataset(
            ids: ids, columns: ["x": values],
            criteria: [leaf("x", missing: .error)])
        #expect(throws: ScoringError.self) { try score(dataset) }
    }

    @Test func errorRuleAcceptsAFullColumn() throws {
        let dataset = makeDataset(
            ids: ["A", "B"], columns: ["x": [1, 2]],
            criteria: [leaf("x", missing: .error)])
        expectClose(try score(dataset).scores, [100, 200])
    }

    @Test func reweightAveragesOverPresentChildren() throws {
        // Leaves a (weight 0.6) and b (0.4):
        // A: 0.6·0.5 + 0.4·1.0 = 0.7; B: only a → 0.2; C: nothing → missing; D: only b → 0.9.
        let dataset = makeDataset(
            ids: ["A", "B", "C", "D"],
            columns: ["a": [0.5, 0.2, .nan, .nan], "b": [1.0, .nan, .nan, 0.9]],
            criteria: [leaf("a", weight: 0.6), leaf("b", weight: 0.4)])
        let table = try score(dataset)
        expectClose(table.scores, [70, 20, .nan, 90])
        // Coverage: sum of the nominal path weights of the present leaves.
        expectClose(table.candidates.map(\.coverage), [1, 0.6, 0, 0.4])
        // A candidate with every leaf missing ranks last.
        #expect(table.rankedIDs == ["D", "A", "B", "C"])
        #expect(table.candidate("C").rank == 4)
    }

    @Test func reweightInsideANestedNode() throws {
        // root: g (weight 2) = [a (1), b (3)], c (weight 2).
        // X has everything: g = 0.25·0.4 + 0.75·0.8 = 0.7; root = 0.5·0.7 + 0.5·0.2 = 0.45.
        // Y misses b: g = a = 0.4; root = 0.5·0.4 + 0.5·0.2 = 0.3.
        // Z misses a and b: g is missing, so root = c = 0.6.
        let dataset = makeDataset(
            ids: ["X", "Y", "Z"],
            columns: ["a": [0.4, 0.4, .nan], "b": [0.8, .nan, .nan], "c": [0.2, 0.2, 0.6]],
            criteria: [
                node("g", weight: 2, [leaf("a", weight: 1), leaf("b", weight: 3)]),
                leaf("c", weight: 2),
            ])
        let table = try score(dataset)
        expectClose(table.scores, [45, 30, 60])
        expectClose(table.value(of: "g", for: "Z"), .nan)
        // Path weights: a = 0.5·0.25 = 0.125, b = 0.5·0.75 = 0.375, c = 0.5.
        // Coverage: X 1; Y 1 − 0.375 = 0.625; Z 0.5.
        expectClose(table.candidates.map(\.coverage), [1, 0.625, 0.5])
    }

    @Test func coverageIsSixTenthsWhenALeafOfPathWeightFourTenthsIsMissing() throws {
        // root: g (weight 4) = [a, b] with equal weights, c (weight 6): path weights a 0.2,
        // b 0.2, c 0.6. Missing a and b: 0.6. Missing c: 0.4.
        let dataset = makeDataset(
            ids: ["P", "Q", "R"],
            columns: ["a": [1, .nan, 1], "b": [1, .nan, 1], "c": [1, 1, .nan]],
            criteria: [node("g", weight: 4, [leaf("a"), leaf("b")]), leaf("c", weight: 6)])
        expectClose(try score(dataset).candidates.map(\.coverage), [1, 0.6, 0.4])
    }

    @Test func imputedValuesDoNotCountAsPresentForCoverage() throws {
        // a (weight 0.4) imputes the mean; b (0.6) is complete. Y's a is imputed as
        // (0.2 + 0.6)/2 = 0.4 and enters the score: 0.4·0.4 + 0.6·0.5 = 0.46; coverage 0.6.
        let dataset = makeDataset(
            ids: ["X", "Y", "Z"],
            columns: ["a": [0.2, .nan, 0.6], "b": [0.5, 0.5, 0.5]],
            criteria: [leaf("a", weight: 0.4, missing: .mean), leaf("b", weight: 0.6)])
        let table = try score(dataset)
        expectClose(table.candidate("Y").score, 46)
        expectClose(table.candidates.map(\.coverage), [1, 0.6, 1])
        #expect(table.engine.leaves[0].imputed == [false, true, false])
        #expect(table.engine.leaves[0].present == [true, false, true])
    }

    @Test func anIndicatorAbsentFromTheDatasetIsMissingForEveryone() throws {
        // No column `ghost`: every candidate is missing it, so every score is NaN, coverage 0.
        let dataset = makeDataset(ids: ["A", "B"], columns: [:], criteria: [leaf("ghost")])
        let table = try score(dataset)
        let everyScoreMissing = table.scores.allSatisfy { $0.isNaN }
        #expect(everyScoreMissing)
        expectClose(table.candidates.map(\.coverage), [0, 0])
    }
}
