import ArgumentParser
import Committee
import Dataset
import Formats
import Foundation
import Planning
import Scoring
import TextOutput

/// panel.yaml's type, named apart from the command below.
typealias CommitteePanel = Panel

extension VisitPlan {
    struct Panel: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "panel",
            abstract: "The committee's weights (panel.yaml): each member's plan, AHP consistency, the consensus list.",
            discussion: """
                Reads panel.yaml of the dataset folder: each member's direct weights or pairwise
                comparison matrices (AHP: principal eigenvector by LAPACK, λmax, CI, CR; CR > 0.10
                is flagged with the judgement to revisit first). Prints each member's weights,
                consistency, ranking and plan; the States on every list, on none and contested;
                the group weights (AIJ and AIP) and the plan under AIP; the consensus list, solved
                exactly on CBC, member by member; and P(selected) over the members (with
                --samples, each member's weights perturbed as `sensitivity` does).
                The public audience is refused: members' weights and plans are internal.
                Format of panel.yaml: `visitplan help formats`; method: Guides/Panel.md.

                Examples:
                  visitplan panel
                  visitplan panel --tolerance 10 --format json --output panel.json
                  visitplan panel --max-min --samples 400
                """
        )

        @OptionGroup var dataset: DatasetOptions
        @OptionGroup var output: OutputOptions
        @OptionGroup var audience: AudienceOptions
        @OptionGroup var progressBar: ProgressOptions

        @Option(help: "Consensus: a list is acceptable to a member within this many score points of their own optimum.")
        var tolerance: Double = 5

        @Flag(help: "Consensus: maximise the smallest member's share of their own optimum instead.")
        var maxMin = false

        @Option(help: "P(selected): draws of perturbed member weights (0: each member's own list).")
        var samples: Int = 0

        @Option(help: "Seed of the draws.")
        var seed: UInt64 = 0

        func validate() throws {
            guard tolerance.isFinite, tolerance >= 0 else {
                throw ValidationError("--tolerance must be a non-negative number of score points, got \(tolerance).")
            }
            guard samples >= 0 else { throw ValidationError("--samples must be 0 or more, got \(samples).") }
            try checkLimits([(.planSamples, samples, "--samples")])
        }

        func run() throws {
            // Exit 1, as other refused inputs: the request is understood, the data may not go out.
            if audience.audience == .public {
                throw InputFailure(lines: [
                    "error: `visitplan panel` has no public edition: the members' weights, rankings and plans are the committee's internal deliberation, and their lists could narrow confidential values that no disclosure audit of this command checks; use --audience internal"
                ])
            }
            let loaded = try dataset.load()
            guard let panel = try CommitteePanel.load(directory: dataset.directory, model: loaded.model) else {
                throw InputFailure(lines: [
                    "\(dataset.directory)/panel.yaml: error: file not found; `visitplan panel` needs the committee's weights (format: `visitplan help formats`)"
                ])
            }
            // The internal edition's notice (confidential values present) as every command gives it.
            _ = try audience.edition(
                table: try dataset.score(loaded), dataset: loaded, directory: dataset.directory,
                format: output.format)
            let rule: ConsensusRule = maxMin ? .maxMin : .tolerance(tolerance)
            let analysis: PanelAnalysis
            do {
                analysis = try dataset.solve {
                    try progressBar.run(.init("Panel")) { _ in
                        try PanelAnalysis(panel: panel, dataset: loaded, rule: rule, samples: samples, seed: seed)
                    }
                }
            } catch let error as ScoringError {
                throw InputFailure(lines: [error.diagnostic(modelFile: dataset.directory + "/model.yaml").description])
            } catch let error as PanelError {
                throw InputFailure(lines: ["\(dataset.directory): error: \(error)"])
            }
            for line in analysis.warnings { VisitPlan.report(["warning: " + line]) }
            let text =
                switch output.format {
                case .json:
                    JSONLayout.text(PanelDocument(analysis, model: loaded.model, tolerance: maxMin ? nil : tolerance))
                case .csv: analysis.csv(states: loaded.states)
                case .table:
                    "\(loaded.model.name), as of \(loaded.model.asOf)\n\n" + analysis.renderTable(states: loaded.states)
                }
            try output.emit(text, inputs: dataset.inputFiles + [dataset.directory + "/panel.yaml"])
        }
    }
}
