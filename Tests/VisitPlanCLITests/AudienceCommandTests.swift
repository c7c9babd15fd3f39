import Foundation
import TestSupport
import Testing

/// `--audience internal|public` on the commands that print results (SPEC §8).
@Suite struct AudienceCommandTests {
    func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    /// The ids whose `synthetic_gap_human_rights` (confidential for every State) is empty in the
    /// shipped indicators.csv: the only States whose scores a public edition may print.
    func statesWithoutHumanRightsRating() throws -> Set<String> {
        let text = try String(
            contentsOf: repositoryRoot.appendingPathComponent("datasets/cycle-2023/indicators.csv"),
            encoding: .utf8)
        let rows = text.split(separator: "\n").map {
            $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
        let column = try #require(rows[0].firstIndex(of: "synthetic_gap_human_rights"))
        return Set(rows.dropFirst().filter { $0[column].isEmpty }.map { $0[0] })
    }

    @Test func thePublicScoreListPrintsOnlyScoresThatRestOnNoConfidentialValue() throws {
        let result = try CLIRunner.run(["score", "--audience", "public", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let document = try json(result.stdout)
        #expect(document["audience"] as? String == "public")
        let audit = try #require(document["audit"] as? [String: Any])
        let open = try statesWithoutHumanRightsRating()
        #expect(audit["cells"] as? Int == 193 - open.count)
        #expect(result.stderr.contains("audit: \(193 - open.count) confidential cell(s)"))
        let candidates = try #require(document["candidates"] as? [[String: Any]])
        #expect(candidates.count == 193)
        let scored = Set(candidates.filter { $0["score"] is Double }.compactMap { $0["id"] as? String })
        #expect(scored == open)
        // Published ranks are 1 … n among the published scores; the others have none.
        let ranks = candidates.compactMap { $0["rank"] as? Int }
        #expect(ranks == Array(1...open.count))
        // No State's gaps criterion, on the path of its confidential rating, is printed.
        for c in candidates where !open.contains(c["id"] as! String) {
            #expect((c["nodes"] as? [String: Any])?["gaps"] == nil)
            #expect((c["nodes"] as? [String: Any])?["gap_human_rights"] == nil)
        }
    }

    @Test func theInternalEditionSaysItHoldsConfidentialValuesInEveryFormat() throws {
        let json = try CLIRunner.run(["score", "--format", "json"])
        #expect(try self.json(json.stdout)["audience"] as? String == "internal")
        let table = try CLIRunner.run(["score", "--top", "3"])
        #expect(table.stdout.contains("INTERNAL EDITION"))
        let csv = try CLIRunner.run(["plan", "--format", "csv"])
        #expect(csv.stdout.hasPrefix("status,id,"), "CSV stays machine-readable")
        #expect(csv.stderr.contains("INTERNAL EDITION"))
        // Data without any confidential value: no audience key at all.
        let demo = try CLIRunner.run(["score", "datasets/demo-small", "--format", "json"])
        #expect(try self.json(demo.stdout)["audience"] == nil)
    }

    @Test func thePublicPlanKeepsTheListAndWithholdsItsScores() throws {
        let internalPlan = try json(try CLIRunner.run(["plan", "--format", "json"]).stdout)
        let result = try CLIRunner.run(["plan", "--audience", "public", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let plan = try json(result.stdout)
        let ids = { (p: [String: Any]) in (p["selected"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String } }
        // The same list, by id: in rank order it would rank the withheld scores.
        #expect(ids(plan) == ids(internalPlan).sorted() && ids(plan).count == 12)
        #expect((plan["reserve"] as? [Any])?.isEmpty == true)
        #expect(plan["objective"] is NSNull)
        #expect((plan["withheld"] as? [String])?.isEmpty == false)
        // A public plan records no dataset fingerprint (a digest of the confidential values would
        // let a reader test guesses against it), so revise refuses it unless told the data are
        // the right ones, then reads it back (it needs the ids only).
        #expect(plan["dataset"] == nil && internalPlan["dataset"] != nil)
        let folder = try temporaryFolder("public").appendingPathComponent("plan.json")
        try result.stdout.write(to: folder, atomically: true, encoding: .utf8)
        let refused = try CLIRunner.run([
            "revise", "--adopted", folder.path, "--withdraw", ids(plan)[0], "--audience", "public",
        ])
        #expect(refused.status == 1 && refused.stderr.contains("records no dataset fingerprint"), "\(refused.stderr)")
        let revised = try CLIRunner.run([
            "revise", "--adopted", folder.path, "--withdraw", ids(plan)[0], "--audience", "public",
            "--updated-data",
        ])
        #expect(revised.status == 0, "\(revised.stderr)")
        #expect(revised.stdout.contains("PUBLIC EDITION"))
    }

    /// An imputed value is a mean over other States' values: `explain` shows it inside the
    /// Directorate (BBB's rating is the North mean (2 + 6) / 2 = 4) and never in a public edition.
    @Test func thePublicExplanationLeavesOutTheImputedValue() throws {
        let folder = try temporaryFolder("imputed-cli")
        defer { try? FileManager.default.removeItem(at: folder) }
        try "id,name,region\nAAA,Alpha,North\nBBB,Bravo,North\nCCC,Charlie,North\nDDD,Delta,South\n"
            .write(to: folder.appendingPathComponent("states.csv"), atomically: true, encoding: .utf8)
        try "id,rating,threat\nAAA,2,1\nBBB,,2\nCCC,6,3\nDDD,9,4\n"
            .write(to: folder.appendingPathComponent("indicators.csv"), atomically: true, encoding: .utf8)
        try """
        as_of: 2023-01-01
        scoring:
          criteria:
            - {id: rating, indicator: rating, weight: 1, missing: region-mean}
            - {id: threat, indicator: threat, weight: 1}

        """.write(to: folder.appendingPathComponent("model.yaml"), atomically: true, encoding: .utf8)
        func rating(_ audience: String) throws -> [String: Any] {
            let result = try CLIRunner.run([
                "explain", folder.path, "--id", "BBB", "--audience", audience, "--format", "json",
            ])
            #expect(result.status == 0, "\(result.stderr)")
            let leaves = try #require(try json(result.stdout)["leaves"] as? [[String: Any]])
            return try #require(leaves.first { $0["id"] as? String == "rating" })
        }
        #expect(try rating("internal")["imputed_value"] as? Double == 4)
        let published = try rating("public")
        #expect(published["imputed"] as? Bool == true && published["imputed_value"] == nil)
    }

    @Test func aPublicEditionThatWouldPinAValueIsNotWritten() throws {
        // Two States of one region and type; the list of one says score(SSS) ≥ score(UUU), which
        // pins SSS's secret rating to [0.975, 1] (worked by hand in ReportTests' LeakyListFixture).
        let folder = try temporaryFolder("leaky-cli")
        try
            "id,name,region,last_visit,consent\nSSS,Sierra,North,2010-01-01,given\nUUU,Uniform,North,2010-01-01,given\nWWW,Whiskey,South,2010-01-01,refused\n"
            .write(to: folder.appendingPathComponent("states.csv"), atomically: true, encoding: .utf8)
        try "id,gap_open,secret,threat\nSSS,0,10,0\nUUU,4,0,1\nWWW,5,5,10\n"
            .write(to: folder.appendingPathComponent("indicators.csv"), atomically: true, encoding: .utf8)
        try """
        as_of: 2023-01-01
        scoring:
          criteria:
            - {id: gaps, weight: 40, criteria: [{id: gap_open, indicator: gap_open, normalisation: goalposts, goalposts: [0, 5]}, {id: secret, indicator: secret, normalisation: goalposts, goalposts: [0, 10], confidential: true}]}
            - {id: threat, weight: 35, criteria: [{id: threat_index, indicator: threat}]}
            - {id: engagement, weight: 25, criteria: [{id: never_visited, engagement: never-visited, normalisation: none}]}
        planning: {visits: 1, consent: [given, pending, unknown]}

        """.write(to: folder.appendingPathComponent("model.yaml"), atomically: true, encoding: .utf8)
        let output = folder.appendingPathComponent("plan-public.json").path
        let result = try CLIRunner.run([
            "plan", folder.path, "--audience", "public", "--format", "json", "--output", output,
        ])
        #expect(result.status == 1)
        #expect(result.stderr.contains("SSS/secret narrowed to [0.975, 1.0]"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: output))
        // The internal edition is written.
        #expect(try CLIRunner.run(["plan", folder.path, "--output", output]).status == 0)
    }

    @Test func thePublicSensitivityWithholdsEveryStatisticOnceAScoreIsWithheld() throws {
        // A rank under perturbed weights counts the withheld scores above it.
        let result = try CLIRunner.run(["sensitivity", "--audience", "public", "--format", "json", "--samples", "50"])
        #expect(result.status == 0, "\(result.stderr)")
        let document = try json(result.stdout)
        #expect(document["audience"] as? String == "public")
        let candidates = try #require(document["candidates"] as? [[String: Any]])
        #expect(candidates.count == 193)
        #expect(candidates.allSatisfy { Set($0.keys) == ["id", "name", "region"] })
        let ids = candidates.compactMap { $0["id"] as? String }
        #expect(ids == ids.sorted())
        let internalRun = try CLIRunner.run(["sensitivity", "--format", "json", "--samples", "50"])
        let internalDocument = try json(internalRun.stdout)
        #expect(internalDocument["audience"] as? String == "internal")
        #expect((internalDocument["candidates"] as? [[String: Any]])?.first?["rank_mean"] is Double)
    }

    @Test func anUnknownAudienceIsAUsageError() throws {
        let result = try CLIRunner.run(["score", "--audience", "press"])
        #expect(result.status == 2)
    }
}
