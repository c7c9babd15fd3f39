import Yams

/// The `programme` section of model.yaml (SPEC §10): the plan over several years.
public struct ProgrammeSettings: Sendable, Equatable, Codable {
    /// H, the number of years planned (year 1 is the cycle of `as_of`).
    public var years: Int
    /// The weight of year y is discount^(y−1).
    public var discount: Double
    /// Every eligible never-visited State is in years 1 … this (nil: no such rule).
    public var neverVisitedWithin: Int?
    /// Per year (1-based): ids forced onto that year's list.
    public var include: [Int: [String]]
    /// Per year (1-based): ids kept off that year's list.
    public var exclude: [Int: [String]]
    /// Where each setting was written in model.yaml, by YAML path (`programme`,
    /// `programme.years`, `programme.include.2`…).
    public var locations: [String: SourceLocation] = [:]

    public static let defaultYears = 3
    public static let defaultDiscount = 0.85

    public init(
        years: Int = ProgrammeSettings.defaultYears, discount: Double = ProgrammeSettings.defaultDiscount,
        neverVisitedWithin: Int? = nil, include: [Int: [String]] = [:], exclude: [Int: [String]] = [:]
    ) {
        self.years = years
        self.discount = discount
        self.neverVisitedWithin = neverVisitedWithin
        self.include = include
        self.exclude = exclude
    }

    enum CodingKeys: String, CodingKey {
        case years, discount, include, exclude
        case neverVisitedWithin = "never_visited_within"
    }
}

extension ModelLoader {
    static let programmeKeys = ["years", "discount", "never_visited_within", "include", "exclude"]

    /// The longest programme: a generation of cycles. Each year is a copy of the planning problem.
    static let maximumProgrammeYears = 50

    mutating func readProgramme(_ node: Node) {
        guard let entry = reader.mapping(node, "programme", allowed: Self.programmeKeys) else { return }
        var programme = ProgrammeSettings()
        if let value = entry["years"],
            let years = reader.integer(
                value, entry.path("years"), atLeast: 1, atMost: Self.maximumProgrammeYears,
                "a programme is planned over a few years")
        {
            programme.years = years
        }
        if let value = entry["discount"], let discount = reader.number(value, entry.path("discount"), atLeast: 0) {
            if discount > 0 && discount <= 1 {
                programme.discount = discount
            } else {
                reader.error(
                    at: value, entry.path("discount"),
                    "must be in (0, 1]: the weight of year y is discount^(y-1), got \(writtenNumber(discount))")
            }
        }
        if let value = entry["never_visited_within"] {
            programme.neverVisitedWithin = reader.integer(value, entry.path("never_visited_within"), atLeast: 1)
        }
        var included = loaded.included
        var excluded = loaded.excluded
        programme.include = readYearLists(
            entry["include"], entry.path("include"), into: &included,
            locations: &programme.locations)
        programme.exclude = readYearLists(
            entry["exclude"], entry.path("exclude"), into: &excluded,
            locations: &programme.locations)
        (loaded.included, loaded.excluded) = (included, excluded)
        for (year, ids) in programme.exclude {
            for id in ids where programme.include[year]?.contains(id) == true {
                let location = programme.locations["programme.exclude.\(year)"]
                reader.diagnostics.error(
                    reader.file, line: location?.line ?? 0, column: location?.column ?? 0,
                    "programme.exclude.\(year): `\(id)` is both included and excluded in year \(year)")
            }
        }
        for (key, keyNode, _) in entry.entries {
            programme.locations[entry.path(key)] = reader.location(of: keyNode, entry.path(key))
        }
        loaded.programme = programme
    }

    /// `{2: [ABC, DEF], 3: [GHI]}`: per year, a list of ids, each checked against states.csv later.
    private mutating func readYearLists(
        _ node: Node?, _ path: String, into references: inout [LoadedModel.Reference],
        locations: inout [String: SourceLocation]
    ) -> [Int: [String]] {
        guard let node else { return [:] }
        guard case .mapping(let mapping) = node else {
            reader.error(
                at: node, path, "expected a mapping of years to lists of ids ({2: [ABC]}), got \(reader.describe(node))"
            )
            return [:]
        }
        var lists: [Int: [String]] = [:]
        for (keyNode, value) in mapping {
            guard
                let year = reader.integer(
                    keyNode, path, atLeast: 1, atMost: Self.maximumProgrammeYears,
                    "a year of the programme")
            else { continue }
            let yearPath = "\(path).\(year)"
            locations[yearPath] = reader.location(of: keyNode, yearPath)
            let ids = readIDs(value, yearPath)
            references.append(contentsOf: ids)
            lists[year, default: []].append(contentsOf: ids.map(\.name))
        }
        return lists
    }
}
