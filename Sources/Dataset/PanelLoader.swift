import Yams

extension Panel {
    /// The file name of the committee's weights in a dataset folder.
    public static let fileName = "panel.yaml"

    /// Reads `panel.yaml` of a dataset folder against the model's criteria tree.
    ///
    /// - Returns: nil when the folder has no panel.yaml.
    /// - Throws: `DatasetError` with every problem found, each at `panel.yaml:line:column`.
    public static func load(directory: String, model: Model) throws -> Panel? {
        let file = directory + "/" + fileName
        let bytes: [UInt8]
        do {
            bytes = try InputFile.bytes(atPath: file)
        } catch .missing {
            return nil
        } catch {
            throw DatasetError([Diagnostic(file: file, .error, error.description)])
        }
        guard var yaml = String(validating: bytes, as: UTF8.self) else {
            throw DatasetError([Diagnostic(file: file, .error, "the file is not valid UTF-8 (save it as UTF-8)")])
        }
        if yaml.unicodeScalars.first == "\u{FEFF}" { yaml.unicodeScalars.removeFirst() }
        let (panel, diagnostics) = load(yaml: yaml, file: file, model: model)
        guard let panel, !diagnostics.contains(where: { $0.severity == .error }) else {
            throw DatasetError(diagnostics)
        }
        return panel
    }

    /// Reads the YAML text of panel.yaml, collecting every problem.
    ///
    /// - Returns: the panel as far as it could be read (nil when the YAML itself is broken), and
    ///   every problem found: each names the member, the node and, for a matrix, the cell.
    public static func load(yaml: String, file: String, model: Model) -> (Panel?, [Diagnostic]) {
        let (root, problem) = YAMLReader.documentRoot(
            yaml: yaml, file: file, whenEmpty: "the file is empty: `members` is required",
            whenTooLarge:
                "the document holds more than \(ModelLoader.maximumValues) values once its aliases are expanded")
        guard let root else { return (nil, problem.map { [$0] } ?? []) }
        var loader = PanelLoader(file: file, model: model)
        let panel = loader.readRoot(root)
        return (panel, loader.reader.diagnostics)
    }
}

/// Reads panel.yaml (SPEC §11) against the model's tree, collecting every problem.
struct PanelLoader {
    var reader: YAMLReader
    /// Every node id of the tree (`root` first) → its children's ids (empty for a leaf).
    let children: [String: [String]]
    /// Every node id but the root → its parent's id.
    let parent: [String: String]
    /// Node ids in the tree's order, for suggestions.
    let nodeIDs: [String]

    static let rootKeys = ["members"]
    static let memberKeys = ["id", "name", "weights", "pairwise"]
    static let comparisonKeys = ["node", "matrix"]
    /// Saaty's scale: 1/9 … 9.
    static let scale: ClosedRange<Double> = (1.0 / 9)...9
    /// How far a written judgement may stray from the scale's bounds and from reciprocity: 1%, so
    /// `0.33` stands for 1/3 and `0.111` for 1/9 (fractions `a/b` are exact).
    static let tolerance = 0.01
    /// The largest matrix: Saaty's random indices go to n = 10.
    static let largestComparison = 10

    init(file: String, model: Model) {
        reader = YAMLReader(file: file)
        var children: [String: [String]] = [:]
        var parent: [String: String] = [:]
        var ids: [String] = []
        func walk(_ criterion: Criterion) {
            ids.append(criterion.id)
            children[criterion.id] = criterion.children.map(\.id)
            for child in criterion.children {
                parent[child.id] = criterion.id
                walk(child)
            }
        }
        walk(model.root)
        self.children = children
        self.parent = parent
        nodeIDs = ids
    }

    mutating func readRoot(_ node: Node) -> Panel? {
        guard let root = reader.mapping(node, "", allowed: Self.rootKeys),
            let list = reader.require(
                "members", in: root, ": a list of members, each with `id` and `weights` or `pairwise`"),
            let items = reader.sequence(list, "members")
        else { return nil }
        if items.isEmpty { reader.error(at: list, "members", "the committee has no members") }
        var members: [PanelMember] = []
        var seen: [String: Int] = [:]
        for (index, item) in items.enumerated() {
            guard let member = readMember(item, "members[\(index)]") else { continue }
            if let first = seen[member.id] {
                reader.error(
                    at: item, "members[\(index)]", "member id `\(member.id)` is used twice (first at members[\(first)])"
                )
            } else {
                seen[member.id] = index
            }
            members.append(member)
        }
        return Panel(members: members)
    }

    private mutating func readMember(_ node: Node, _ path: String) -> PanelMember? {
        guard let entry = reader.mapping(node, path, allowed: Self.memberKeys) else { return nil }
        guard let idNode = reader.require("id", in: entry), let id = reader.text(idNode, entry.path("id")) else {
            return nil
        }
        let name = entry["name"].flatMap { reader.text($0, entry.path("name")) }
        let who = "member `\(id)`"
        var comparisons: [PairwiseComparison] = []
        if let list = entry["pairwise"], let items = reader.sequence(list, entry.path("pairwise")) {
            for (index, item) in items.enumerated() {
                let itemPath = entry.path("pairwise") + "[\(index)]"
                guard let comparison = readComparison(item, itemPath, who: who) else { continue }
                if comparisons.contains(where: { $0.node == comparison.node }) {
                    reader.error(at: item, itemPath, "\(who) compares the children of node `\(comparison.node)` twice")
                    continue
                }
                comparisons.append(comparison)
            }
        }
        var weights: [NodeWeight] = []
        if let value = entry["weights"], let mapping = readWeightMapping(value, entry.path("weights")) {
            for (key, keyNode, weightNode) in mapping {
                let path = entry.path("weights") + ".\(key)"
                guard checkNode(key, at: keyNode, path, who: who, allowRoot: false) else { continue }
                if let owner = parent[key], comparisons.contains(where: { $0.node == owner }) {
                    reader.error(
                        at: keyNode, path,
                        "\(who) sets node `\(key)` both directly and by comparing the children of `\(owner)`; keep one")
                    continue
                }
                guard
                    let weight = reader.number(
                        weightNode, path, atLeast: 0, what: " (a weight relative to its siblings)")
                else { continue }
                weights.append(NodeWeight(node: key, weight: weight))
            }
            checkSiblingTotals(weights, comparisons: comparisons, at: value, entry.path("weights"), who: who)
        }
        if entry["weights"] == nil && entry["pairwise"] == nil {
            reader.error(
                at: node, path,
                "\(who) sets no weights: give `weights` (node id: weight) or `pairwise` (node and matrix)")
        }
        return PanelMember(id: id, name: name, weights: weights, comparisons: comparisons)
    }

    /// A mapping of node ids to weights, keys kept as written (any id is allowed here; each is
    /// checked against the tree by the caller).
    private mutating func readWeightMapping(_ node: Node, _ path: String) -> [(String, Node, Node)]? {
        guard case .mapping(let mapping) = node else {
            reader.error(
                at: node, path,
                "expected a mapping of node ids to weights (`{gaps: 50, threat: 30}`), got \(reader.describe(node))")
            return nil
        }
        var entries: [(String, Node, Node)] = []
        for (key, value) in mapping {
            guard case .scalar(let scalar) = key else {
                reader.error(at: key, path, "a node id must be plain text, got \(reader.describe(key))")
                continue
            }
            entries.append((scalar.string, key, value))
        }
        return entries
    }

    /// Whether `id` names a node of the tree, reporting it when it does not.
    private mutating func checkNode(_ id: String, at node: Node, _ path: String, who: String, allowRoot: Bool) -> Bool {
        if id == "root" && !allowRoot {
            reader.error(
                at: node, path,
                "\(who): `root` has no weight of its own; weight its children (the top criteria) instead")
            return false
        }
        guard children[id] != nil else {
            reader.error(
                at: node, path,
                "\(who): unknown node `\(id)`" + didYouMean(id, among: nodeIDs)
                    + " (nodes of model.yaml: \(nodeIDs.joined(separator: ", ")))")
            return false
        }
        return true
    }

    /// A member whose direct weights leave a node's children with no positive weight.
    private mutating func checkSiblingTotals(
        _ weights: [NodeWeight], comparisons: [PairwiseComparison], at node: Node, _ path: String, who: String
    ) {
        let set = Dictionary(weights.map { ($0.node, $0.weight) }, uniquingKeysWith: { a, _ in a })
        let parents = Set(weights.compactMap { parent[$0.node] })
        for owner in nodeIDs where parents.contains(owner) {
            let siblings = children[owner] ?? []
            // Unnamed siblings keep the model's weights, which validation made non-negative; only
            // a group the member sets entirely to zero has nothing to share.
            if siblings.allSatisfy({ set[$0] == 0 }) {
                reader.error(
                    at: node, path,
                    "\(who) gives every child of node `\(owner)` weight 0; at least one must be positive")
            }
        }
    }

    private mutating func readComparison(_ node: Node, _ path: String, who: String) -> PairwiseComparison? {
        guard let entry = reader.mapping(node, path, allowed: Self.comparisonKeys) else { return nil }
        guard
            let nodeValue = reader.require(
                "node", in: entry, ": the node whose children are compared (`root` for the top criteria)"),
            let id = reader.text(nodeValue, entry.path("node")),
            checkNode(id, at: nodeValue, entry.path("node"), who: who, allowRoot: true)
        else { return nil }
        let kids = children[id] ?? []
        let place = "\(who), node `\(id)`"
        guard !kids.isEmpty else {
            reader.error(at: nodeValue, entry.path("node"), "\(place): a leaf has no children to compare")
            return nil
        }
        guard kids.count <= Self.largestComparison else {
            reader.error(
                at: nodeValue, entry.path("node"),
                "\(place) has \(kids.count) children; pairwise comparison goes up to \(Self.largestComparison) (Saaty's random indices), give direct `weights` instead"
            )
            return nil
        }
        guard let matrixNode = reader.require("matrix", in: entry, ": \(kids.count) rows of \(kids.count) judgements"),
            let rows = reader.sequence(matrixNode, entry.path("matrix"))
        else { return nil }
        let n = kids.count
        let order = "(\(kids.joined(separator: ", ")))"
        guard rows.count == n else {
            reader.error(
                at: matrixNode, entry.path("matrix"),
                "\(place): wrong size: \(rows.count) row\(rows.count == 1 ? "" : "s") for \(n) children \(order)")
            return nil
        }
        var cells = [[Double?]](repeating: [Double?](repeating: nil, count: n), count: n)
        var cellNodes = [[Node?]](repeating: [Node?](repeating: nil, count: n), count: n)
        var sized = true
        for (i, rowNode) in rows.enumerated() {
            let rowPath = entry.path("matrix") + "[\(i)]"
            guard let row = reader.sequence(rowNode, rowPath) else { sized = false; continue }
            guard row.count == n else {
                reader.error(
                    at: rowNode, rowPath,
                    "\(place): wrong size: row `\(kids[i])` has \(row.count) judgement\(row.count == 1 ? "" : "s") for \(n) children \(order)"
                )
                sized = false
                continue
            }
            for (j, cellNode) in row.enumerated() {
                cellNodes[i][j] = cellNode
                cells[i][j] = judgement(
                    cellNode, rowPath + "[\(j)]", place: "\(place), row `\(kids[i])` column `\(kids[j])`")
            }
        }
        guard sized else { return nil }
        var valid = cells.allSatisfy { $0.allSatisfy { $0 != nil } }
        for i in 0..<n {
            let cellPath = entry.path("matrix") + "[\(i)][\(i)]"
            if let value = cells[i][i], value != 1 {
                reader.error(
                    at: cellNodes[i][i], cellPath,
                    "\(place), row `\(kids[i])` column `\(kids[i])`: the diagonal must be 1 (a criterion is as important as itself), got \(writtenNumber(value))"
                )
                valid = false
            }
            for j in (i + 1)..<n {
                guard let upper = cells[i][j], let lower = cells[j][i] else { continue }
                if abs(upper * lower - 1) > Self.tolerance {
                    reader.error(
                        at: cellNodes[j][i], entry.path("matrix") + "[\(j)][\(i)]",
                        "\(place), row `\(kids[j])` column `\(kids[i])`: not reciprocal: \(writtenJudgement(lower)) should be 1/m[\(i)][\(j)] = \(writtenJudgement(1 / upper)) (m[\(i)][\(j)] = \(writtenJudgement(upper)))"
                    )
                    valid = false
                }
            }
        }
        guard valid else { return nil }
        // The upper triangle as written; the lower exactly reciprocal, so that 0.33 for 1/3 does not
        // leave the matrix slightly inconsistent.
        var judgements = [[Double]](repeating: [Double](repeating: 1, count: n), count: n)
        for i in 0..<n {
            for j in (i + 1)..<n {
                judgements[i][j] = cells[i][j] ?? 1
                judgements[j][i] = 1 / judgements[i][j]
            }
        }
        return PairwiseComparison(
            node: id, children: kids, judgements: judgements,
            location: reader.location(of: matrixNode, entry.path("matrix")))
    }

    /// One judgement: a number or a fraction `a/b`, within 1/9 … 9.
    private mutating func judgement(_ node: Node, _ path: String, place: String) -> Double? {
        guard case .scalar(let scalar) = node else {
            reader.error(at: node, path, "\(place): expected a number or a fraction a/b, got \(reader.describe(node))")
            return nil
        }
        let text = scalar.string.trimmingSpaces
        var value: Double?
        if let number = Double(text) {
            value = number
        } else {
            let parts = text.split(separator: "/", omittingEmptySubsequences: false)
            if parts.count == 2, let a = Double(String(parts[0]).trimmingSpaces),
                let b = Double(String(parts[1]).trimmingSpaces), b != 0
            {
                value = a / b
            }
        }
        guard let value, value.isFinite else {
            reader.error(
                at: node, path,
                "\(place): expected a number or a fraction a/b (such as 3 or 1/3), got `\(scalar.string)`")
            return nil
        }
        let low = Self.scale.lowerBound * (1 - Self.tolerance), high = Self.scale.upperBound * (1 + Self.tolerance)
        guard value >= low && value <= high else {
            reader.error(at: node, path, "\(place): out of range: \(scalar.string) is outside Saaty's scale 1/9 … 9")
            return nil
        }
        return value
    }

    /// A judgement as a person writes it: `3`, `1/3`, or a decimal.
    private func writtenJudgement(_ value: Double) -> String {
        if value >= 1 || value <= 0 { return writtenNumber((value * 1000).rounded() / 1000) }
        let inverse = 1 / value
        if abs(inverse - inverse.rounded()) < 1e-9 { return "1/\(Int(inverse.rounded()))" }
        return writtenNumber((value * 1000).rounded() / 1000)
    }
}
