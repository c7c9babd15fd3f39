import Foundation
import TestSupport
import Testing

@Suite struct ScoreCommandTests {
    /// The JSON of `score` as a plain object, read back with a JSON parser of its own.
    func scoreJSON(_ arguments: [String] = []) throws -> [String: Any] {
        let result = try CLIRunner.run(["score", "--format", "json"] + arguments)
        #expect(result.status == 0, "\(result.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    }

    @Test func ranksEveryMemberStateOfTheShippedCycle() throws {
        let json = try scoreJSON()
        let candidates = try #require(json["candidates"] as? [[String: Any]])
        #expect(candidates.count == 193)
        #expect(json["as_of"] as? String == "2023-01-01")
        #expect(json["model"] is String)
        let ranks = candidates.compactMap { $0["rank"] as? Int }
        #expect(ranks == Array(1...193))
        let ids = candidates.compactMap { $0["id"] as? String }
        #expect(Set(ids).count == 193)
        // Descending scores, ties by id: each row is at least the next one.
        for (a, b) in zip(candidates, candidates.dropFirst()) {
            let (sa, sb) = (a["score"] as! Double, b["score"] as! Double)
            #expect(sa > sb || (sa == sb && (a["id"] as! String) < (b["id"] as! String)))
        }
    }

    @Test func everyCandidateHasTheSpecKeysAndContributionsThatSumToItsScore() throws {
        let candidates = try #require(try scoreJSON()["candidates"] as? [[String: Any]])
        for candidate in candidates {
            for key in ["rank", "id", "name", "region", "score", "coverage", "nodes", "contributions", "drivers"] {
                #expect(candidate[key] != nil, "missing key \(key)")
            }
            let score = candidate["score"] as! Double
            let contributions = (candidate["contributions"] as! [String: Double]).values.reduce(0, +)
            #expect(abs(score - contributions) < 1e-9, "\(candidate["id"]!): \(score) vs \(contributions)")
            let coverage = candidate["coverage"] as! Double
            #expect(coverage > 0 && coverage <= 1 + 1e-12)
            // Drivers are leaves with the largest contributions, largest first.
            let drivers = candidate["drivers"] as! [String]
            let byLeaf = candidate["contributions"] as! [String: Double]
            let values = drivers.map { byLeaf[$0]! }
            #expect(values == values.sorted(by: >))
            #expect(drivers.count <= 3)
        }
    }

    @Test func csvHasTheSpecColumnsThenOneColumnPerNode() throws {
        let result = try CLIRunner.run(["score", "--format", "csv"])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 194)
        #expect(lines[0].hasPrefix("rank,id,name,region,score,coverage,gaps,"))
    }

    @Test func sameInputGivesByteIdenticalOutput() throws {
        let first = try CLIRunner.run(["score", "--format", "json"])
        let second = try CLIRunner.run(["score", "--format", "json"])
        #expect(first.stdout == second.stdout)
    }

    @Test func outputFileIsWrittenWhole() throws {
        let folder = try copyOfDataset("demo-small")
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = folder.appendingPathComponent("scores.csv").path
        let result = try CLIRunner.run(["score", folder.path, "--format", "csv", "--output", target])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        let written = try String(contentsOfFile: target, encoding: .utf8)
        #expect(written.hasPrefix("rank,id,name,region,score,coverage"))
    }

    @Test func refusesToOverwriteAnInputFile() throws {
        let folder = try copyOfDataset("demo-small")
        defer { try? FileManager.default.removeItem(at: folder) }
        let states = folder.appendingPathComponent("states.csv").path
        let before = try Data(contentsOf: URL(fileURLWithPath: states))
        let result = try CLIRunner.run(["score", folder.path, "--output", states])
        #expect(result.status == 1)
        #expect(result.stderr.contains("input"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: states)) == before)
    }
}

@Suite struct ExitCodeTests {
    @Test func unknownFlagIsAUsageError() throws {
        let result = try CLIRunner.run(["score", "--bogus"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--bogus"))
    }

    @Test func missingDatasetFolderIsAnInputError() throws {
        let result = try CLIRunner.run(["score", "/nonexistent/visitplan-dataset"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("/nonexistent/visitplan-dataset"))
    }

    @Test func badCellIsReportedWithFileLineAndColumnAndNoOutputIsWritten() throws {
        let folder = try copyOfDataset("demo-small")
        defer { try? FileManager.default.removeItem(at: folder) }
        let indicators = folder.appendingPathComponent("indicators.csv")
        var lines = try String(contentsOf: indicators, encoding: .utf8).split(
            separator: "\n", omittingEmptySubsequences: false
        ).map(String.init)
        // Corrupt the second field of the third line (a model indicator of the demo dataset).
        var fields = lines[2].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        fields[1] = "abc"
        lines[2] = fields.joined(separator: ",")
        try lines.joined(separator: "\n").write(to: indicators, atomically: true, encoding: .utf8)
        let target = folder.appendingPathComponent("out.json").path
        let result = try CLIRunner.run(["score", folder.path, "--format", "json", "--output", target])
        #expect(result.status == 1)
        #expect(result.stderr.contains("indicators.csv:3:2"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: target))
    }

    @Test func validateAcceptsTheShippedDatasets() throws {
        for name in ["cycle-2023", "demo-small"] {
            let result = try CLIRunner.run(["validate", "datasets/\(name)"])
            #expect(result.status == 0, "\(name): \(result.stderr)")
            #expect(result.stdout.contains("valid"))
        }
    }

    @Test func explainOfAnUnknownIdIsAnInputError() throws {
        let result = try CLIRunner.run(["explain", "--id", "ZZZ"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("ZZZ"))
    }

    @Test func everyCommandsHelpHasAnExample() throws {
        for command in ["validate", "score", "explain"] {
            let result = try CLIRunner.run([command, "--help"])
            #expect(result.status == 0)
            #expect(result.stdout.contains("visitplan \(command)"), "\(command)")
        }
    }
}

@Suite struct ExplainCommandTests {
    @Test func leafContributionsAddUpToTheScore() throws {
        let result = try CLIRunner.run(["explain", "--id", "AFG", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let leaves = try #require(json["leaves"] as? [[String: Any]])
        let total = leaves.map { $0["contribution"] as! Double }.reduce(0, +)
        #expect(abs(total - (json["score"] as! Double)) < 1e-9)
        // Each contribution is the weight in effect times the normalised value, × 100.
        for leaf in leaves {
            guard let v = leaf["normalised"] as? Double else { continue }
            #expect(abs((leaf["weight"] as! Double) * v * 100 - (leaf["contribution"] as! Double)) < 1e-9)
        }
    }

    @Test func comparisonDifferencesAddUpToTheScoreGap() throws {
        let result = try CLIRunner.run(["explain", "--id", "AFG", "--vs", "NOR", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let differences = try #require(json["differences"] as? [[String: Any]])
        let total = differences.map { $0["difference"] as! Double }.reduce(0, +)
        #expect(abs(total - (json["score_difference"] as! Double)) < 1e-9)
        let sizes = differences.map { abs($0["difference"] as! Double) }
        #expect(sizes == sizes.sorted(by: >))
    }
}
