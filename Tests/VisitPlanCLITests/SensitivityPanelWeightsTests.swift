import Foundation
import TestSupport
import Testing

/// `visitplan sensitivity --weights panel`: the Monte Carlo weights drawn from panel.yaml's
/// members (sample s around member s mod m), on the shipped cycle's fictional committee.
@Suite struct SensitivityPanelWeightsTests {
    func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    /// P(in the top `visits`) of every State, by id.
    func topProbabilities(_ document: [String: Any]) throws -> [String: Double] {
        let candidates = try #require(document["candidates"] as? [[String: Any]])
        return Dictionary(uniqueKeysWithValues: candidates.map { ($0["id"] as! String, $0["p_top"] as! Double) })
    }

    @Test func withoutPerturbationEachStatesTopShareIsTheShareOfMembersRankingItThere() throws {
        // Spread 0: every sample is exactly its member's weights, and 30 samples give each of the
        // 3 members 10, so P(top 12) = (members whose own ranking has the State in its top 12) / 3.
        let folder = try copyOfDataset("cycle-2023")
        defer { try? FileManager.default.removeItem(at: folder) }
        let model = folder.appendingPathComponent("model.yaml")
        let text = try String(contentsOf: model, encoding: .utf8)
        let old = "weights: {perturb: uniform, spread: 0.25}"
        #expect(text.contains(old))
        try text.replacingOccurrences(of: old, with: "weights: {perturb: uniform, spread: 0}")
            .write(to: model, atomically: true, encoding: .utf8)

        let panel = try json(try CLIRunner.run(["panel", folder.path, "--format", "json"]).stdout)
        let rankings = try #require(panel["members"] as? [[String: Any]]).compactMap { $0["ranking"] as? [String] }
        #expect(rankings.count == 3)
        let result = try CLIRunner.run([
            "sensitivity", folder.path, "--weights", "panel", "--samples", "30", "--format", "json",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let document = try json(result.stdout)
        #expect(document["visits"] as? Int == 12)
        let p = try topProbabilities(document)
        #expect(p.count == 193)
        for (id, probability) in p {
            let members = rankings.filter { $0.prefix(12).contains(id) }.count
            #expect(abs(probability - Double(members) / 3) < 1e-12, "\(id): \(probability) vs \(members)/3")
        }
        // The three members disagree: some State is on one or two members' tops only.
        #expect(p.values.contains { $0 > 0.2 && $0 < 0.8 })
    }

    @Test func theReplannedSelectionIsTheSameAsThePanelsPerturbedSamples() throws {
        // Both draw sample s from stream s of the seed around member s mod m's weights.
        let panel = try json(
            try CLIRunner.run(["panel", "--samples", "60", "--seed", "2023", "--format", "json"]).stdout)
        let expected = try #require((panel["selection"] as? [String: Any])?["p_selected"] as? [String: Double])
        let result = try CLIRunner.run([
            "sensitivity", "--weights", "panel", "--plan", "--samples", "60", "--format", "json",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let candidates = try #require(try json(result.stdout)["candidates"] as? [[String: Any]])
        #expect(candidates.count == expected.count)
        for candidate in candidates {
            let id = candidate["id"] as! String
            #expect(abs((candidate["p_selected"] as! Double) - expected[id]!) < 1e-12, "\(id)")
        }
    }

    @Test func theModelsWeightsStayTheDefault() throws {
        let plain = try CLIRunner.run(["sensitivity", "--samples", "200", "--format", "csv"])
        let model = try CLIRunner.run(["sensitivity", "--samples", "200", "--weights", "model", "--format", "csv"])
        let panel = try CLIRunner.run(["sensitivity", "--samples", "200", "--weights", "panel", "--format", "csv"])
        #expect(plain.status == 0 && model.status == 0 && panel.status == 0)
        #expect(plain.stdout == model.stdout)
        #expect(plain.stdout != panel.stdout)
        #expect(!plain.stderr.contains("panel.yaml") && panel.stderr.contains("members of panel.yaml"))
    }

    @Test func aDatasetWithoutPanelYamlIsAnInputError() throws {
        let result = try CLIRunner.run(["sensitivity", "datasets/demo-small", "--weights", "panel", "--samples", "10"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("datasets/demo-small/panel.yaml: error: file not found"))
        #expect(result.stdout.isEmpty)
    }

    @Test func thePublicAudienceAndTheWeightMethodsAreRefused() throws {
        let publicEdition = try CLIRunner.run([
            "sensitivity", "--weights", "panel", "--audience", "public", "--samples", "10",
        ])
        #expect(publicEdition.status == 1)
        #expect(publicEdition.stderr.contains("no public edition") && publicEdition.stdout.isEmpty)
        for method in ["--sobol", "--oat"] {
            let result = try CLIRunner.run(["sensitivity", "--weights", "panel", method, "--samples", "10"])
            #expect(result.status == 2, "\(method)")
        }
        #expect(try CLIRunner.run(["sensitivity", "--weights", "members"]).status == 2)
    }
}
