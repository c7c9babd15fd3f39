import Foundation
import TestSupport
import Testing

/// `programme --adopted … --record --reason … --decided …`: the changes from the adopted programme
/// appended to the dataset's ledger as `programme-changed` events, run as a user would.
@Suite struct ProgrammeRecordTests {
    /// A copy of the shipped cycle with a ledger holding its history (so states.csv agrees with it)
    /// and a programme of 3 years adopted from it.
    func cycleWithLedgerAndAdoptedProgramme() throws -> (folder: URL, adopted: String) {
        let folder = try copyOfDataset("cycle-2023")
        for arguments in [
            ["ledger", "init", folder.path],
            ["ledger", "import", folder.path, folder.appendingPathComponent("history.csv").path],
        ] {
            let result = try CLIRunner.run(arguments)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
        }
        let adopted = folder.appendingPathComponent("adopted.json").path
        let made = try CLIRunner.run([
            "programme", folder.path, "--years", "3", "--format", "json", "--output", adopted,
        ])
        #expect(made.status == 0, "\(made.stderr)")
        return (folder, adopted)
    }

    /// The `programme-changed` rows of `ledger export` (date, id, detail, note).
    func programmeChanges(_ folder: URL) throws -> [[String]] {
        let exported = try CLIRunner.run(["ledger", "export", folder.path])
        #expect(exported.status == 0, "\(exported.stderr)")
        return exported.stdout.split(separator: "\n").map { ShippedHistoryTests.fields($0) }
            .filter { $0.count >= 5 && $0[2] == "programme-changed" }.map { [$0[0], $0[1], $0[3], $0[4]] }
    }

    /// The first State of the adopted year 1 refuses consent (recorded in the ledger and, so that
    /// they agree, in states.csv): it cannot be visited in any year, so the revision takes it out
    /// of year 1 — `withdraw ID 1` — and the ledger holds one event per change of the revision,
    /// each dated --decided with --reason as its note.
    @Test func aRevisionIsRecordedChangeByChange() throws {
        let (folder, adopted) = try cycleWithLedgerAndAdoptedProgramme()
        defer { try? FileManager.default.removeItem(at: folder) }
        let programme = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: adopted))) as? [String: Any])
        let years = try #require(programme["years"] as? [[String: Any]])
        let refusing = try #require(((years[0]["selected"] as? [[String: Any]])?.first?["id"]) as? String)

        let recorded = try CLIRunner.run([
            "ledger", "record", folder.path, "--kind", "consent", "--id", refusing,
            "--date", "2022-12-31", "--response", "refused",
        ])
        #expect(recorded.status == 0, "\(recorded.stderr)")
        let states = folder.appendingPathComponent("states.csv")
        var lines = try String(contentsOf: states, encoding: .utf8).split(
            separator: "\n", omittingEmptySubsequences: false
        ).map(String.init)
        let consent = try #require(ShippedHistoryTests.fields(Substring(lines[0])).firstIndex(of: "consent"))
        let row = try #require(lines.firstIndex { $0.hasPrefix(refusing + ",") })
        var fields = lines[row].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        fields[consent] = "refused"  // the columns before `provenance` are never quoted
        lines[row] = fields.joined(separator: ",")
        try lines.joined(separator: "\n").write(to: states, atomically: true, encoding: .utf8)

        let revisedPath = folder.appendingPathComponent("revised.json").path
        let revised = try CLIRunner.run([
            "programme", folder.path, "--years", "3", "--adopted", adopted, "--format", "json",
            "--output", revisedPath, "--record", "--reason", "consent refused by note verbale",
            "--decided", "2023-01-10",
        ])
        #expect(revised.status == 0, "\(revised.stderr)")
        #expect(revised.stderr.contains("recorded in"), "\(revised.stderr)")
        let revision = try #require(
            (try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: revisedPath)))
                as? [String: Any])?["revision"] as? [String: Any])
        let changes = try #require(revision["changes"] as? [[String: Any]])

        let events = try programmeChanges(folder)
        #expect(events.contains(["2023-01-10", refusing, "withdraw \(refusing) 1", "consent refused by note verbale"]))
        #expect(events.count == changes.count)
        for change in changes {
            let id = change["id"] as! String
            let detail =
                switch (change["adopted_year"] as? Int, change["year"] as? Int) {
                case let (from?, to?): "move \(id) \(from) \(to)"
                case let (from?, nil): "withdraw \(id) \(from)"
                case let (nil, to?): "add \(id) \(to)"
                case (nil, nil): "?"
                }
            #expect(events.contains(["2023-01-10", id, detail, "consent refused by note verbale"]), "\(detail)")
        }
        // Year 1 keeps 12 visits: the withdrawal is matched by an addition or a move into year 1.
        #expect(
            events.contains {
                $0[2].hasPrefix("add ") && $0[2].hasSuffix(" 1") || $0[2].hasPrefix("move ") && $0[2].hasSuffix(" 1")
            })
    }

    /// Nothing changed: nothing is recorded, and the command says so.
    @Test func anUnchangedProgrammeRecordsNothing() throws {
        let (folder, adopted) = try cycleWithLedgerAndAdoptedProgramme()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try CLIRunner.run([
            "programme", folder.path, "--years", "3", "--adopted", adopted, "--record",
            "--reason", "annual review", "--decided", "2023-01-10",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("nothing recorded"), "\(result.stderr)")
        #expect(try programmeChanges(folder).isEmpty)
    }

    /// --record needs --adopted, --reason and --decided (usage errors, exit 2); without a ledger
    /// the command stops with exit 1 before writing its output.
    @Test func recordingNeedsItsOptionsAndALedger() throws {
        let folder = try copyOfDataset("cycle-2023")
        defer { try? FileManager.default.removeItem(at: folder) }
        let noAdopted = try CLIRunner.run([
            "programme", folder.path, "--record", "--reason", "r", "--decided", "2023-01-10",
        ])
        #expect(noAdopted.status == 2 && noAdopted.stderr.contains("--adopted"), "\(noAdopted.stderr)")
        let adopted = folder.appendingPathComponent("adopted.json").path
        let made = try CLIRunner.run(["programme", folder.path, "--format", "json", "--output", adopted])
        #expect(made.status == 0, "\(made.stderr)")
        let noReason = try CLIRunner.run([
            "programme", folder.path, "--adopted", adopted, "--record", "--decided", "2023-01-10",
        ])
        #expect(noReason.status == 2 && noReason.stderr.contains("--reason"), "\(noReason.stderr)")
        let output = folder.appendingPathComponent("revised.json").path
        let noLedger = try CLIRunner.run([
            "programme", folder.path, "--adopted", adopted, "--output", output, "--record",
            "--reason", "r", "--decided", "2023-01-10",
        ])
        #expect(noLedger.status == 1 && noLedger.stderr.contains("ledger init"), "\(noLedger.stderr)")
        #expect(!FileManager.default.fileExists(atPath: output))
    }
}
