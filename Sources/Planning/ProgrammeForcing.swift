/// A State that forcing another into a year takes out of that year, and where the programme
/// with the forced State puts it.
public struct ProgrammeDisplacement: Sendable, Equatable, CustomStringConvertible {
    public var id: String
    /// The year it goes to; nil when it leaves the programme.
    public var year: Int?

    public init(id: String, year: Int?) {
        self.id = id
        self.year = year
    }

    /// "to year 3" or "out of the programme".
    public var whereabouts: String { Self.whereabouts(year) }

    /// "KEN (to year 3)".
    public var description: String { "\(id) (\(whereabouts))" }

    /// Where a programme puts a State: "to year 3", or "out of the programme" for nil.
    public static func whereabouts(_ year: Int?) -> String {
        year.map { "to year \($0)" } ?? "out of the programme"
    }
}

/// What forcing a State into a year does to the programme: how much the discounted objective
/// drops and the States of that year it takes out.
public struct ProgrammeForcing: Sendable, Equatable, CustomStringConvertible {
    /// The drop of the discounted objective (0 for a tie).
    public var cost: Double
    /// The States of that year taken out of it, by rank there.
    public var displaced: [ProgrammeDisplacement]

    public init(cost: Double, displaced: [ProgrammeDisplacement]) {
        self.cost = cost
        self.displaced = displaced
    }

    /// "costs 0.1340 points of the discounted objective and displaces KEN (to year 2)".
    public var description: String {
        "costs \(format4(cost)) points of the discounted objective"
            + (displaced.isEmpty ? "" : " and displaces " + displaced.map(\.description).joined(separator: ", "))
    }
}
