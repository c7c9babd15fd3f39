import Dataset
import Testing

@testable import Sensitivity

/// The sensitivity engine re-plans every sample with the planner its caller supplies: it hands
/// the planner the sample's scores and ranking, and counts what it selects.
@Suite struct SuppliedPlannerTests {
    /// Without perturbation every sample is the model itself: a planner that takes the two best
    /// ranked is given the nominal scores (it finds no list otherwise) and the nominal ranking
    /// every time.
    @Test func everySampleWithoutPerturbationIsTheNominalRanking() throws {
        let analysis = try SensitivityAnalysis(
            dataset: smallDataset(SensitivitySettings(perturbation: .uniform(spread: 0))))
        let nominal = analysis.nominalScores
        let planning = SamplePlanning(planner: .grouped) {
            { scores, byRank in
                let same = zip(scores, nominal).allSatisfy { abs($0 - $1) <= 1e-12 * Swift.max(1, abs($1)) }
                return same ? Array(byRank.prefix(2)) : nil
            }
        }
        let frequency = try analysis.selectionFrequency(samples: 40, seed: 2, planning: planning, workers: 2)
        #expect(frequency.infeasible == 0)
        for c in 0..<analysis.candidates {
            #expect(frequency.selected[c] == (analysis.nominalRanks[c] <= 2 ? 40 : 0))
        }
    }

    /// A planner that finds no list makes every sample infeasible, and selects nobody.
    @Test func aPlannerWithoutAListCountsInfeasibleSamples() throws {
        let analysis = try SensitivityAnalysis(dataset: smallDataset())
        let planning = SamplePlanning(planner: .cbc(reason: "test")) { { _, _ in nil } }
        let frequency = try analysis.selectionFrequency(samples: 30, seed: 4, planning: planning)
        #expect(frequency.infeasible == 30)
        #expect(frequency.selected.allSatisfy { $0 == 0 })
        #expect(frequency.planner == .cbc(reason: "test"))
    }

    /// One sample at a time (as CBC runs) and on several threads, the same planner is given the
    /// same samples: the counts of "the best ranked" agree, and each sample lists exactly one.
    @Test func oneByOneAndConcurrentSeeTheSameSamples() throws {
        let analysis = try SensitivityAnalysis(dataset: smallDataset())
        let best: @Sendable () -> SelectList = { { _, byRank in [byRank[0]] } }
        let concurrent = try analysis.selectionFrequency(
            samples: 700, seed: 9, planning: SamplePlanning(planner: .grouped, makeSelect: best), workers: 3)
        let oneByOne = try analysis.selectionFrequency(
            samples: 700, seed: 9, planning: SamplePlanning(planner: .cbc(reason: "requested"), makeSelect: best))
        #expect(concurrent.selected == oneByOne.selected)
        #expect(concurrent.selected.reduce(0, +) == 700)
    }
}
