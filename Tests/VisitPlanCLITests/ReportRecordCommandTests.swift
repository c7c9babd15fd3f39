import Foundation
import TestSupport
import Testing

/// `visitplan report` on a dataset with a ledger: the record of the list's decisions and of
/// each State near it, as of the date asked (issue 16, item 4).
@Suite struct ReportRecordCommandTests {
    @Test func theReportShowsTheListsHistoryAsOfTheDateAsked() throws {
        let ledgerTests = LedgerCommandTests()
        let folder = try ledgerTests.datasetWithoutEngagementColumns()
        defer { try? FileManager.default.removeItem(at: folder) }
        let work = folder.appendingPathComponent("work")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        let run = CLIRunner.step
        _ = try run(["ledger", "init", folder.path])
        _ = try run([
            "ledger", "import", folder.path,
            try ledgerTests.write(try LedgerCommandTests.history, in: work, as: "h.csv"),
        ])
        // The guide's mistyped BFA visit (event 15), voided.
        _ = try run(["ledger", "correct", folder.path, "--event", "15", "--reason", "date mistyped"])
        let plan = work.appendingPathComponent("plan.json").path
        _ = try run(["plan", folder.path, "--format", "json", "--output", plan])
        _ = try run(["ledger", "adopt", folder.path, plan, "--decided", "2023-02-15"])
        let json =
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: plan))) as? [String: Any]
        let selected = ((json?["selected"] as? [[String: Any]]) ?? []).compactMap { $0["id"] as? String }
        let first = try #require(selected.first)
        _ = try run([
            "revise", folder.path, "--adopted", plan, "--withdraw", first,
            "--record", "--reason", "consent withdrawn by note verbale", "--decided", "2023-03-01",
        ])

        func report(_ arguments: [String]) throws -> String {
            let output = work.appendingPathComponent("report-\(UUID().uuidString).html")
            _ = try run(
                [
                    "report", folder.path, "--samples", "100", "--plan-samples", "5", "--sobol-samples", "8",
                    "--output", output.path,
                ] + arguments)
            return try String(contentsOf: output, encoding: .utf8)
        }
        let march = try #require(element("list-history", in: try report(["--as-of", "2023-03-31"])))
        #expect(
            march.contains(
                "<td class=\"num\">2023-02-15</td><td>list adopted: \(selected.count) visits (\(selected.sorted().joined(separator: ", ")))</td>"
            ))
        #expect(march.contains("<td class=\"num\">2023-03-01</td><td>withdrawn from the list</td>"))
        #expect(march.contains("consent withdrawn by note verbale"))
        // On 2023-02-20 the withdrawal was not yet decided.
        let february = try report(["--as-of", "2023-02-20"])
        let decisions = try #require(element("list-history", in: february))
        #expect(decisions.contains("list adopted") && !decisions.contains("withdrawn from the list"))
        // The corrected event is left out and counted; the footer counts the ledger's events
        // (23 imported, the correction, the adoption, the change: 26).
        #expect(february.contains("1 event was voided by corrections and is left out."))
        #expect(february.contains("ledger.sqlite: 26 events recorded"))
        #expect(!february.contains("2022-12-02"))
        // The public edition keeps the decisions and drops the reason.
        let published = try report(["--as-of", "2023-03-31", "--audience", "public"])
        #expect(published.contains("withdrawn from the list") && !published.contains("note verbale"))
    }
}

/// The markup from the element with `id` to the end of its table.
private func element(_ id: String, in page: String) -> String? {
    guard let start = page.range(of: " id=\"\(id)\"") else { return nil }
    guard let stop = page.range(of: "</table>", range: start.upperBound..<page.endIndex) else { return nil }
    return String(page[start.lowerBound..<stop.upperBound])
}
