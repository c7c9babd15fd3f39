import EngagementLedger
import TextOutput

/// What `ledger history` prints of the events recorded: every field of each event (CSV), or a
/// table for people in which a plan's JSON is summarised (`--format csv` or `ledger export`
/// gives it whole).
public enum LedgerHistory {
    /// The columns, in order.
    public static let header = [
        "seq", "date", "kind", "id", "detail", "note", "recorded_at", "recorded_by", "voided_by",
    ]

    public static func csv(_ events: [RecordedEvent]) -> String {
        Tabular.csv(
            header: header,
            rows: events.map { e in
                [
                    String(e.seq), e.date, e.kind.rawValue, e.id, e.detail, e.note, e.recordedAt, e.recordedBy,
                    e.voidedBy.map(String.init) ?? "",
                ]
            })
    }

    public static func table(_ events: [RecordedEvent]) -> String {
        Tabular.table(
            header: header,
            rows: events.map { e in
                let detail = e.kind == .listAdopted ? "(plan JSON, \(e.detail.utf8.count) bytes)" : e.detail
                return [
                    String(e.seq), e.date, e.kind.rawValue, e.id, detail, e.note, e.recordedAt, e.recordedBy,
                    e.voidedBy.map { "void (seq \($0))" } ?? "",
                ]
            })
    }
}
