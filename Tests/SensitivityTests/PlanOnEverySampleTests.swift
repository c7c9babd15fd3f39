import Dataset
import LinearAlgebra
import Planning
import Scoring
import TestSupport
import Testing
@testable import Sensitivity

/// P(selected) re-plans every sample with the grouped planner; CBC re-planning the same samples
/// one by one must select the same States as often.
@Suite struct PlanOnEverySampleTests {
    /// The nominal planning problem of a dataset, candidates in dataset order.
    func nominalProblem(_ dataset: Dataset, settings: PlanningSettings? = nil) throws -> PlanProblem {
        let table = try score(dataset)
        let candidates = table.candidates.enumerated().map { i, c in
            PlanCandidate(state: dataset.states[i], score: c.score.isNaN ? 0 : c.score, rank: c.rank)
        }
        return PlanProblem(candidates: candidates, settings: settings ?? dataset.model.planning!,
                           asOf: dataset.model.asOf)
    }

    /// The shipped cycle (193 States, every kind of constraint), its settings as shipped and
    /// tightened (includes, excludes, a budget that binds harder, quotas that some samples cannot
    /// meet): the counts per State and of infeasible samples are those of CBC.
    @Test(arguments: [0, 1, 2])
    func sameCountsAsCBC(variant: Int) throws {
        let dataset = shippedCycle
        var settings = dataset.model.planning!
        let top = try nominalProblem(dataset).candidates.sorted { $0.rank < $1.rank }.map(\.state.id)
        switch variant {
        case 1:
            settings.include = [top[30]]
            settings.exclude = [top[0], top[5]]
            settings.budget = 420
        case 2:
            settings.visits = 6
            settings.neverVisitedMin = 4
            settings.followUpsMin = 2
        default:
            break
        }
        let problem = try nominalProblem(dataset, settings: settings)
        let analysis = try SensitivityAnalysis(dataset: dataset)
        let grouped = try analysis.selectionFrequency(problem: problem, samples: 150, seed: 11, workers: 2)
        let cbc = try analysis.selectionFrequency(problem: problem, samples: 150, seed: 11, usingCBC: true)
        #expect(grouped.planner == .grouped)
        #expect(cbc.planner == .cbc(reason: "requested"))
        #expect(grouped.selected == cbc.selected)
        #expect(grouped.infeasible == cbc.infeasible)
        let listed = grouped.selected.reduce(0, +) + grouped.infeasible * settings.visits
        #expect(listed == 150 * settings.visits, "every feasible sample lists exactly `visits` States")
    }

    /// The counts do not depend on the number of threads.
    @Test func sameCountsWhateverTheWorkers() throws {
        let problem = try nominalProblem(shippedCycle)
        let analysis = try SensitivityAnalysis(dataset: shippedCycle)
        let one = try analysis.selectionFrequency(problem: problem, samples: 600, seed: 5, workers: 1)
        let three = try analysis.selectionFrequency(problem: problem, samples: 600, seed: 5, workers: 3)
        #expect(one == three)
    }
}

/// The per-sample ranking of the re-plans orders candidates as `descendingOrder` does, on scores
/// with NaN, ±0, exact ties and neighbours one bit apart (which share the key's high bits, and
/// are ties to 12 significant digits, SPEC §12, put in id order).
/// Both ways: the CRanking kernel (where the processor has it) and the portable key sort.
@Test(arguments: 0..<20, [true, false])
func sampleRankingEqualsDescendingOrder(seed: UInt64, kernel: Bool) throws {
    var generator = Xoshiro256(seed: seed, stream: 3)
    let n = 1 + Int(generator.nextUnit() * 300)
    let ids = (0..<n).map { "S\(($0 * 7919) % 1000)-\($0)" }
    let base = [0.0, -0.0, 1.5, 1.5.nextUp, 1.5.nextDown, .nan, 42, -3, 1e-300]
    let scores = (0..<n).map { _ in
        generator.nextUnit() < 0.5 ? base[Int(generator.nextUnit() * Double(base.count))] : generator.nextUnit() * 100
    }
    var ranking = SampleRanking(ids: ids, allowKernel: kernel)
    var clean = [Double](repeating: 1, count: n)
    var byRank = Array((0..<n).reversed())
    scores.withUnsafeBufferPointer { ranking.rank($0.baseAddress!, scores: &clean, byRank: &byRank) }
    #expect(byRank == descendingOrder(scores: scores, ids: ids))
    #expect(clean == scores.map { $0.isNaN ? 0 : $0 })
}
