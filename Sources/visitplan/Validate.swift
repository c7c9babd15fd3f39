import ArgumentParser
import Dataset
import Scoring
import Sensitivity

extension VisitPlan {
    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "validate",
            abstract: "Check a dataset against the specification and list every problem.",
            discussion: """
                Prints each problem as file:line:column: severity: message, errors and warnings
                alike, then a one-line summary. Exits 0 when the dataset is valid, 1 otherwise.

                Examples:
                  visitplan validate
                  visitplan validate datasets/demo-small
                """
        )

        @OptionGroup var dataset: DatasetOptions
        @OptionGroup var progressBar: ProgressOptions

        func run() throws {
            let loaded: Dataset
            do {
                loaded = try progressBar.run(.init("Loading")) { _ in try Dataset.load(directory: dataset.directory) }
            } catch let error as DatasetError {
                VisitPlan.report(error.diagnostics.map(\.description))
                VisitPlan.report(["\(dataset.directory): \(error.errors.count) error(s); the dataset is not valid"])
                throw ExitCode(1)
            }
            // The formulas can still reject values (a negative value under a geometric node).
            let modelFile = dataset.directory + "/model.yaml"
            let screened = try DatasetOptions.screen(loaded, modelFile: modelFile)
            let table = try progressBar.run(.init("Scoring")) { _ in try dataset.score(screened) }
            // What the pipeline of SPEC §12 did: the treated leaves and the screened candidates.
            let pipeline =
                table.treatmentNotes(modelFile: modelFile)
                + screened.screened.map {
                    Diagnostic(file: modelFile, .note, "candidate `\($0.id)` is screened out: \($0.reason)")
                }
            let ledger = try dataset.validateLedger(loaded)
            // Geometric nodes (in the model or a sensitivity alternative) that zero children send
            // to 0 for some candidates; skipped when an alternative cannot be scored (the
            // `sensitivity` command reports that).
            let found = (try? SensitivityAnalysis(dataset: loaded)).flatMap { try? $0.geometricZeros() } ?? []
            let zeros = GeometricZero.diagnostics(found, modelFile: dataset.directory + "/model.yaml")
            let diagnostics = loaded.diagnostics + zeros + pipeline
            let problems = diagnostics.map(\.description)
            if !problems.isEmpty { try StandardStreams.writeOutput(problems.joined(separator: "\n") + "\n") }
            let warnings = diagnostics.filter { $0.severity == .warning }.count
            try StandardStreams.writeOutput(
                "\(dataset.directory): valid: \(loaded.states.count) candidates, "
                    + "\(ScoringEngine.leafCount(loaded.model)) leaves, \(warnings) warning(s)\n")
            if let ledger { try StandardStreams.writeOutput(ledger + "\n") }
        }
    }
}
