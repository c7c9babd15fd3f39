import Dataset
import Foundation
import Testing

@testable import Planning

@Suite struct SolverTests {
    /// Knapsack by hand: values 10, 13, 7, 8; weights 3, 4, 2, 3; capacity 7. The best pairs and
    /// triples: {0, 1} = 23 (weight 7), {0, 2, …}: {0, 2} = 17, {1, 2} = 20 (6), {1, 3} = 21 (7),
    /// {0, 2, 3} exceeds 7 (8) — so 23.
    @Test func smallKnapsackOptimum() throws {
        var program = BinaryProgram(objective: [10, 13, 7, 8])
        program.rows = [BinaryProgram.Row(columns: [0, 1, 2, 3], coefficients: [3, 4, 2, 3], upper: 7)]
        #expect(try solve(program) == .optimal([true, true, false, false]))
    }

    @Test func infeasibleRowsAreReported() throws {
        var program = BinaryProgram(objective: [1, 1])
        program.rows = [BinaryProgram.Row(columns: [0, 1], coefficients: [1, 1], lower: 3)]
        #expect(try solve(program) == .infeasible)
        let empty = BinaryProgram.Row(columns: [], coefficients: [], lower: 1)
        #expect(try solve(BinaryProgram(objective: [1], rows: [empty])) == .infeasible)
    }

    @Test func fixedColumnsStayOn() throws {
        var program = BinaryProgram(objective: [5, 1, 4], fixedOn: [1])
        program.rows = [BinaryProgram.Row(columns: [0, 1, 2], coefficients: [1, 1, 1], lower: 2, upper: 2)]
        #expect(try solve(program) == .optimal([true, true, false]))
    }

    /// Nothing from CBC reaches standard output: fd 1 is pointed at a file while plans are solved
    /// (including infeasible ones, which run the deletion filter), then the file is read back.
    @Test func solvingPrintsNothingOnStandardOutput() throws {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("visitplan-stdout-\(getpid()).txt").path
        let file = open(path, O_CREAT | O_TRUNC | O_WRONLY, 0o600)
        try #require(file >= 0)
        fflush(nil)  // every C stream, stdout included
        let saved = dup(1)
        dup2(file, 1)
        var thrown = 0
        for seed in 500..<520 as Range<UInt64> {
            do { _ = try makePlan(randomInstance(seed: seed).problem) } catch { thrown += 1 }
        }
        fflush(nil)  // every C stream, stdout included
        dup2(saved, 1)
        close(saved)
        close(file)
        let captured = try String(contentsOfFile: path, encoding: .utf8)
        unlink(path)
        #expect(thrown < 20)
        for marker in [
            "Cbc0", "Clp0", "Coin0", "Cgl0", "Welcome to the CBC", "Result - ", "Total time", "command line",
        ] {
            #expect(!captured.contains(marker), "CBC wrote to stdout: \(captured.prefix(300))")
        }
    }
}
