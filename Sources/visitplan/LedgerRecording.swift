import ArgumentParser
import Dataset
import EngagementLedger
import Foundation
import Planning

extension VisitPlan.LedgerCommands {
    struct Record: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "record",
            abstract: "Append one event to the ledger.",
            discussion: """
                Kinds: \(EventKind.allCases.map(\.rawValue).joined(separator: ", ")).
                --type gives a visit's type (comprehensive, follow-up), --response a consent
                (given, pending, refused), --detail any other detail (`withdraw ID` for a
                list-changed). The ledger records the time (UTC) and the OS user too.

                Examples:
                  visitplan ledger record --kind request-sent --id MLI --date 2024-01-10
                  visitplan ledger record --kind consent --id MLI --date 2024-02-01 --response given
                  visitplan ledger record --kind visit --id MLI --date 2024-03-12 --type comprehensive
                  visitplan ledger record --kind report-submitted --id MLI --date 2024-06-30
                """
        )

        @OptionGroup var dataset: DatasetOptions

        @Option(help: ArgumentHelp("The kind of event.", valueName: "KIND"))
        var kind: String

        @Option(help: ArgumentHelp("The State's id (states.csv).", valueName: "ID"))
        var id: String = ""

        @Option(help: ArgumentHelp("The day it happened (YYYY-MM-DD).", valueName: "DATE"))
        var date: String

        @Option(help: ArgumentHelp("A visit's type: comprehensive or follow-up.", valueName: "TYPE"))
        var type: String?

        @Option(help: ArgumentHelp("A consent: given, pending or refused.", valueName: "RESPONSE"))
        var response: String?

        @Option(help: ArgumentHelp("The detail of other kinds (`withdraw ID`, `add ID`).", valueName: "TEXT"))
        var detail: String?

        @Option(help: ArgumentHelp("A free note (the reason, for list-changed).", valueName: "TEXT"))
        var note: String = ""

        func validate() throws {
            if [type, response, detail].compactMap({ $0 }).count > 1 {
                throw ValidationError("Give one of --type, --response and --detail.")
            }
        }

        func run() throws {
            let input = try dataset.eventInput()
            let text = type ?? response ?? detail ?? ""
            let event: NewEvent
            switch input.event(date: date, id: id, kind: kind, detail: text, note: note) {
            case .success(let made): event = made
            case .failure(let problems):
                let option = [
                    "date": "--date", "id": "--id", "kind": "--kind", "note": "--note",
                    "detail": type != nil ? "--type" : response != nil ? "--response" : "--detail",
                ]
                throw InputFailure(
                    lines: problems.list.map { "error: \(option[$0.column] ?? $0.column): \($0.message)" })
            }
            let ledger = try dataset.openLedger()
            let seq = try ledger.append([event])
            print(
                "recorded seq \(seq[0]): \(event.date) \(event.kind.rawValue) \(event.id) \(event.detail)"
                    .trimmingCharacters(in: .whitespaces))
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Append the events of a CSV file (date,id,kind,detail,note): all of them, or none.",
            discussion: """
                Every row is checked first; any bad row is reported as file:line:column and
                nothing is recorded. The rows are then appended in one transaction, in file
                order (same-day events apply in that order).

                Examples:
                  visitplan ledger import history.csv
                  visitplan ledger import datasets/my-cycle history.csv
                """
        )

        @OptionGroup var dataset: DatasetOptions

        @Argument(help: ArgumentHelp("The CSV file of events.", valueName: "FILE.csv"))
        var file: String?

        func run() throws {
            var options = dataset
            var file = self.file
            if file == nil { (file, options.dataset) = (options.dataset, nil) }
            guard let file else { throw ValidationError("Missing the CSV file to import.") }
            let input = try options.eventInput()
            let events = try LedgerCSV.read(path: file, file: file, input: input)
            let ledger = try options.openLedger()
            let seqs = try ledger.append(events)
            print("imported \(seqs.count) events into \(ledger.path) (seq \(seqs.first ?? 0)–\(seqs.last ?? 0))")
        }
    }

    struct Correct: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "correct",
            abstract: "Void an earlier event, with the reason (the event stays in the ledger, marked void).",
            discussion: """
                Example:
                  visitplan ledger correct --event 12 --reason "visit date mistyped; see seq 13"
                """
        )

        @OptionGroup var dataset: DatasetOptions

        @Option(help: ArgumentHelp("The seq of the event to void (see `ledger history`).", valueName: "N"))
        var event: Int64

        @Option(help: ArgumentHelp("Why the event is void.", valueName: "TEXT"))
        var reason: String

        @Option(help: ArgumentHelp("The day of the correction (default today).", valueName: "DATE"))
        var date: CalendarDate?

        func run() throws {
            guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw ValidationError("--reason must say why the event is void.")
            }
            let ledger = try dataset.openLedger()
            let seq = try ledger.append([
                NewEvent(kind: .correction, date: date ?? .todayUTC, detail: String(event), note: reason)
            ])
            print("recorded seq \(seq[0]): correction voiding seq \(event)")
        }
    }

    struct Adopt: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "adopt",
            abstract: "Record the adoption of a plan (the JSON of `visitplan plan`) with its dataset fingerprint.",
            discussion: """
                The plan must have been made on DATASET as it is now (same fingerprint).

                Example:
                  visitplan plan --format json --output adopted.json
                  visitplan ledger adopt adopted.json --decided 2023-02-15
                """
        )

        @OptionGroup var dataset: DatasetOptions

        @Argument(
            help: ArgumentHelp(
                "The plan adopted: the JSON of `visitplan plan` or `visitplan revise`.",
                valueName: "PLAN.json"))
        var plan: String?

        @Option(help: ArgumentHelp("The day the list was adopted.", valueName: "DATE"))
        var decided: CalendarDate

        @Option(help: ArgumentHelp("A free note.", valueName: "TEXT"))
        var note: String = ""

        func run() throws {
            var options = dataset
            var path = plan
            if path == nil { (path, options.dataset) = (options.dataset, nil) }
            guard let path else { throw ValidationError("Missing the plan JSON to record.") }
            guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8)
            else {
                throw InputFailure(lines: ["\(path): error: cannot read the file"])
            }
            let adopted: Planning.Plan
            do {
                adopted = try JSONDecoder().decode(AdoptedPlan.self, from: data).plan
            } catch {
                throw InputFailure(lines: [
                    "\(path): error: not a plan written by `visitplan plan --format json` or `visitplan revise --format json`"
                ])
            }
            let current = try options.fingerprint()
            guard let recorded = adopted.dataset else {
                throw InputFailure(lines: [
                    "\(path): error: the plan records no dataset fingerprint; run `visitplan plan` again"
                ])
            }
            guard recorded.fingerprint == current.fingerprint else {
                throw InputFailure(lines: [
                    "\(path): error: the plan was made on \(recorded.path) (\(recorded.fingerprint)), "
                        + "not on \(current.path) (\(current.fingerprint)); "
                        + recorded.differingFiles(from: current).joined(separator: ", ") + " differ"
                ])
            }
            guard decided <= .todayUTC else {
                throw InputFailure(lines: ["error: --decided \(decided) is in the future"])
            }
            let ledger = try options.openLedger()
            let seq = try ledger.append([
                NewEvent(
                    kind: .listAdopted, date: decided,
                    detail: text.trimmingCharacters(in: .whitespacesAndNewlines), note: note)
            ])
            print(
                "recorded seq \(seq[0]): list adopted on \(decided), \(adopted.selected.count) visits, data \(current.short)"
            )
        }
    }
}
