import ArgumentParser
import Confidentiality
import Dataset
import EngagementLedger
import Foundation
import Planning
import Scoring
import TextOutput

/// The dataset folder argument shared by every command.
struct DatasetOptions: ParsableArguments {
    @Argument(help: "The dataset folder (default: the shipped cycle, datasets/cycle-2023).")
    var dataset: String?

    @Option(
        name: .customLong("as-of"),
        help: ArgumentHelp(
            "Run as of DATE (YYYY-MM-DD) instead of model.yaml's as_of: with a ledger, the engagement facts are those known then.",
            valueName: "DATE"))
    var asOf: CalendarDate?

    /// The folder to read: the argument, $VISITPLAN_DATASET, or the shipped cycle found with the
    /// installed package (never in the current folder: a command run elsewhere must not pick up
    /// whatever `datasets/` happens to be there).
    var directory: String {
        if let dataset { return dataset }
        if let fromEnvironment = ProcessInfo.processInfo.environment["VISITPLAN_DATASET"] { return fromEnvironment }
        let places = Self.shippedCyclePlaces
        return places.first { FileManager.default.fileExists(atPath: $0 + "/states.csv") } ?? places[0]
    }

    /// True when no folder was named and the shipped cycle is nowhere it was looked for.
    var shippedCycleIsMissing: Bool {
        dataset == nil && ProcessInfo.processInfo.environment["VISITPLAN_DATASET"] == nil
            && !FileManager.default.fileExists(atPath: directory + "/states.csv")
    }

    /// Where the shipped cycle may be, in the order tried: in the package the executable belongs
    /// to (a checkout's `.build/<triple>/<configuration>/visitplan`, or an install's
    /// `<prefix>/bin/visitplan` with `<prefix>/share/visitplan/datasets/`), then in the checkout
    /// the executable was built from.
    static var shippedCyclePlaces: [String] {
        let shipped = "datasets/cycle-2023"
        let executable = (Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0]))
            .resolvingSymlinksInPath()
        var places: [String] = []
        var folder = executable.deletingLastPathComponent()
        for _ in 0..<4 {
            places.append(folder.appendingPathComponent(shipped).path)
            places.append(folder.appendingPathComponent("share/visitplan/" + shipped).path)
            folder = folder.deletingLastPathComponent()
        }
        // This file is Sources/visitplan/Options.swift in the checkout that built the binary.
        let checkout = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        places.append(checkout.appendingPathComponent(shipped).path)
        var seen: Set<String> = []
        return places.filter { seen.insert($0).inserted }
    }

    /// The input files, which no output may overwrite.
    var inputFiles: [String] {
        ["states.csv", "indicators.csv", "events.csv", "model.yaml", Ledger.fileName].map { directory + "/" + $0 }
    }

    /// Loads the dataset, printing its warnings on standard error.
    ///
    /// - Parameter applyingLedger: false to leave a ledger's facts to the caller (`batch`
    ///   applies them per scenario date).
    func load(applyingLedger: Bool = true) throws -> Dataset {
        if shippedCycleIsMissing {
            throw InputFailure(
                lines: [
                    "error: no DATASET given and the shipped cycle (datasets/cycle-2023) is not "
                        + "installed with visitplan; looked in:"
                ] + Self.shippedCyclePlaces.map { "  " + $0 }
                    + ["name a dataset folder, or set VISITPLAN_DATASET"])
        }
        var dataset = try Dataset.load(directory: directory)
        if applyingLedger { try dataset.applyLedger(directory: directory, asOf: asOf) }
        dataset = try Self.screen(dataset, modelFile: directory + "/model.yaml")
        let warnings = dataset.diagnostics.filter { $0.severity == .warning }
        if !warnings.isEmpty { VisitPlan.report(warnings.map(\.description)) }
        return dataset
    }

    /// The dataset without the candidates `scoring.screening` leaves out (SPEC §12); an error when
    /// it would leave none, or when `planning.include` names one of them.
    static func screen(_ dataset: Dataset, modelFile: String) throws -> Dataset {
        let screened = dataset.screened()
        guard !screened.screened.isEmpty else { return screened }
        let minimum = "\(dataset.model.screeningMinCoverage ?? 0)"
        if screened.states.isEmpty {
            throw InputFailure(lines: [
                "\(modelFile): error: scoring.screening.min_coverage \(minimum) screens out every candidate; lower it"
            ])
        }
        let forced = screened.screened.filter { (dataset.model.planning?.include ?? []).contains($0.id) }
        if !forced.isEmpty {
            throw InputFailure(
                lines: forced.map { candidate in
                    "\(modelFile): error: planning.include names `\(candidate.id)`, which scoring.screening screens out "
                        + "(\(candidate.reason)); lower the threshold or take it out of `include`"
                })
        }
        return screened
    }

    /// The fingerprint of the dataset's files, recorded in plans so that `revise` can tell
    /// whether it is given the data a plan was made on.
    func fingerprint() throws -> DatasetFingerprint {
        var print = try DatasetFingerprint(directory: directory)
        print.path = URL(fileURLWithPath: directory).standardizedFileURL.path
        return print
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

    init() {}

    /// Options set in code (for commands whose own flags differ).
    init(format: OutputFormat, output: String?) {
        self.format = format
        self.output = output
    }

    /// Prints `text` or writes it atomically to `--output`, never over an input file.
    func emit(_ text: String, inputs: [String]) throws {
        if let output {
            try AtomicFile.write(text, to: output, protecting: inputs)
        } else {
            try StandardStreams.writeOutput(text)
        }
    }

    /// Streams what `body` appends to standard output or, atomically, to `--output` (never over
    /// an input file): large outputs are never held whole in memory.
    func emit(inputs: [String], _ body: (OutputBuffer) throws -> Void) throws {
        if let output {
            try AtomicFile.write(to: output, protecting: inputs, body)
        } else {
            try StandardStreams.writeOutput(body)
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

extension Audience: ExpressibleByArgument {}

/// `--audience`, shared by every command that prints results (SPEC §8).
struct AudienceOptions: ParsableArguments {
    @Option(
        help: """
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

extension ProgressOptions {
    /// Loads and scores `dataset` as two stages, and decides the edition `audience` asks for: the
    /// first steps of a command whose output is the score table or computed from it alone.
    func loadAndScore(
        _ dataset: DatasetOptions, audience: AudienceOptions, format: OutputFormat
    ) throws -> (loaded: Dataset, table: ScoreTable, edition: Edition) {
        // Seconds each for a million candidates: progress shows the stage and the time spent.
        let loaded = try run(.init("Loading")) { _ in try dataset.load() }
        let table = try run(.init("Scoring")) { _ in try dataset.score(loaded) }
        let edition = try audience.edition(
            table: table, dataset: loaded, directory: dataset.directory, format: format)
        return (loaded, table, edition)
    }
}
