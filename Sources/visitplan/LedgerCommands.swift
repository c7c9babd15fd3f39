import ArgumentParser
import Dataset
import EngagementLedger
import Foundation

extension VisitPlan {
    /// `visitplan ledger …`: the append-only record of engagement events (SPEC §9).
    struct LedgerCommands: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "ledger",
            abstract:
                "Record engagement events (visits, consents, reports, list decisions) and derive the facts from them.",
            discussion: """
                DATASET/ledger.sqlite is an append-only SQLite file: events are added, never
                changed or deleted (a mistake is voided by `ledger correct`). When a dataset
                has a ledger, the columns last_visit, last_visit_type, report_submitted,
                consent and requested_visit come from it, as of model.yaml's as_of or of
                --as-of DATE. The rules and a worked example: `visitplan help ledger`.

                Examples:
                  visitplan ledger init datasets/my-cycle
                  visitplan ledger import datasets/my-cycle history.csv
                  visitplan ledger record datasets/my-cycle --kind visit --id MLI --date 2024-03-12 --type comprehensive
                  visitplan ledger facts datasets/my-cycle --as-of 2021-01-01
                """,
            subcommands: [
                Init.self, Record.self, Import.self, Export.self, Correct.self, History.self, Facts.self,
                Reviews.self, Adopt.self,
            ]
        )
    }
}

extension VisitPlan.LedgerCommands {
    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "init",
            abstract: "Create an empty ledger (DATASET/ledger.sqlite); an existing file is never overwritten.")

        @OptionGroup var dataset: DatasetOptions

        func run() throws {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: dataset.directory, isDirectory: &isFolder), isFolder.boolValue
            else {
                throw InputFailure(lines: ["\(dataset.directory): error: no such dataset folder"])
            }
            let ledger = try Ledger.create(at: Ledger.path(inDataset: dataset.directory))
            print("created \(ledger.path)")
        }
    }
}

extension DatasetOptions {
    /// The folder's ledger, which must exist.
    func openLedger() throws -> Ledger {
        try Ledger.open(at: Ledger.path(inDataset: directory))
    }

    /// Checks events against the dataset's States; the dataset must be valid.
    func eventInput() throws -> EventInput {
        let loaded = try Dataset.load(directory: directory)
        return EventInput(knownIDs: Set(loaded.states.map(\.id)), latestDate: CalendarDate.todayUTC)
    }
}

extension CalendarDate {
    /// Today's date in UTC.
    static var todayUTC: CalendarDate {
        var seconds = time_t(Date().timeIntervalSince1970)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        return CalendarDate(year: Int(parts.tm_year) + 1900, month: Int(parts.tm_mon) + 1, day: Int(parts.tm_mday))
            ?? CalendarDate(year: 1970, month: 1, day: 1)!
    }
}

extension CalendarDate: ExpressibleByArgument {
    /// A date on the command line: `YYYY-MM-DD`.
    public init?(argument: String) {
        self.init(parsing: argument)
    }
}

extension DatasetOptions {
    /// `validate`'s checks of the folder's ledger, if it has one: `PRAGMA integrity_check`, and
    /// the engagement columns of states.csv against the ledger's facts.
    ///
    /// - Returns: a line for the summary (`ledger: N events, sound`), nil without a ledger.
    /// - Throws: `InputFailure` listing the problems.
    func validateLedger(_ loaded: Dataset) throws -> String? {
        let path = Ledger.path(inDataset: directory)
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        do {
            let ledger = try Ledger.open(at: path)
            let problems = try ledger.integrityProblems()
            if !problems.isEmpty {
                throw InputFailure(
                    lines: problems.map { "\(path): error: integrity_check: \($0)" }
                        + ["note: the ledger file is damaged; restore it from a backup (`visitplan help ledger`)"])
            }
            var copy = loaded
            try copy.applyLedger(directory: directory, asOf: asOf)
            return "\(path): sound (integrity_check ok), \(try ledger.events().count) events"
        } catch let error as LedgerError {
            throw InputFailure(lines: [error.message])
        } catch let error as DatasetError {
            throw InputFailure(lines: error.diagnostics.map(\.description))
        }
    }
}
