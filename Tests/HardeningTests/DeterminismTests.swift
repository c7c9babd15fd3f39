import Foundation
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

    @Test(arguments: commands)
    func identicalBytesWhateverTheThreads(_ command: [String]) throws {
        let takesWorkers = command[0] == "sensitivity"
        var outputs: [String] = []
        for (blas, workers) in [("1", "1"), ("2", "2"), ("1", "2"), ("2", "1")] {
            let arguments = command + (takesWorkers ? ["--workers", workers] : [])
            let result = try Subprocess.run(arguments, timeout: 120, environment: ["OPENBLAS_NUM_THREADS": blas])
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
            outputs.append(result.stdout)
        }
        #expect(!outputs[0].isEmpty)
        for (index, output) in outputs.enumerated().dropFirst() {
            #expect(output == outputs[0], "run \(index) of \(command) differs from run 0")
        }
    }
}
