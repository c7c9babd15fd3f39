import Foundation
import TestSupport
import Testing

/// Degenerate but legal inputs have a defined, documented result (Guides/Reliability.md).
@Suite struct NumericalGuardTests {
    /// A dataset with indicator leaves only, so that a candidate can have no value at all.
    static func dataset(states: [String], indicators: [String], weights: (x: String, y: String) = ("1", "1")) throws
        -> URL
    {
        let folder = try temporaryFolder("guard")
        try Data((["id,name,region"] + states).joined(separator: "\n").utf8).write(
            to: folder.appendingPathComponent("states.csv"))
        try Data((["id,x,y"] + indicators).joined(separator: "\n").utf8).write(
            to: folder.appendingPathComponent("indicators.csv"))
        let model = """
            name: guard
            as_of: 2023-01-01
            scoring:
              criteria:
                - {id: x, indicator: x, weight: \(weights.x)}
                - {id: y, indicator: y, weight: \(weights.y)}
            """
        try Data(model.utf8).write(to: folder.appendingPathComponent("model.yaml"))
        return folder
    }

    /// The candidates of `visitplan score --format json`, in rank order.
    static func scores(_ folder: URL) throws -> [[String: Any]] {
        let result = try CLIRunner.run(["score", folder.path, "--format", "json"], timeout: 10)
        try #require(result.status == 0, "exit \(result.status): \(result.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        return try #require(document["candidates"] as? [[String: Any]])
    }

    @Test func candidateWithEveryValueMissingRanksLastWithNullScore() throws {
        let folder = try Self.dataset(
            states: ["CCC,C,North", "AAA,A,North", "BBB,B,South"],
            indicators: ["CCC,NA,", "AAA,1,0", "BBB,0,1"])
        defer { try? FileManager.default.removeItem(at: folder) }
        let candidates = try Self.scores(folder)
        #expect(candidates.map { $0["id"] as? String } == ["AAA", "BBB", "CCC"])
        let missing = candidates[2]
        #expect(missing["rank"] as? Int == 3)
        #expect(missing["score"] is NSNull, "score is \(String(describing: missing["score"]))")
        #expect(missing["coverage"] as? Double == 0)
        #expect((missing["nodes"] as? [String: Any])?["x"] is NSNull)
    }

    @Test func oneCandidateScoresZeroOnConstantColumns() throws {
        // minmax of a constant column is 0 (SPEC §3), so the only candidate scores 0, rank 1.
        let folder = try Self.dataset(states: ["AAA,A,North"], indicators: ["AAA,3,4"])
        defer { try? FileManager.default.removeItem(at: folder) }
        let candidates = try Self.scores(folder)
        #expect(candidates.count == 1)
        #expect(candidates[0]["rank"] as? Int == 1)
        #expect(candidates[0]["score"] as? Double == 0)
    }

    @Test func identicalCandidatesTieAndRankById() throws {
        // BBB comes first in the file; identical values give identical scores, and the tie goes
        // to the smaller id.
        let folder = try Self.dataset(
            states: ["BBB,B,North", "AAA,A,North", "CCC,C,South"],
            indicators: ["BBB,2,5", "AAA,2,5", "CCC,0,0"])
        defer { try? FileManager.default.removeItem(at: folder) }
        let candidates = try Self.scores(folder)
        #expect(candidates.map { $0["id"] as? String } == ["AAA", "BBB", "CCC"])
        #expect(candidates[0]["score"] as? Double == 100)
        #expect(candidates[1]["score"] as? Double == 100)
        #expect(candidates.map { $0["rank"] as? Int } == [1, 2, 3])
    }

    @Test func exactTieFromDifferentValuesRanksById() throws {
        // x and y weigh the same: (1, 0) and (0, 1) both score 100 × (½·1 + ½·0) = 50 exactly.
        let folder = try Self.dataset(
            states: ["ZZZ,Z,North", "MMM,M,South", "AAA,A,North"],
            indicators: ["ZZZ,1,0", "MMM,0,1", "AAA,0.5,0.25"])
        defer { try? FileManager.default.removeItem(at: folder) }
        let candidates = try Self.scores(folder)
        #expect(candidates.map { $0["id"] as? String } == ["MMM", "ZZZ", "AAA"])
        #expect(candidates[0]["score"] as? Double == 50)
        #expect(candidates[1]["score"] as? Double == 50)
        #expect(candidates[2]["score"] as? Double == 37.5)
    }

    @Test func allWeightOnOneLeafScoresThatLeafAlone() throws {
        // y weighs 0: the score is 100 × minmax(x) = 100, 0, 50 whatever y holds.
        let folder = try Self.dataset(
            states: ["AAA,A,North", "BBB,B,North", "CCC,C,South"],
            indicators: ["AAA,4,0", "BBB,2,100", "CCC,3,"],
            weights: ("1", "0"))
        defer { try? FileManager.default.removeItem(at: folder) }
        let candidates = try Self.scores(folder)
        #expect(candidates.map { $0["id"] as? String } == ["AAA", "CCC", "BBB"])
        #expect(candidates.map { $0["score"] as? Double } == [100, 50, 0])
        let contributions = try #require(candidates[2]["contributions"] as? [String: Double])
        #expect(contributions["y"] == 0)
    }
}
