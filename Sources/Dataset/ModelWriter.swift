/// Writes a `Model` as model.yaml, in the schema `ModelLoader` reads (SPEC §3, §5, §6, §8–§12):
/// one schema, two directions. Loading what it writes gives the same model back (source
/// locations aside), which the round-trip tests check on the shipped dataset, the fixtures and
/// synthetic datasets.
///
/// The text is fixed by the model and the `Layout`: keys in a fixed order, names and rationales
/// double-quoted, ids plain when YAML reads them back as the same text, numbers as `writtenNumber`
/// writes them (shortest form that reads back to the same value), two spaces of indentation and
/// LF line ends. `scoring` states the loader's defaults (`normalisation: minmax`, `missing:
/// reweight`); a leaf setting equal to what the loader would infer is left out unless the layout
/// spells it out; the sections `sensitivity` and `confidentiality` are left out when they hold
/// their defaults, `programme` and `ledger` when absent.
public struct ModelWriter: Sendable {
    public var model: Model
    public var layout: Layout

    /// The normalisation and missing rule `scoring` states, inherited by leaves that leave them out.
    private static let scoringNormalisation = Normalisation.minmax
    private static let scoringMissing = MissingRule.reweight

    public init(_ model: Model, layout: Layout = Layout()) {
        self.model = model
        self.layout = layout
    }

    /// The text of model.yaml.
    public func yaml() -> String {
        var text = YAMLLines()
        for comment in layout.header { text.line(0, "# \(comment)") }
        text.line(0, "name: \(Self.quoted(model.name))")
        text.line(0, "as_of: \(model.asOf)")
        text.line(0, "scoring:")
        text.line(2, "aggregation: \(model.rootAggregation.rawValue)")
        text.line(2, "normalisation: \(Self.scoringNormalisation.rawValue)")
        text.line(2, "missing: \(Self.scoringMissing.rawValue)")
        if let coverage = model.screeningMinCoverage {
            text.line(2, "screening: {min_coverage: \(Self.number(coverage))}")
        }
        text.line(2, "criteria:")
        for criterion in model.criteria { write(criterion, at: 4, into: &text) }
        if let planning = model.planning {
            for comment in layout.planningComment { text.line(0, "# \(comment)") }
            write(planning, into: &text)
        }
        if model.sensitivity != SensitivitySettings() { write(model.sensitivity, into: &text) }
        if model.confidentiality != ConfidentialitySettings() {
            text.line(0, "confidentiality:")
            text.line(2, "protection: \(Self.number(model.confidentiality.protection))")
        }
        if let programme = model.programme { write(programme, into: &text) }
        if let years = model.consentValidYears {
            text.line(0, "ledger:")
            text.line(2, "consent_valid_years: \(years)")
        }
        return text.joined
    }

    // MARK: The criteria tree

    private func write(_ criterion: Criterion, at indent: Int, into text: inout YAMLLines) {
        text.line(indent, "- id: \(Self.plain(criterion.id))")
        let inner = indent + 2
        text.line(inner, "name: \(Self.quoted(criterion.name))")
        switch criterion.kind {
        case .node(let aggregation, let children):
            text.line(inner, "weight: \(Self.number(criterion.weight))")
            if let rationale = criterion.rationale { text.line(inner, "rationale: \(Self.quoted(rationale))") }
            if aggregation != model.rootAggregation { text.line(inner, "aggregation: \(aggregation.rawValue)") }
            text.line(inner, "criteria:")
            for child in children { write(child, at: inner + 2, into: &text) }
        case .leaf(let leaf):
            let spelledOut = layout.spelledOut(leaf.source)
            writeSource(of: leaf, spelledOut: spelledOut, at: inner, into: &text)
            text.line(inner, "weight: \(Self.number(criterion.weight))")
            if let rationale = criterion.rationale { text.line(inner, "rationale: \(Self.quoted(rationale))") }
            writeSettings(of: leaf, spelledOut: spelledOut, at: inner, into: &text)
        }
    }

    /// The keys that say where a leaf's values come from, written before its weight.
    private func writeSource(of leaf: Leaf, spelledOut: Set<LeafSetting>, at indent: Int, into text: inout YAMLLines) {
        switch leaf.source {
        case .indicator(let column):
            text.line(indent, "indicator: \(Self.plain(column))")
            if let denominator = leaf.denominator {
                text.line(indent, "denominator: \(Self.plain(denominator))")
                if leaf.denominatorScale != 1 {
                    text.line(indent, "denominator_scale: \(Self.number(leaf.denominatorScale))")
                }
            }
        case .signal(let kind, let indicator, let window, let fill):
            text.line(indent, "signal: \(kind.rawValue)")
            text.line(indent, "indicator: \(Self.plain(indicator))")
            if window != 5 || spelledOut.contains(.window) { text.line(indent, "window: \(window)") }
            if fill != .zero || spelledOut.contains(.fill) { text.line(indent, "fill: \(fill.rawValue)") }
        case .engagement(let feature):
            text.line(indent, "engagement: \(feature.name)")
        }
    }

    /// How the leaf's values become a priority, after its rationale.
    private func writeSettings(
        of leaf: Leaf, spelledOut: Set<LeafSetting>, at indent: Int,
        into text: inout YAMLLines
    ) {
        func wanted(_ setting: LeafSetting, differs: Bool) -> Bool { differs || spelledOut.contains(setting) }
        if wanted(.direction, differs: leaf.direction != .risk) {
            text.line(indent, "direction: \(leaf.direction.rawValue)")
        }
        if case .engagement(.yearsSinceVisit(let cap)) = leaf.source, wanted(.cap, differs: cap != 10) {
            text.line(indent, "cap: \(Self.number(cap))")
        }
        if wanted(.normalisation, differs: leaf.normalisation != Self.scoringNormalisation) {
            text.line(indent, "normalisation: \(leaf.normalisation.rawValue)")
        }
        if let bounds = leaf.goalposts { text.line(indent, "goalposts: \(Self.interval(bounds))") }
        if wanted(.missing, differs: leaf.missing != Self.scoringMissing) {
            text.line(indent, "missing: \(leaf.missing.rawValue)")
        }
        if leaf.logTransform { text.line(indent, "transform: log") }
        if let bounds = leaf.winsorise { text.line(indent, "winsorise: \(Self.interval(bounds))") }
        if leaf.confidential { text.line(indent, "confidential: true") }
        if case .engagement(.consent(let levels)) = leaf.source,
            wanted(.levels, differs: levels != EngagementFeature.defaultConsentLevels)
        {
            let pairs = Consent.allCases.compactMap { consent in
                levels[consent].map { "\(consent.rawValue): \(Self.number($0))" }
            }
            text.line(indent, "levels: {\(pairs.joined(separator: ", "))}")
        }
        if case .engagement(.followUpDue(let months)) = leaf.source, wanted(.months, differs: months != 12) {
            text.line(indent, "months: \(months)")
        }
        if let treatment = leaf.treatment {
            text.line(indent, "treatment: \(treatment == .auto ? "auto" : Self.mapping(treatment))")
        }
    }

    // MARK: Sections

    private func write(_ planning: PlanningSettings, into text: inout YAMLLines) {
        text.line(0, "planning:")
        text.line(2, "visits: \(planning.visits)")
        if let budget = planning.budget { text.line(2, "budget: \(Self.number(budget))") }
        let costs = VisitType.allCases.compactMap { type in
            planning.cost[type].map { "\(type.rawValue): \(Self.number($0))" }
        }
        text.line(2, "cost: {\(costs.joined(separator: ", "))}")
        text.line(2, "comprehensive_after_years: \(Self.number(planning.comprehensiveAfterYears))")
        text.line(2, "cooldown_years: \(Self.number(planning.cooldownYears))")
        let consent = Consent.allCases.filter(planning.consent.contains).map(\.rawValue)
        text.line(2, "consent: [\(consent.joined(separator: ", "))]")
        if !planning.regions.isEmpty {
            text.line(2, "regions:")
            for (name, bounds) in planning.regions {
                var limits: [String] = []
                if let min = bounds.min { limits.append("min: \(min)") }
                if let max = bounds.max { limits.append("max: \(max)") }
                text.line(4, "\(Self.plain(name)): {\(limits.joined(separator: ", "))}")
            }
        }
        if let minimum = planning.neverVisitedMin { text.line(2, "never_visited_min: \(minimum)") }
        if let minimum = planning.followUpsMin { text.line(2, "followups_min: \(minimum)") }
        if !planning.include.isEmpty { text.line(2, "include: \(Self.list(planning.include))") }
        if !planning.exclude.isEmpty { text.line(2, "exclude: \(Self.list(planning.exclude))") }
        text.line(2, "reserve: \(planning.reserve)")
    }

    private func write(_ sensitivity: SensitivitySettings, into text: inout YAMLLines) {
        text.line(0, "sensitivity:")
        text.line(2, "samples: \(sensitivity.samples)")
        text.line(2, "seed: \(sensitivity.seed)")
        switch sensitivity.perturbation {
        case .uniform(let spread):
            text.line(2, "weights: {perturb: uniform, spread: \(Self.number(spread))}")
        case .dirichlet(let concentration):
            text.line(2, "weights: {perturb: dirichlet, concentration: \(Self.number(concentration))}")
        }
        if !sensitivity.normalisations.isEmpty || !sensitivity.aggregations.isEmpty {
            text.line(2, "alternatives:")
            if !sensitivity.normalisations.isEmpty {
                text.line(4, "normalisation: \(Self.list(sensitivity.normalisations.map(\.rawValue)))")
            }
            if !sensitivity.aggregations.isEmpty {
                text.line(4, "aggregation: \(Self.list(sensitivity.aggregations.map(\.rawValue)))")
            }
        }
        if let ranks = sensitivity.acceptabilityRanks {
            text.line(2, "acceptability_ranks: \(ranks == Int.max ? "all" : String(ranks))")
        }
    }

    private func write(_ programme: ProgrammeSettings, into text: inout YAMLLines) {
        text.line(0, "programme:")
        text.line(2, "years: \(programme.years)")
        text.line(2, "discount: \(Self.number(programme.discount))")
        if let within = programme.neverVisitedWithin { text.line(2, "never_visited_within: \(within)") }
        for (key, lists) in [("include", programme.include), ("exclude", programme.exclude)] where !lists.isEmpty {
            let years = lists.keys.sorted().map { "\($0): \(Self.list(lists[$0] ?? []))" }
            text.line(2, "\(key): {\(years.joined(separator: ", "))}")
        }
    }

    // MARK: Scalars

    /// A number as the loader's messages write it, with a `.0` before an exponent so that YAML
    /// reads it as a float (`1e-05` would be text).
    static func number(_ value: Double) -> String {
        let text = writtenNumber(value)
        guard let exponent = text.firstIndex(where: { $0 == "e" || $0 == "E" }), !text.contains(".") else {
            return text
        }
        return String(text[..<exponent]) + ".0" + String(text[exponent...])
    }

    /// A double-quoted YAML string: every character as written, but for the backslash, the quote
    /// and control characters, which are escaped.
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": result += "\\\\"
            case "\"": result += "\\\""
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case "\r": result += "\\r"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F || (0x80..<0xA0).contains(scalar.value):
                result += "\\x" + String(scalar.value, radix: 16).leftPadded(to: 2)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }

    /// An id, a column or a region name: plain when YAML reads it back as the same text (letters,
    /// digits, `_`, `-`, `.` and inner spaces, starting with a letter or `_`, and not a word YAML
    /// reads as a boolean or null), quoted otherwise.
    static func plain(_ text: String) -> String {
        let allowed = text.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII
                && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
                    || "_-. ".unicodeScalars.contains(scalar))
        }
        let first = text.unicodeScalars.first
        let startsWell = first.map { $0 == "_" || ($0.isASCII && $0.properties.isAlphabetic) } ?? false
        let special = ["y", "n", "yes", "no", "on", "off", "true", "false", "null"].contains(text.lowercased())
        return allowed && startsWell && !special && !text.hasSuffix(" ") ? text : quoted(text)
    }

    /// `[a, b, c]`, each item plain or quoted.
    private static func list(_ items: [String]) -> String { "[\(items.map(plain).joined(separator: ", "))]" }

    private static func interval(_ bounds: (low: Double, high: Double)) -> String {
        "[\(number(bounds.low)), \(number(bounds.high))]"
    }

    private static func mapping(_ treatment: Treatment) -> String {
        "{max_points: \(treatment.maxPoints), skew: \(number(treatment.skew)), kurtosis: \(number(treatment.kurtosis)), "
            + "fallback: \(treatment.fallback.rawValue)}"
    }
}

/// The lines of a YAML text being written.
private struct YAMLLines {
    private var lines: [String] = []

    mutating func line(_ indent: Int, _ text: String) {
        lines.append(String(repeating: " ", count: indent) + text)
    }

    /// The lines joined, each ending in LF.
    var joined: String { lines.joined(separator: "\n") + "\n" }
}

extension String {
    /// The text with zeros in front up to `width` characters.
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
