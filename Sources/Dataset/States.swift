/// Where a State stands on consenting to a visit.
public enum Consent: String, Sendable, CaseIterable, Codable {
    case given, pending, unknown, refused
}

/// The kind of assessment visit.
public enum VisitType: String, Sendable, CaseIterable, Codable {
    case comprehensive
    case followUp = "follow-up"
}

/// One candidate (a Member State): identity and engagement facts from `states.csv`.
public struct State: Sendable, Equatable {
    public var id: String
    public var name: String
    public var region: String
    public var subregion: String?
    /// Empty in the file means never visited.
    public var lastVisit: CalendarDate?
    public var lastVisitType: VisitType?
    public var reportSubmitted: CalendarDate?
    public var consent: Consent
    public var requestedVisit: Bool
    /// The indicators this State asked to keep confidential (states.csv `confidential`).
    public var confidential: ConfidentialRequest = .none
    /// The State's name in other languages (states.csv `name_fr`, `name_es`), where given.
    public var translatedNames: [NameLanguage: String] = [:]

    public init(
        id: String, name: String, region: String, subregion: String? = nil,
        lastVisit: CalendarDate? = nil, lastVisitType: VisitType? = nil,
        reportSubmitted: CalendarDate? = nil, consent: Consent = .unknown, requestedVisit: Bool = false
    ) {
        self.id = id
        self.name = name
        self.region = region
        self.subregion = subregion
        self.lastVisit = lastVisit
        self.lastVisitType = lastVisitType
        self.reportSubmitted = reportSubmitted
        self.consent = consent
        self.requestedVisit = requestedVisit
    }
}

/// The indicators one State asked to keep confidential (states.csv `confidential`, SPEC §8):
/// a `;`-separated list of indicator names (columns of indicators.csv or events.csv indicators),
/// or `all`.
public enum ConfidentialRequest: Sendable, Equatable {
    case none
    case all
    case indicators([String])

    /// Whether the request covers the indicator `name`.
    public func covers(_ name: String) -> Bool {
        switch self {
        case .none: false
        case .all: true
        case .indicators(let names): names.contains(name)
        }
    }
}
