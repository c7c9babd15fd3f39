import Foundation
import TestSupport
import Testing

/// `visitplan batch` (SPEC §13): every scenario of the shipped scenarios file gives the ranked
/// list and the plan that `score` and `plan` give on a copy of the dataset whose model.yaml the
/// test edits by hand to make the same change; bad scenarios are errors at their line.
@Suite(.serialized) struct BatchCommandTests {
    /// The edits of model.yaml that make each shipped scenario's model (the shipped file's
    /// scenarios, written again here as text changes, independently of the code under test).
    static let edits: [String: [(String, String)]] = [
        "base": [],
        "threat-heavy": [("weight:threat", "50"), ("weight:gaps", "30"), ("weight:engagement", "20")],
        "engagement-light": [("weight:engagement", "10"), ("weight:never_visited", "2")],
        "rank-normalised": [("\n  normalisation: minmax\n", "\n  normalisation: rank\n")],
        "geometric": [("\n  aggregation: arithmetic\n", "\n  aggregation: geometric\n")],
        "a-year-later": [("\nas_of: 2023-01-01", "\nas_of: 2024-01-01"), ("\n  visits: 12\n", "\n  visits: 10\n")],
        "lean-budget": [
            ("\n  budget: 500\n", "\n  budget: 400\n"), ("\n  followups_min: 1\n", "\n  followups_min: 2\n"),
        ],
    ]

    /// model.yaml with `edits` made: `weight:ID` sets the first `weight:` after `- id: ID`;
    /// any other pair replaces text that must occur exactly once.
    static func edited(_ yaml: String, _ edits: [(String, String)]) throws -> String {
        var lines = yaml.components(separatedBy: "\n")
        var text = yaml
        for (target, value) in edits {
            if target.hasPrefix("weight:") {
                let id = String(target.dropFirst("weight:".count))
                let start = try #require(lines.firstIndex { $0.trimmingCharacters(in: .whitespaces) == "- id: \(id)" })
                let at = try #require(
                    lines[start...].firstIndex { $0.trimmingCharacters(in: .whitespaces).hasPrefix("weight:") })
                let indent = lines[at].prefix { $0 == " " }
                lines[at] = indent + "weight: " + value
                text = lines.joined(separator: "\n")
            } else {
                #expect(text.components(separatedBy: target).count == 2, "\(target) occurs once in model.yaml")
                text = text.replacingOccurrences(of: target, with: value)
                lines = text.components(separatedBy: "\n")
            }
        }
        return text
    }

    private func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func everyShippedScenarioEqualsSingleRunsOnTheChangedModel() throws {
        let scenarios = "datasets/cycle-2023/scenarios.yaml"
        let batch = try CLIRunner.run([
            "batch", "datasets/cycle-2023", "--scenarios", scenarios, "--plan", "--format", "json",
        ])
        #expect(batch.status == 0, "\(batch.stderr)")
        let results = try #require(try json(batch.stdout)["scenarios"] as? [[String: Any]])
        #expect(
            results.map { $0["id"] as? String } == [
                "base", "threat-heavy", "engagement-light", "rank-normalised",
                "geometric", "a-year-later", "lean-budget",
            ])
        let model = try String(
            contentsOf: repositoryRoot.appendingPathComponent("datasets/cycle-2023/model.yaml"), encoding: .utf8)
        for result in results {
            let id = try #require(result["id"] as? String)
            let copy = try copyOfDataset("cycle-2023")
            defer { try? FileManager.default.removeItem(at: copy) }
            try Self.edited(model, try #require(Self.edits[id])).write(
                to: copy.appendingPathComponent("model.yaml"), atomically: true, encoding: .utf8)
            let single = try CLIRunner.run(["score", copy.path, "--format", "json"])
            #expect(single.status == 0, "\(id): \(single.stderr)")
            let expected = try #require(try json(single.stdout)["candidates"] as? [[String: Any]])
            let got = try #require(result["candidates"] as? [[String: Any]])
            #expect(got.map { $0["id"] as? String } == expected.map { $0["id"] as? String }, "\(id): the ranked list")
            #expect(got.map { $0["rank"] as? Int } == expected.map { $0["rank"] as? Int }, "\(id): ranks")
            for (a, b) in zip(got, expected) {
                let (x, y) = (a["score"] as? Double ?? -1, b["score"] as? Double ?? -1)
                #expect(abs(x - y) <= 1e-9, "\(id): score of \(a["id"] ?? "")")
                #expect(abs((a["coverage"] as? Double ?? -1) - (b["coverage"] as? Double ?? -1)) <= 1e-12)
            }
            let plan = try CLIRunner.run(["plan", copy.path, "--format", "json"])
            #expect(plan.status == 0, "\(id): \(plan.stderr)")
            let selected = try #require(try json(plan.stdout)["selected"] as? [[String: Any]])
            let batchPlan = try #require(result["plan"] as? [String: Any])
            let batchSelected = try #require(batchPlan["selected"] as? [[String: Any]])
            #expect(
                batchSelected.map { $0["id"] as? String } == selected.map { $0["id"] as? String },
                "\(id): the plan's list")
            #expect(batchSelected.map { $0["visit_type"] as? String } == selected.map { $0["visit_type"] as? String })
            #expect(batchSelected.map { $0["cost"] as? Double } == selected.map { $0["cost"] as? Double })
        }
    }

    /// The long CSV: one row per scenario and candidate, in each scenario's rank order, with the
    /// plan's membership; the rows of `base` are the ranked list of `score`.
    @Test func longCSVHoldsEveryScenarioAndTheSelection() throws {
        let batch = try CLIRunner.run([
            "batch", "datasets/cycle-2023", "--scenarios", "datasets/cycle-2023/scenarios.yaml", "--plan",
        ])
        #expect(batch.status == 0, "\(batch.stderr)")
        let lines = batch.stdout.split(separator: "\n")
        #expect(lines[0] == "scenario,rank,id,name,region,score,coverage,selected")
        #expect(lines.count == 1 + 7 * 193)
        let base = lines.dropFirst().filter { $0.hasPrefix("base,") }
        let score = try CLIRunner.run(["score", "datasets/cycle-2023", "--format", "csv", "--columns", ""])
        let expected = score.stdout.split(separator: "\n").dropFirst()
        #expect(
            base.map { $0.split(separator: ",").dropFirst().prefix(4) }
                == expected.map { $0.split(separator: ",").prefix(4) })
        #expect(base.filter { $0.hasSuffix(",true") }.count == 12)
        #expect(lines.dropFirst().filter { $0.hasPrefix("a-year-later,") && $0.hasSuffix(",true") }.count == 10)
    }

    @Test(arguments: [
        ("  - id: x\n    weights: {threat: 50, gapz: 30}\n", "scenarios.yaml:3:", "gapz"),
        (
            "  - id: x\n    normalisation: rnak\n",
            "scenarios.yaml:3:20: error: scenarios[0] (`x`).normalisation: unknown value `rnak`", "did you mean `rank`"
        ),
        ("  - id: x\n  - id: x\n", "scenarios.yaml:3:9: error:", "already used"),
        ("  - id: x\n    normalization: rank\n", "scenarios.yaml:3:5: error:", "did you mean `normalisation`"),
        (
            "  - id: x\n    planning: {visits: 0}\n", "scenarios.yaml:3:24: error: scenario `x`: planning.visits",
            "≥ 1, got 0"
        ),
        (
            "  - id: x\n    weights: {gaps: 0, threat: 0, engagement: 0}\n", "scenarios.yaml:3:14: error:",
            "would be zero"
        ),
        ("  - id: x\n    planning: {visits: 190}\n", "scenarios.yaml:2:9: error: scenario `x`:", "infeasible"),
    ])
    func badScenarioIsAnErrorAtItsLineAndWritesNothing(scenario: String, location: String, words: String) throws {
        let folder = try temporaryFolder("batch")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("scenarios.yaml")
        try ("scenarios:\n" + scenario).write(to: file, atomically: true, encoding: .utf8)
        let output = folder.appendingPathComponent("out.csv")
        let result = try CLIRunner.run([
            "batch", "datasets/cycle-2023", "--scenarios", file.path, "--plan", "--output", output.path,
        ])
        #expect(result.status == 1)
        #expect(result.stderr.contains(location), "\(result.stderr)")
        #expect(result.stderr.contains(words), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: output.path))
    }
}
