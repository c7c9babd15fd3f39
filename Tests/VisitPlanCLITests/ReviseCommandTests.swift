import Foundation
import TestSupport
import Testing

/// `visitplan revise` as a user runs it: chains of revisions, the dataset check, the arguments.
@Suite struct ReviseCommandTests {
    func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    func ids(_ list: Any?) -> [String] {
        ((list as? [[String: Any]]) ?? []).compactMap { $0["id"] as? String }
    }

    /// Every `objective_cost` of a plan's `excluded` entries.
    func costs(_ plan: [String: Any]) -> [Double] {
        ((plan["excluded"] as? [[String: Any]]) ?? []).compactMap { $0["objective_cost"] as? Double }
    }

    /// A copy of a shipped dataset and, in another fresh folder, the plan made on it (its path
    /// and its JSON); the caller removes both folders.
    func adoptedCopy(of name: String) throws -> (dataset: URL, folder: URL, adopted: String, plan: [String: Any]) {
        let dataset = try copyOfDataset(name)
        let folder = try temporaryFolder("revise")
        let adopted = folder.appendingPathComponent("adopted.json").path
        let made = try CLIRunner.run(["plan", dataset.path, "--format", "json", "--output", adopted])
        #expect(made.status == 0, "\(made.stderr)")
        return (dataset, folder, adopted, try json(String(contentsOfFile: adopted, encoding: .utf8)))
    }

    /// plan → revise → revise on the shipped cycle: each output is the next input, a State
    /// withdrawn in revision 1 stays out (and off the reserve) in revision 2, and no cost of
    /// forcing a State in is negative at any step.
    @Test func revisionsChainOnTheShippedCycle() throws {
        let folder = try temporaryFolder("revise")
        defer { try? FileManager.default.removeItem(at: folder) }
        let adopted = folder.appendingPathComponent("adopted.json").path
        let rev1 = folder.appendingPathComponent("rev1.json").path
        let rev2 = folder.appendingPathComponent("rev2.json").path
        let made = try CLIRunner.run(["plan", "--format", "json", "--output", adopted])
        #expect(made.status == 0, "\(made.stderr)")
        let plan = try json(String(contentsOfFile: adopted, encoding: .utf8))
        let dataset = try #require(plan["dataset"] as? [String: Any])
        #expect((dataset["fingerprint"] as? String)?.hasPrefix("sha256:") == true)
        #expect((dataset["fingerprint"] as? String)?.count == 7 + 64)
        #expect(plan["as_of"] as? String == "2023-01-01")
        #expect((plan["planning"] as? [String: Any])?["visits"] as? Int == 12)
        #expect(plan["revision"] as? Int == 0)
        let list = ids(plan["selected"])
        let first = list[3], second = list[5]

        let r1 = try CLIRunner.run([
            "revise", "--adopted", adopted, "--withdraw", first, "--format", "json", "--output", rev1,
        ])
        #expect(r1.status == 0, "\(r1.stderr)")
        let r2 = try CLIRunner.run([
            "revise", "--adopted", rev1, "--withdraw", second, "--format", "json", "--output", rev2,
        ])
        #expect(r2.status == 0, "\(r2.stderr)")
        let revision1 = try json(String(contentsOfFile: rev1, encoding: .utf8))
        let revision2 = try json(String(contentsOfFile: rev2, encoding: .utf8))
        let plan1 = try #require(revision1["plan"] as? [String: Any])
        let plan2 = try #require(revision2["plan"] as? [String: Any])
        #expect(plan2["revision"] as? Int == 2)
        #expect((plan2["decisions"] as? [String: Any])?["withdrawn"] as? [String] == [first, second])
        #expect(ids(revision2["out"]) == [second])
        for withdrawn in [first, second] {
            #expect(!ids(plan2["selected"]).contains(withdrawn))
            #expect(!ids(plan2["reserve"]).contains(withdrawn), "\(withdrawn) came back as a reserve")
        }
        // Revision 2 started from revision 1's list: everything on it but `second` is kept.
        #expect(Set(ids(plan2["selected"])).intersection(ids(plan1["selected"])).count == 11)
        for step in [plan, plan1, plan2] {
            #expect(!costs(step).isEmpty)
            for cost in costs(step) { #expect(cost >= 0) }
        }
    }

    /// After adoption, Myanmar (rank 1 in the shipped cycle, left out for refused consent) gives
    /// its consent. The revision keeps the adopted list (nothing forces a change), and Myanmar's
    /// entry says that forcing it in would take an adopted visit off while raising the score
    /// sum: once reported as a negative cost, now as `adopted-list` with no cost.
    @Test func aStateThatRoseAboveTheListIsNotANegativeCost() throws {
        let (dataset, folder, adopted, plan) = try adoptedCopy(of: "cycle-2023")
        defer { for url in [dataset, folder] { try? FileManager.default.removeItem(at: url) } }
        let myanmar = try #require((plan["excluded"] as? [[String: Any]])?.first { $0["id"] as? String == "MMR" })
        #expect(myanmar["rank"] as? Int == 1 && myanmar["kind"] as? String == "ineligible")

        let states = dataset.appendingPathComponent("states.csv")
        let text = try String(contentsOf: states, encoding: .utf8)
        let given = text.replacingOccurrences(
            of: "MMR,Myanmar,Myanmar,Myanmar,Asia,South-eastern Asia,,,,refused,",
            with: "MMR,Myanmar,Myanmar,Myanmar,Asia,South-eastern Asia,,,,given,")
        #expect(given != text)
        try given.write(to: states, atomically: true, encoding: .utf8)

        let result = try CLIRunner.run([
            "revise", dataset.path, "--adopted", adopted, "--updated-data", "--format", "json",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let revision = try json(result.stdout)
        #expect(ids(revision["out"]).isEmpty && ids(revision["in"]).isEmpty)
        let revised = try #require(revision["plan"] as? [String: Any])
        let entry = try #require((revised["excluded"] as? [[String: Any]])?.first { $0["id"] as? String == "MMR" })
        #expect(entry["kind"] as? String == "adopted-list")
        #expect(entry["objective_cost"] == nil)
        #expect((entry["reason"] as? String)?.contains("1 more adopted visit off") == true, "\(entry)")
        for cost in costs(revised) { #expect(cost >= 0) }
    }

    @Test func aPlanMadeOnAnotherDatasetIsRefused() throws {
        let folder = try temporaryFolder("revise")
        defer { try? FileManager.default.removeItem(at: folder) }
        let adopted = folder.appendingPathComponent("small.json").path
        #expect(
            try CLIRunner.run(["plan", "datasets/demo-small", "--format", "json", "--output", adopted]).status == 0)
        let small = try json(String(contentsOfFile: adopted, encoding: .utf8))
        let smallPrint = try #require((small["dataset"] as? [String: Any])?["fingerprint"] as? String)
        // Revised against the shipped cycle (the default dataset): refused, naming both.
        let result = try CLIRunner.run(["revise", "--adopted", adopted])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("\(adopted): error: the plan was made on another dataset"), "\(result.stderr)")
        #expect(result.stderr.contains(smallPrint) && result.stderr.contains("datasets/demo-small"))
        #expect(result.stderr.contains("datasets/cycle-2023 (sha256:"))
        #expect(result.stderr.contains("--updated-data"))
    }

    /// The adopted cycle's data, updated: a selected State's consent is now refused. Refused
    /// without --updated-data; with it the State leaves the list as now ineligible, and the
    /// revision records which file changed.
    @Test func updatedDataNeedsToBeSaidAndIsThenUsed() throws {
        let (dataset, folder, adopted, plan) = try adoptedCopy(of: "demo-small")
        defer { for url in [dataset, folder] { try? FileManager.default.removeItem(at: url) } }
        let selected = ids(plan["selected"])
        let refusing = try #require(selected.first)
        let states = dataset.appendingPathComponent("states.csv")
        let rows = try String(contentsOf: states, encoding: .utf8).split(
            separator: "\n", omittingEmptySubsequences: false)
        let changed = rows.map { row -> String in
            guard row.hasPrefix(refusing + ",") else { return String(row) }
            return row.replacingOccurrences(of: ",given,", with: ",refused,").replacingOccurrences(
                of: ",pending,", with: ",refused,"
            )
            .replacingOccurrences(of: ",unknown,", with: ",refused,")
        }.joined(separator: "\n")
        #expect(changed.contains(refusing + ",") && changed != rows.joined(separator: "\n"))
        try changed.write(to: states, atomically: true, encoding: .utf8)

        let refused = try CLIRunner.run(["revise", dataset.path, "--adopted", adopted])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("states.csv differ"), "\(refused.stderr)")

        let result = try CLIRunner.run([
            "revise", dataset.path, "--adopted", adopted, "--updated-data", "--format", "json",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("note: revising against updated data: states.csv changed"))
        let revision = try json(result.stdout)
        #expect(revision["updated_files"] as? [String] == ["states.csv"])
        let out = try #require((revision["out"] as? [[String: Any]])?.first)
        #expect(out["id"] as? String == refusing)
        #expect((out["reason"] as? String)?.hasPrefix("now ineligible: consent refused") == true)
    }

    @Test func aPlanWithoutAFingerprintNeedsUpdatedData() throws {
        let folder = try temporaryFolder("revise")
        defer { try? FileManager.default.removeItem(at: folder) }
        let adopted = folder.appendingPathComponent("old.json").path
        try #"{"selected": [{"id": "AAA"}, {"id": "CCC"}]}"#.write(toFile: adopted, atomically: true, encoding: .utf8)
        let refused = try CLIRunner.run(["revise", "datasets/demo-small", "--adopted", adopted])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("records no dataset fingerprint"), "\(refused.stderr)")
        let accepted = try CLIRunner.run(["revise", "datasets/demo-small", "--adopted", adopted, "--updated-data"])
        #expect(accepted.status == 0, "\(accepted.stderr)")
    }

    /// The dataset is the first argument, as for every command; --dataset still works.
    @Test func theDatasetIsAnArgumentAndDatasetAnAlias() throws {
        let folder = try temporaryFolder("revise")
        defer { try? FileManager.default.removeItem(at: folder) }
        let adopted = folder.appendingPathComponent("adopted.json").path
        #expect(
            try CLIRunner.run(["plan", "datasets/demo-small", "--format", "json", "--output", adopted]).status == 0)
        let positional = try CLIRunner.run(["revise", "datasets/demo-small", "--adopted", adopted, "--format", "json"])
        let option = try CLIRunner.run([
            "revise", "--dataset", "datasets/demo-small", "--adopted", adopted, "--format", "json",
        ])
        #expect(positional.status == 0 && option.status == 0, "\(positional.stderr)\(option.stderr)")
        #expect(positional.stdout == option.stdout)
        let both = try CLIRunner.run([
            "revise", "datasets/demo-small", "--dataset", "datasets/cycle-2023", "--adopted", adopted,
        ])
        #expect(both.status == 2)
        #expect(both.stderr.contains("Two datasets given"))
    }

    /// Run from a folder with no datasets/ in it, the default dataset is still the shipped cycle.
    @Test func theDefaultDatasetDoesNotDependOnTheCurrentFolder() throws {
        let folder = try temporaryFolder("revise")
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try CLIRunner.run(["plan", "--format", "json"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        let dataset = try #require(try json(result.stdout)["dataset"] as? [String: Any])
        let path = try #require(dataset["path"] as? String)
        #expect(path.hasSuffix("/datasets/cycle-2023"))
        #expect(path.hasPrefix(repositoryRoot.path))
    }
}
