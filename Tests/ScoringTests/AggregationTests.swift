import Dataset
import Scoring
import TestSupport
import Testing

/// Arithmetic, geometric and TOPSIS nodes at depth 2 and 3, against values worked out by hand
/// (leaves use `none`, so a leaf's value is its raw value).
@Suite struct AggregationTests {
    @Test func arithmeticAtDepthThree() throws {
        // root: g (3) = [a (1), h (1) = [b (1), c (3)]], d (1). With a 0.2, b 0.4, c 0.8, d 1:
        // h = 0.25·0.4 + 0.75·0.8 = 0.7; g = 0.5·0.2 + 0.5·0.7 = 0.45;
        // root = 0.75·0.45 + 0.25·1 = 0.5875.
        let dataset = makeDataset(
            ids: ["X"], columns: ["a": [0.2], "b": [0.4], "c": [0.8], "d": [1]],
            criteria: [
                node("g", weight: 3, [leaf("a"), node("h", [leaf("b"), leaf("c", weight: 3)])]),
                leaf("d"),
            ])
        let table = try score(dataset)
        expectClose(table.value(of: "h", for: "X"), 0.7)
        expectClose(table.value(of: "g", for: "X"), 0.45)
        expectClose(table.candidate("X").score, 58.75)
    }

    @Test func weightsAreRelativeToSiblings() throws {
        // Multiplying sibling weights by a constant changes nothing: 1:3 is 10:30.
        // 0.25·0.4 + 0.75·0.8 = 0.7.
        let columns: [String: [Double]] = ["a": [0.4], "b": [0.8]]
        let small = makeDataset(ids: ["X"], columns: columns, criteria: [leaf("a", weight: 1), leaf("b", weight: 3)])
        let large = makeDataset(ids: ["X"], columns: columns, criteria: [leaf("a", weight: 10), leaf("b", weight: 30)])
        expectClose(try score(small).scores, [70])
        expectClose(try score(large).scores, [70])
    }

    @Test func geometricIsTheWeightedProduct() throws {
        // g = [a (1), b (3)], weights 0.25 and 0.75; a = 0.0016 = 0.2⁴, b = 0.4096 = 0.8⁴:
        // a^0.25 · b^0.75 = 0.2 · 0.8³ = 0.2 · 0.512 = 0.1024.
        // root = [g (1), c (1)] with c = 0.5: 0.5·0.1024 + 0.5·0.5 = 0.3012.
        let dataset = makeDataset(
            ids: ["X"], columns: ["a": [0.0016], "b": [0.4096], "c": [0.5]],
            criteria: [node("g", .geometric, [leaf("a"), leaf("b", weight: 3)]), leaf("c")])
        let table = try score(dataset)
        expectClose(table.value(of: "g", for: "X"), 0.1024)
        expectClose(table.candidate("X").score, 30.12)
    }

    @Test func geometricWithAZeroChildIsZero() throws {
        // a = 0 → g = 0 → root = 0.5·0 + 0.5·0.5 = 0.25.
        let dataset = makeDataset(
            ids: ["X"], columns: ["a": [0], "b": [0.4096], "c": [0.5]],
            criteria: [node("g", .geometric, [leaf("a"), leaf("b", weight: 3)]), leaf("c")])
        let table = try score(dataset)
        #expect(table.value(of: "g", for: "X") == 0)
        expectClose(table.candidate("X").score, 25)
    }

    @Test func geometricRenormalisesOverPresentChildren() throws {
        // b missing under reweight: g = a^1 = 0.0016; root = 0.5·0.0016 + 0.25 = 0.2508.
        let dataset = makeDataset(
            ids: ["X"], columns: ["a": [0.0016], "b": [.nan], "c": [0.5]],
            criteria: [node("g", .geometric, [leaf("a"), leaf("b", weight: 3)]), leaf("c")])
        expectClose(try score(dataset).scores, [25.08])
    }

    @Test func geometricRejectsANegativeChild() {
        let dataset = makeDataset(
            ids: ["X", "Y"], columns: ["a": [0.5, -0.1], "b": [0.5, 0.5]],
            criteria: [node("g", .geometric, [leaf("a"), leaf("b")])])
        #expect(throws: ScoringError.self) { try score(dataset) }
    }

    @Test func geometricAtDepthThree() throws {
        // root: h (1) = [g (1) geometric = [a (1), b (3)], d (1)], c (1).
        // g = 0.1024 (above); h = 0.5·0.1024 + 0.5·0.3 = 0.2012; root = 0.5·0.2012 + 0.5·0.5 = 0.3506.
        let dataset = makeDataset(
            ids: ["X"], columns: ["a": [0.0016], "b": [0.4096], "c": [0.5], "d": [0.3]],
            criteria: [
                node("h", [node("g", .geometric, [leaf("a"), leaf("b", weight: 3)]), leaf("d")]),
                leaf("c"),
            ])
        let table = try score(dataset)
        expectClose(table.value(of: "h", for: "X"), 0.2012)
        expectClose(table.candidate("X").score, 35.06)
    }

    @Test func geometricOverAnInnerNode() throws {
        // root: g (1) geometric = [a (1), h (1) = [b, d]], c (1).
        // X: h = (0.5 + 0.78)/2 = 0.64; g = √(0.25 · 0.64) = √0.16 = 0.4; root = 0.5·0.4 + 0.5·0.5 = 0.45.
        // Y: b = d = 0 → h = 0 → g = 0; root = 0.5·0 + 0.5·0.5 = 0.25.
        let dataset = makeDataset(
            ids: ["X", "Y"],
            columns: ["a": [0.25, 0.25], "b": [0.5, 0], "d": [0.78, 0], "c": [0.5, 0.5]],
            criteria: [node("g", .geometric, [leaf("a"), node("h", [leaf("b"), leaf("d")])]), leaf("c")])
        let table = try score(dataset)
        expectClose(table.value(of: "g", for: "X"), 0.4)
        expectClose(table.scores, [45, 25])
        #expect(table.value(of: "g", for: "Y") == 0)
    }

    /// Three candidates on two criteria with weights 1 and 3 (0.25 and 0.75):
    /// A (1, 0), B (0, 1), C (0.6, 0.2).
    private let topsisColumns: [String: [Double]] = ["a": [1, 0, 0.6], "b": [0, 1, 0.2]]

    /// The closeness of A, B and C, by hand. u = (0.25 v_a, 0.75 v_b); ideal (0.25, 0.75),
    /// anti-ideal (0, 0).
    /// A: u = (0.25, 0): d⁺ = 0.75, d⁻ = 0.25 → 0.25.
    /// B: u = (0, 0.75): d⁺ = 0.25, d⁻ = 0.75 → 0.75.
    /// C: u = (0.25·0.6, 0.75·0.2) = (0.15, 0.15): d⁺ = √(0.1² + 0.6²) = √0.37,
    ///    d⁻ = √(0.15² + 0.15²) = √0.045 → 0.212132 / (0.608276 + 0.212132) ≈ 0.258569.
    private var topsisCloseness: [Double] {
        let (plus, minus) = (0.37.squareRoot(), 0.045.squareRoot())
        return [0.25, 0.75, minus / (plus + minus)]
    }

    @Test func topsisAtDepthOne() throws {
        let dataset = makeDataset(
            ids: ["A", "B", "C"], columns: topsisColumns,
            criteria: [leaf("a"), leaf("b", weight: 3)], root: .topsis)
        let table = try score(dataset)
        expectClose(table.scores, topsisCloseness.map { $0 * 100 })
        expectClose(table.scores[2], 25.8569, tolerance: 1e-4)
    }

    @Test func topsisAtDepthTwo() throws {
        // root: t (1) topsis = [a (1), b (3)], d (1) with d = 0 for all → root = 0.5 t.
        let dataset = makeDataset(
            ids: ["A", "B", "C"], columns: topsisColumns.merging(["d": [0, 0, 0]]) { $1 },
            criteria: [node("t", .topsis, [leaf("a"), leaf("b", weight: 3)]), leaf("d")])
        let table = try score(dataset)
        expectClose(["A", "B", "C"].map { table.value(of: "t", for: $0) }, topsisCloseness)
        expectClose(table.scores, topsisCloseness.map { $0 * 50 })
    }

    @Test func topsisOverAnInnerNodeAtDepthThree() throws {
        // root: t (1) topsis = [a (1), h (3) = [b, c]], d (1). h = mean(b, c) reproduces the
        // second criterion above: A (0 + 0)/2 = 0, B (1 + 1)/2 = 1, C (0.4 + 0)/2 = 0.2.
        let dataset = makeDataset(
            ids: ["A", "B", "C"],
            columns: ["a": [1, 0, 0.6], "b": [0, 1, 0.4], "c": [0, 1, 0], "d": [0, 0, 0]],
            criteria: [
                node("t", .topsis, [leaf("a"), node("h", weight: 3, [leaf("b"), leaf("c")])]),
                leaf("d"),
            ])
        let table = try score(dataset)
        expectClose(["A", "B", "C"].map { table.value(of: "h", for: $0) }, [0, 1, 0.2])
        expectClose(["A", "B", "C"].map { table.value(of: "t", for: $0) }, topsisCloseness)
        expectClose(table.scores, topsisCloseness.map { $0 * 50 })
    }

    @Test func topsisIsOneHalfWhenEveryoneIsIdentical() throws {
        // d⁺ = d⁻ = 0 for every candidate.
        let dataset = makeDataset(
            ids: ["A", "B"], columns: ["a": [0.3, 0.3], "b": [0.7, 0.7]],
            criteria: [leaf("a"), leaf("b")], root: .topsis)
        expectClose(try score(dataset).scores, [50, 50])
    }

    @Test func topsisBestAndWorstCandidatesScoreOneAndZero() throws {
        // A dominates on both criteria: it is the ideal (d⁺ = 0 → 1); C is the anti-ideal (0).
        let dataset = makeDataset(
            ids: ["A", "B", "C"], columns: ["a": [9, 5, 1], "b": [4, 2, 0]],
            criteria: [leaf("a"), leaf("b", weight: 2)], root: .topsis)
        let s = try score(dataset).scores
        expectClose(s[0], 100)
        expectClose(s[2], 0)
    }
}
