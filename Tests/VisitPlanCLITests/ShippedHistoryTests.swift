import Foundation
import TestSupport
import Testing

/// datasets/cycle-2023/history.csv, imported into a ledger through the CLI, gives back the
/// engagement columns of states.csv for every State. states.csv is written by
/// datasets/build/derive_cycle.py; this check runs the Swift ledger (SPEC §9) on its history.
@Suite struct ShippedHistoryTests {
    /// The fields of one CSV line (RFC 4180 quoting; the shipped files have no line breaks in fields).
    static func fields(_ line: Substring) -> [String] {
        var fields: [String] = [], field = "", quoted = false, previous: Character? = nil
        for character in line {
            if character == "\"" {
                if quoted { quoted = false } else { quoted = true; if previous == "\"" { field.append("\"") } }
            } else if character == "," && !quoted {
                fields.append(field); field = ""
            } else {
                field.append(character)
            }
            previous = character
        }
        fields.append(field)
        return fields
    }

    /// Rows of a CSV text by their first column, each as column name → value.
    static func rowsByID(_ text: String) -> [String: [String: String]] {
        let lines = text.split(separator: "\n").map(fields)
        var rows: [String: [String: String]] = [:]
        for line in lines.dropFirst() { rows[line[0]] = Dictionary(uniqueKeysWithValues: zip(lines[0], line)) }
        return rows
    }

    @Test func importedHistoryGivesBackTheEngagementColumnsOfEveryState() throws {
        let folder = try copyOfDataset("cycle-2023")
        defer { try? FileManager.default.removeItem(at: folder) }
        let initialised = try CLIRunner.run(["ledger", "init", folder.path])
        #expect(initialised.status == 0, "\(initialised.stderr)")
        let imported = try CLIRunner.run([
            "ledger", "import", folder.path, folder.appendingPathComponent("history.csv").path,
        ])
        #expect(imported.status == 0, "\(imported.stderr)")
        let facts = try CLIRunner.run(["ledger", "facts", folder.path, "--format", "csv"])
        #expect(facts.status == 0, "\(facts.stderr)")
        let derived = Self.rowsByID(facts.stdout)
        let states = Self.rowsByID(try String(contentsOf: folder.appendingPathComponent("states.csv"), encoding: .utf8))
        #expect(states.count == 193)
        for (id, state) in states {
            let fact = try #require(derived[id], "\(id) is missing from ledger facts")
            // A year alone in states.csv is read as YYYY-07-01 (SPEC §2).
            let lastVisit = state["last_visit"].map { $0.count == 4 ? $0 + "-07-01" : $0 }
            #expect(fact["last_visit"] == lastVisit, "\(id) last_visit")
            for column in ["last_visit_type", "report_submitted", "consent", "requested_visit"] {
                #expect(
                    fact[column] == state[column],
                    "\(id) \(column): ledger \(fact[column] ?? "-"), states.csv \(state[column] ?? "-")")
            }
        }
        // With the ledger in place, validate checks states.csv against it too.
        let validated = try CLIRunner.run(["validate", folder.path])
        #expect(validated.status == 0, "\(validated.stderr)")
    }

    @Test func everyHistoryRowSaysWhetherItIsRealAndWhereItComesFrom() throws {
        let root = repositoryRoot.appendingPathComponent("datasets")
        let history = try String(contentsOf: root.appendingPathComponent("cycle-2023/history.csv"), encoding: .utf8)
        let lines = history.split(separator: "\n").map(Self.fields)
        #expect(lines[0] == ["date", "id", "kind", "detail", "note", "provenance", "source"])
        // Real visits: (id, source URL) pairs of the public partial list.
        let partial = try String(
            contentsOf: root.appendingPathComponent("sources/cted_visits_publicly_reported_PARTIAL.csv"),
            encoding: .utf8)
        let partialLines = partial.split(separator: "\n").map(Self.fields)
        let urlColumn = try #require(partialLines[0].firstIndex(of: "source_url"))
        let reported = Set(partialLines.dropFirst().map { $0[0] + " " + $0[urlColumn] })
        var real = 0
        for row in lines.dropFirst() {
            #expect(row[5] == "real" || row[5] == "synthetic", "\(row)")
            if row[5] == "real" {
                real += 1
                #expect(row[2] == "visit", "only visits are real: \(row)")
                #expect(reported.contains(row[1] + " " + row[6]), "\(row[1]) is not reported at \(row[6])")
            } else {
                #expect(row[6].hasPrefix("datasets/build/derive_cycle.py"), "\(row)")
            }
        }
        // datasets/README.md: 25 States have their last visit from the public list.
        #expect(real == 25)
    }
}
