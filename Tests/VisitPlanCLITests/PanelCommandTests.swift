import Foundation
import TestSupport
import Testing

/// `visitplan panel` on the shipped cycle's fictional committee (datasets/cycle-2023/panel.yaml).
@Suite struct PanelCommandTests {
    func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func jsonHasTheSpecKeysAndTheMembersFigures() throws {
        let result = try CLIRunner.run(["panel", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let document = try json(result.stdout)
        for key in ["members", "group", "lists", "consensus"] { #expect(document[key] != nil, "missing key \(key)") }
        let members = try #require(document["members"] as? [[String: Any]])
        #expect(members.map { $0["id"] as? String } == ["member-a", "member-b", "member-c"])
        // member-a: 50, 30, 20 normalised by hand.
        let a = try #require(members[0]["weights"] as? [String: Double])
        #expect(abs(a["gaps"]! - 0.5) < 1e-12 && abs(a["threat"]! - 0.3) < 1e-12 && abs(a["engagement"]! - 0.2) < 1e-12)
        // member-b compares root with a = 1/3, b = 2, c = 5: λmax = 1 + r + 1/r, r = (b/(ac))^(1/3)
        // (Saaty's closed form for 3 × 3), CR = (λmax − 3)/2/0.58.
        let b = try #require((members[1]["consistency"] as? [[String: Any]])?.first)
        let r = pow(2.0 / (5.0 / 3.0), 1.0 / 3)
        #expect(abs((b["lambda_max"] as! Double) - (1 + r + 1 / r)) < 1e-9)
        #expect(abs((b["cr"] as! Double) - (r + 1 / r - 2) / 2 / 0.58) < 1e-9)
        // member-c's engagement matrix has one judgement turned against the others on purpose
        // (prior_request 3 × followup_due): flagged, and that cell named.
        let c = try #require(
            (members[2]["consistency"] as? [[String: Any]])?.first { $0["node"] as? String == "engagement" })
        #expect((c["cr"] as! Double) > 0.10)
        let cell = try #require(c["most_inconsistent"] as? [String: Any])
        #expect(cell["row"] as? String == "prior_request" && cell["column"] as? String == "followup_due")
        #expect(result.stderr.contains("member `member-c`, node `engagement`: CR ="))
        // Every list has the model's 12 visits, and `consensus` counts them.
        let lists = try #require(document["lists"] as? [String: [String]])
        #expect(lists.values.allSatisfy { $0.count == 12 })
        let consensus = try #require(document["consensus"] as? [String: Int])
        for (id, count) in consensus { #expect(count == lists.values.filter { $0.contains(id) }.count, "\(id)") }
        // The consensus list: a member counted as satisfied is within the tolerance (5) of its optimum.
        let agreed = try #require(document["consensus_list"] as? [String: Any])
        for standing in try #require(agreed["members"] as? [[String: Any]]) {
            let within = (standing["value"] as! Double) >= (standing["optimum"] as! Double) - 5 - 1e-9
            #expect((standing["satisfied"] as! Bool) == within)
        }
    }

    @Test func aMembersWeightsReplaceTheModelsAndGiveTheSamePlanAsEditingModelYaml() throws {
        // member-a sets gaps 50, threat 30, engagement 20; the same weights written in model.yaml
        // must give `plan` the same list.
        let folder = try copyOfDataset("cycle-2023")
        defer { try? FileManager.default.removeItem(at: folder) }
        let panel = try json(try CLIRunner.run(["panel", folder.path, "--format", "json"]).stdout)
        let listA = try #require((panel["lists"] as? [String: [String]])?["member-a"])
        let model = folder.appendingPathComponent("model.yaml")
        var text = try String(contentsOf: model, encoding: .utf8)
        for (old, new) in [
            (
                "    - id: gaps\n      name: \"Implementation gaps\"\n      weight: 40",
                "    - id: gaps\n      name: \"Implementation gaps\"\n      weight: 50"
            ),
            (
                "      name: \"Threat level and emerging trends\"\n      weight: 35",
                "      name: \"Threat level and emerging trends\"\n      weight: 30"
            ),
        ] {
            #expect(text.contains(old))
            text = text.replacingOccurrences(of: old, with: new)
        }
        text = text.replacingOccurrences(of: "      weight: 25\n", with: "      weight: 20\n")
        try text.write(to: model, atomically: true, encoding: .utf8)
        let plan = try json(try CLIRunner.run(["plan", folder.path, "--format", "json"]).stdout)
        let selected = try #require(plan["selected"] as? [[String: Any]]).compactMap { $0["id"] as? String }
        #expect(Set(selected) == Set(listA))
    }

    @Test func aipIsTheNormalisedGeometricMeanOfTheMembersWeights() throws {
        let document = try json(try CLIRunner.run(["panel", "--format", "json"]).stdout)
        let members = try #require(document["members"] as? [[String: Any]])
        let weights = members.compactMap { $0["weights"] as? [String: Double] }
        let top = ["gaps", "threat", "engagement"]
        // All three members set the top criteria.
        let means = top.map { id in exp(weights.map { log($0[id]!) }.reduce(0, +) / 3) }
        let total = means.reduce(0, +)
        let aip = try #require((document["group"] as? [String: Any])?["aip"] as? [String: Double])
        for (id, mean) in zip(top, means) { #expect(abs(aip[id]! - mean / total) < 1e-12, "\(id)") }
        // Only member C compares the engagement leaves: the group's are C's.
        #expect(abs(aip["consent"]! - weights[2]["consent"]!) < 1e-12)
    }

    @Test func unperturbedSamplesCycleThroughTheMembersLists() throws {
        // With spread 0 every draw is the member's own weights: 6 samples = each list twice, so
        // P(selected) is the share of lists a State is on.
        let folder = try copyOfDataset("cycle-2023")
        defer { try? FileManager.default.removeItem(at: folder) }
        let model = folder.appendingPathComponent("model.yaml")
        let text = try String(contentsOf: model, encoding: .utf8)
        let changed = text.replacingOccurrences(
            of: "weights: {perturb: uniform, spread: 0.25}", with: "weights: {perturb: uniform, spread: 0}")
        #expect(changed != text)
        try changed.write(to: model, atomically: true, encoding: .utf8)
        let result = try CLIRunner.run(["panel", folder.path, "--samples", "6", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let document = try json(result.stdout)
        let consensus = try #require(document["consensus"] as? [String: Int])
        let selection = try #require((document["selection"] as? [String: Any])?["p_selected"] as? [String: Double])
        for (id, count) in consensus { #expect(abs(selection[id]! - Double(count) / 3) < 1e-12, "\(id)") }
    }

    @Test func thePublicAudienceIsRefused() throws {
        let result = try CLIRunner.run(["panel", "--audience", "public"])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("no public edition"))
    }

    @Test func aBrokenPanelExitsOneWithEveryProblemAndWritesNothing() throws {
        let folder = try copyOfDataset("cycle-2023")
        defer { try? FileManager.default.removeItem(at: folder) }
        try """
        members:
          - id: x
            weights: {gapz: 1}
          - id: y
            pairwise:
              - node: root
                matrix: [[1, 3, 5], [3, 1, 2], [1/5, 1/2, 1]]
        """.write(to: folder.appendingPathComponent("panel.yaml"), atomically: true, encoding: .utf8)
        let output = folder.appendingPathComponent("out.json")
        let result = try CLIRunner.run(["panel", folder.path, "--format", "json", "--output", output.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("panel.yaml:3:15: error:") && result.stderr.contains("did you mean `gaps`"))
        #expect(result.stderr.contains("panel.yaml:7:30: error:") && result.stderr.contains("not reciprocal"))
        #expect(!FileManager.default.fileExists(atPath: output.path))
    }

    @Test func aDatasetWithoutPanelExitsOne() throws {
        let result = try CLIRunner.run(["panel", "datasets/demo-small"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("panel.yaml: error: file not found"))
    }
}
