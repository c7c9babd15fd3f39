import Dataset
import Foundation
import Planning
import Scoring
import Sensitivity
import TestSupport
import Testing

/// P(selected) re-plans every sample with the grouped planner; CBC re-planning the same samples
/// one by one must select the same States as often.
@Suite struct PlanOnEverySampleTests {
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
        let grouped = try analysis.selectionFrequency(
            samples: 150, seed: 11, planning: try planning(problem), workers: 2)
        let cbc = try analysis.selectionFrequency(
            samples: 150, seed: 11, planning: try planning(problem, usingCBC: true))
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
        let one = try analysis.selectionFrequency(samples: 600, seed: 5, planning: try planning(problem), workers: 1)
        let three = try analysis.selectionFrequency(samples: 600, seed: 5, planning: try planning(problem), workers: 3)
        #expect(one == three)
    }
}
