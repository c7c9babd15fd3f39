import Dataset

/// What an event of the ledger records (SPEC §9).
public enum EventKind: String, Sendable, CaseIterable, Codable {
    /// The Directorate asked the State's consent to a visit.
    case requestSent = "request-sent"
    /// The State's answer: detail `given`, `pending` or `refused`.
    case consent
    /// The State asked for a visit.
    case stateRequest = "state-request"
    /// A visit took place: detail `comprehensive` or `follow-up`.
    case visit
    /// The visit's report went to the Committee.
    case reportSubmitted = "report-submitted"
    /// The ¶9 review of a report was held.
    case followupConsidered = "followup-considered"
    /// The annual list was adopted: detail the plan JSON (with its dataset fingerprint).
    case listAdopted = "list-adopted"
    /// The adopted list changed: detail `withdraw ID` or `add ID`, note the reason.
    case listChanged = "list-changed"
    /// An earlier event is void: detail its `seq`, note the reason.
    case correction
    /// The adopted multi-year programme changed (`programme --adopted … --record`): detail
    /// `move ID FROM TO`, `withdraw ID YEAR` or `add ID YEAR` (programme years), note the reason.
    case programmeChanged = "programme-changed"

    /// True when the event concerns one State, named in the `id` column.
    public var needsState: Bool {
        switch self {
        case .listAdopted, .correction: false
        default: true
        }
    }

    /// True when the note is required (the reason of a change or a correction).
    public var needsReason: Bool { self == .listChanged || self == .correction || self == .programmeChanged }

    /// The detail values allowed, when they form a closed list.
    public var allowedDetails: [String]? {
        switch self {
        case .consent: ["given", "pending", "refused"]
        case .visit: VisitType.allCases.map(\.rawValue)
        case .listChanged: ["withdraw ID", "add ID"]
        case .programmeChanged: ["move ID FROM TO", "withdraw ID YEAR", "add ID YEAR"]
        default: nil
        }
    }

    /// Checks the detail of an event of this kind about State `id`.
    ///
    /// - Returns: the detail as stored (`list-changed` normalised to `withdraw ID`), or a message
    ///   saying what is wrong.
    public func checkedDetail(_ detail: String, id: String) -> Result<String, LedgerError> {
        func fail(_ message: String) -> Result<String, LedgerError> { .failure(LedgerError(message)) }
        switch self {
        case .consent, .visit:
            let allowed = allowedDetails ?? []
            if allowed.contains(detail) { return .success(detail) }
            let what = self == .consent ? "the consent" : "the visit type"
            return fail(
                "`\(rawValue)` needs \(what) in detail: `\(detail)` is not one of "
                    + allowed.joined(separator: ", ") + NearestNames.suggestion(for: detail, among: allowed))
        case .listChanged, .programmeChanged:
            guard let decision = LedgerDecision(kind: self, detail: detail) else {
                return fail(
                    self == .listChanged
                        ? "`list-changed` needs `withdraw ID` or `add ID` in detail, not `\(detail)`"
                        : "`programme-changed` needs `move ID FROM TO`, `withdraw ID YEAR` or `add ID YEAR` in detail "
                            + "(years 1, 2, …), not `\(detail)`")
            }
            if !id.isEmpty && decision.id != id {
                return fail("`\(rawValue)` detail names `\(decision.id)` but the event's id is `\(id)`")
            }
            return .success(detail)
        case .correction:
            guard let seq = Int64(detail), seq > 0 else {
                return fail(
                    "`correction` needs the seq of the event it voids in detail (a positive number), not `\(detail)`")
            }
            return .success(String(seq))
        case .requestSent, .stateRequest, .reportSubmitted, .followupConsidered, .listAdopted:
            return .success(detail)
        }
    }
}
