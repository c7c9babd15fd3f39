import ArgumentParser
import Committee
import Dataset
import EngagementLedger
import Foundation
import Planning
import Report
import Scoring
import Sensitivity

extension VisitPlan {
    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "report",
            abstract:
                "Write one self-contained HTML page a committee can read: the list, why, how robust, the model, what-if.",
            discussion: """
                The page needs no network (CSS, script and SVG charts are inline), prints on A4
                and reads on a phone. Sections: the proposed list with reserves, constraints and
                regional balance; each State's score split by criterion with its coverage; rank
                intervals, selection probabilities, Sobol indices and one-at-a-time thresholds;
                the criteria tree with weights, rationale and sources; sliders that recompute
                scores and ranks in the page. With a ledger (ledger.sqlite), the record: the
                list's adoption and changes, and the history of each State on or near the list.

                The footer gives visitplan's version, the time the page was written (UTC; set
                SOURCE_DATE_EPOCH, seconds since 1970, for a reproducible page) and the
                dataset's fingerprint (left out of a public edition of confidential data).

                --audience public withholds every confidential value (leaves marked
                `confidential: true`, States' requests in states.csv) and whatever would let a
                reader narrow one (scores, ranks, contributions of those States; results pooling
                every score); the page is audited by LP before it is written.

                Examples:
                  visitplan report --output report.html
                  visitplan report datasets/demo-small --output demo.html --samples 2000
                  visitplan report --audience public --output report-public.html
                """
        )

        @OptionGroup var dataset: DatasetOptions

        @Option(help: ArgumentHelp("The HTML file to write (atomically).", valueName: "FILE"))
        var output: String

        @Option(help: "Monte Carlo weight samples (default: the model's sensitivity.samples).")
        var samples: Int?

        @Option(help: "Random seed (default: the model's sensitivity.seed).")
        var seed: UInt64?

        @Option(help: "Weight samples re-planned for the selection probability (default: every sample).")
        var planSamples: Int?

        @Option(help: "Base samples N of the Sobol design (N × (factors + 2) evaluations).")
        var sobolSamples = 256

        @OptionGroup var audience: AudienceOptions
        @OptionGroup var progressBar: ProgressOptions

        @Option(help: "Worker threads (default: the number of cores, at most 8).")
        var workers: Int?

        @Option(help: "The language of the States' names: en (states.csv `name`), fr (`name_fr`) or es (`name_es`).")
        var language: NameLanguage = .en

        func validate() throws {
            if output.isEmpty { throw ValidationError("--output needs a file name, e.g. --output report.html.") }
            if let samples, samples < 1 { throw ValidationError("--samples must be at least 1, got \(samples).") }
            if let planSamples, planSamples < 1 {
                throw ValidationError("--plan-samples must be at least 1, got \(planSamples).")
            }
            if sobolSamples < 2 { throw ValidationError("--sobol-samples must be at least 2, got \(sobolSamples).") }
            if let workers, workers < 1 { throw ValidationError("--workers must be at least 1, got \(workers).") }
            try checkLimits([
                (.samples, samples, "--samples"), (.planSamples, planSamples, "--plan-samples"),
                (.sobolSamples, sobolSamples, "--sobol-samples"), (.workers, workers, "--workers"),
            ])
            if ReportStamp.generationTime(environment: ProcessInfo.processInfo.environment) == nil {
                throw ValidationError(
                    "SOURCE_DATE_EPOCH must be whole seconds since 1970-01-01 UTC (e.g. 1700000000), "
                        + "got `\(ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"] ?? "")`; unset it to stamp the page with the current time."
                )
            }
        }

        func run() throws {
            // A refused destination fails now, not after minutes of analyses.
            try AtomicFile.checkDestination(output, protecting: dataset.inputFiles)
            let loaded = names(of: try dataset.load())
            let table = try dataset.score(loaded)
            let problem = loaded.model.planning == nil ? nil : try dataset.planProblem(loaded)
            // The committee's section (SPEC §11) when the dataset has panel.yaml.
            let panel = try CommitteePanel.load(directory: dataset.directory, model: loaded.model)
            let settings = ReportSettings(
                model: loaded.model, samples: samples, seed: seed, planSamples: planSamples,
                sobolSamples: sobolSamples, workers: workers ?? defaultWorkers)
            var inputs: ReportInputs
            do {
                inputs = try dataset.solve {
                    try progressBar.running(stage("Monte Carlo", settings)) { bar in
                        var progress: (@Sendable (String, Double) -> Void)?
                        if let bar {
                            progress = { name, fraction in
                                bar.begin(stage(name, settings))
                                bar.advance(to: fraction)
                            }
                        }
                        return try ReportInputs.compute(
                            dataset: loaded, table: table, problem: problem,
                            settings: settings, panel: panel, progress: progress)
                    }
                }
            } catch let error as ScoringError {
                throw InputFailure(lines: [error.diagnostic(modelFile: dataset.directory + "/model.yaml").description])
            } catch let error as PanelError {
                throw InputFailure(lines: ["\(dataset.directory)/panel.yaml: error: \(error)"])
            }
            // Programme grid (issue 17): only with a `programme` section in model.yaml.
            if loaded.model.programme != nil {
                let programmeProblem = try dataset.programmeProblem(loaded, years: nil)
                do {
                    inputs.programme = try dataset.solve { try makeProgramme(programmeProblem) }
                } catch let error as ProgrammeError {
                    throw InputFailure(
                        lines: error.diagnostics(modelFile: dataset.directory + "/model.yaml").map(\.description))
                }
            }
            // The record (issue 16): the ledger's events and the ¶9 reviews pending at as_of.
            let ledgerPath = Ledger.path(inDataset: dataset.directory)
            if FileManager.default.fileExists(atPath: ledgerPath) {
                let ledger = try Ledger.open(at: ledgerPath)
                let asOf = loaded.model.asOf
                let facts = LedgerFacts.derive(
                    from: try ledger.factEvents(asOf: asOf), asOf: asOf,
                    consentValidYears: loaded.model.consentValidYears)
                inputs.history = LedgerHistory(events: try ledger.events(), reviews: facts.reviews)
            }
            let stamp = ReportStamp(
                version: VisitPlan.configuration.version,
                generatedAt: ReportStamp.generationTime(environment: ProcessInfo.processInfo.environment) ?? Date(),
                fingerprint: try dataset.fingerprint().fingerprint, ledgerEvents: inputs.history?.events.count)
            let edition = try audience.edition(
                table: table, dataset: loaded, directory: dataset.directory, format: nil,
                list: inputs.plan.flatMap { plan in
                    problem.map { PublishedList(selected: plan.selectedIDs, problem: $0) }
                })
            let page = HTMLReport(inputs: inputs, edition: edition, stamp: stamp).render()
            try AtomicFile.write(page, to: output, protecting: dataset.inputFiles)
        }
    }
}

extension VisitPlan.Report {
    /// The dataset with its States named in `--language`; a note on standard error for the States
    /// that keep their `name` because their `name_fr` or `name_es` is absent or empty.
    func names(of loaded: Dataset) -> Dataset {
        let (renamed, unnamed) = loaded.named(in: language)
        let column = "`\(language.column)`"
        if !unnamed.isEmpty, unnamed.count == loaded.states.count {
            VisitPlan.report(["note: states.csv has no names in column \(column); the report shows column `name`"])
        } else if !unnamed.isEmpty {
            let more = unnamed.count > 10 ? " and \(unnamed.count - 10) more" : ""
            let listed = unnamed.prefix(10).joined(separator: ", ") + more
            VisitPlan.report(["note: column \(column) is empty for \(listed); the report shows their `name`"])
        }
        return renamed
    }
}

/// The progress stage of one of the report's analyses (named by `ReportInputs.compute`).
private func stage(_ name: String, _ settings: ReportSettings) -> ProgressBar.Stage {
    switch name {
    case "Monte Carlo": .init(name, total: settings.samples, unit: "samples")
    case "Plans": .init(name, total: settings.planSamples, unit: "plans")
    default: .init(name)
    }
}

extension NameLanguage: ExpressibleByArgument {}
