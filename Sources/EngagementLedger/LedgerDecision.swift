/// What a `list-changed` or `programme-changed` event decided, as a value: the event's `detail`
/// (`withdraw ID`, `add ID`; `move ID FROM TO`, `withdraw ID YEAR`, `add ID YEAR`) read once, so
/// that what reads a decision (the ledger's check, the report's history) matches on it instead
/// of on the detail's first word.
public enum LedgerDecision: Sendable, Equatable, CustomStringConvertible {
    /// `list-changed`: taken off the adopted list.
    case withdrawn(String)
    /// `list-changed`: put onto the adopted list.
    case added(String)
    /// `programme-changed`: moved from one programme year to another.
    case moved(String, from: Int, to: Int)
    /// `programme-changed`: taken out of the programme year it was adopted for.
    case withdrawnFromYear(String, year: Int)
    /// `programme-changed`: new to the programme, in that year.
    case addedInYear(String, year: Int)

    /// The State it concerns.
    public var id: String {
        switch self {
        case .withdrawn(let id), .added(let id), .moved(let id, _, _), .withdrawnFromYear(let id, _),
            .addedInYear(let id, _):
            id
        }
    }

    /// The detail as the ledger stores it: `withdraw MLI`, `move MLI 1 2`.
    public var description: String {
        switch self {
        case .withdrawn(let id): "withdraw \(id)"
        case .added(let id): "add \(id)"
        case .moved(let id, let from, let to): "move \(id) \(from) \(to)"
        case .withdrawnFromYear(let id, let year): "withdraw \(id) \(year)"
        case .addedInYear(let id, let year): "add \(id) \(year)"
        }
    }

    /// The decision the detail of an event of `kind` records, or nil when `kind` records none or
    /// the detail is not of its form (programme years are whole numbers from 1).
    public init?(kind: EventKind, detail: String) {
        let words = detail.split(separator: " ").map(String.init)
        switch kind {
        case .listChanged:
            guard words.count == 2 else { return nil }
            switch words[0] {
            case "withdraw": self = .withdrawn(words[1])
            case "add": self = .added(words[1])
            default: return nil
            }
        case .programmeChanged:
            let years = words.dropFirst(2).compactMap { Int($0) }.filter { $0 >= 1 }
            guard words.count >= 3, years.count == words.count - 2 else { return nil }
            switch (words[0], years.count) {
            case ("move", 2): self = .moved(words[1], from: years[0], to: years[1])
            case ("withdraw", 1): self = .withdrawnFromYear(words[1], year: years[0])
            case ("add", 1): self = .addedInYear(words[1], year: years[0])
            default: return nil
            }
        case .requestSent, .consent, .stateRequest, .visit, .reportSubmitted, .followupConsidered, .listAdopted,
            .correction:
            return nil
        }
    }
}

extension RecordedEvent {
    /// What a `list-changed` or `programme-changed` event decided (nil for other kinds).
    public var decision: LedgerDecision? { LedgerDecision(kind: kind, detail: detail) }
}
