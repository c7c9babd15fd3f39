import ArgumentParser
import Dataset
import Foundation
import Scoring

/// The dataset folder argument shared by every command.
struct DatasetOptions: ParsableArguments {
    @Argument(help: "The dataset folder (default: the shipped cycle, datasets/cycle-2023).")
    var dataset: String?

    /// The folder to read: the argument, $VISITPLAN_DATASET, or the shipped cycle found next
    /// to the working directory or the executable.
    var directory: String {
        if let dataset { return dataset }
        if let fromEnvironment = ProcessInfo.processInfo.environment["VISITPLAN_DATASET"] { return fromEnvironment }
        let shipped = "datasets/cycle-2023"
        if FileManager.default.fileExists(atPath: shipped) { return shipped }
        // The binary lives in .build/<configuration>/ inside the checkout.
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        let checkout = executable.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let beside = checkout.appendingPathComponent(shipped).path
        return FileManager.default.fileExists(atPath: beside) ? beside : shipped
    }

    /// The input files, which no output may overwrite.
    var inputFiles: [String] {
        ["states.csv", "indicators.csv", "events.csv", "model.yaml"].map { directory + "/" + $0 }
    }

    /// Loads the dataset, printing its warnings on standard error.
    func load() throws -> Dataset {
        let dataset = try Dataset.load(directory: directory)
        let warnings = dataset.diagnostics.filter { $0.severity == .warning }
        if !warnings.isEmpty { VisitPlan.report(warnings.map(\.description)) }
        return dataset
    }

    /// Scores the dataset, turning a scoring failure into a located error.
    func score(_ dataset: Dataset) throws -> ScoreTable {
        do {
            return try Scoring.score(dataset)
        } catch let error as ScoringError {
            throw InputFailure(lines: [error.diagnostic(modelFile: directory + "/model.yaml").description])
        }
    }
}

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, csv, json
}

/// `--format` and `--output`, shared by every command that prints results.
struct OutputOptions: ParsableArguments {
    @Option(help: "Output format: table, csv or json.")
    var format: OutputFormat = .table

    @Option(help: ArgumentHelp("Write the result to FILE (atomically) instead of standard output.", valueName: "FILE"))
    var output: String?

    /// Prints `text` or writes it atomically to `--output`, never over an input file.
    func emit(_ text: String, inputs: [String]) throws {
        if let output {
            try AtomicFile.write(text, to: output, protecting: inputs)
        } else {
            try StandardStreams.writeOutput(text)
        }
    }
}

/// Refuses every count past its `WorkLimit`, before any work starts: a usage error (exit 2)
/// whose sentence gives the largest accepted value and why.
///
/// - Parameter limits: each bound, the value given (nil when the flag is absent) and the flag.
func checkLimits(_ limits: [(WorkLimit, Int?, String)]) throws {
    for (limit, value, name) in limits {
        if let value, let refusal = limit.check(value, for: name) { throw ValidationError(refusal) }
    }
}

/// Refuses work whose largest table would pass `WorkLimit.memoryBudget`, before it starts.
///
/// - Parameters:
///   - bytes: the table's size.
///   - what: the table, as a person knows it (`the rank counts of 1000000 candidates`).
///   - largest: the largest accepted value, as a clause (`at most 18257 candidates`).
func checkMemory(_ bytes: Double, for what: String, largest: String) throws {
    guard bytes > WorkLimit.memoryBudget else { return }
    let gigabytes = (bytes / 1e9).formatted(.number.precision(.significantDigits(3)))
    throw ValidationError("\(what) would take \(gigabytes) GB of memory, past the 4 GB allowed: \(largest).")
}

/// Refuses a Monte Carlo run whose rank counts would not fit in memory: each worker, and the
/// merge, count ranks in a candidates × candidates table of 8-byte counts.
func checkRankCounts(candidates: Int, workers: Int) throws {
    let tables = Double(workers + 1), n = Double(candidates)
    try checkMemory(n * n * 8 * tables, for: "the rank counts of \(candidates) candidates (\(workers + 1) tables of candidates² counts)",
                    largest: "at most \(Int((WorkLimit.memoryBudget / (8 * tables)).squareRoot())) candidates with --workers \(workers)")
}
