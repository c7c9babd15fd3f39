import ArgumentParser
import Foundation
import Dataset
import EngagementLedger

/// `revise --record --reason TEXT --decided DATE`: the withdrawals and additions of a revision
/// appended to the dataset's ledger as `list-changed` events.
struct LedgerRecordOptions: ParsableArguments {
    @Flag(help: "Append the withdrawals and additions to DATASET's ledger (list-changed events); needs --reason and --decided.")
    var record = false

    @Option(help: ArgumentHelp("Why the list changed (the events' note).", valueName: "TEXT"))
    var reason: String?

    @Option(help: ArgumentHelp("The day the change was decided (YYYY-MM-DD).", valueName: "DATE"))
    var decided: CalendarDate?

    func validate(changes: Int) throws {
        guard record else {
            if reason != nil || decided != nil { throw ValidationError("--reason and --decided go with --record.") }
            return
        }
        if reason?.trimmingCharacters(in: .whitespaces).isEmpty ?? true {
            throw ValidationError("--record needs --reason TEXT: the ledger keeps why the list changed.")
        }
        if decided == nil { throw ValidationError("--record needs --decided DATE.") }
        if changes == 0 { throw ValidationError("--record needs a --withdraw or an --add to record.") }
    }

    /// Appends one `list-changed` event per State withdrawn or added, in one transaction.
    func record(withdraw: [String], add: [String], in dataset: DatasetOptions) throws {
        guard record, let decided, let reason else { return }
        if decided > .todayUTC { throw InputFailure(lines: ["error: --decided \(decided) is in the future"]) }
        let events = withdraw.map { NewEvent(kind: .listChanged, date: decided, id: $0, detail: "withdraw \($0)", note: reason) }
            + add.map { NewEvent(kind: .listChanged, date: decided, id: $0, detail: "add \($0)", note: reason) }
        let seqs = try dataset.openLedger().append(events)
        VisitPlan.report(["note: recorded in \(Ledger.path(inDataset: dataset.directory)) as seq "
            + seqs.map(String.init).joined(separator: ", ")])
    }
}
