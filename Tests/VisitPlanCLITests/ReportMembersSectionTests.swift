import Foundation
import TestSupport
import Testing

/// `visitplan report` adds "Where the members agree" when the dataset has panel.yaml.
@Suite struct ReportMembersSectionTests {
    func report(_ arguments: [String]) throws -> (status: Int32, page: String) {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent(
            "visitplan-\(UUID().uuidString).html")
        defer { try? FileManager.default.removeItem(at: output) }
        let result = try CLIRunner.run(
            ["report"] + arguments
                + ["--samples", "100", "--plan-samples", "10", "--sobol-samples", "8", "--output", output.path])
        return (result.status, (try? String(contentsOf: output, encoding: .utf8)) ?? "")
    }

    @Test func theSectionFollowsPanelYaml() throws {
        let shipped = try report([])
        #expect(shipped.status == 0)
        #expect(shipped.page.contains("id=\"members-grid\"") && shipped.page.contains("Member A (fictional)"))
        // The same dataset without its panel.yaml: no section.
        let folder = try copyOfDataset("cycle-2023")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.removeItem(at: folder.appendingPathComponent("panel.yaml"))
        let withoutPanel = try report([folder.path])
        #expect(withoutPanel.status == 0)
        #expect(withoutPanel.page.contains("<h2>5. What if") && !withoutPanel.page.contains("id=\"members\""))
        // The public edition withholds it, with a line saying so.
        let published = try report(["--audience", "public"])
        #expect(published.status == 0)
        #expect(published.page.contains("id=\"members-withheld\"") && !published.page.contains("Member A (fictional)"))
    }
}
