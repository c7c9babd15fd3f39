/// Why a visit is on the list: the constraints it serves and the facts that count towards them.
///
/// Values, not sentences: the explanation decides with them (a displaced State is described by
/// the minimums it fills and its inclusion), and words are made only at the edge
/// (``description``, the tables, the HTML page). The JSON of a plan writes each as its
/// description (`"fills the Africa minimum"`), as before these were types.
public enum VisitReason: Hashable, Sendable, CustomStringConvertible {
    /// On `include` (or `--add`).
    case includedByDecision
    /// Taking it off would leave its region below `planning.regions.<region>.min`.
    case fillsRegionMinimum(region: String)
    /// Never visited.
    case neverVisited
    /// Taking it off would leave fewer never-visited States than `never_visited_min`.
    case fillsNeverVisitedMinimum
    /// Due a follow-up visit.
    case followUp
    /// Taking it off would leave fewer follow-ups than `followups_min`.
    case fillsFollowUpMinimum
    /// The State asked for a visit.
    case requestedVisit
    /// In a programme: a never-visited State the programme must visit within `years` years.
    case dueWithin(years: Int)
    /// In a revised programme: adopted for this year.
    case adopted(year: Int)

    public var description: String {
        switch self {
        case .includedByDecision: "included by decision"
        case .fillsRegionMinimum(let region): "fills the \(region) minimum"
        case .neverVisited: "never visited"
        case .fillsNeverVisitedMinimum: "fills the never-visited minimum"
        case .followUp: "follow-up"
        case .fillsFollowUpMinimum: "fills the follow-up minimum"
        case .requestedVisit: "requested a visit"
        case .dueWithin(let years): "never visited: due within \(years) years"
        case .adopted(let year): "adopted for year \(year)"
        }
    }

    /// Whether it holds the visit in place against a swap: a minimum it fills, or a decision.
    /// (Never visited, a follow-up or a request alone do not: another State can take its place.)
    public var holdsInPlace: Bool {
        switch self {
        case .includedByDecision, .fillsRegionMinimum, .fillsNeverVisitedMinimum, .fillsFollowUpMinimum: true
        case .neverVisited, .followUp, .requestedVisit, .dueWithin, .adopted: false
        }
    }

    /// The reason a description names (the inverse of ``description``), or nil for words no
    /// reason is written as.
    public init?(description: String) {
        let fixed: [VisitReason] = [
            .includedByDecision, .neverVisited, .fillsNeverVisitedMinimum, .followUp,
            .fillsFollowUpMinimum, .requestedVisit,
        ]
        if let reason = fixed.first(where: { $0.description == description }) {
            self = reason
        } else if let years = Self.number(in: description, after: "never visited: due within ", before: " years") {
            self = .dueWithin(years: years)
        } else if let year = Self.number(in: description, after: "adopted for year ", before: "") {
            self = .adopted(year: year)
        } else if description.hasPrefix("fills the "), description.hasSuffix(" minimum"),
            description.count > "fills the  minimum".count
        {
            self = .fillsRegionMinimum(
                region: String(description.dropFirst("fills the ".count).dropLast(" minimum".count)))
        } else {
            return nil
        }
    }

    private static func number(in text: String, after prefix: String, before suffix: String) -> Int? {
        guard text.hasPrefix(prefix), text.hasSuffix(suffix) else { return nil }
        return Int(text.dropFirst(prefix.count).dropLast(suffix.count))
    }
}

extension VisitReason: Codable, WrittenAsWords {
    /// Read from its description; words that name no reason are a data error.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let reason = VisitReason(description: text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "`\(text)` is not a reason a visit serves")
        }
        self = reason
    }
}
