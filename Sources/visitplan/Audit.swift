import ArgumentParser
import Dataset
import Formats
import StatisticalAudit

extension VisitPlan {
    struct Audit: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "audit",
            abstract:
                "The statistical audit of the criteria tree: Cronbach's α, PCA, correlations, collinear and negative children.",
            discussion: """
                Per inner node, on normalised values: Cronbach's α of its children (complete
                cases), the PCA of their correlation matrix (eigenvalues, explained shares,
                first-component loadings), and each child's correlation (pairwise complete)
                with its parent and with the score; then every pair of leaves with |r| > 0.9
                and every child that moves against its parent, with plain-language flags.

                --audience public computes every statistic on the values the public edition
                of `visitplan score` publishes, and on nothing else (Guides/Audit.md).

                Examples:
                  visitplan audit
                  visitplan audit datasets/demo-small --format json --output audit.json
                  visitplan audit --audience public --format csv > audit.csv
                """
        )

        @OptionGroup var dataset: DatasetOptions
        @OptionGroup var output: OutputOptions
        @OptionGroup var audience: AudienceOptions
        @OptionGroup var progressBar: ProgressOptions

        func run() throws {
            let (loaded, table, edition) = try progressBar.loadAndScore(
                dataset, audience: audience, format: output.format)
            let audit = progressBar.run(.init("Auditing")) { _ in
                FrameworkAudit(table: table, states: loaded.states, edition: edition)
            }
            let text =
                switch output.format {
                case .json: audit.json(edition: edition)
                case .csv: audit.csv()
                case .table: "\(loaded.model.name), as of \(loaded.model.asOf)\n\n" + audit.table(edition: edition)
                }
            try output.emit(text, inputs: dataset.inputFiles)
        }
    }
}
