import Foundation
import TestSupport
import Testing

/// `visitplan report --language`: the States' names from `name_fr` or `name_es`, and `name` with a
/// note where a name is missing.
@Suite struct ReportLanguageTests {
    /// demo-small with French names for every State but CCC, and no Spanish column.
    static func frenchDataset() throws -> URL {
        let folder = try copyOfDataset("demo-small")
        let file = folder.appendingPathComponent("states.csv")
        var lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n").map(String.init)
        // `name_fr` after `id`: column order is free.
        lines[0] = "id,name_fr," + lines[0].dropFirst("id,".count)
        for index in lines.indices.dropFirst() {
            let id = String(lines[index].prefix(3))
            let french = id == "CCC" ? "" : "Candidat \(id) en français"
            lines[index] = "\(id),\(french)," + lines[index].dropFirst("AAA,".count)
        }
        lines.append("")
        try lines.joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
        return folder
    }

    /// `report --language LANGUAGE` on the French dataset: the run and the page written.
    static func report(in language: String) throws -> (result: CLIRunner.Result, html: String) {
        let folder = try frenchDataset()
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = folder.appendingPathComponent("report.html")
        let result = try CLIRunner.run([
            "report", folder.path, "--samples", "200", "--sobol-samples", "8",
            "--language", language, "--output", page.path,
        ])
        return (result, (try? String(contentsOf: page, encoding: .utf8)) ?? "")
    }

    @Test func frenchNamesReplaceTheEnglishOnesAndTheMissingOneIsNamed() throws {
        let (result, html) = try Self.report(in: "fr")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(html.contains("Candidat AAA en français") && !html.contains("Candidate A (fictional)"))
        // CCC has no French name: it keeps its English one, and standard error says so.
        #expect(html.contains("Candidate C (fictional)"))
        #expect(
            result.stderr.contains("note: column `name_fr` is empty for CCC; the report shows their `name`"),
            "\(result.stderr)")
    }

    @Test func aLanguageWithoutItsColumnKeepsTheNamesWithANote() throws {
        let (result, html) = try Self.report(in: "es")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            result.stderr.contains("note: states.csv has no names in column `name_es`; the report shows column `name`"),
            "\(result.stderr)")
        #expect(html.contains("Candidate A (fictional)") && !html.contains("en français"))
    }
}
