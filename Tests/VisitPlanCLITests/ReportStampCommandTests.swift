import Foundation
import TestSupport
import Testing

/// `visitplan report`'s footer from the CLI: the version of `visitplan --version`, the time of
/// SOURCE_DATE_EPOCH (so that two runs give the same bytes) and the dataset's fingerprint, the
/// one `plan` records.
@Suite struct ReportStampCommandTests {
    func report(_ arguments: [String], environment: [String: String]) throws -> (CLIRunner.Result, String) {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent(
            "visitplan-\(UUID().uuidString).html")
        defer { try? FileManager.default.removeItem(at: output) }
        let result = try CLIRunner.run(
            [
                "report", "datasets/demo-small", "--samples", "200", "--plan-samples", "10",
                "--sobol-samples", "8", "--output", output.path,
            ] + arguments,
            environment: environment)
        return (result, (try? String(contentsOf: output, encoding: .utf8)) ?? "")
    }

    @Test func sourceDateEpochMakesTheReportByteIdentical() throws {
        // 1700000000 s after 1970-01-01 is 2023-11-14 22:13:20 UTC.
        let (first, page) = try report(["--workers", "1"], environment: ["SOURCE_DATE_EPOCH": "1700000000"])
        #expect(first.status == 0, "\(first.stderr)")
        let (second, again) = try report(["--workers", "2"], environment: ["SOURCE_DATE_EPOCH": "1700000000"])
        #expect(second.status == 0)
        #expect(!page.isEmpty && page == again, "two runs with the same SOURCE_DATE_EPOCH differ")
        #expect(page.contains("generated 2023-11-14 22:13:20 UTC"))
        let version = try CLIRunner.run(["--version"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(page.contains("visitplan \(version) · generated"))
        // The fingerprint is the one the plan records for the same data.
        let plan = try CLIRunner.run(["plan", "datasets/demo-small", "--format", "json"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(plan.stdout.utf8)) as? [String: Any])
        let fingerprint = try #require((json["dataset"] as? [String: Any])?["fingerprint"] as? String)
        #expect(page.contains(fingerprint))
    }

    @Test func aBadSourceDateEpochIsAUsageError() throws {
        let (result, page) = try report([], environment: ["SOURCE_DATE_EPOCH": "last tuesday"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("SOURCE_DATE_EPOCH must be whole seconds since 1970-01-01 UTC"))
        #expect(page.isEmpty)
    }
}
