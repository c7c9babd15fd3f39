import Yams

// The `planning` (SPEC §5) and `sensitivity` (SPEC §6) sections of model.yaml.

extension ModelLoader {
    static let planningKeys = [
        "visits", "budget", "cost", "comprehensive_after_years", "cooldown_years", "consent", "regions",
        "never_visited_min", "followups_min", "include", "exclude", "reserve",
    ]
    static let sensitivityKeys = ["samples", "seed", "weights", "alternatives", "acceptability_ranks"]

    mutating func readPlanning(_ node: Node) {
        guard let entry = reader.mapping(node, "planning", allowed: Self.planningKeys) else { return }
        let visits = reader.require("visits", in: entry, ": the number of visits in the cycle")
            .flatMap { reader.integer($0, entry.path("visits"), atLeast: 1) }
        var planning = PlanningSettings(visits: visits ?? 1)

        if let value = entry["budget"] {
            planning.budget = reader.number(value, entry.path("budget"), atLeast: 0)
        }
        if let value = entry["cost"],
            let costs = reader.mapping(value, entry.path("cost"), allowed: VisitType.allCases.map(\.rawValue))
        {
            for (key, _, cost) in costs.entries {
                if let number = reader.number(cost, costs.path(key), atLeast: 0) {
                    planning.cost[VisitType(rawValue: key)!] = number
                }
            }
        }
        if let value = entry["comprehensive_after_years"],
            let years = reader.number(value, entry.path("comprehensive_after_years"), atLeast: 0)
        {
            planning.comprehensiveAfterYears = years
        }
        if let value = entry["cooldown_years"],
            let years = reader.number(value, entry.path("cooldown_years"), atLeast: 0)
        {
            planning.cooldownYears = years
        }
        if let value = entry["consent"], let items = reader.sequence(value, entry.path("consent")) {
            let levels = items.enumerated().compactMap { index, item in
                reader.choice(item, "\(entry.path("consent"))[\(index)]", Consent.self)
            }
            if items.isEmpty {
                reader.error(at: value, entry.path("consent"), "no consent state is eligible; list at least one")
            }
            planning.consent = Set(levels)
        }
        if let value = entry["regions"] {
            planning.regions = readRegions(value, entry.path("regions"), locations: &planning.locations)
        }
        if let value = entry["never_visited_min"] {
            planning.neverVisitedMin = reader.integer(value, entry.path("never_visited_min"), atLeast: 0)
        }
        if let value = entry["followups_min"] {
            planning.followUpsMin = reader.integer(value, entry.path("followups_min"), atLeast: 0)
        }
        if let value = entry["reserve"], let reserve = reader.integer(value, entry.path("reserve"), atLeast: 0) {
            planning.reserve = reserve
        }
        loaded.included = readIDs(entry["include"], entry.path("include"))
        loaded.excluded = readIDs(entry["exclude"], entry.path("exclude"))
        planning.include = loaded.included.map(\.name)
        planning.exclude = loaded.excluded.map(\.name)
        for excluded in loaded.excluded where planning.include.contains(excluded.name) {
            reader.diagnostics.error(
                reader.file, line: excluded.location.line, column: excluded.location.column,
                "\(excluded.location.path): `\(excluded.name)` is both included and excluded")
        }
        for (key, keyNode, _) in entry.entries {
            planning.locations[entry.path(key)] = reader.location(of: keyNode, entry.path(key))
        }
        loaded.planning = planning
    }

    /// `regions: {Name: {min: m, max: n}}`, in the order written; where each `min` and `max` was
    /// written goes into `locations`.
    private mutating func readRegions(
        _ node: Node, _ path: String, locations: inout [String: SourceLocation]
    ) -> [(name: String, bounds: RegionBounds)] {
        guard case .mapping(let mapping) = node else {
            reader.error(
                at: node, path, "expected a mapping of region names to {min, max}, got \(reader.describe(node))")
            return []
        }
        var regions: [(name: String, bounds: RegionBounds)] = []
        for (keyNode, value) in mapping {
            guard let name = reader.text(keyNode, path) else { continue }
            let regionPath = "\(path).\(name)"
            loaded.regions.append(LoadedModel.Reference(name: name, location: reader.location(of: keyNode, regionPath)))
            guard let limits = reader.mapping(value, regionPath, allowed: ["min", "max"]) else { continue }
            var bounds = RegionBounds()
            if let min = limits["min"] { bounds.min = reader.integer(min, limits.path("min"), atLeast: 0) }
            if let max = limits["max"] { bounds.max = reader.integer(max, limits.path("max"), atLeast: 0) }
            for (key, keyNode, _) in limits.entries {
                locations[limits.path(key)] = reader.location(of: keyNode, limits.path(key))
            }
            if let min = bounds.min, let max = bounds.max, min > max {
                reader.error(at: value, regionPath, "min (\(min)) is above max (\(max))")
            }
            if limits.entries.isEmpty {
                reader.warning(at: value, regionPath, "neither `min` nor `max` is set: the region is not constrained")
            }
            regions.append((name, bounds))
        }
        return regions
    }

    /// A list of candidate ids; each is checked against states.csv once that is read.
    mutating func readIDs(_ node: Node?, _ path: String) -> [LoadedModel.Reference] {
        guard let node, let items = reader.sequence(node, path) else { return [] }
        return items.enumerated().compactMap { index, item in
            let itemPath = "\(path)[\(index)]"
            return reader.text(item, itemPath).map {
                LoadedModel.Reference(name: $0, location: reader.location(of: item, itemPath))
            }
        }
    }

    mutating func readSensitivity(_ node: Node) {
        guard let entry = reader.mapping(node, "sensitivity", allowed: Self.sensitivityKeys) else { return }
        var settings = SensitivitySettings()
        if let value = entry["samples"],
            let samples = reader.integer(
                value, entry.path("samples"), atLeast: 1, atMost: WorkLimit.samples.maximum,
                WorkLimit.samples.reason)
        {
            settings.samples = samples
        }
        if let value = entry["seed"], let seed = reader.integer(value, entry.path("seed"), atLeast: 0) {
            settings.seed = UInt64(seed)
        }
        if let value = entry["acceptability_ranks"] {
            // A whole number of ranks, or `all` (the full n × n table, when it fits).
            if value.string == "all" {
                settings.acceptabilityRanks = Int.max
            } else if let ranks = reader.integer(value, entry.path("acceptability_ranks"), atLeast: 1) {
                settings.acceptabilityRanks = ranks
            }
        }
        if let value = entry["weights"], let perturbation = readPerturbation(value, entry.path("weights")) {
            settings.perturbation = perturbation
        }
        if let value = entry["alternatives"],
            let alternatives = reader.mapping(
                value, entry.path("alternatives"), allowed: ["normalisation", "aggregation"])
        {
            if let list = alternatives["normalisation"] {
                settings.normalisations = readChoices(list, alternatives.path("normalisation"), Normalisation.self)
            }
            if let list = alternatives["aggregation"] {
                settings.aggregations = readChoices(list, alternatives.path("aggregation"), Aggregation.self)
            }
        }
        loaded.sensitivity = settings
    }

    /// `confidentiality: {protection: w}` (SPEC §8), w in (0, 1].
    mutating func readConfidentiality(_ node: Node) {
        guard let entry = reader.mapping(node, "confidentiality", allowed: ["protection"]) else { return }
        guard let value = entry["protection"], let width = reader.number(value, entry.path("protection")) else {
            return
        }
        guard width > 0, width <= 1 else {
            reader.error(
                at: value, entry.path("protection"),
                "must be a share of the normalised range in (0, 1], e.g. 0.10, got \(writtenNumber(width))")
            return
        }
        loaded.confidentiality.protection = width
    }

    /// `weights: {perturb: uniform, spread: s}` or `{perturb: dirichlet, concentration: c}`.
    private mutating func readPerturbation(_ node: Node, _ path: String) -> SensitivitySettings.Perturbation? {
        let kind = node.mapping?["perturb"]?.string ?? "uniform"
        let parameter = kind == "dirichlet" ? "concentration" : "spread"
        let other = kind == "dirichlet" ? "spread" : "concentration"
        let misplaced = [other: "belongs to `perturb: \(kind == "dirichlet" ? "uniform" : "dirichlet")`"]
        guard let entry = reader.mapping(node, path, allowed: ["perturb", parameter], misplaced: misplaced) else {
            return nil
        }
        if let value = entry["perturb"] {
            guard let name = reader.text(value, entry.path("perturb")) else { return nil }
            guard ["uniform", "dirichlet"].contains(name) else {
                reader.error(
                    at: value, entry.path("perturb"),
                    "unknown value `\(name)`"
                        + didYouMean(name, among: ["uniform", "dirichlet"]) + " (allowed: uniform, dirichlet)")
                return nil
            }
        }
        if kind == "dirichlet" {
            var concentration = 100.0
            if let value = entry["concentration"], let chosen = reader.number(value, entry.path("concentration")) {
                if chosen > 0 {
                    concentration = chosen
                } else {
                    reader.error(
                        at: value, entry.path("concentration"), "must be positive, got \(writtenNumber(chosen))")
                }
            }
            return .dirichlet(concentration: concentration)
        }
        var spread = 0.25
        if let value = entry["spread"], let chosen = reader.number(value, entry.path("spread"), atLeast: 0) {
            if chosen < 1 {
                spread = chosen
            } else {
                reader.error(
                    at: value, entry.path("spread"),
                    "must be in [0, 1) so that every weight stays positive, got \(writtenNumber(chosen))")
            }
        }
        return .uniform(spread: spread)
    }

    private mutating func readChoices<E: RawRepresentable & CaseIterable>(_ node: Node, _ path: String, _ type: E.Type)
        -> [E] where E.RawValue == String
    {
        guard let items = reader.sequence(node, path) else { return [] }
        return items.enumerated().compactMap { index, item in reader.choice(item, "\(path)[\(index)]", type) }
    }
}
