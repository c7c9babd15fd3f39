import ArgumentParser
import Dataset
import Formats
import Scoring

extension VisitPlan {
    struct Explain: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "explain",
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
        @OptionGroup var audience: AudienceOptions

        @Option(help: "The candidate to explain.")
        var id: String

        @Option(help: ArgumentHelp("Compare with this candidate.", valueName: "ID"))
        var vs: String?

        func run() throws {
            let loaded = try dataset.load()
            let table = try dataset.score(loaded)
            func index(of id: String) throws -> Int {
                guard let i = loaded.states.firstIndex(where: { $0.id == id }) else {
                    if let out = loaded.screened.first(where: { $0.id == id }) {
                        throw InputFailure(lines: ["error: `\(id)` is screened out, not ranked: \(out.reason)"])
                    }
                    throw InputFailure(lines: ["error: no candidate with id `\(id)` in \(dataset.directory)/states.csv"]
                    )
                }
                return i
            }
            let first = try index(of: id)
            let second = try vs.map(index(of:))
            let edition = try audience.edition(
                table: table, dataset: loaded, directory: dataset.directory,
                format: output.format)
            // A public edition explains only States whose scores it publishes (they hold no
            // confidential value), with their rank among those States.
            let withheld = [first, second].compactMap { $0 }.map { loaded.states[$0].id }.filter {
                !edition.showsScore(of: $0)
            }
            if !withheld.isEmpty {
                throw InputFailure(lines: [
                    "error: the public edition withholds the explanation of \(withheld.joined(separator: " and ")): "
                        + "it rests on values the State asked to keep confidential (use --audience internal inside the Directorate)"
                ])
            }
            func published(_ e: Explanation) -> Explanation {
                var e = e
                e.rank = edition.rank(of: e.id, inField: e.rank) ?? e.rank
                // A winsorised value is moved to another State's value: not for the public.
                // So is an imputed value: a mean or median over other States' values.
                if edition.isPublic {
                    for k in e.leaves.indices { e.leaves[k].treated = nil; e.leaves[k].imputedValue = nil }
                }
                return e
            }
            let text: String
            if let second {
                var comparison = table.comparison(of: first, with: second, indicators: loaded.indicators)
                comparison.first = published(comparison.first)
                comparison.second = published(comparison.second)
                text =
                    switch output.format {
                    case .json: comparison.json(edition: edition)
                    case .csv: comparison.csv()
                    case .table: comparison.table(edition: edition)
                    }
            } else {
                let explanation = published(table.explanation(of: first, indicators: loaded.indicators))
                text =
                    switch output.format {
                    case .json: explanation.json(edition: edition)
                    case .csv: explanation.csv()
                    case .table: explanation.table(edition: edition)
                    }
            }
            try output.emit(text, inputs: dataset.inputFiles)
        }
    }
}
