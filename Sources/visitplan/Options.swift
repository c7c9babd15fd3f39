import ArgumentParser
import Confidentiality
import Dataset
import Foundation
import Planning
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
            FileHandle.standardOutput.write(Data(text.utf8))
        }
    }
}

extension Audience: ExpressibleByArgument {}

/// `--audience`, shared by every command that prints results (SPEC §8).
struct AudienceOptions: ParsableArguments {
    @Option(help: """
        internal (every value; says so when the data hold confidential values) or public \
        (withholds confidential values and whatever would narrow them, audited before writing).
        """)
    var audience: Audience = .internal

    /// The edition of results drawn from `table`: for the public audience, decided by
    /// `Disclosure` and audited (`DisclosureAudit`) before anything is written, the audit's
    /// figures on standard error; an edition that fails the audit is an input error (exit 1)
    /// naming the cells. An internal edition in CSV says on standard error that it holds
    /// confidential values (CSV has no room for a banner).
    ///
    /// - Parameter list: the published list and the problem it solves, when the results have one.
    func edition(
        table: ScoreTable, dataset: Dataset, directory: String, format: OutputFormat?,
        list: PublishedList? = nil
    ) throws -> Edition {
        var edition = Disclosure.edition(audience, table: table, dataset: dataset)
        guard edition.isPublic else {
            if let warning = edition.internalWarning, format == .csv { VisitPlan.report(["note: " + warning]) }
            return edition
        }
        let result: DisclosureAudit.Result
        do {
            result = try DisclosureAudit.run(edition: edition, table: table, dataset: dataset, list: list)
        } catch let error as DisclosureError {
            throw InputFailure(lines: ["\(directory): error: \(error)"])
        }
        edition.audit = result.figures
        if result.unmodelledOrders > 0 {
            edition.withholdings.append(.unmodelledOrders(count: result.unmodelledOrders))
        }
        if format == .csv { VisitPlan.report((["PUBLIC EDITION"] + edition.statement).map { "note: " + $0 }) }
        VisitPlan.report([result.figures.description])
        return edition
    }
}
