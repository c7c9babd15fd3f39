import Yams

/// model.yaml as read, before the cross-checks against the CSV files.
struct LoadedModel {
    /// A place in model.yaml that names something another file must provide.
    struct Reference {
        /// The name: an indicator column, an events.csv indicator, a candidate id or a region.
        var name: String
        /// The `id` of the leaf that holds the reference (empty outside the criteria tree).
        var criterion: String = ""
        var location: SourceLocation
    }

    var name: String
    var asOf: CalendarDate?
    var criteria: [Criterion] = []
    var consentValidYears: Int?
    var rootAggregation: Aggregation = .arithmetic
    var planning: PlanningSettings?
    var sensitivity = SensitivitySettings()
    var confidentiality = ConfidentialitySettings()
    var programme: ProgrammeSettings?
    var screeningMinCoverage: Double?

    /// The `indicator:` of every indicator leaf, at its value.
    var indicatorColumns: [Reference] = []
    /// The `denominator:` of every indicator leaf that has one, at its value.
    var denominatorColumns: [Reference] = []
    /// The `indicator:` of every signal leaf, at its value.
    var eventIndicators: [Reference] = []
    /// Every id of `planning.include` and `planning.exclude`, and every region of `planning.regions`.
    var included: [Reference] = []
    var excluded: [Reference] = []
    var regions: [Reference] = []

    /// The model, when as_of could be read.
    var model: Model? {
        guard let asOf else { return nil }
        var model = Model(
            name: name, asOf: asOf, criteria: criteria, rootAggregation: rootAggregation,
            planning: planning, sensitivity: sensitivity, confidentiality: confidentiality)
        model.programme = programme
        model.consentValidYears = consentValidYears
        model.screeningMinCoverage = screeningMinCoverage
        return model
    }

    /// Every leaf in the tree, depth first, in written order.
    var leaves: [(criterion: Criterion, leaf: Leaf)] {
        func walk(_ criteria: [Criterion]) -> [(criterion: Criterion, leaf: Leaf)] {
            criteria.flatMap { criterion in
                criterion.leaf.map { [(criterion, $0)] } ?? walk(criterion.children)
            }
        }
        return walk(criteria)
    }
}

/// Reads model.yaml (SPEC §3, §5, §6) into a `LoadedModel`, collecting every problem.
struct ModelLoader {
    var reader: YAMLReader
    var loaded: LoadedModel
    /// scoring's defaults, inherited by every node and leaf that does not override them.
    private var defaultNormalisation = Normalisation.minmax
    private var defaultMissing = MissingRule.reweight
    private var defaultTreatment: Treatment?
    /// Criterion ids seen so far, where they were first written.
    private var ids: [String: Node] = [:]

    static let rootKeys = [
        "name", "as_of", "scoring", "planning", "sensitivity", "confidentiality", "programme", "ledger",
    ]
    static let scoringKeys = ["aggregation", "normalisation", "missing", "treatment", "screening", "criteria"]
    static let nodeKeys = ["id", "name", "weight", "rationale", "aggregation", "criteria"]
    static let sourceKeys = ["indicator", "signal", "engagement"]
    static let commonLeafKeys = [
        "id", "name", "weight", "rationale", "direction", "normalisation", "missing", "transform",
        "winsorise", "goalposts", "confidential", "treatment",
    ]
    static let engagementNames = ["never-visited", "years-since-visit", "prior-request", "consent", "followup-due"]

    /// Where a leaf key that is not allowed on this leaf does belong.
    private static let leafOnlyPlaces: [String: String] = [
        "window": "applies only to `signal` leaves",
        "fill": "applies only to `signal` leaves",
        "cap": "applies only to `engagement: years-since-visit` leaves",
        "levels": "applies only to `engagement: consent` leaves",
        "months": "applies only to `engagement: followup-due` leaves",
        "aggregation": "applies to nodes (entries with `criteria`), not to leaves",
        "denominator": "applies only to `indicator` leaves (a column of indicators.csv divided by another)",
        "denominator_scale": "applies only to `indicator` leaves with a `denominator`",
    ]

    /// The most values (scalars, lists and mappings, aliases expanded) a model.yaml may hold.
    static let maximumValues = 200_000

    /// The longest signal `window` and followup-due `months`: a century of monthly periods. The
    /// window sizes a window × candidates matrix, and months are added to dates; without a bound
    /// `window: 9223372036854775807` overflowed the allocation and `months:` the date arithmetic
    /// (both found by boundary values run through the fuzz target Fuzz/Model).
    static let maximumPeriods = 1_200

    /// Reads the YAML text of model.yaml.
    ///
    /// - Parameter defaultName: the model's name when model.yaml has no `name`.
    /// - Returns: the model as far as it could be read (nil when the YAML itself is broken), and
    ///   every problem found.
    static func load(yaml: String, file: String, defaultName: String) -> (LoadedModel?, [Diagnostic]) {
        var loader = ModelLoader(file: file, name: defaultName)
        let (root, problem) = YAMLReader.documentRoot(
            yaml: yaml, file: file, whenEmpty: "the file is empty: `as_of` and `scoring` are required",
            whenTooLarge:
                "the document holds more than \(Self.maximumValues) values once its aliases (`*name`) are expanded; write the model without aliases that repeat large parts"
        )
        guard let root else { return (nil, problem.map { [$0] } ?? []) }
        loader.readRoot(root)
        return (loader.loaded, loader.reader.diagnostics)
    }

    init(file: String, name: String) {
        reader = YAMLReader(file: file)
        loaded = LoadedModel(name: name)
    }

    // MARK: Root and scoring

    mutating func readRoot(_ node: Node) {
        guard let root = reader.mapping(node, "", allowed: Self.rootKeys) else { return }
        if let name = root["name"], let text = reader.text(name, "name") { loaded.name = text }
        if let asOf = reader.require("as_of", in: root, ": the reference date YYYY-MM-DD") {
            loaded.asOf = reader.date(asOf, "as_of")
        }
        if let scoring = reader.require("scoring", in: root, " with the criteria tree") {
            readScoring(scoring)
        }
        if let planning = root["planning"] {
            readPlanning(planning)
            let key = root.entries.first { $0.key == "planning" }?.keyNode
            loaded.planning?.locations["planning"] = reader.location(of: key, "planning")
        }
        if let sensitivity = root["sensitivity"] { readSensitivity(sensitivity) }
        if let confidentiality = root["confidentiality"] { readConfidentiality(confidentiality) }
        if let programme = root["programme"] {
            readProgramme(programme)
            let key = root.entries.first { $0.key == "programme" }?.keyNode
            loaded.programme?.locations["programme"] = reader.location(of: key, "programme")
        }
        if let ledger = root["ledger"] { readLedger(ledger) }
    }

    private mutating func readScoring(_ node: Node) {
        guard let scoring = reader.mapping(node, "scoring", allowed: Self.scoringKeys) else { return }
        if let value = scoring["aggregation"],
            let aggregation = reader.choice(value, scoring.path("aggregation"), Aggregation.self)
        {
            loaded.rootAggregation = aggregation
        }
        if let value = scoring["normalisation"],
            let normalisation = reader.choice(value, scoring.path("normalisation"), Normalisation.self)
        {
            defaultNormalisation = normalisation
        }
        if let value = scoring["missing"], let missing = reader.choice(value, scoring.path("missing"), MissingRule.self)
        {
            defaultMissing = missing
        }
        if let value = scoring["treatment"] {
            defaultTreatment = readTreatment(value, scoring.path("treatment")) ?? nil
        }
        if let value = scoring["screening"] { readScreening(value, scoring.path("screening")) }
        if let criteria = reader.require("criteria", in: scoring, ": the list of top-level criteria") {
            loaded.criteria = readCriteria(criteria, scoring.path("criteria"), under: loaded.rootAggregation)
        }
    }

    // MARK: The criteria tree

    /// Reads the children of a node whose aggregation is `aggregation`, and checks what depends on
    /// the siblings together: their weights and what the parent's aggregation accepts.
    private mutating func readCriteria(_ node: Node, _ path: String, under aggregation: Aggregation) -> [Criterion] {
        guard let items = reader.sequence(node, path) else { return [] }
        guard !items.isEmpty else {
            reader.error(at: node, path, "a node needs at least one criterion")
            return []
        }
        var children: [Criterion] = []
        var weightsRead = true
        for (index, item) in items.enumerated() {
            let itemPath = "\(path)[\(index)]"
            guard let criterion = readCriterion(item, itemPath, under: aggregation) else {
                weightsRead = false
                continue
            }
            children.append(criterion)
        }
        if weightsRead, children.allSatisfy({ $0.weight == 0 }) {
            reader.error(at: node, path, "every weight is zero; at least one criterion needs a positive weight")
        } else if weightsRead, !children.reduce(0, { $0 + $1.weight }).isFinite {
            // Each weight is finite, but normalising divides by their sum: 1e308 + 1e308 is inf.
            reader.error(
                at: node, path, "the weights sum to more than the largest number (about 1.8e308); scale them down")
        }
        return children
    }

    private mutating func readCriterion(_ node: Node, _ path: String, under parent: Aggregation) -> Criterion? {
        guard case .mapping = node else {
            reader.error(
                at: node, path,
                "expected a criterion (a mapping with `id` and `criteria` or a source), got \(reader.describe(node))")
            return nil
        }
        let keys = Set(node.mapping!.keys.compactMap(\.string))
        return keys.contains("criteria") ? readNode(node, path) : readLeaf(node, path, under: parent)
    }

    /// Reads `id`, `name`, `weight` and `rationale`, shared by nodes and leaves.
    private mutating func readIdentity(_ entry: YAMLReader.Mapping)
        -> (id: String, name: String?, weight: Double, rationale: String?)?
    {
        var weight = 1.0
        if let value = entry["weight"] {
            // A bad weight is reported and read as 1, so the sibling check below still runs.
            weight = reader.number(value, entry.path("weight"), atLeast: 0) ?? 1
        }
        let name = entry["name"].flatMap { reader.text($0, entry.path("name")) }
        let rationale = entry["rationale"].flatMap { reader.text($0, entry.path("rationale")) }
        guard let idNode = reader.require("id", in: entry), let id = reader.text(idNode, entry.path("id")) else {
            return nil
        }
        if id.isEmpty {
            reader.error(at: idNode, entry.path("id"), "the id is empty")
        } else if id == "root" {
            reader.error(
                at: idNode, entry.path("id"), "`root` is reserved for the implicit root node; choose another id")
        } else if let first = ids[id] {
            reader.error(
                at: idNode, entry.path("id"),
                "duplicate id `\(id)` (first used at line \(first.mark?.line ?? 0)); ids must be unique over the whole tree"
            )
        } else {
            ids[id] = idNode
        }
        return (id, name, weight, rationale)
    }

    private mutating func readNode(_ node: Node, _ path: String) -> Criterion? {
        var misplaced: [String: String] = [:]
        for key in Self.commonLeafKeys + Self.sourceKeys + Array(Self.leafOnlyPlaces.keys)
        where !Self.nodeKeys.contains(key) {
            misplaced[key] =
                "applies to leaves; a node (an entry with `criteria`) takes only \(Self.nodeKeys.joined(separator: ", "))"
        }
        guard let entry = reader.mapping(node, path, allowed: Self.nodeKeys, misplaced: misplaced) else { return nil }
        var aggregation = loaded.rootAggregation
        if let value = entry["aggregation"],
            let chosen = reader.choice(value, entry.path("aggregation"), Aggregation.self)
        {
            aggregation = chosen
        }
        let identity = readIdentity(entry)
        let children = entry["criteria"].map { readCriteria($0, entry.path("criteria"), under: aggregation) } ?? []
        guard let identity else { return nil }
        return Criterion(
            id: identity.id, name: identity.name, weight: identity.weight, rationale: identity.rationale,
            kind: .node(aggregation: aggregation, children: children),
            location: reader.location(of: node, path))
    }

    private mutating func readLeaf(_ node: Node, _ path: String, under parent: Aggregation) -> Criterion? {
        let keys = Set(node.mapping!.keys.compactMap(\.string))
        // The source decides which keys the leaf may have.
        var allowed = Self.commonLeafKeys
        let engagementName = node.mapping!["engagement"]?.string
        if keys.contains("engagement") {
            allowed.append("engagement")
            switch engagementName {
            case "years-since-visit": allowed.append("cap")
            case "consent": allowed.append("levels")
            case "followup-due": allowed.append("months")
            default: break
            }
        } else if keys.contains("signal") {
            allowed += ["signal", "indicator", "window", "fill"]
        } else {
            allowed += ["indicator", "denominator", "denominator_scale"]
        }
        var misplaced = Self.leafOnlyPlaces.filter { !allowed.contains($0.key) }
        if keys.contains("engagement") {
            misplaced["indicator"] = "cannot go with `engagement`: a leaf has exactly one source"
            misplaced["signal"] = "cannot go with `engagement`: a leaf has exactly one source"
        }
        guard let entry = reader.mapping(node, path, allowed: allowed, misplaced: misplaced) else { return nil }
        let identity = readIdentity(entry)

        let source = readSource(entry)
        var leaf = Leaf(
            source: source ?? .engagement(.neverVisited), normalisation: defaultNormalisation,
            missing: defaultMissing)
        if let value = entry["direction"], let direction = reader.choice(value, entry.path("direction"), Direction.self)
        {
            leaf.direction = direction
        }
        if let value = entry["normalisation"],
            let normalisation = reader.choice(value, entry.path("normalisation"), Normalisation.self)
        {
            leaf.normalisation = normalisation
        }
        if let value = entry["missing"], let missing = reader.choice(value, entry.path("missing"), MissingRule.self) {
            leaf.missing = missing
        }
        if let value = entry["transform"], let transform = reader.text(value, entry.path("transform")) {
            if transform == "log" {
                leaf.logTransform = true
            } else {
                reader.error(at: value, entry.path("transform"), "unknown transform `\(transform)` (allowed: log)")
            }
        }
        if let value = entry["winsorise"],
            let bounds = reader.interval(value, entry.path("winsorise"), example: "[p_lo, p_hi]")
        {
            if bounds.low < 0 || bounds.high > 1 {
                reader.error(
                    at: value, entry.path("winsorise"),
                    "quantiles must satisfy 0 ≤ p_lo < p_hi ≤ 1, got [\(writtenNumber(bounds.low)), \(writtenNumber(bounds.high))]"
                )
            } else {
                leaf.winsorise = bounds
            }
        }
        if let value = entry["goalposts"],
            let bounds = reader.interval(value, entry.path("goalposts"), example: "[lo, hi]")
        {
            leaf.goalposts = bounds
            if leaf.normalisation != .goalposts {
                reader.warning(
                    at: value, entry.path("goalposts"),
                    "ignored: the leaf's normalisation is `\(leaf.normalisation.rawValue)`, not `goalposts`")
            }
        }
        if let value = entry["confidential"], let confidential = reader.boolean(value, entry.path("confidential")) {
            leaf.confidential = confidential
        }
        readDenominator(entry, into: &leaf)
        if let value = entry["treatment"] {
            // Read even beside `winsorise`, so that a bad value is reported too.
            let treatment = readTreatment(value, entry.path("treatment"))
            if let treatment, treatment != nil, entry["winsorise"] != nil {
                reader.error(
                    at: value, entry.path("treatment"),
                    "a leaf takes `treatment` or `winsorise`, not both: both clamp outliers before normalisation (write `treatment: none` beside `winsorise` to switch off the `scoring.treatment` default)"
                )
            } else if let treatment {
                leaf.treatment = treatment
            }
        } else if entry["winsorise"] == nil {
            // The default does not replace a leaf's own `winsorise` (SPEC §12: treat *or* winsorise).
            leaf.treatment = defaultTreatment
        }
        if leaf.normalisation == .goalposts, entry["goalposts"] == nil {
            let inherited = entry["normalisation"] == nil ? " (the default set by scoring.normalisation)" : ""
            reader.error(
                at: entry["normalisation"] ?? node, path,
                "the `goalposts` normalisation\(inherited) needs `goalposts: [lo, hi]`")
        }
        checkLeaf(leaf, under: parent, entry)

        guard let identity, source != nil else { return nil }
        return Criterion(
            id: identity.id, name: identity.name, weight: identity.weight, rationale: identity.rationale,
            kind: .leaf(leaf), location: reader.location(of: node, path))
    }

    /// Reads the leaf's one source and the keys that go with it.
    private mutating func readSource(_ entry: YAMLReader.Mapping) -> LeafSource? {
        if let value = entry["engagement"] {
            return readEngagement(value, entry)
        }
        if let value = entry["signal"] {
            let kind = reader.choice(value, entry.path("signal"), SignalKind.self)
            var window = 5
            if let node = entry["window"],
                let chosen = reader.integer(
                    node, entry.path("window"), atLeast: 1, atMost: Self.maximumPeriods,
                    "a century of monthly periods")
            {
                window = chosen
                let needed = kind == .trend ? 2 : kind == .anomaly ? 3 : 1
                if window < needed {
                    reader.error(
                        at: node, entry.path("window"),
                        "a `\(kind!.rawValue)` signal needs a window of at least \(needed) periods, got \(window)")
                }
            }
            var fill = SignalFill.zero
            if let node = entry["fill"], let chosen = reader.choice(node, entry.path("fill"), SignalFill.self) {
                fill = chosen
            }
            guard
                let indicatorNode = reader.require(
                    "indicator", in: entry, ": the events.csv indicator the signal is derived from"),
                let indicator = reader.text(indicatorNode, entry.path("indicator")), let kind
            else { return nil }
            loaded.eventIndicators.append(reference(indicator, entry, at: indicatorNode, "indicator"))
            return .signal(kind, indicator: indicator, window: window, fill: fill)
        }
        if let value = entry["indicator"] {
            guard let column = reader.text(value, entry.path("indicator")) else { return nil }
            loaded.indicatorColumns.append(reference(column, entry, at: value, "indicator"))
            return .indicator(column)
        }
        reader.error(
            at: entry.node, entry.path,
            "a criterion needs `criteria` (a node) or one source: `indicator`, `signal` or `engagement` (a leaf)")
        return nil
    }

    private mutating func readEngagement(_ value: Node, _ entry: YAMLReader.Mapping) -> LeafSource? {
        guard let name = reader.text(value, entry.path("engagement")) else { return nil }
        switch name {
        case "never-visited":
            return .engagement(.neverVisited)
        case "prior-request":
            return .engagement(.priorRequest)
        case "years-since-visit":
            var cap = 10.0
            if let node = entry["cap"], let chosen = reader.number(node, entry.path("cap")) {
                if chosen > 0 {
                    cap = chosen
                } else {
                    reader.error(at: node, entry.path("cap"), "must be positive, got \(writtenNumber(chosen))")
                }
            }
            return .engagement(.yearsSinceVisit(cap: cap))
        case "consent":
            var levels = EngagementFeature.defaultConsentLevels
            if let node = entry["levels"],
                let map = reader.mapping(node, entry.path("levels"), allowed: Consent.allCases.map(\.rawValue))
            {
                for (key, _, level) in map.entries {
                    if let number = reader.number(level, map.path(key)) { levels[Consent(rawValue: key)!] = number }
                }
            }
            return .engagement(.consent(levels: levels))
        case "followup-due":
            var months = 12
            if let node = entry["months"],
                let chosen = reader.integer(
                    node, entry.path("months"), atLeast: 0, atMost: Self.maximumPeriods, "a century")
            {
                months = chosen
            }
            return .engagement(.followUpDue(months: months))
        default:
            reader.error(
                at: value, entry.path("engagement"),
                "unknown engagement feature `\(name)`"
                    + didYouMean(name, among: Self.engagementNames)
                    + " (allowed: \(Self.engagementNames.joined(separator: ", ")))")
            return nil
        }
    }

    /// Checks what the parent node's aggregation requires of a leaf directly under it (SPEC §3).
    private mutating func checkLeaf(_ leaf: Leaf, under parent: Aggregation, _ entry: YAMLReader.Mapping) {
        if parent == .topsis, leaf.missing == .reweight {
            reader.error(
                at: entry["missing"] ?? entry.node, entry.path,
                "a topsis node does not accept `missing: reweight` children; give this leaf another `missing` rule (mean, region-mean, min, max, zero or error)"
            )
        }
        guard parent == .geometric else { return }
        // A geometric mean needs non-negative children; these normalisations can go below zero.
        let at = entry["normalisation"] ?? entry.node
        switch (leaf.normalisation, leaf.direction) {
        case (.zscore, _):
            reader.error(
                at: at, entry.path,
                "a `zscore` leaf cannot be under a geometric node: z-scores are negative below the mean")
        case (.none, .protective), (.vector, .protective):
            reader.error(
                at: at, entry.path,
                "a protective `\(leaf.normalisation.rawValue)` leaf cannot be under a geometric node: its values are negated"
            )
        default:
            break
        }
    }

    private func reference(_ name: String, _ entry: YAMLReader.Mapping, at node: Node, _ key: String)
        -> LoadedModel.Reference
    {
        let id = entry["id"]?.string ?? ""
        return LoadedModel.Reference(name: name, criterion: id, location: reader.location(of: node, entry.path(key)))
    }

    // MARK: Syntax errors

    /// A diagnostic for the error Yams reports, at the line and column where it found it.
    static func syntaxError(_ error: any Error, yaml: String, file: String) -> Diagnostic {
        guard let error = error as? YamlError else {
            return Diagnostic(file: file, .error, "YAML: \(error)")
        }
        switch error {
        case .scanner(let context, let problem, let mark, _),
            .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let during = context.map { " (\($0.text) at line \($0.mark.line))" } ?? ""
            let place = withinText(line: mark.line, column: mark.column, yaml)
            return Diagnostic(
                file: file, line: place.line, column: place.column, .error, "YAML syntax: \(problem)\(during)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.map { "`\($0)`" }.joined(separator: ", ")
            return Diagnostic(
                file: file, line: context.mark.line, column: context.mark.column, .error,
                "key \(keys) appears twice in the same mapping (the first is here)")
        case .reader(let problem, let offset, _, _):
            let line = offset.map { yaml.utf8.prefix($0).reduce(1) { $1 == 0x0A ? $0 + 1 : $0 } } ?? 0
            return Diagnostic(file: file, line: line, .error, "YAML: \(problem)")
        default:
            return Diagnostic(file: file, .error, "YAML: \(error)")
        }
    }

    /// The place of a syntax error, moved to the end of the last line when it lies past it.
    ///
    /// libyaml ends a stream whose last line has no line break by moving to a new line, so an
    /// error found at the very end of such a file is one line past the file (found by fuzzing:
    /// `model.yaml:7:1` in a file of 6 lines). Lines are counted as libyaml counts them: LF, CR,
    /// CRLF, NEL, LS and PS each end one; columns are characters.
    ///
    /// - Complexity: O(n) for n characters, and only for a file that failed to parse.
    private static func withinText(line: Int, column: Int, _ yaml: String) -> (line: Int, column: Int) {
        var lines = 1
        var lastLineLength = 0
        var previousWasCR = false
        for c in yaml.unicodeScalars {
            switch c {
            case "\n" where previousWasCR:
                break  // the LF of a CRLF
            case "\n", "\r", "\u{85}", "\u{2028}", "\u{2029}":
                lines += 1
                lastLineLength = 0
            default:
                lastLineLength += 1
            }
            previousWasCR = c == "\r"
        }
        return line > lines ? (lines, lastLineLength + 1) : (line, column)
    }
}
