import Foundation
import TestSupport
import Testing

@Suite struct PlanCommandTests {
    func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func planOfTheShippedCycleHasTheSpecKeysAndRespectsItsConstraints() throws {
        let result = try CLIRunner.run(["plan", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let plan = try json(result.stdout)
        for key in ["selected", "reserve", "constraints", "excluded", "objective"] {
            #expect(plan[key] != nil, "missing key \(key)")
        }
        let selected = try #require(plan["selected"] as? [[String: Any]])
        // The shipped model asks for 12 visits within a budget of 500 (datasets/cycle-2023/model.yaml).
        #expect(selected.count == 12)
        for visit in selected {
            for key in ["id", "score", "rank", "visit_type", "cost"] { #expect(visit[key] != nil, "missing \(key)") }
        }
        let cost = selected.map { $0["cost"] as! Double }.reduce(0, +)
        #expect(cost <= 500)
        // The objective is the sum of the selected scores.
        let total = selected.map { $0["score"] as! Double }.reduce(0, +)
        #expect(abs(total - (plan["objective"] as! Double)) < 1e-6)
        // Africa has a minimum of 3 in the shipped model.
        #expect(selected.filter { ($0["region"] as? String) == "Africa" }.count >= 3)
    }

    /// The shipped cycle's list costs 490 of 500 and holds two follow-ups (20) among comprehensive
    /// visits (45): the 10 left are less than the 25 a swap to a comprehensive visit adds. The
    /// constraint table, the JSON status and the reasons of the States the budget keeps out all
    /// say so; no reason speaks of a budget that "cannot absorb" a visit.
    @Test func theBudgetReadsTheSameInTheTableTheStatusAndTheReasons() throws {
        let json = try json(try CLIRunner.run(["plan", "--format", "json"]).stdout)
        let constraints = try #require(json["constraints"] as? [[String: Any]])
        let budget = try #require(constraints.first { $0["name"] as? String == "budget" })
        #expect(budget["value"] as? Double == 490 && budget["slack"] as? Double == 10)
        #expect(budget["binds"] as? Bool == false)
        #expect(budget["status"] as? String == "slack-below-one-swap")
        #expect(budget["smallest_swap"] as? Double == 25)
        let excluded = try #require(json["excluded"] as? [[String: Any]])
        let byBudget = excluded.filter { $0["kind"] as? String == "budget" }
        #expect(!byBudget.isEmpty)
        for e in byBudget {
            #expect((e["reason"] as? String)?.hasPrefix("budget: 10 left, less than the 25 more") == true, "\(e)")
        }
        let table = try CLIRunner.run(["plan"]).stdout
        #expect(table.contains("slack below one swap (25)"))
        #expect(!table.contains("cannot absorb"))
    }

    /// The CSV's `serves` holds reasons only and `drivers` the leaf ids: no cell of `serves` is a
    /// leaf id of the shipped model, and every selected row has drivers.
    @Test func csvKeepsReasonsAndDriversApart() throws {
        let csv = try CLIRunner.run(["plan", "--format", "csv"]).stdout
        let lines = csv.split(separator: "\n").map(String.init)
        let header = lines[0].split(separator: ",").map(String.init)
        #expect(
            header == [
                "status", "id", "name", "region", "visit_type", "cost", "score", "rank", "serves", "replaces",
                "drivers",
            ])
        let model = try String(
            contentsOf: repositoryRoot.appendingPathComponent("datasets/cycle-2023/model.yaml"), encoding: .utf8)
        let selected = lines.dropFirst().filter { $0.hasPrefix("selected,") }
        #expect(selected.count == 12)
        for line in selected {
            // The last three cells (serves, replaces, drivers) hold no commas; a name may.
            let cells = Array(line.split(separator: ",", omittingEmptySubsequences: false).map(String.init).suffix(3))
            let serves = cells[0].split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            for reason in serves { #expect(!model.contains("id: \(reason)\n"), "\(reason) is a leaf id") }
            #expect(!cells[2].isEmpty, "\(line)")
        }
    }

    @Test func anInfeasibleModelExitsOneAndNamesTheConflict() throws {
        let folder = try copyOfDataset("demo-small")
        defer { try? FileManager.default.removeItem(at: folder) }
        let model = folder.appendingPathComponent("model.yaml")
        let text = try String(contentsOf: model, encoding: .utf8)
        // Ask for more visits than there are candidates (demo-small has 10).
        let changed = text.replacingOccurrences(of: "visits: 4", with: "visits: 11")
        #expect(changed != text)
        try changed.write(to: model, atomically: true, encoding: .utf8)
        let result = try CLIRunner.run(["plan", folder.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("visits"), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        // The conflicting setting at its line (83 of demo-small's model.yaml), with the eligible
        // States counted by hand: 10 less FFF (consent refused) and DDD (visited 2022-06-14,
        // within the 1-year cooldown).
        #expect(
            result.stderr.contains("\(folder.path)/model.yaml:83:3: note: planning.visits: 11, with 8 eligible States"),
            "\(result.stderr)")
    }

    @Test func reviseAfterAWithdrawalKeepsTheRestOfTheAdoptedList() throws {
        let folder = try temporaryFolder("revise")
        defer { try? FileManager.default.removeItem(at: folder) }
        let adopted = folder.appendingPathComponent("adopted.json").path
        #expect(try CLIRunner.run(["plan", "--format", "json", "--output", adopted]).status == 0)
        let before = try json(String(contentsOfFile: adopted, encoding: .utf8))
        let ids = (before["selected"] as! [[String: Any]]).map { $0["id"] as! String }
        let withdrawn = ids[3]
        let result = try CLIRunner.run(["revise", "--adopted", adopted, "--withdraw", withdrawn, "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let revision = try json(result.stdout)
        let plan = try #require(revision["plan"] as? [String: Any])
        let after = (plan["selected"] as! [[String: Any]]).map { $0["id"] as! String }
        #expect(!after.contains(withdrawn))
        // One State left, so one change suffices when the list stays feasible: 11 kept.
        #expect(Set(after).intersection(ids).count == ids.count - 1)
    }

    @Test func reviseRejectsAFileThatIsNotAPlan() throws {
        let folder = try copyOfDataset("demo-small")
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try CLIRunner.run([
            "revise", "--adopted", folder.appendingPathComponent("states.csv").path,
            "--dataset", folder.path,
        ])
        #expect(result.status == 1)
        #expect(result.stderr.contains("states.csv"))
    }
}
