import Dataset

/// An event to record: what the user gives (SPEC §9, the CSV form `date,id,kind,detail,note`).
public struct NewEvent: Sendable, Equatable {
    public var kind: EventKind
    public var date: CalendarDate
    /// The State, or empty where none applies (`list-adopted`, `correction`).
    public var id: String
    public var detail: String
    public var note: String

    public init(kind: EventKind, date: CalendarDate, id: String = "", detail: String = "", note: String = "") {
        self.kind = kind
        self.date = date
        self.id = id
        self.detail = detail
        self.note = note
    }

    /// The seq a correction voids.
    public var voids: Int64? { kind == .correction ? Int64(detail) : nil }
}

/// An event as the ledger holds it: what was recorded, when and by whom.
public struct RecordedEvent: Sendable, Equatable, Codable {
    /// The event's number, increasing in the order of recording.
    public var seq: Int64
    public var kind: EventKind
    /// `YYYY-MM-DD`.
    public var date: String
    public var id: String
    public var detail: String
    public var note: String
    /// The UTC time of recording, ISO 8601 (`2026-11-30T07:45:12Z`).
    public var recordedAt: String
    /// The OS user who recorded it.
    public var recordedBy: String
    /// The seq of the correction that voids this event, if any.
    public var voidedBy: Int64?

    enum CodingKeys: String, CodingKey {
        case seq, kind, date, id, detail, note
        case recordedAt = "recorded_at", recordedBy = "recorded_by", voidedBy = "voided_by"
    }

    public init(
        seq: Int64, kind: EventKind, date: String, id: String, detail: String, note: String,
        recordedAt: String, recordedBy: String, voidedBy: Int64? = nil
    ) {
        self.seq = seq
        self.kind = kind
        self.date = date
        self.id = id
        self.detail = detail
        self.note = note
        self.recordedAt = recordedAt
        self.recordedBy = recordedBy
        self.voidedBy = voidedBy
    }
}
