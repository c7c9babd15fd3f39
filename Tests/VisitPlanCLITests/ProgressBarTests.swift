import Foundation
import TestSupport
import Testing

@testable import visitplan

/// The progress line on a fixed clock: what one line says, when lines are drawn, and that the
/// binary draws none in a pipe or with `--quiet`.
@Suite struct ProgressBarTests {
    /// A clock the test moves by hand, and the text written.
    final class Terminal: @unchecked Sendable {
        private let lock = NSLock()
        private var now = 0.0
        private var text: [String] = []
        func set(_ time: Double) { lock.withLock { now = time } }
        var time: Double { lock.withLock { now } }
        func write(_ line: String) { lock.withLock { text.append(line) } }
        var written: [String] { lock.withLock { text } }
    }

    /// 41 % of 10.5 M samples in 2.05 s: 4.305 M samples, 2.1 M a second; the 59 % left at that
    /// pace take 2.05 × 0.59 / 0.41 = 2.95 s, shown 0:03. Ten columns: 4 filled, the head, 5 blank.
    @Test func oneLineHasTheBarPercentageRateAndTimeLeft() {
        let stage = ProgressBar.Stage("sensitivity", total: 10_500_000, unit: "samples")
        #expect(
            ProgressBar.line(stage, fraction: 0.41, elapsed: 2.05, barWidth: 10)
                == "sensitivity  [====>     ]  41%  2.1 M samples/s  ETA 0:03")
    }

    @Test func aFinishedStageFillsTheBar() {
        // 1200 plans in 80 s: 15 a second, nothing left.
        let stage = ProgressBar.Stage("Plans", total: 1200, unit: "plans")
        #expect(
            ProgressBar.line(stage, fraction: 1, elapsed: 80, barWidth: 4) == "Plans  [====] 100%  15 plans/s  ETA 0:00"
        )
    }

    @Test func aStageWithoutAFractionShowsTheTimeSpent() {
        // 0.3 s: the marker has moved three steps; 65 s is 1:05.
        #expect(
            ProgressBar.line(.init("Loading"), fraction: nil, elapsed: 0.3, barWidth: 8)
                == "Loading  [   <=>  ]  0:00 elapsed")
        #expect(ProgressBar.line(.init("Loading"), fraction: nil, elapsed: 65, barWidth: 8).hasSuffix("1:05 elapsed"))
    }

    @Test func ratesAndTimesAreWrittenForAPerson() {
        #expect(ProgressBar.rate(850) == "850")
        #expect(ProgressBar.rate(12_500) == "12.5 k")
        #expect(ProgressBar.rate(3_000_000_000) == "3.0 G")
        #expect(ProgressBar.clockTime(59.6) == "1:00")
        #expect(ProgressBar.clockTime(3725) == "1:02:05")
    }

    /// Nothing in the first second; then at most one line a tenth of a second; erased at the end.
    @Test func drawsAfterOneSecondAtMostTenTimesASecond() {
        let terminal = Terminal()
        let bar = ProgressBar(.init("Sobol"), width: 200, clock: { terminal.time }, write: terminal.write)
        bar.advance(to: 0.1)
        terminal.set(0.5); bar.draw()
        #expect(terminal.written.isEmpty)
        terminal.set(1.0); bar.draw()
        terminal.set(1.05); bar.draw()
        #expect(terminal.written.count == 1)
        bar.advance(to: 0.2)
        terminal.set(1.1); bar.draw()
        #expect(terminal.written.count == 2)
        #expect(terminal.written[1].hasPrefix("\rSobol  [====>") && terminal.written[1].contains(" 20%"))
        bar.finish()
        terminal.set(5); bar.draw()
        #expect(terminal.written.count == 3 && terminal.written[2] == "\r\u{1B}[K")
    }

    @Test func aShortStageLeavesNoTrace() {
        let terminal = Terminal()
        let bar = ProgressBar(.init("Scoring"), clock: { terminal.time }, write: terminal.write)
        bar.advance(to: 0.9)
        terminal.set(0.9); bar.draw()
        bar.finish()
        #expect(terminal.written.isEmpty)
    }

    /// A new stage starts its own clock: its first second is silent too.
    @Test func aNewStageRestartsTheClock() {
        let terminal = Terminal()
        let bar = ProgressBar(.init("Monte Carlo"), clock: { terminal.time }, write: terminal.write)
        terminal.set(3)
        bar.begin(.init("Plans", total: 10, unit: "plans"))
        terminal.set(3.5); bar.draw()
        #expect(terminal.written.isEmpty)
        terminal.set(4.0); bar.draw()
        #expect(terminal.written.count == 1 && terminal.written[0].hasPrefix("\rPlans  ["))
    }

    @Test func aLineLongerThanTheTerminalIsCut() {
        let terminal = Terminal()
        let bar = ProgressBar(
            .init("Monte Carlo", total: 100, unit: "samples"), width: 20,
            clock: { terminal.time }, write: terminal.write)
        bar.advance(to: 0.5)
        terminal.set(2); bar.draw()
        // "\r", 19 characters (one column kept free so the terminal does not wrap), "ESC[K".
        #expect(terminal.written == ["\rMonte Carlo  [=====\u{1B}[K"])
    }
}

/// The binary draws no progress when standard error is not a terminal, and every long command
/// takes `--quiet`.
@Suite struct ProgressOutputTests {
    /// A Monte Carlo run of a few seconds (100,000 samples of the shipped cycle, one worker, debug build)
    /// under `script`, which gives it a terminal: progress is drawn there, and neither with
    /// `--quiet` nor through a pipe.
    @Test func progressOnlyOnATerminalAndNeverWithQuiet() throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent(
            "visitplan-progress-\(UUID().uuidString).csv")
        defer { try? FileManager.default.removeItem(at: output) }
        let command = [
            CLIRunner.binary.path, "sensitivity", "datasets/cycle-2023", "--samples", "100000",
            "--workers", "1", "--format", "csv", "--output", output.path,
        ]
        let onTerminal = try onATerminal(command)
        #expect(onTerminal.status == 0)
        #expect(
            onTerminal.stdout.contains("Monte Carlo  [") && onTerminal.stdout.contains("samples/s  ETA"),
            "\(onTerminal.stdout.prefix(400))")
        let quiet = try onATerminal(command + ["--quiet"])
        #expect(quiet.status == 0)
        #expect(!quiet.stdout.contains("Monte Carlo  ["), "\(quiet.stdout.prefix(400))")
        let piped = try CLIRunner.run(Array(command.dropFirst()))
        #expect(piped.status == 0)
        // Standard error holds the edition's notice, and no progress line.
        #expect(
            !piped.stderr.contains("Monte Carlo") && !piped.stderr.contains("\r") && !piped.stderr.contains("ETA"),
            "\(piped.stderr.prefix(400))")
    }

    /// Runs `command` under `script`, whose terminal is the command's standard output and error;
    /// everything the command wrote comes back as `stdout`.
    func onATerminal(_ command: [String]) throws -> CLIRunner.Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-qec", command.joined(separator: " "), "/dev/null"]
        process.currentDirectoryURL = repositoryRoot
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let text = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CLIRunner.Result(
            status: process.terminationStatus, stdout: String(decoding: text, as: UTF8.self), stderr: "")
    }

    @Test(arguments: [
        ["score", "datasets/demo-small", "--quiet"],
        ["sensitivity", "datasets/demo-small", "--samples", "100", "--quiet"],
        ["synth", "--candidates", "20", "--quiet", "--output"],
        ["programme", "datasets/demo-small", "--years", "1", "--quiet"],
        ["panel", "datasets/cycle-2023", "--quiet"],
        ["report", "datasets/demo-small", "--samples", "100", "--sobol-samples", "8", "--quiet", "--output"],
        ["audit", "datasets/demo-small", "--quiet"],
        ["batch", "datasets/cycle-2023", "--scenarios", "datasets/cycle-2023/scenarios.yaml", "--quiet"],
        ["validate", "datasets/demo-small", "--quiet"],
    ])
    func everyLongCommandTakesQuiet(_ arguments: [String]) throws {
        let folder = try temporaryFolder("quiet")
        defer { try? FileManager.default.removeItem(at: folder) }
        let destination = folder.appendingPathComponent(arguments[0] == "synth" ? "dataset" : "out.html").path
        let result = try CLIRunner.run(arguments.last == "--output" ? arguments + [destination] : arguments)
        #expect(result.status == 0, "\(result.stderr)")
    }
}
