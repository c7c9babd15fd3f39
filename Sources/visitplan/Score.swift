import ArgumentParser
import Dataset
import Scoring

extension VisitPlan {
    struct Score: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Rank every candidate with scores, coverage, node values and top drivers.",
            discussion: """
                Examples:
                  visitplan score --top 20
                  visitplan score datasets/demo-small --format json --output scores.json
                  visitplan score --format csv > scores.csv
                """
        )

        @OptionGroup var dataset: DatasetOptions
        @OptionGroup var output: OutputOptions
        @OptionGroup var audience: AudienceOptions

        @Option(help: "Show only the first N rows of the table (table format only).")
        var top: Int?

        func validate() throws {
            if let top, top < 1 { throw ValidationError("--top must be at least 1, got \(top).") }
        }

        func run() throws {
            let loaded = try dataset.load()
            let table = try dataset.score(loaded)
            let edition = try audience.edition(table: table, dataset: loaded, directory: dataset.directory,
                                               format: output.format)
            let text = switch output.format {
            case .json: table.json(model: loaded.model, edition: edition)
            case .csv: table.csv(edition: edition)
            case .table: "\(loaded.model.name), as of \(loaded.model.asOf)\n\n" + table.table(top: top, edition: edition)
            }
            if output.format == .csv, let note = screeningSummary(loaded.screened) { VisitPlan.report([note]) }
            try output.emit(text, inputs: dataset.inputFiles)
        }
    }
}
