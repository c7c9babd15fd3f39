import EngagementLedger
import TextOutput

extension LedgerCSV {
    /// Every event in seq order, in the import form: importing it into an empty ledger gives
    /// the same events with the same seqs.
    public static func text(of events: [RecordedEvent]) -> String {
        Tabular.csv(header: columns, rows: events.lazy.map { [$0.date, $0.id, $0.kind.rawValue, $0.detail, $0.note] })
    }
}
