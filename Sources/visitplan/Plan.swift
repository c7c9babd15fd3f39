import ArgumentParser
import Dataset
import Formats
import Foundation
import Planning
import Scoring
import TextOutput

extension VisitPlan {
    struct Plan: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "plan",
            abstract: "Propose the annual visit list: exact (COIN-OR CBC), explained, with reserves.",
            discussion: """
                Maximises the sum of the selected candidates' scores under the model's
                planning constraints (visits, budget, regions, never-visited and follow-up
                quotas, consent, cooldown, include/exclude). Lists why each selected State
                is on the list, every constraint and whether it binds, why each high-ranked
                State is not on the list, and the reserve list. An infeasible problem exits
                1 naming the conflicting constraints. The JSON records the dataset's
                fingerprint (SHA-256 of its files), `as_of` and the planning section, which
                `visitplan revise` checks. Formats: `visitplan help formats`.

                Examples:
                  visitplan plan
                  visitplan plan --format json --output plan-2023.json
                  visitplan plan datasets/demo-small --format csv
                """
        )

        @OptionGroup var dataset: DatasetOptions
        @OptionGroup var output: OutputOptions
        @OptionGroup var audience: AudienceOptions

        func run() throws {
            let loaded = try dataset.load()
            let table = try dataset.score(loaded)
            let problem = try dataset.planProblem(loaded, table: table)
            var plan = try dataset.solve { try makePlan(problem) }
            // What `revise` checks: the data and the rules this plan was made on.
            plan.dataset = try dataset.fingerprint()
            plan.planning = loaded.model.planning
            let edition = try audience.edition(
                table: table, dataset: loaded, directory: dataset.directory,
                format: output.format, list: PublishedList(selected: plan.selectedIDs, problem: problem))
            let text =
                switch output.format {
                case .json:
                    JSONLayout.text(
                        ScreenedDocument(EditionDocument(plan.published(edition), edition: edition), dataset: loaded))
                case .csv: plan.csv(edition: edition)
                case .table:
                    "\(loaded.model.name), as of \(loaded.model.asOf)\n\n" + plan.renderTable(edition: edition)
                        + screeningNote(loaded.screened)
                }
            if output.format == .csv, let note = screeningSummary(loaded.screened) { VisitPlan.report([note]) }
            try output.emit(text, inputs: dataset.inputFiles)
        }
    }
}

extension DatasetOptions {
    /// The planning problem of a dataset: its scored candidates and its `planning` settings.
    /// - Parameter table: the dataset's scores when the caller has them (scored here otherwise).
    func planProblem(_ loaded: Dataset, table scored: ScoreTable? = nil) throws -> PlanProblem {
        guard let settings = loaded.model.planning else {
            throw InputFailure(lines: [
                "\(directory)/model.yaml: error: no `planning` section; the planner needs at least `planning: {visits: N}`"
            ])
        }
        let table = try scored ?? score(loaded)
        let candidates = table.candidates.enumerated().map { i, c in
            PlanCandidate(
                state: loaded.states[i], score: c.score.isNaN ? 0 : c.score, rank: c.rank,
                drivers: table.driverIDs(of: c))
        }
        return PlanProblem(candidates: candidates, settings: settings, asOf: loaded.model.asOf)
    }

    /// Runs the planner, turning an infeasible problem into an input error (exit 1).
    func solve<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as PlanningError {
            throw InputFailure(lines: error.diagnostics(modelFile: directory + "/model.yaml").map(\.description))
        }
    }
}
