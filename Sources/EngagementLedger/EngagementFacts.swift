import Dataset

/// An event that engagement facts are derived from (a visit, a consent, a report…).
public struct FactEvent: Sendable, Equatable {
    /// The kinds that bear on the facts.
    public static let kinds: [EventKind] = [.consent, .stateRequest, .visit, .reportSubmitted, .followupConsidered]

    public var kind: EventKind
    public var date: CalendarDate
    public var id: String
    public var detail: String

    public init(kind: EventKind, date: CalendarDate, id: String, detail: String = "") {
        self.kind = kind
        self.date = date
        self.id = id
        self.detail = detail
    }
}

/// The engagement columns of states.csv, as the ledger says they stood at a date.
public struct EngagementFacts: Sendable, Equatable {
    public var lastVisit: CalendarDate?
    public var lastVisitType: VisitType?
    public var reportSubmitted: CalendarDate?
    public var consent: Consent
    public var requestedVisit: Bool
    /// The date of the consent, to age it (`consent_valid_years`).
    var consentDate: CalendarDate?

    public init(
        lastVisit: CalendarDate? = nil, lastVisitType: VisitType? = nil, reportSubmitted: CalendarDate? = nil,
        consent: Consent = .unknown, requestedVisit: Bool = false
    ) {
        self.lastVisit = lastVisit
        self.lastVisitType = lastVisitType
        self.reportSubmitted = reportSubmitted
        self.consent = consent
        self.requestedVisit = requestedVisit
    }

    public static func == (a: EngagementFacts, b: EngagementFacts) -> Bool {
        (a.lastVisit, a.lastVisitType, a.reportSubmitted, a.consent, a.requestedVisit)
            == (b.lastVisit, b.lastVisitType, b.reportSubmitted, b.consent, b.requestedVisit)
    }
}

/// A report whose ¶9 review (`followup-considered`) has not been held.
public struct PendingReview: Sendable, Equatable {
    public var id: String
    public var reportSubmitted: CalendarDate
    /// Twelve months after the report.
    public var reviewBy: CalendarDate
    /// True when the report is more than twelve months old at the facts' date.
    public var overdue: Bool
    /// Days past `reviewBy` when overdue, else days left until it.
    public var days: Int
}

/// The engagement facts of every State at a date, derived from the ledger by SPEC §9's rules.
public struct LedgerFacts: Sendable {
    public var asOf: CalendarDate
    /// The facts of each State with at least one event; the others have `EngagementFacts()`.
    public var byState: [String: EngagementFacts]
    /// Reports awaiting their ¶9 review, oldest first.
    public var reviews: [PendingReview]

    /// The facts of State `id` (never visited, consent unknown, when it has no event).
    public func facts(of id: String) -> EngagementFacts { byState[id] ?? EngagementFacts() }

    /// Derives the facts from `events`, which must be dated on or before `asOf`, exclude voided
    /// ones and come in (date, seq) order, as `Ledger.factEvents(asOf:)` gives them.
    ///
    /// - The latest `visit` gives `last_visit` and its type; the latest `report-submitted`,
    ///   `report_submitted`; the latest `consent`, `consent` (`unknown` when there is none, or
    ///   when it is older than `consentValidYears` years).
    /// - `requested_visit` is true when a `state-request` comes after the last visit (any, for
    ///   a State never visited).
    /// - A report is pending review until a `followup-considered` follows it; overdue when more
    ///   than 12 months old.
    ///
    /// - Complexity: O(n) for n events.
    public static func derive(from events: [FactEvent], asOf: CalendarDate, consentValidYears: Int? = nil)
        -> LedgerFacts
    {
        var byState: [String: EngagementFacts] = [:]
        var pending: [String: [CalendarDate]] = [:]
        for event in events {
            var facts = byState[event.id] ?? EngagementFacts()
            switch event.kind {
            case .visit:
                facts.lastVisit = event.date
                facts.lastVisitType = VisitType(rawValue: event.detail)
                facts.requestedVisit = false
            case .stateRequest:
                facts.requestedVisit = true
            case .reportSubmitted:
                facts.reportSubmitted = event.date
                pending[event.id, default: []].append(event.date)
            case .followupConsidered:
                pending[event.id] = nil
            case .consent:
                facts.consent = Consent(rawValue: event.detail) ?? .unknown
                facts.consentDate = event.date
            default:
                continue
            }
            byState[event.id] = facts
        }
        if let years = consentValidYears {
            for (id, facts) in byState {
                if let given = facts.consentDate, given.adding(months: 12 * years) < asOf {
                    byState[id]?.consent = .unknown
                }
            }
        }
        var reviews: [PendingReview] = []
        for (id, reports) in pending {
            for report in reports {
                let due = report.adding(months: 12)
                reviews.append(
                    PendingReview(
                        id: id, reportSubmitted: report, reviewBy: due, overdue: due < asOf,
                        days: abs(asOf.dayNumber - due.dayNumber)))
            }
        }
        reviews.sort { ($0.reportSubmitted, $0.id) < ($1.reportSubmitted, $1.id) }
        return LedgerFacts(asOf: asOf, byState: byState, reviews: reviews)
    }
}

extension CalendarDate {
    /// A date as the ledger stores it, `YYYY-MM-DD`, read from its bytes (a derivation reads
    /// one per event; the general parser costs about 1.6 µs a date).
    init?(isoDate text: String) {
        var text = text
        let parsed: CalendarDate?? = text.withUTF8 { bytes -> CalendarDate?? in
            guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else {
                return .some(nil)
            }
            var fields = [0, 0, 0], field = 0
            for (i, byte) in bytes.enumerated() where i != 4 && i != 7 {
                let digit = byte &- UInt8(ascii: "0")
                guard digit < 10 else { return .some(nil) }
                field = i < 4 ? 0 : i < 7 ? 1 : 2
                fields[field] = fields[field] * 10 + Int(digit)
            }
            return .some(CalendarDate(year: fields[0], month: fields[1], day: fields[2]))
        }
        guard let parsed, let date = parsed else { return nil }
        self = date
    }
}
