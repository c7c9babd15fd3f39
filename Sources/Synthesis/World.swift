import Dataset

/// The fixed frame every synthetic dataset shares: reference date, regions, history.
enum World {
    static let asOf = CalendarDate(year: 2025, month: 1, day: 1)!
    /// Yearly events cover the ten years that end before `asOf`.
    static let firstEventYear = 2015
    static let lastEventYear = 2024
    /// The oldest possible last visit.
    static let historyStart = CalendarDate(year: 2005, month: 1, day: 1)!

    struct Region {
        var name: String
        var subregions: [String]
        /// Share of the candidates.
        var share: Double
        /// Added to every candidate's latent risk: regions differ, as real ones do.
        var riskShift: Double
    }

    static let regions: [Region] = [
        Region(
            name: "Northland", subregions: ["Northland Coast", "Northland Fjords", "Northland Tundra"],
            share: 0.20, riskShift: -0.4),
        Region(
            name: "Southland",
            subregions: [
                "Southland Savanna", "Southland Delta", "Southland Highlands",
                "Southland Cape",
            ], share: 0.27, riskShift: 0.5),
        Region(name: "Eastmarch", subregions: ["Eastmarch Steppe", "Eastmarch Valleys"], share: 0.18, riskShift: 0.2),
        Region(
            name: "Westreach", subregions: ["Westreach Plains", "Westreach Lakes", "Westreach Coast"],
            share: 0.15, riskShift: -0.2),
        Region(name: "Midlands", subregions: ["Midlands North", "Midlands South"], share: 0.12, riskShift: 0.0),
        Region(name: "Isles", subregions: ["Outer Isles", "Inner Isles"], share: 0.08, riskShift: 0.1),
    ]

    // Planning settings the model states and the witness relies on.
    static let cooldownYears = 2.0
    static let comprehensiveAfterYears = 5.0
    static let followUpMonths = 12
    static let comprehensiveCost = 45.0
    static let followUpCost = 20.0
    static let maximumVisits = 12
}
