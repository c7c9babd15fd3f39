import Confidentiality
import Dataset
import Scoring
import TestSupport
import Testing

/// SPEC §8 with SPEC §12's steps, on Tests/Fixtures/pipeline: a treated leaf's values depend on
/// every State's values (its skewness, kurtosis and extremes decide what moves, and where to), so
/// like a winsorised one it is pooled; a ratio is as confidential as its denominator.
@Suite struct TreatmentConfidentialityTests {
    func table(_ change: (inout Dataset) -> Void) throws -> (ScoreTable, Dataset) {
        var dataset = try Dataset.load(directory: repositoryRoot.appendingPathComponent("Tests/Fixtures/pipeline").path)
            .screened()
        change(&dataset)
        return (try score(dataset), dataset)
    }

    /// N1 asks that `gap` stay confidential: the leaf gap (auto treatment from `scoring`, no
    /// imputation) is withheld for every State because of its treatment.
    @Test func aTreatedLeafWithAConfidentialValueIsPooled() throws {
        let (table, dataset) = try table { $0.states[0].confidential = .indicators(["gap"]) }
        let cells = ConfidentialCells(table: table, states: dataset.states)
        #expect(cells.pooledLeaves[1] == .treatment)
        #expect(cells.cells.contains { $0.candidate == 0 && $0.leaf == 1 })
    }

    /// Without a treatment the same leaf is pooled by its minmax normalisation only when the
    /// confidential value is an extreme: N1's gap (0.2) is not, so it is not pooled.
    @Test func withoutTreatmentTheLeafIsNotPooled() throws {
        let (table, dataset) = try table { dataset in
            dataset.states[0].confidential = .indicators(["gap"])
            guard case .leaf(var leaf) = dataset.model.criteria[1].kind else { return }
            leaf.treatment = nil
            dataset.model.criteria[1].kind = .leaf(leaf)
        }
        let cells = ConfidentialCells(table: table, states: dataset.states)
        #expect(cells.pooledLeaves[1] == nil)
    }

    /// N2 asks that its `population` stay confidential: its attacks_pc, a ratio to it, is a cell.
    @Test func aRatioIsConfidentialWhenItsDenominatorIs() throws {
        let (table, dataset) = try table { $0.states[1].confidential = .indicators(["population"]) }
        let cells = ConfidentialCells(table: table, states: dataset.states)
        #expect(cells.covered[0][1])
        #expect(!cells.covered[1][1])  // gap is not a ratio
    }
}
