import ArgumentParser
import Dataset
import Formats
import Foundation
import Scoring

extension VisitPlan {
    struct Score: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "score",
            abstract: "Rank every candidate with scores, coverage, node values and top drivers.",
            discussion: """
                Examples:
                  visitplan score --top 20
                  visitplan score datasets/demo-small --format json --output scores.json
                  visitplan score --format csv > scores.csv
                  visitplan score --format csv --columns gaps,threat,engagement --precision 4
                """
        )

        @OptionGroup var dataset: DatasetOptions
        @OptionGroup var output: OutputOptions
        @OptionGroup var audience: AudienceOptions
        @OptionGroup var progressBar: ProgressOptions

        @Option(help: "Show only the first N rows of the table (table format only).")
        var top: Int?

        @Option(
            help: ArgumentHelp(
                "The node columns of the CSV and the nodes of the JSON: node or leaf ids separated by commas, in the order wanted (default every node; an empty list for none).",
                valueName: "IDS"))
        var columns: String?

        @Option(
            help: ArgumentHelp(
                "Write every number of the CSV and JSON with N decimals (default: the shortest form that reads back exactly).",
                valueName: "N"))
        var precision: Int?

        func validate() throws {
            if let top, top < 1 { throw ValidationError("--top must be at least 1, got \(top).") }
            if let precision, !(0...17).contains(precision) {
                throw ValidationError("--precision must be between 0 and 17 decimals, got \(precision).")
            }
            if output.format == .table, columns != nil || precision != nil {
                throw ValidationError(
                    "--columns and --precision shape the csv and json formats; add --format csv or --format json.")
            }
        }

        /// The layout asked for, its column ids checked against the model's tree.
        static func layout(columns: String?, precision: Int?, tree: CriteriaTree) throws -> ScoreLayout {
            let ids = columns.map {
                $0.split(separator: ",", omittingEmptySubsequences: true).map {
                    $0.trimmingCharacters(in: .whitespaces)
                }
            }
            let layout = ScoreLayout(columns: ids, precision: precision)
            let unknown = layout.unknownColumns(in: tree)
            guard unknown.isEmpty else {
                let known = tree.nodes.dropFirst().map(\.id)
                throw ValidationError(
                    "--columns: "
                        + unknown.map { id in
                            "no node `\(id)` in the model" + didYouMean(id, among: known)
                        }.joined(separator: "; ") + "; the nodes are " + known.joined(separator: ", ") + ".")
            }
            return layout
        }

        func run() throws {
            let (loaded, table, edition) = try progressBar.loadAndScore(
                dataset, audience: audience, format: output.format)
            let layout = try Self.layout(columns: columns, precision: precision, tree: table.tree)
            switch output.format {
            case .json:
                try output.emit(inputs: dataset.inputFiles) {
                    table.writeJSON(to: $0, model: loaded.model, edition: edition, layout: layout)
                }
            case .csv:
                try output.emit(inputs: dataset.inputFiles) { table.writeCSV(to: $0, edition: edition, layout: layout) }
            case .table:
                try output.emit(
                    "\(loaded.model.name), as of \(loaded.model.asOf)\n\n" + table.table(top: top, edition: edition),
                    inputs: dataset.inputFiles)
            }
            if output.format == .csv, let note = screeningSummary(loaded.screened) { VisitPlan.report([note]) }
        }
    }
}
