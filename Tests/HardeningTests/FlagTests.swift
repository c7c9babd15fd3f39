import Foundation
import TestSupport
import Testing

/// Every command's bad flags are a usage error: exit 2 with a sentence on standard error, never
/// a crash and never an output file.
@Suite struct FlagTests {
    static let dataset = "datasets/demo-small"

    static let badInvocations: [[String]] = [
        ["nosuchcommand"],
        ["validate", dataset, "extra"],
        ["validate", dataset, "--format", "json"],
        ["score", dataset, "--format", "xml"],
        ["score", dataset, "--bogus"],
        ["score", dataset, "--output"],
        ["explain", dataset],
        ["explain", dataset, "--id", "AAA", "--vs"],
        ["plan", dataset, "--format"],
        ["plan", dataset, "--workers", "2"],
        ["revise", dataset],
        ["sensitivity", dataset, "--samples", "0"],
        ["sensitivity", dataset, "--samples", "-5"],
        ["sensitivity", dataset, "--samples", "abc"],
        ["sensitivity", dataset, "--samples", "99999999999999999999999"],
        ["sensitivity", dataset, "--workers", "0"],
        ["sensitivity", dataset, "--seed", "x"],
        ["report", dataset],
        ["report", dataset, "--output", "unused", "--language", "de"],
        ["synth", "--candidates", "0", "--output", "unused"],
        ["synth", "--candidates", "-3", "--output", "unused"],
        ["synth", "--candidates", "10"],
    ]

    @Test(arguments: badInvocations)
    func badFlagsExitTwo(_ arguments: [String]) throws {
        let result = try CLIRunner.run(arguments, timeout: 10)
        #expect(!result.signalled && !result.timedOut)
        #expect(result.status == 2, "exit \(result.status): \(result.stderr)")
        #expect(result.stderr.contains("Error:"), "stderr: \(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: repositoryRoot.appendingPathComponent("unused").path))
    }
}
