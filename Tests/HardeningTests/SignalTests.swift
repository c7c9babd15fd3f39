import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// SIGINT and SIGTERM during a long run: exit 130 or 143 with a message, and nothing left in the
/// output folder, neither the output nor a temporary file.
@Suite(.serialized) struct SignalTests {
    @Test(arguments: [SIGINT, SIGTERM])
    func interruptedSensitivityLeavesNoFile(_ signal: Int32) throws {
        let outputs = try temporaryFolder("signal")
        defer { try? FileManager.default.removeItem(at: outputs) }
        let output = outputs.appendingPathComponent("sensitivity.json")
        let result = try CLIRunner.run(
            [
                "sensitivity", "datasets/demo-small", "--samples", "50000000", "--format", "json", "--output",
                output.path,
            ],
            timeout: 30, signal: signal, signalAfter: 1)
        #expect(!result.timedOut)
        #expect(result.status == 128 + signal, "exit \(result.status): \(result.stderr)")
        #expect(
            result.stderr.contains("interrupted by \(signal == SIGINT ? "SIGINT" : "SIGTERM")"),
            "stderr: \(result.stderr)")
        #expect(contents(of: outputs).isEmpty, "left behind: \(contents(of: outputs))")
    }

    /// `synth` stages its files in a hidden sibling folder; an interrupt removes it.
    @Test func interruptedSynthLeavesNoFolder() throws {
        let outputs = try temporaryFolder("signal-synth")
        defer { try? FileManager.default.removeItem(at: outputs) }
        let result = try CLIRunner.run(
            [
                "synth", "--candidates", "3000000", "--seed", "1", "--output",
                outputs.appendingPathComponent("big").path,
            ],
            timeout: 60, signal: SIGTERM, signalAfter: 1.5)
        #expect(!result.timedOut)
        #expect(result.status == 143, "exit \(result.status): \(result.stderr)")
        #expect(contents(of: outputs).isEmpty, "left behind: \(contents(of: outputs))")
    }
}
