import Foundation
import TestSupport
import Testing

/// `visitplan ledger …` and `--as-of`, run as a user would, on a copy of the shipped cycle whose
/// states.csv keeps only the identity columns (the engagement facts come from the ledger).
@Suite struct LedgerCommandTests {
    /// A copy of datasets/cycle-2023 with states.csv cut to id, name, name_fr, name_es, region, subregion.
    func datasetWithoutEngagementColumns() throws -> URL {
        let folder = try copyOfDataset("cycle-2023")
        let states = folder.appendingPathComponent("states.csv")
        let lines = try String(contentsOf: states, encoding: .utf8).split(separator: "\n")
        // The first six fields are never quoted in the shipped file.
        let cut = lines.map {
            $0.split(separator: ",", omittingEmptySubsequences: false).prefix(6).joined(separator: ",")
        }
        try (cut.joined(separator: "\n") + "\n").write(to: states, atomically: true, encoding: .utf8)
        return folder
    }

    func write(_ text: String, in folder: URL, as name: String) throws -> String {
        let url = folder.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    /// `ledger facts --format csv` as rows by id.
    func facts(_ folder: URL, asOf: String) throws -> [String: [String: String]] {
        let result = try CLIRunner.run(["ledger", "facts", folder.path, "--as-of", asOf, "--format", "csv"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map {
            $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
        let header = lines[0]
        var rows: [String: [String: String]] = [:]
        for line in lines.dropFirst() { rows[line[0]] = Dictionary(uniqueKeysWithValues: zip(header, line)) }
        return rows
    }

    /// The history of the worked example of Guides/Ledger.md (its first CSV block), so that the
    /// guide and the test cannot part ways; its last four visits and reports give the planner the
    /// follow-up candidates the budget needs (12 comprehensive visits cost 540 > 500).
    static var history: String {
        get throws {
            let guide = try String(
                contentsOf: repositoryRoot.appendingPathComponent("Guides/Ledger.md"), encoding: .utf8)
            let start = try #require(guide.range(of: "```\ndate,id,kind,detail,note\n"))
            let end = try #require(guide.range(of: "```", range: start.upperBound..<guide.endIndex))
            return "date,id,kind,detail,note\n" + guide[start.upperBound..<end.lowerBound]
        }
    }

    @Test func aScriptedCycleGivesTheFactsTheRulesSay() throws {
        let folder = try datasetWithoutEngagementColumns()
        let work = folder.appendingPathComponent("work")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        func run(_ arguments: [String]) throws -> CLIRunner.Result {
            let result = try CLIRunner.run(arguments)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
            return result
        }
        _ = try run(["ledger", "init", folder.path])
        let csv = try write(try Self.history, in: work, as: "history.csv")
        let imported = try run(["ledger", "import", folder.path, csv])
        #expect(imported.stdout.contains("imported 23 events"))
        // The BFA visit was mistyped (2022-12-02 for 2022-02-20): void it, record the right one.
        _ = try run([
            "ledger", "correct", folder.path, "--event", "15", "--reason", "date mistyped; see the next event",
        ])
        _ = try run([
            "ledger", "record", folder.path, "--kind", "visit", "--id", "BFA", "--date", "2022-02-20", "--type",
            "comprehensive",
        ])
        _ = try run([
            "ledger", "record", folder.path, "--kind", "report-submitted", "--id", "BFA", "--date", "2022-06-30",
        ])

        // Plan on the ledger's facts, adopt, revise with a reason.
        let plan = work.appendingPathComponent("plan.json").path
        _ = try run(["plan", folder.path, "--format", "json", "--output", plan])
        _ = try run(["ledger", "adopt", folder.path, plan, "--decided", "2023-02-15"])
        let planJSON =
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: plan))) as? [String: Any]
        let first = ((planJSON?["selected"] as? [[String: Any]])?.first?["id"] as? String) ?? "?"
        // TCD refused consent (2021-06-01): not on the list.
        #expect(!((planJSON?["selected"] as? [[String: Any]]) ?? []).contains { $0["id"] as? String == "TCD" })
        let revised = try run([
            "revise", folder.path, "--adopted", plan, "--withdraw", first,
            "--record", "--reason", "consent withdrawn by note verbale", "--decided", "2023-03-01",
        ])
        #expect(revised.stderr.contains("recorded in"))

        // As of 2021-01-01.
        let early = try facts(folder, asOf: "2021-01-01")
        #expect(early["MLI"]?["last_visit"] == "2018-09-12" && early["MLI"]?["last_visit_type"] == "comprehensive")
        #expect(early["MLI"]?["report_submitted"] == "2019-02-01" && early["MLI"]?["consent"] == "given")
        #expect(early["MLI"]?["requested_visit"] == "false" && early["MLI"]?["review"] == "")
        #expect(early["NER"]?["last_visit"] == "" && early["NER"]?["consent"] == "pending")
        #expect(early["NER"]?["requested_visit"] == "true")
        #expect(early["TCD"]?["last_visit"] == "2019-05-05" && early["TCD"]?["consent"] == "unknown")
        #expect(early["TCD"]?["requested_visit"] == "true")
        // TCD's report of 2019-09-09 was due for review by 2020-09-09: 114 days late.
        #expect(early["TCD"]?["review"] == "overdue" && early["TCD"]?["review_days"] == "114")
        #expect(early["BFA"]?["last_visit"] == "" && early["BFA"]?["consent"] == "unknown")
        #expect(early["ARG"]?["last_visit"] == "" && early["ARG"]?["consent"] == "unknown")

        // As of 2023-01-01 (the model's as_of).
        let late = try facts(folder, asOf: "2023-01-01")
        #expect(late["NER"]?["last_visit"] == "2021-10-03" && late["NER"]?["last_visit_type"] == "follow-up")
        #expect(late["NER"]?["report_submitted"] == "2022-01-20" && late["NER"]?["consent"] == "given")
        #expect(late["NER"]?["requested_visit"] == "false")
        #expect(late["NER"]?["review"] == "due" && late["NER"]?["review_days"] == "19")
        #expect(late["TCD"]?["consent"] == "refused" && late["TCD"]?["review_days"] == "844")
        // The voided visit of 2022-12-02 does not count.
        #expect(late["BFA"]?["last_visit"] == "2022-02-20" && late["BFA"]?["report_submitted"] == "2022-06-30")
        #expect(late["BFA"]?["review"] == "due" && late["BFA"]?["review_days"] == "180")

        // The decisions are in the history, with their reasons.
        let history = try run(["ledger", "history", folder.path, "--format", "json"])
        let events = try JSONSerialization.jsonObject(with: Data(history.stdout.utf8)) as? [[String: Any]] ?? []
        #expect(events.count == 28)
        #expect(events[14]["voided_by"] as? Int == 24)
        #expect(
            events[26]["kind"] as? String == "list-adopted"
                && (events[26]["detail"] as? String)?.contains("fingerprint") == true)
        #expect(
            events[27]["kind"] as? String == "list-changed" && events[27]["detail"] as? String == "withdraw \(first)")
        #expect(
            events[27]["note"] as? String == "consent withdrawn by note verbale"
                && events[27]["date"] as? String == "2023-03-01")

        // Any command re-runs at an earlier date.
        let score = try run(["score", folder.path, "--as-of", "2021-01-01", "--format", "json"])
        #expect(score.stdout.contains("\"as_of\" : \"2021-01-01\"") || score.stdout.contains("2021-01-01"))
    }

    @Test func consentOlderThanTheModelSaysCountsAsUnknown() throws {
        let folder = try datasetWithoutEngagementColumns()
        let model = folder.appendingPathComponent("model.yaml")
        try (String(contentsOf: model, encoding: .utf8) + "ledger:\n  consent_valid_years: 2\n").write(
            to: model, atomically: true, encoding: .utf8)
        _ = try CLIRunner.run(["ledger", "init", folder.path])
        #expect(
            try CLIRunner.run(["ledger", "import", folder.path, try write(try Self.history, in: folder, as: "h.csv")])
                .status == 0)
        // MLI's consent of 2018-04-10 is valid until 2020-04-10: given at 2019-06-01, unknown at
        // 2021-01-01. NER's pending of 2020-06-15 is still valid at 2021-01-01.
        #expect(try facts(folder, asOf: "2019-06-01")["MLI"]?["consent"] == "given")
        let late = try facts(folder, asOf: "2021-01-01")
        #expect(late["MLI"]?["consent"] == "unknown")
        #expect(late["NER"]?["consent"] == "pending")
    }

    @Test func theExportImportsIntoAnEmptyLedgerAsTheSameEvents() throws {
        let folder = try datasetWithoutEngagementColumns()
        _ = try CLIRunner.run(["ledger", "init", folder.path])
        let csv = try write(try Self.history, in: folder, as: "history.csv")
        #expect(try CLIRunner.run(["ledger", "import", folder.path, csv]).status == 0)
        #expect(try CLIRunner.run(["ledger", "correct", folder.path, "--event", "3", "--reason", "wrong"]).status == 0)
        let export = try CLIRunner.run(["ledger", "export", folder.path])
        let other = try datasetWithoutEngagementColumns()
        _ = try CLIRunner.run(["ledger", "init", other.path])
        let again = try write(export.stdout, in: other, as: "export.csv")
        #expect(try CLIRunner.run(["ledger", "import", other.path, again]).status == 0)
        #expect(try CLIRunner.run(["ledger", "export", other.path]).stdout == export.stdout)
        #expect(export.stdout.split(separator: "\n").count == 25)
    }

    @Test func aBadImportRecordsNothingAndNamesEveryRow() throws {
        let folder = try datasetWithoutEngagementColumns()
        _ = try CLIRunner.run(["ledger", "init", folder.path])
        let csv = try write(
            "date,id,kind,detail,note\n2019-01-01,MLI,visit,comprehensive,\n2019-01-01,XYZQ,visit,comprehensive,\n2019-13-01,NER,consent,given,\n",
            in: folder, as: "bad.csv")
        let result = try CLIRunner.run(["ledger", "import", folder.path, csv])
        #expect(result.status == 1)
        #expect(result.stderr.contains("bad.csv:3:2: error: column `id`: no State with id `XYZQ` in states.csv"))
        #expect(result.stderr.contains("bad.csv:4:1: error: column `date`"))
        #expect(try CLIRunner.run(["ledger", "export", folder.path]).stdout == "date,id,kind,detail,note\n")
    }

    @Test func statesCSVMustAgreeWithTheLedger() throws {
        // The shipped states.csv says MLI was last visited on its date; a ledger saying
        // otherwise is an error naming both.
        let folder = try copyOfDataset("cycle-2023")
        _ = try CLIRunner.run(["ledger", "init", folder.path])
        let result = try CLIRunner.run(["score", folder.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("states.csv:"))
        #expect(result.stderr.contains("ledger.sqlite says"))
        let validate = try CLIRunner.run(["validate", folder.path])
        #expect(validate.status == 1)
    }

    @Test func asOfWithoutALedgerCannotWindBackTheFacts() throws {
        let result = try CLIRunner.run([
            "score", repositoryRoot.appendingPathComponent("datasets/cycle-2023").path, "--as-of", "2010-01-01",
        ])
        #expect(result.status == 1)
        #expect(result.stderr.contains("needs a ledger"))
    }

    @Test func aForeignFileNamedLedgerIsAClearErrorAndIsKept() throws {
        let folder = try datasetWithoutEngagementColumns()
        let path = try write("not a database\n", in: folder, as: "ledger.sqlite")
        for arguments in [
            ["score", folder.path],
            ["ledger", "record", folder.path, "--kind", "state-request", "--id", "MLI", "--date", "2020-01-01"],
            ["ledger", "init", folder.path],
        ] {
            let result = try CLIRunner.run(arguments)
            #expect(result.status == 1, "\(arguments)")
            #expect(result.stderr.contains("ledger.sqlite: error:"), "\(arguments): \(result.stderr)")
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "not a database\n")
    }

    @Test func twoProcessesImportingAtOnceLoseNothing() throws {
        let folder = try datasetWithoutEngagementColumns()
        _ = try CLIRunner.run(["ledger", "init", folder.path])
        var files: [String] = []
        for (n, id) in ["MLI", "NER"].enumerated() {
            let rows = (0..<3000).map { "2019-01-01,\(id),state-request,,process \(n) row \($0)" }
            files.append(
                try write(
                    "date,id,kind,detail,note\n" + rows.joined(separator: "\n") + "\n", in: folder, as: "p\(n).csv"))
        }
        let processes = files.map { file -> Process in
            let process = Process()
            process.executableURL = CLIRunner.binary
            process.arguments = ["ledger", "import", folder.path, file]
            process.standardOutput = FileHandle.nullDevice
            return process
        }
        for process in processes { try process.run() }
        for process in processes { process.waitUntilExit() }
        #expect(processes.allSatisfy { $0.terminationStatus == 0 })
        let history = try CLIRunner.run(["ledger", "history", folder.path, "--format", "csv"])
        #expect(history.stdout.split(separator: "\n").count == 6001)
    }

    @Test func killedInTheMiddleOfALargeImportTheLedgerIsIntactAndAllOrNothing() throws {
        let folder = try datasetWithoutEngagementColumns()
        _ = try CLIRunner.run(["ledger", "init", folder.path])
        let count = 200_000
        var text = "date,id,kind,detail,note\n"
        text.reserveCapacity(count * 50)
        for n in 0..<count { text += "2019-01-01,MLI,state-request,,row \(n)\n" }
        let file = try write(text, in: folder, as: "large.csv")
        let process = Process()
        process.executableURL = CLIRunner.binary
        process.arguments = ["ledger", "import", folder.path, file]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        // Kill -9 once the transaction has started writing (the WAL file grows), or after 20 s.
        let wal = folder.appendingPathComponent("ledger.sqlite-wal").path
        let start = Date()
        while process.isRunning, Date().timeIntervalSince(start) < 20 {
            let size = (try? FileManager.default.attributesOfItem(atPath: wal)[.size] as? Int) ?? 0
            if size > 1_000_000 { break }
            usleep(2_000)
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let validate = try CLIRunner.run(["validate", folder.path])
        #expect(validate.status == 0, "\(validate.stderr)")
        #expect(validate.stdout.contains("integrity_check ok"))
        let lines = try CLIRunner.run(["ledger", "export", folder.path]).stdout.split(separator: "\n").count - 1
        #expect(lines == 0 || lines == count)
        // The ledger still takes events.
        let record = try CLIRunner.run([
            "ledger", "record", folder.path, "--kind", "state-request", "--id", "NER", "--date", "2020-01-01",
        ])
        #expect(record.status == 0, "\(record.stderr)")
    }

    @Test func helpLedgerPrintsGuidesLedgerAndListsEveryCommand() throws {
        let guide = try String(contentsOf: repositoryRoot.appendingPathComponent("Guides/Ledger.md"), encoding: .utf8)
        let result = try CLIRunner.run(["help", "ledger"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == guide, "Guides/Ledger.md changed: run `make guides`")
        for command in ["init", "record", "import", "export", "correct", "history", "facts", "reviews", "adopt"] {
            #expect(guide.contains("`visitplan ledger \(command) DATASET"), "\(command)")
        }
    }
}
