import ArgumentParser
import Dataset
import Foundation
import EngagementLedger
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
        subcommands: [Validate.self, Score.self, Explain.self, Plan.self, Revise.self, Sensitivity.self, Report.self, Synth.self,
                      LedgerCommands.self,
                      Help.self]
    )

    /// Runs the command line with the SPEC's exit codes: argument errors exit 2 (not
    /// ArgumentParser's 64), input errors 1, anything unexpected 3.
    static func main() {
        Interrupts.install()
        let command: ParsableCommand
        do {
            command = try parseAsRoot()
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
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
            Self.report(["error: \(error)"])
            Foundation.exit(1)
        } catch let exit as ExitCode {
            Foundation.exit(exit.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                // Help and version requests surface as clean exits.
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            if code == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            Self.report(["internal error: \(error)"])
            Foundation.exit(3)
        }
    }

    static func report(_ lines: [String]) {
        FileHandle.standardError.write(Data((lines.joined(separator: "\n") + "\n").utf8))
    }
}

/// A failure caused by the user's input, already worded for them: exit code 1.
struct InputFailure: Error {
    var lines: [String]
}

/// SIGINT and SIGTERM: remove any temporary output in progress, say so, and exit 128 + the
/// signal's number (130, 143), as a shell does, leaving no partial file behind.
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
                AtomicFile.removeTemporaryFiles()
                FileHandle.standardError.write(Data("visitplan: interrupted by \(name); no output was written\n".utf8))
                _exit(128 + signal)
            }
            source.resume()
            sources.append(source)
        }
    }
}
