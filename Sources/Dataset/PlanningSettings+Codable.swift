/// The `planning` section in JSON, with the keys of model.yaml (SPEC §5), so that a plan carries
/// the rules it was made under.
///
/// Every key is written, defaults included; `budget`, `never_visited_min` and `followups_min`
/// only when set. `regions` is an object (region name → `{min, max}`), as in model.yaml.
extension PlanningSettings: Codable {
    enum CodingKeys: String, CodingKey {
        case visits, budget, cost, consent, regions, include, exclude, reserve
        case comprehensiveAfterYears = "comprehensive_after_years"
        case cooldownYears = "cooldown_years"
        case neverVisitedMin = "never_visited_min"
        case followUpsMin = "followups_min"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(visits, forKey: .visits)
        try c.encodeIfPresent(budget, forKey: .budget)
        try c.encode(Dictionary(uniqueKeysWithValues: cost.map { ($0.key.rawValue, $0.value) }), forKey: .cost)
        try c.encode(comprehensiveAfterYears, forKey: .comprehensiveAfterYears)
        try c.encode(cooldownYears, forKey: .cooldownYears)
        try c.encode(Consent.allCases.filter(consent.contains), forKey: .consent)
        try c.encode(
            Dictionary(regions.map { ($0.name, $0.bounds) }, uniquingKeysWith: { first, _ in first }),
            forKey: .regions)
        try c.encodeIfPresent(neverVisitedMin, forKey: .neverVisitedMin)
        try c.encodeIfPresent(followUpsMin, forKey: .followUpsMin)
        try c.encode(include, forKey: .include)
        try c.encode(exclude, forKey: .exclude)
        try c.encode(reserve, forKey: .reserve)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = PlanningSettings(visits: try c.decode(Int.self, forKey: .visits))
        var cost = defaults.cost
        for (key, value) in try c.decodeIfPresent([String: Double].self, forKey: .cost) ?? [:] {
            guard let type = VisitType(rawValue: key) else {
                throw DecodingError.dataCorruptedError(
                    forKey: .cost, in: c,
                    debugDescription: "unknown visit type `\(key)`")
            }
            cost[type] = value
        }
        let regions = try c.decodeIfPresent([String: RegionBounds].self, forKey: .regions) ?? [:]
        self.init(
            visits: defaults.visits,
            budget: try c.decodeIfPresent(Double.self, forKey: .budget),
            cost: cost,
            comprehensiveAfterYears: try c.decodeIfPresent(Double.self, forKey: .comprehensiveAfterYears)
                ?? defaults.comprehensiveAfterYears,
            cooldownYears: try c.decodeIfPresent(Double.self, forKey: .cooldownYears) ?? defaults.cooldownYears,
            consent: Set(try c.decodeIfPresent([Consent].self, forKey: .consent) ?? Array(defaults.consent)),
            regions: regions.sorted { $0.key < $1.key }.map { (name: $0.key, bounds: $0.value) },
            neverVisitedMin: try c.decodeIfPresent(Int.self, forKey: .neverVisitedMin),
            followUpsMin: try c.decodeIfPresent(Int.self, forKey: .followUpsMin),
            include: try c.decodeIfPresent([String].self, forKey: .include) ?? [],
            exclude: try c.decodeIfPresent([String].self, forKey: .exclude) ?? [],
            reserve: try c.decodeIfPresent(Int.self, forKey: .reserve) ?? defaults.reserve)
    }

    /// True when both say the same, whatever the order their regions were written in.
    public func sameRules(as other: PlanningSettings) -> Bool {
        var a = self, b = other
        a.regions.sort { $0.name < $1.name }
        b.regions.sort { $0.name < $1.name }
        return a == b
    }
}
