import ArgumentParser
import Dataset
import EngagementLedger
import Foundation
import Scoring
import Sensitivity

extension VisitPlan {
    struct Batch: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "batch",
            abstract: "Score (and plan) many variants of the model in one run: one long CSV or one JSON.",
            discussion: """
                The scenarios file lists variants of model.yaml (SPEC §13): each has an
                `id` and changes any of `weights` (raw weights of nodes by id),
                `normalisation` and `aggregation` (the scoring defaults), `as_of`, and
                `planning` keys. The dataset is loaded once; scenarios that change only
                weights are scored together in one evaluation of the tree. Each
                scenario's ranked list (and, with --plan, its list of visits) is the
                one `score` (and `plan`) gives on the model with its changes. A change
                the model does not accept is an error naming the scenario and its line;
                nothing is written then. Guide: Guides/Batch.md.

                Examples:
                  visitplan batch --scenarios datasets/cycle-2023/scenarios.yaml
                  visitplan batch --scenarios variants.yaml --plan --format json --output runs.json
                """
        )

        @OptionGroup var dataset: DatasetOptions
        @OptionGroup var progressBar: ProgressOptions

        @Option(help: ArgumentHelp("The scenarios file (YAML): `scenarios:`, a list of variants.", valueName: "FILE"))
        var scenarios: String

        @Flag(help: "Plan the visit list of every scenario (the `selected` column; `plan` in JSON).")
        var plan = false

        @Option(help: "Output format: csv or json.")
        var format: BatchFormat = .csv

        @Option(help: ArgumentHelp("Write the result to FILE (atomically) instead of standard output.", valueName: "FILE"))
        var output: String?

        enum BatchFormat: String, ExpressibleByArgument, CaseIterable { case csv, json }

        func validate() throws {
            if dataset.asOf != nil {
                throw ValidationError("--as-of does not apply to batch runs; give each scenario its own `as_of`.")
            }
        }

        func run() throws {
            let directory = dataset.directory
            let loaded = try progressBar.run(.init("Loading")) { _ in try dataset.load(applyingLedger: false) }
            let modelFile = directory + "/model.yaml"
            let yaml: String
            do {
                yaml = String(decoding: try InputFile.bytes(atPath: modelFile), as: UTF8.self)
            } catch {
                throw InputFailure(lines: ["\(modelFile): error: \(error)"])
            }
            let list = try ScenariosLoader.load(path: scenarios, model: loaded.model)
            let sources = ScenarioBatch.Sources(
                modelYAML: yaml, modelFile: modelFile, scenariosFile: scenarios,
                atDate: { dataset, date in
                    var dated = dataset
                    do {
                        try dated.applyLedger(directory: directory, asOf: date)
                    } catch let error as LedgerError {
                        throw DatasetError([Diagnostic(file: directory, .error, error.message)])
                    }
                    return dated
                })
            let results = try progressBar.run(.init("Scenarios")) { _ in
                try ScenarioBatch.run(dataset: loaded, scenarios: list, plan: plan, sources: sources)
            }
            let outputs = OutputOptions(format: format == .csv ? .csv : .json, output: output)
            try outputs.emit(inputs: dataset.inputFiles + [scenarios]) { out in
                switch format {
                case .csv: ScenarioBatch.writeCSV(results, to: out)
                case .json: ScenarioBatch.writeJSON(results, to: out)
                }
            }
        }
    }
}
