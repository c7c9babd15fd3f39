import Foundation
import TestSupport
import Testing

@Suite struct ProgrammeCommandTests {
    func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    func ids(_ year: [String: Any]) -> [String] {
        (year["selected"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
    }

    /// The shipped cycle over 3 years: SPEC §10's keys, one date a year, 12 visits a year within
    /// the budget of 500, no State twice, and the objective recomputed from the years' scores.
    @Test func programmeOfTheShippedCycle() throws {
        let result = try CLIRunner.run(["programme", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let programme = try json(result.stdout)
        for key in ["years", "objective", "deferred"] { #expect(programme[key] != nil, "missing key \(key)") }
        let years = try #require(programme["years"] as? [[String: Any]])
        #expect(years.map { $0["year"] as? Int } == [1, 2, 3])
        #expect(years.map { $0["date"] as? String } == ["2023-01-01", "2024-01-01", "2025-01-01"])
        var seen: Set<String> = []
        var objective = 0.0
        for (k, year) in years.enumerated() {
            let selected = try #require(year["selected"] as? [[String: Any]])
            #expect(selected.count == 12)
            #expect(selected.map { $0["cost"] as! Double }.reduce(0, +) <= 500)
            for visit in selected {
                for key in ["id", "score", "rank", "visit_type", "cost"] {
                    #expect(visit[key] != nil, "missing \(key)")
                }
                #expect(seen.insert(visit["id"] as! String).inserted, "\(visit["id"]!) twice")
            }
            objective += pow(0.85, Double(k)) * selected.map { $0["score"] as! Double }.reduce(0, +)
        }
        #expect(abs(objective - (programme["objective"] as! Double)) < 1e-6)
        for deferral in programme["deferred"] as! [[String: Any]] {
            let from = deferral["from_year"] as! Int, to = deferral["to_year"] as! Int
            #expect(from < to)
            #expect(ids(years[to - 1]).contains(deferral["id"] as! String))
            #expect(!(deferral["reason"] as! String).isEmpty)
        }
    }

    /// Year 2's scores are the model with engagement facts at as_of + 1 year and indicators and
    /// signals at as_of: the same as scoring a copy whose as_of and events are one year later
    /// (demo-small's events are yearly, so every signal window holds the same values).
    @Test func yearTwoScoresAgeOnlyTheEngagementFacts() throws {
        let folder = try copyOfDataset("demo-small")
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try CLIRunner.run(["programme", folder.path, "--years", "2", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let years = try #require(try json(result.stdout)["years"] as? [[String: Any]])
        #expect(years.count == 2)

        let shifted = try copyOfDataset("demo-small")
        defer { try? FileManager.default.removeItem(at: shifted) }
        let model = shifted.appendingPathComponent("model.yaml")
        let text = try String(contentsOf: model, encoding: .utf8)
        try text.replacingOccurrences(of: "as_of: 2023-01-01", with: "as_of: 2024-01-01")
            .write(to: model, atomically: true, encoding: .utf8)
        let events = shifted.appendingPathComponent("events.csv")
        let lines = try String(contentsOf: events, encoding: .utf8).split(separator: "\n").map { line -> String in
            var cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            if let year = Int(cells[2]) { cells[2] = String(year + 1) }
            return cells.joined(separator: ",")
        }
        try (lines.joined(separator: "\n") + "\n").write(to: events, atomically: true, encoding: .utf8)
        let scored = try CLIRunner.run(["score", shifted.path, "--format", "json"])
        #expect(scored.status == 0, "\(scored.stderr)")
        let candidates = try #require(try json(scored.stdout)["candidates"] as? [[String: Any]])
        var expected: [String: Double] = [:]
        for c in candidates { expected[c["id"] as! String] = c["score"] as? Double }
        let selected = try #require(years[1]["selected"] as? [[String: Any]])
        #expect(!selected.isEmpty)
        for visit in selected {
            let id = visit["id"] as! String
            let score = try #require(expected[id])
            #expect(abs(score - (visit["score"] as! Double)) < 1e-9, "\(id)")
        }
    }

    /// A programme re-run against its own JSON keeps every adopted assignment; the output file is
    /// written atomically, and the table and CSV forms print.
    @Test func revisionOnTheSameDataKeepsEverything() throws {
        let folder = try temporaryFolder("programme")
        defer { try? FileManager.default.removeItem(at: folder) }
        let adopted = folder.appendingPathComponent("programme.json").path
        #expect(try CLIRunner.run(["programme", "--format", "json", "--output", adopted]).status == 0)
        let before = try json(String(contentsOfFile: adopted, encoding: .utf8))
        let result = try CLIRunner.run(["programme", "--adopted", adopted, "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let after = try json(result.stdout)
        let revision = try #require(after["revision"] as? [String: Any])
        #expect(revision["kept"] as? Int == 36)
        #expect((revision["changes"] as? [Any])?.isEmpty == true)
        let yearsBefore = (before["years"] as! [[String: Any]]).map(ids)
        let yearsAfter = (after["years"] as! [[String: Any]]).map(ids)
        #expect(yearsBefore == yearsAfter)

        let table = try CLIRunner.run(["programme", "--years", "2"])
        #expect(table.status == 0)
        #expect(table.stdout.contains("Year 2 (2024-01-01"))
        let csv = try CLIRunner.run(["programme", "--format", "csv"])
        #expect(csv.stdout.hasPrefix("status,year,date,id,"))
        #expect(try CLIRunner.run(["programme", "--years", "0"]).status == 2)
    }

    /// A programme that cannot hold exits 1, names the constraints with their years at their
    /// lines, and writes no file: BBB is included in year 1 by `planning.include` and in year 2.
    @Test func anInfeasibleProgrammeNamesTheYears() throws {
        let folder = try copyOfDataset("demo-small")
        defer { try? FileManager.default.removeItem(at: folder) }
        let model = folder.appendingPathComponent("model.yaml")
        let text = try String(contentsOf: model, encoding: .utf8)
        try (text + "programme:\n  years: 2\n  include: {2: [BBB]}\n").write(
            to: model, atomically: true, encoding: .utf8)
        let output = folder.appendingPathComponent("out.json").path
        let result = try CLIRunner.run(["programme", folder.path, "--output", output])
        #expect(result.status == 1)
        #expect(result.stderr.contains("year 2: include BBB"), "\(result.stderr)")
        #expect(result.stderr.contains("each State at most once"), "\(result.stderr)")
        #expect(result.stderr.contains("model.yaml:"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    /// A misspelt key of the programme section is an error with the nearest key.
    @Test func aMisspeltProgrammeKeyIsAnError() throws {
        let folder = try copyOfDataset("demo-small")
        defer { try? FileManager.default.removeItem(at: folder) }
        let model = folder.appendingPathComponent("model.yaml")
        let text = try String(contentsOf: model, encoding: .utf8)
        try (text + "programme:\n  discout: 0.9\n").write(to: model, atomically: true, encoding: .utf8)
        let result = try CLIRunner.run(["validate", folder.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("discount"), "\(result.stderr)")
    }
}
