import Foundation
import TestSupport
import Testing

/// Every count is bounded before work starts: a count past its bound is a usage error (exit 2)
/// that names the largest accepted value and why, at once, instead of "failed to allocate", an
/// overflow trap or hours of work.
@Suite struct WorkLimitTests {
    static let demo = "datasets/demo-small"
    static let huge = "9223372036854775807"  // 2⁶³ − 1

    /// Each flag at 2⁶³ − 1, and just past its bound, with the bound the message must give (the
    /// values of WorkLimit, restated here as the documented promise).
    @Test(arguments: [
        (["sensitivity", demo, "--samples", huge], "--samples must be at most 100000000 ("),
        (["sensitivity", demo, "--samples", "100000001"], "--samples must be at most 100000000 ("),
        (["sensitivity", demo, "--plan", "--plan-samples", huge], "--plan-samples must be at most 100000000 ("),
        (["sensitivity", demo, "--plan", "--plan-samples", "100000001"], "--plan-samples must be at most 100000000 ("),
        (["sensitivity", demo, "--sobol", "--sobol-samples", huge], "--sobol-samples must be at most 1000000 ("),
        (["sensitivity", demo, "--sobol", "--resamples", huge], "--resamples must be at most 10000 ("),
        (["sensitivity", demo, "--oat", "--oat-points", huge], "--oat-points must be at most 10001 ("),
        (["sensitivity", demo, "--oat", "--oat-points", "10002"], "--oat-points must be at most 10001 ("),
        (["sensitivity", demo, "--workers", huge], "--workers must be at most 256 ("),
        (
            ["report", demo, "--output", "/tmp/never-written.html", "--samples", huge],
            "--samples must be at most 100000000 ("
        ),
        (
            ["report", demo, "--output", "/tmp/never-written.html", "--plan-samples", huge],
            "--plan-samples must be at most 100000000 ("
        ),
        (["synth", "--candidates", huge, "--output", "/tmp/never-written"], "--candidates must be at most 10000000 ("),
        (
            ["synth", "--candidates", "10000001", "--output", "/tmp/never-written"],
            "--candidates must be at most 10000000 ("
        ),
        (
            ["synth", "--candidates", "10000000", "--indicators", "33", "--output", "/tmp/never-written"],
            "--candidates × --indicators must be at most 320000000 ("
        ),
    ])
    func countPastItsBoundIsRefusedAtOnce(_ arguments: [String], _ message: String) throws {
        let run = try CLIRunner.run(arguments, timeout: 20)
        #expect(run.status == 2, "exit \(run.status): \(run.stderr.prefix(500))")
        #expect(run.stderr.contains(message), "\(run.stderr.prefix(500))")
        // The reason follows the bound, in parentheses, then the value given.
        let reason = run.stderr.components(separatedBy: message).last?.components(separatedBy: "), got ").first ?? ""
        #expect(reason.count >= 30 && !reason.contains("\n"), "no reason in: \(run.stderr.prefix(500))")
        #expect(!FileManager.default.fileExists(atPath: "/tmp/never-written.html"))
        #expect(!FileManager.default.fileExists(atPath: "/tmp/never-written"))
    }

    /// The largest accepted value itself is accepted (the bound is not off by one): the shipped
    /// demonstration sweeps 10001 points in a few seconds.
    @Test func largestOatPointsIsAccepted() throws {
        let run = try CLIRunner.run(
            [
                "sensitivity", Self.demo, "--samples", "10", "--oat", "--oat-points", "10001",
                "--format", "csv",
            ], timeout: 60)
        #expect(run.status == 0, "exit \(run.status): \(run.stderr.prefix(500))")
    }

    /// Sensitivity state is linear in the candidates (SPEC §6: acceptability for ranks 1 … K,
    /// bounded rank histograms): 30,000 candidates, which the candidates × candidates rank
    /// counts of before refused (3 tables × 30,000² × 8 bytes = 21.6 GB with 2 workers), are
    /// analysed, and the acceptability rows hold K = max(2 × visits, 50) ranks, not 30,000.
    @Test func thirtyThousandCandidatesAreAnalysed() throws {
        let folder = try temporaryFolder("wide")
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = folder.appendingPathComponent("data").path
        let synth = try CLIRunner.run(
            ["synth", "--candidates", "30000", "--indicators", "8", "--output", data], timeout: 60)
        #expect(synth.status == 0, "synth: \(synth.stderr.prefix(500))")
        let output = folder.appendingPathComponent("s.json").path
        let run = try CLIRunner.run(
            [
                "sensitivity", data, "--workers", "2", "--samples", "10", "--format", "json",
                "--output", output,
            ], timeout: 120)
        #expect(run.status == 0, "exit \(run.status): \(run.stderr.prefix(500))")
        let document =
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: output))) as? [String: Any]
        let candidates = document?["candidates"] as? [[String: Any]] ?? []
        #expect(candidates.count == 30000)
        let visits = document?["visits"] as? Int ?? 0
        #expect((candidates.first?["acceptability"] as? [Any])?.count == max(2 * visits, 50))
    }
}
