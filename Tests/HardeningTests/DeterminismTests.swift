import Foundation
import TestSupport
import Testing

/// The same inputs and seed give byte-identical outputs across runs, BLAS thread counts and
/// worker counts (SPEC §6).
@Suite struct DeterminismTests {
    static let commands: [[String]] = [
        ["score", "datasets/demo-small", "--format", "json"],
        ["score", "datasets/cycle-2023", "--format", "json"],
        ["plan", "datasets/demo-small", "--format", "json"],
        ["plan", "datasets/cycle-2023", "--format", "json"],
        ["sensitivity", "datasets/demo-small", "--samples", "20000", "--sobol", "--oat", "--format", "json"],
    ]

    /// A synthetic dataset of 2,000 candidates (8 indicators, geometric nodes with zero children:
    /// ties in the samples), written once by `visitplan synth`.
    static let large: Result<String, any Error> = Result {
        let folder = try temporaryFolder("determinism").appendingPathComponent("synth-2000")
        let synth = try CLIRunner.run(
            [
                "synth", "--candidates", "2000", "--indicators", "8", "--seed", "3",
                "--output", folder.path,
            ], timeout: 120)
        guard synth.status == 0 else { throw CocoaError(.fileWriteUnknown) }
        return folder.path
    }

    /// Every section of `sensitivity` (--plan, --sobol, --oat) in every format at 2,000
    /// candidates: byte-identical across BLAS threads and workers. Sample counts are small to
    /// keep the test short; sizes are what brought out BLAS's thread-dependent sums (issue 14).
    @Test(arguments: ["json", "csv", "table"])
    func everySectionAtTwoThousandCandidates(_ format: String) throws {
        let folder = try Self.large.get()
        let command = [
            "sensitivity", folder, "--samples", "300", "--visits", "2", "--plan", "--plan-samples", "2",
            "--sobol", "--sobol-samples", "4", "--resamples", "5", "--oat", "--oat-points", "3",
            "--format", format,
        ]
        // JSON, the fullest output, under every pairing; the other formats under the two extremes.
        let pairs = format == "json" ? [("1", "1"), ("2", "2"), ("1", "2"), ("2", "1")] : [("1", "1"), ("2", "2")]
        var outputs: [String] = []
        for (blas, workers) in pairs {
            let result = try CLIRunner.run(
                command + ["--workers", workers], timeout: 600,
                environment: ["OPENBLAS_NUM_THREADS": blas])
            #expect(result.status == 0, "\(blas) BLAS threads, \(workers) workers: \(result.stderr.suffix(2000))")
            outputs.append(result.stdout)
        }
        // Every candidate is written, except in the table (the top 25).
        #expect(outputs[0].count > (format == "table" ? 500 : 2000 * 20), "\(outputs[0].count) bytes")
        for (index, output) in outputs.enumerated().dropFirst() {
            #expect(output == outputs[0], "run \(index) (\(format)) differs from run 0")
        }
    }

    @Test(arguments: commands)
    func identicalBytesWhateverTheThreads(_ command: [String]) throws {
        let takesWorkers = command[0] == "sensitivity"
        var outputs: [String] = []
        for (blas, workers) in [("1", "1"), ("2", "2"), ("1", "2"), ("2", "1")] {
            let arguments = command + (takesWorkers ? ["--workers", workers] : [])
            let result = try CLIRunner.run(arguments, timeout: 120, environment: ["OPENBLAS_NUM_THREADS": blas])
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
            outputs.append(result.stdout)
        }
        #expect(!outputs[0].isEmpty)
        for (index, output) in outputs.enumerated().dropFirst() {
            #expect(output == outputs[0], "run \(index) of \(command) differs from run 0")
        }
    }
}
