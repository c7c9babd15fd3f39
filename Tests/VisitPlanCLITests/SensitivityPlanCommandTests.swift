import Foundation
import TestSupport
import Testing

/// `sensitivity --plan` re-plans every sample by default; `--plan-samples` caps it.
@Suite struct SensitivityPlanCommandTests {
    func plan(_ arguments: [String]) throws -> (samples: Int, sum: Double) {
        let result = try CLIRunner.run(["sensitivity", "--plan", "--format", "json"] + arguments)
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let candidates = try #require(object["candidates"] as? [[String: Any]])
        let p = candidates.compactMap { $0["p_selected"] as? Double }
        #expect(p.count == candidates.count)
        let planned = try #require(object["plan"] as? [String: Any])
        return (try #require(planned["samples"] as? Int), p.reduce(0, +))
    }

    /// 300 samples: all 300 re-planned, each list of 12 (the shipped planning.visits), so the
    /// probabilities sum to 12; with `--plan-samples 40` only 40 are.
    @Test func everySampleByDefaultAndACapOnRequest() throws {
        let every = try plan(["--samples", "300"])
        #expect(every.samples == 300)
        #expect(abs(every.sum - 12) < 1e-9)
        let capped = try plan(["--samples", "300", "--plan-samples", "40"])
        #expect(capped.samples == 40)
        #expect(abs(capped.sum - 12) < 1e-9)
    }

    @Test func aPlanSampleCountBelowOneIsAUsageError() throws {
        let result = try CLIRunner.run(["sensitivity", "--plan", "--plan-samples", "0"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--plan-samples must be at least 1"))
    }
}
