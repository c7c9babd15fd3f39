import ArgumentParser
import Dataset
import EngagementLedger
import Foundation
import Scoring

@main
struct VisitPlan: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "visitplan",
        abstract: "Scores candidates for assessment visits, plans the annual list, and explains both.",
        discussion: """
            DATASET is a folder with states.csv, indicators.csv, events.csv (optional) and
            model.yaml; it defaults to the shipped cycle (datasets/cycle-2023) of the
            installed package. Every file, column and key: `visitplan help formats`.

            Exit codes: 0 success; 1 invalid input or infeasible plan; 2 usage error; 3 internal failure.
            """,
        version: "0.1.0",
        subcommands: [
            Validate.self, Score.self, Explain.self, Plan.self, Revise.self, Programme.self, Sensitivity.self,
            Report.self, Panel.self, Batch.self, Synth.self,
            Audit.self,
            LedgerCommands.self,
            Help.self,
        ]
    )

    /// Runs the command line with the SPEC's exit codes: argument errors exit 2 (not
    /// ArgumentParser's 64), input errors 1, anything unexpected 3.
    static func main() {
        StandardStreams.reserveClosedStreams()
        Interrupts.install()
        let command: ParsableCommand
        do {
            command = try parseAsRoot()
        } catch {
            exitIfHelpRequest(error)
            let code = exitCode(for: error)
            StandardStreams.writeError(fullMessage(for: error) + "\n")
            Foundation.exit(code == .validationFailure ? 2 : code.rawValue)
        }
        do {
            var runnable = command
            try runnable.run()
        } catch let failure as InputFailure {
            Self.report(failure.lines)
            Foundation.exit(1)
        } catch let error as DatasetError {
            Self.report(error.diagnostics.map(\.description))
            Foundation.exit(1)
        } catch let error as LedgerError {
            Self.report([error.message])
            Foundation.exit(1)
        } catch let error as OutputError {
            // A refused destination is the user's choice of path; a failed write is the system's.
            Self.report(["error: \(error)"])
            Foundation.exit(error.kind == .refused ? 1 : 3)
        } catch let exit as ExitCode {
            Foundation.exit(exit.rawValue)
        } catch {
            exitIfHelpRequest(error)
            if exitCode(for: error) == .validationFailure {
                StandardStreams.writeError(fullMessage(for: error) + "\n")
                Foundation.exit(2)
            }
            Self.report(["internal error: \(error)"])
            Foundation.exit(3)
        }
    }

    /// Help and version requests surface as errors with a clean exit code: their text goes to
    /// standard output and the process exits 0 (3 when standard output cannot be written).
    private static func exitIfHelpRequest(_ error: any Error) {
        guard exitCode(for: error) == .success else { return }
        do {
            try StandardStreams.writeOutput(fullMessage(for: error) + "\n")
        } catch {
            Self.report(["error: \(error)"])
            Foundation.exit(3)
        }
        Foundation.exit(0)
    }

    static func report(_ lines: [String]) {
        StandardStreams.writeError(lines.joined(separator: "\n") + "\n")
    }
}

/// A failure caused by the user's input, already worded for them: exit code 1.
struct InputFailure: Error {
    var lines: [String]
}

/// SIGINT and SIGTERM: remove any temporary output in progress, say what was and was not
/// written, and exit 128 + the signal's number (130, 143), as a shell does, leaving no partial
/// file behind.
enum Interrupts {
    /// Kept alive for the life of the process.
    nonisolated(unsafe) private static var sources: [DispatchSourceSignal] = []

    static func install() {
        for (signal, name) in [(SIGINT, "SIGINT"), (SIGTERM, "SIGTERM")] {
            // The handler runs on a dispatch queue, not in the signal's context, so it may take
            // locks and call into Foundation.
            Foundation.signal(signal, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signal, queue: .global(qos: .userInteractive))
            source.setEventHandler {
                let written = AtomicFile.removeTemporaryFiles()
                StandardStreams.writeError("visitplan: interrupted by \(name); " + Self.outcome(written) + "\n")
                _exit(128 + signal)
            }
            source.resume()
            sources.append(source)
        }
    }

    /// What the interrupt leaves: the outputs already renamed into place are complete and stay.
    static func outcome(_ written: [String]) -> String {
        written.isEmpty
            ? "no output was written"
            : "the output was written in full before the interrupt: " + written.joined(separator: ", ")
    }
}
