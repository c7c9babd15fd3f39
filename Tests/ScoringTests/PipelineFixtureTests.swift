import Dataset
import Formats
import Foundation
import Numerics
import Scoring
import Testing

/// A small dataset through every step of SPEC §12: denominate → screen → impute (region mean) →
/// treat (auto) → normalise → direction → aggregate. Every intermediate table below was worked
/// out independently (by hand, checked with a separate Python/numpy/scipy implementation of the
/// SPEC's formulas), never read from the code.
///
/// | id | region | attacks | population | gap | gap2 |
/// |----|--------|---------|------------|-----|------|
/// | N1 | North | 2 | 2000 | 0.2 | 0.5 |
/// | N2 | North | 3 | 1000 | 0.4 | 0.1 |
/// | N3 | North | 20 | 4000 | 0.9 | 0.3 |
/// | N4 | North | 7 | (missing) | 0.6 | 0.8 |
/// | N5 | North | 100 | 2000 | 0.3 | 0.6 |
/// | N6 | North | 5000 | 5000 | — | — |
/// | S1 | South | 1 | 500 | 0.7 | 0.2 |
/// | S2 | South | 8 | 2000 | — | 0.9 |
/// | S3 | South | 6 | 1000 | 0.1 | 0.4 |
/// | S4 | South | 14 | 2000 | 0.8 | 0.7 |
/// | S5 | South | 9 | 0 | 0.5 | 0.55 |
/// | S6 | South | — | 3000 | — | 0.5 |
enum PipelineFixture {
    /// Tests/Fixtures/pipeline (shared with the CLI tests).
    static let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/pipeline")
}

@Suite struct PipelineFixtureTests {
    let loaded: Dataset
    let dataset: Dataset

    init() throws {
        loaded = try Dataset.load(directory: PipelineFixture.source.path)
        dataset = loaded.screened()
    }

    /// N4's population is missing and S5's is zero, while both have attacks: 2 values, 1 + 1.
    @Test func aWarningCountsMissingAndZeroDenominators() throws {
        let warning = try #require(loaded.diagnostics.first { $0.message.contains("denominator `population`") })
        #expect(warning.severity == .warning)
        #expect(warning.message.contains("2 value(s) become missing"))
        #expect(warning.message.contains("missing (1) or zero (1)"))
        #expect(warning.line == 12)  // `denominator: population` in model.yaml
    }

    /// Coverage (weights 1/3 each): N6 has attacks only (1/3), S6 gap2 only (1/3): below 0.6.
    /// N4, S5 (no ratio) and S2 (no gap) have 2/3 and stay.
    @Test func screeningRemovesCandidatesBelowTheMinimumCoverage() {
        #expect(dataset.screened.map(\.id) == ["N6", "S6"])
        #expect(dataset.screened.allSatisfy { $0.coverage.isApproximatelyEqual(to: 1.0 / 3, relativeTolerance: 1e-12) })
        #expect(dataset.states.map(\.id) == ["N1", "N2", "N3", "N4", "N5", "S1", "S2", "S3", "S4", "S5"])
        #expect(dataset.indicators.columns["gap"]?.count == 10)
    }

    /// attacks × 1000 / population; missing where population is missing (N4) or 0 (S5).
    @Test func denominatedValues() throws {
        let table = try score(dataset)
        let raw = table.engine.leaves[0].raw
        let expected: [Double] = [1, 3, 5, .nan, 50, 2, 4, 6, 7, .nan]
        for (value, want) in zip(raw, expected) {
            if want.isNaN {
                #expect(value.isNaN)
            } else {
                #expect(value.isApproximatelyEqual(to: want, relativeTolerance: 1e-15))
            }
        }
        #expect(table.engine.leaves[0].present == expected.map { !$0.isNaN })
    }

    /// Region means over the kept candidates: North (1 + 3 + 5 + 50) / 4 = 14.75 for N4; South
    /// (2 + 4 + 6 + 7) / 4 = 4.75 for S5. N6's 1,000 does not enter: it was screened out first.
    /// Treatment auto on [1, 3, 5, 14.75, 50, 2, 4, 6, 7, 4.75]: G1 2.8049 ≥ 2, G2 8.1932 ≥ 3.5,
    /// so 50 moves to 14.75 (one step; then G1 1.1961 passes).
    @Test func imputationThenTreatment() throws {
        let table = try score(dataset)
        let column = table.engine.leaves[0]
        #expect(column.imputed == [false, false, false, true, false, false, false, false, false, true])
        let outcome = try #require(column.treatment)
        #expect(outcome.steps == 1)
        #expect(outcome.moved == [4: .init(from: 50, to: 14.75)])
        #expect(outcome.before?.skewness.isApproximatelyEqual(to: 2.8048557836940997, relativeTolerance: 1e-10) == true)
        #expect(outcome.before?.kurtosis.isApproximatelyEqual(to: 8.193249666126798, relativeTolerance: 1e-10) == true)
        #expect(outcome.after?.skewness.isApproximatelyEqual(to: 1.1960899711570177, relativeTolerance: 1e-10) == true)
        // gap has a symmetric shape (G1 ≈ 0, G2 −1.2): treated, nothing moved. gap2 has `treatment: none`.
        #expect(table.engine.leaves[1].treatment?.changedValues == false)
        #expect(table.engine.leaves[2].treatment == nil)
    }

    /// minmax over the treated values (1 … 14.75, range 13.75): (x − 1) / 13.75. gap: (x − 0.1) / 0.8.
    /// gap2 protective: 1 − (x − 0.1) / 0.8.
    @Test func normalisedValues() throws {
        let table = try score(dataset)
        let attacks = [0, 2, 4, 13.75, 13.75, 1, 3, 5, 6, 3.75].map { $0 / 13.75 }
        let gap = [0.2, 0.4, 0.9, 0.6, 0.3, 0.7, .nan, 0.1, 0.8, 0.5].map { ($0 - 0.1) / 0.8 }
        let gap2 = [0.5, 0.1, 0.3, 0.8, 0.6, 0.2, 0.9, 0.4, 0.7, 0.55].map { 1 - ($0 - 0.1) / 0.8 }
        for (k, expected) in [attacks, gap, gap2].enumerated() {
            for (value, want) in zip(table.engine.leaves[k].normalised, expected) {
                if want.isNaN { #expect(value.isNaN) } else { #expect(abs(value - want) <= 1e-12) }
            }
        }
    }

    /// Scores: 100 × the mean of the present normalised values (equal weights, reweighted for
    /// S2); e.g. N3 = 100 × (4/13.75 + 1 + 0.75) / 3 = 68.0303…; ranks by descending score.
    @Test func scoresRanksAndCoverage() throws {
        let table = try score(dataset)
        let expected: [String: Double] = [
            "N1": 20.833333333333332, "N2": 50.68181818181819, "N3": 68.03030303030303,
            "N4": 58.333333333333336, "N5": 54.166666666666664, "S1": 56.59090909090909,
            "S2": 10.909090909090908, "S3": 32.95454545454545, "S4": 52.045454545454554,
            "S5": 40.340909090909086,
        ]
        for (i, state) in dataset.states.enumerated() {
            #expect(table.scores[i].isApproximatelyEqual(to: expected[state.id]!, relativeTolerance: 1e-12))
        }
        #expect(
            table.order.map { dataset.states[$0].id } == ["N3", "N4", "S1", "N5", "S4", "N2", "S5", "S3", "N1", "S2"])
        // Coverage counts present values, not imputed ones: N4, S5 and S2 have 2/3.
        #expect(table.coverage[3].isApproximatelyEqual(to: 2.0 / 3, relativeTolerance: 1e-12))
        #expect(table.coverage[0] == 1)
        #expect(table.screened?.map(\.id) == ["N6", "S6"])
    }

    /// `explain` names the treated value.
    @Test func theExplanationNamesTheTreatedValue() throws {
        let table = try score(dataset)
        let n5 = table.explanation(of: 4)
        #expect(n5.leaves[0].treated == TreatedValue(kind: .winsorised, from: 50, to: 14.75))
        #expect(table.explanation(of: 0).leaves[0].treated == nil)
        #expect(n5.table().contains("winsorised from 50.000 to 14.750"))
    }

    /// `explain` shows every intermediate value: N4's imputed value is the North mean of the
    /// ratios left after screening, (1 + 3 + 5 + 50) / 4 = 14.75 (N6 is screened out, N4's own
    /// population is missing); N3's ratio is 20 / 4000 × 1000 = 5 from its two cells.
    @Test func theExplanationShowsTheImputedValueAndTheRatiosParts() throws {
        let table = try score(dataset)
        let n4 = table.explanation(of: 3, indicators: dataset.indicators)
        #expect(n4.leaves[0].imputed && n4.leaves[0].imputedValue == 14.75)
        #expect(n4.leaves[0].numerator == 7 && n4.leaves[0].denominator == nil)
        #expect(n4.table().contains("imputed 14.750"))
        let n3 = table.explanation(of: 2, indicators: dataset.indicators)
        #expect(n3.leaves[0].numerator == 20 && n3.leaves[0].denominator == 4000 && n3.leaves[0].raw == 5)
        #expect(n3.leaves[0].imputedValue == nil && n3.leaves[1].numerator == nil)
        #expect(n3.json().contains("\"numerator\" : 20") && !n3.json().contains("imputed_value"))
        // Without the indicators, the parts are left out.
        #expect(table.explanation(of: 2).leaves[0].numerator == nil)
    }

    /// `validate`'s note for the treated leaf.
    @Test func theTreatmentNoteCountsTheValuesMoved() throws {
        let table = try score(dataset)
        let notes = table.treatmentNotes(modelFile: "model.yaml")
        #expect(notes.count == 2)  // attacks_pc and gap; gap2 has `treatment: none`
        #expect(notes[0].message.contains("leaf `attacks_pc`: treatment moved 1 value(s) in 1 step(s)"))
        #expect(notes[1].message.contains("no treatment needed"))
    }
}
