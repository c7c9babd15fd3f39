import ArgumentParser
import Dataset
import EngagementLedger
import Formats
import Foundation
import Planning
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

        @Option(
            help: ArgumentHelp("Write the result to FILE (atomically) instead of standard output.", valueName: "FILE"))
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
            let planner: ScenarioPlanner? = plan ? { try planScenario($0, model: $1, table: $2) } : nil
            let results = try progressBar.run(.init("Scenarios")) { _ in
                try ScenarioBatch.run(dataset: loaded, scenarios: list, plan: planner, sources: sources)
            }
            let outputs = OutputOptions(format: format == .csv ? .csv : .json, output: output)
            try outputs.emit(inputs: dataset.inputFiles + [scenarios]) { out in
                switch format {
                case .csv: ScenarioBatch.writeCSV(results, to: out)
                case .json: ScenarioBatch.writeJSON(results, to: out)
                }
            }
        }

        /// The list `plan` would select for a scenario's model and scores.
        private func planScenario(_ loaded: Dataset, model: Model, table: ScoreTable) throws -> [ScenarioVisit] {
            guard let settings = model.planning else {
                throw ScenarioPlanningFailure(
                    "the model has no `planning` section; --plan needs at least `planning: {visits: N}`")
            }
            let candidates = table.candidates.enumerated().map { i, c in
                PlanCandidate(
                    state: loaded.states[i], score: c.score.isNaN ? 0 : c.score, rank: c.rank,
                    drivers: table.driverIDs(of: c))
            }
            let problem = PlanProblem(candidates: candidates, settings: settings, asOf: model.asOf)
            do {
                if let visits = try selectedVisits(problem) {
                    let position = Dictionary(uniqueKeysWithValues: table.candidates.enumerated().map { ($1.id, $0) })
                    return visits.compactMap { v in
                        position[v.id].map { ScenarioVisit(candidate: $0, visitType: v.visitType, cost: v.cost) }
                    }
                }
                _ = try makePlan(problem)  // throws the infeasibility with its conflicting constraints
                throw ScenarioPlanningFailure("no list satisfies the planning constraints")
            } catch let error as PlanningError {
                let reasons = error.diagnostics(modelFile: dataset.directory + "/model.yaml").map(\.message)
                throw ScenarioPlanningFailure("the plan is infeasible: " + reasons.joined(separator: "; "))
            }
        }
    }
}
