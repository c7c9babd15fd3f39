import ArgumentParser
import Dataset
import Scoring

extension VisitPlan {
    struct Explain: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show one candidate's path from every leaf to its score, or why it ranks above another.",
            discussion: """
                For each leaf: the raw value (or whether it was imputed or missing), the normalised
                value, the weight in effect and the contribution. With --vs, the leaves that account
                for the score difference, largest first.

                Examples:
                  visitplan explain --id AFG
                  visitplan explain --id AFG --vs MLI
                  visitplan explain datasets/demo-small --id AAA --format json
                """
        )

        @OptionGroup var dataset: DatasetOptions
        @OptionGroup var output: OutputOptions

        @Option(help: "The candidate to explain.")
        var id: String

        @Option(help: ArgumentHelp("Compare with this candidate.", valueName: "ID"))
        var vs: String?

        func run() throws {
            let loaded = try dataset.load()
            let table = try dataset.score(loaded)
            func index(of id: String) throws -> Int {
                guard let i = loaded.states.firstIndex(where: { $0.id == id }) else {
                    throw InputFailure(lines: ["error: no candidate with id `\(id)` in \(dataset.directory)/states.csv"])
                }
                return i
            }
            let first = try index(of: id)
            let text: String
            if let vs {
                let comparison = table.comparison(of: first, with: try index(of: vs))
                text = switch output.format {
                case .json: comparison.json()
                case .csv: comparison.csv()
                case .table: comparison.table()
                }
            } else {
                let explanation = table.explanation(of: first)
                text = switch output.format {
                case .json: explanation.json()
                case .csv: explanation.csv()
                case .table: explanation.table()
                }
            }
            try output.emit(text, inputs: dataset.inputFiles)
        }
    }
}
