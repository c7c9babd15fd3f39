import ArgumentParser
import Dataset
import EngagementLedger
import Foundation

/// `--record --reason TEXT --decided DATE`: the changes a command made to an adopted decision,
/// appended to the dataset's ledger: `revise` records its withdrawals and additions as
/// `list-changed` events, `programme --adopted` its moves, withdrawals and additions as
/// `programme-changed` events.
struct LedgerRecordOptions: ParsableArguments {
    @Flag(
        help:
            "Append the changes to DATASET's ledger (revise: list-changed events; programme --adopted: programme-changed events); needs --reason and --decided."
    )
    var record = false

    @Option(help: ArgumentHelp("Why it changed (the events' note).", valueName: "TEXT"))
    var reason: String?

    @Option(help: ArgumentHelp("The day the change was decided (YYYY-MM-DD).", valueName: "DATE"))
    var decided: CalendarDate?

    /// Checks that --reason and --decided come with --record, and --record with both.
    func validate() throws {
        guard record else {
            if reason != nil || decided != nil { throw ValidationError("--reason and --decided go with --record.") }
            return
        }
        if reason?.trimmingCharacters(in: .whitespaces).isEmpty ?? true {
            throw ValidationError("--record needs --reason TEXT: the ledger keeps why the decision changed.")
        }
        if decided == nil { throw ValidationError("--record needs --decided DATE.") }
    }

    /// ``validate()``, and a revision needs a change to record.
    func validate(changes: Int) throws {
        try validate()
        if record && changes == 0 { throw ValidationError("--record needs a --withdraw or an --add to record.") }
    }

    /// The dataset's ledger when --record is given, opened before any work so that a missing or
    /// unreadable ledger stops the command before it writes anything.
    func ledger(of dataset: DatasetOptions) throws -> Ledger? {
        guard record else { return nil }
        if let decided, decided > .todayUTC {
            throw InputFailure(lines: ["error: --decided \(decided) is in the future"])
        }
        return try dataset.openLedger()
    }

    /// Appends one `list-changed` event per State withdrawn or added, in one transaction.
    func record(withdraw: [String], add: [String], in dataset: DatasetOptions) throws {
        guard record, let decided, let reason else { return }
        let decisions =
            withdraw.map { LedgerDecision.withdrawn($0) } + add.map { LedgerDecision.added($0) }
        let events = decisions.map {
            NewEvent(kind: .listChanged, date: decided, id: $0.id, detail: $0.description, note: reason)
        }
        guard let ledger = try ledger(of: dataset) else { return }
        try append(events, to: ledger, in: dataset)
    }

    /// Appends `events` (dated --decided, noted --reason by the caller) in one transaction and
    /// says where; says so when there is nothing to record.
    func append(_ events: [NewEvent], to ledger: Ledger, in dataset: DatasetOptions) throws {
        let path = Ledger.path(inDataset: dataset.directory)
        guard !events.isEmpty else {
            VisitPlan.report(["note: nothing changed from the adopted decision; nothing recorded in \(path)"])
            return
        }
        let seqs = try ledger.append(events)
        VisitPlan.report(["note: recorded in \(path) as seq " + seqs.map(String.init).joined(separator: ", ")])
    }
}
