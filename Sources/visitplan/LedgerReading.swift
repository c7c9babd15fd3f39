import ArgumentParser
import Dataset
import EngagementLedger
import Formats
import Foundation
import TextOutput

extension VisitPlan.LedgerCommands {
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Write every event as CSV (date,id,kind,detail,note), the form `ledger import` reads.",
            discussion: """
                Imported into an empty ledger, the export gives the same events with the same
                seqs (corrections included).

                Example:
                  visitplan ledger export --output backup.csv
                """
        )

        @OptionGroup var dataset: DatasetOptions

        @Option(help: ArgumentHelp("Write the CSV to FILE (atomically) instead of standard output.", valueName: "FILE"))
        var output: String?

        func run() throws {
            let text = LedgerCSV.text(of: try dataset.openLedger().events())
            if let output {
                try AtomicFile.write(text, to: output, protecting: dataset.inputFiles)
            } else {
                FileHandle.standardOutput.write(Data(text.utf8))
            }
        }
    }

    struct History: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "history",
            abstract: "List the events recorded, with who recorded them and when, and what voids them.",
            discussion: """
                Examples:
                  visitplan ledger history
                  visitplan ledger history --id MLI --format csv
                """
        )

        @OptionGroup var dataset: DatasetOptions

        @Option(help: ArgumentHelp("Only the events of this State.", valueName: "ID"))
        var id: String?

        @OptionGroup var output: OutputOptions

        func run() throws {
            let events = try dataset.openLedger().events(id: id)
            let text =
                switch output.format {
                case .json: JSONLayout.text(events)
                case .csv: LedgerHistory.csv(events)
                case .table: LedgerHistory.table(events)
                }
            try output.emit(text, inputs: dataset.inputFiles)
        }
    }

    struct Facts: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "facts",
            abstract:
                "The engagement columns of every State as the ledger gives them at a date, with the ¶9 reviews due.",
            discussion: """
                The date is --as-of DATE, else model.yaml's as_of. Only events dated on or
                before it count; voided events do not.

                Examples:
                  visitplan ledger facts
                  visitplan ledger facts --as-of 2021-01-01 --format csv
                """
        )

        @OptionGroup var dataset: DatasetOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let (loaded, facts) = try dataset.ledgerFacts()
            let header = [
                "id", "name", "last_visit", "last_visit_type", "report_submitted", "consent", "requested_visit",
                "review", "review_days",
            ]
            let reviews = Dictionary(facts.reviews.map { ($0.id, $0) }, uniquingKeysWith: { _, latest in latest })
            let rows = loaded.states.map { state -> [String] in
                let f = facts.facts(of: state.id)
                let review = reviews[state.id]
                return [
                    state.id, state.name, f.lastVisit?.description ?? "", f.lastVisitType?.rawValue ?? "",
                    f.reportSubmitted?.description ?? "", f.consent.rawValue, String(f.requestedVisit),
                    review.map { $0.overdue ? "overdue" : "due" } ?? "", review.map { String($0.days) } ?? "",
                ]
            }
            try output.emit(
                AsOfRows(asOf: facts.asOf, key: "states", header: header, rows: rows)
                    .text(
                        output.format,
                        title: "engagement facts as of \(facts.asOf), from \(Ledger.path(inDataset: dataset.directory))"
                    ),
                inputs: dataset.inputFiles)
        }
    }

    struct Reviews: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reviews",
            abstract: "The reports whose ¶9 review (followup-considered) is due or overdue at a date, with the days.",
            discussion: """
                A report is due for review until a followup-considered event follows it, and
                overdue when it is more than 12 months old; `days` is the days left before the
                12 months are up (due) or the days since (overdue).

                Example:
                  visitplan ledger reviews --as-of 2024-01-01
                """
        )

        @OptionGroup var dataset: DatasetOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let (loaded, facts) = try dataset.ledgerFacts()
            let names = Dictionary(loaded.states.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
            let header = ["id", "name", "report_submitted", "review_by", "status", "days"]
            let rows = facts.reviews.map { r in
                [
                    r.id, names[r.id] ?? "", r.reportSubmitted.description, r.reviewBy.description,
                    r.overdue ? "overdue" : "due", String(r.days),
                ]
            }
            try output.emit(
                AsOfRows(asOf: facts.asOf, key: "reviews", header: header, rows: rows)
                    .text(
                        output.format, title: "¶9 reviews as of \(facts.asOf): \(rows.count) report(s) awaiting review"),
                inputs: dataset.inputFiles)
        }
    }
}

extension AsOfRows {
    /// The rows in `format`; the table under `title`.
    fileprivate func text(_ format: OutputFormat, title: String) -> String {
        switch format {
        case .json: json()
        case .csv: csv()
        case .table: table(title: title)
        }
    }
}

extension DatasetOptions {
    /// The dataset (for its States and as_of) and the ledger's facts at --as-of or as_of,
    /// without comparing them to states.csv (`validate` and the other commands do).
    func ledgerFacts() throws -> (Dataset, LedgerFacts) {
        let loaded = try Dataset.load(directory: directory)
        let date = asOf ?? loaded.model.asOf
        let ledger = try openLedger()
        return (
            loaded,
            LedgerFacts.derive(
                from: try ledger.factEvents(asOf: date), asOf: date,
                consentValidYears: loaded.model.consentValidYears)
        )
    }
}
