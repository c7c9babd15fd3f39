import TextOutput
import Yams

/// Typed, located reading of a composed YAML tree.
///
/// Every problem becomes a diagnostic at the node's `line:column` whose message starts with the
/// YAML path (`scoring.criteria[0].weight: …`), so a reader can find it without counting lines.
/// A reading that fails returns nil after reporting, and the caller carries on with a default:
/// that way one pass finds every problem.
struct YAMLReader {
    let file: String
    var diagnostics: [Diagnostic] = []

    init(file: String) { self.file = file }

    /// A mapping whose keys have been checked, with the YAML path of each entry.
    struct Mapping {
        let node: Node
        let path: String
        let entries: [(key: String, keyNode: Node, value: Node)]

        subscript(key: String) -> Node? { entries.first { $0.key == key }?.value }

        func contains(_ key: String) -> Bool { self[key] != nil }

        /// The YAML path of the entry `key`.
        func path(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }
    }

    // MARK: Reporting

    mutating func error(at node: Node?, _ path: String, _ message: String) {
        report(.error, at: node, path, message)
    }

    mutating func warning(at node: Node?, _ path: String, _ message: String) {
        report(.warning, at: node, path, message)
    }

    private mutating func report(_ severity: Diagnostic.Severity, at node: Node?, _ path: String, _ message: String) {
        let mark = node?.mark
        let text = path.isEmpty ? message : "\(path): \(message)"
        diagnostics.append(Diagnostic(file: file, line: mark?.line ?? 0, column: mark?.column ?? 0, severity, text))
    }

    /// The location of `node` for a `Criterion` or a cross-file check.
    func location(of node: Node?, _ path: String) -> SourceLocation {
        SourceLocation(line: node?.mark?.line ?? 0, column: node?.mark?.column ?? 0, path: path)
    }

    // MARK: Structure

    /// Reads `node` as a mapping whose keys are all in `allowed`.
    ///
    /// A key in `misplaced` is known elsewhere in the model; its value says where it belongs.
    /// Any other key is unknown and gets the nearest allowed key as a suggestion.
    mutating func mapping(
        _ node: Node, _ path: String, allowed: [String], misplaced: [String: String] = [:]
    ) -> Mapping? {
        guard case .mapping(let mapping) = node else {
            error(at: node, path, "expected a mapping (`key: value` lines), got \(describe(node))")
            return nil
        }
        var entries: [(key: String, keyNode: Node, value: Node)] = []
        for (keyNode, value) in mapping {
            guard case .scalar(let scalar) = keyNode else {
                error(at: keyNode, path, "a key must be plain text, got \(describe(keyNode))")
                continue
            }
            let key = scalar.string
            let keyPath = path.isEmpty ? key : "\(path).\(key)"
            if allowed.contains(key) {
                entries.append((key, keyNode, value))
            } else if let place = misplaced[key] {
                error(at: keyNode, keyPath, "`\(key)` \(place)")
            } else {
                let pool = nearestWord(to: key, among: allowed) != nil ? allowed : Array(misplaced.keys).sorted()
                error(
                    at: keyNode, keyPath,
                    "unknown key `\(key)`" + didYouMean(key, among: pool)
                        + " (allowed here: \(allowed.joined(separator: ", ")))")
            }
        }
        return Mapping(node: node, path: path, entries: entries)
    }

    /// Reads `node` as a list.
    mutating func sequence(_ node: Node, _ path: String) -> [Node]? {
        guard case .sequence(let sequence) = node else {
            error(at: node, path, "expected a list (`- item` lines or `[a, b]`), got \(describe(node))")
            return nil
        }
        return Array(sequence)
    }

    /// Reports a missing required key of `mapping`.
    mutating func require(_ key: String, in mapping: Mapping, _ why: String = "") -> Node? {
        if let value = mapping[key] { return value }
        error(at: mapping.node, mapping.path, "missing required key `\(key)`\(why)")
        return nil
    }

    // MARK: Scalars

    /// Any non-empty scalar, as written (`id: 2020` is the text `2020`).
    mutating func text(_ node: Node, _ path: String) -> String? {
        guard case .scalar(let scalar) = node, !isNull(node) else {
            error(at: node, path, "expected text, got \(describe(node))")
            return nil
        }
        // Free text (a rationale) may span lines; nothing may hold a terminal escape.
        if let problem = ControlCharacters.problem(in: scalar.string, allowingLineBreaks: true) {
            error(at: node, path, "the text \(problem)")
            return nil
        }
        return scalar.string
    }

    /// A finite number.
    mutating func number(_ node: Node, _ path: String) -> Double? {
        guard case .scalar(let scalar) = node, [Tag.Name.int, .float].contains(tagName(node)) else {
            error(at: node, path, "expected a number, got \(describe(node))")
            return nil
        }
        guard let value = Double.construct(from: scalar) ?? Int.construct(from: scalar).map(Double.init),
            value.isFinite
        else {
            error(at: node, path, "expected a finite number, got `\(scalar.string)`")
            return nil
        }
        return value
    }

    /// A whole number.
    mutating func integer(_ node: Node, _ path: String) -> Int? {
        if case .scalar(let scalar) = node, tagName(node) == .int, let value = Int.construct(from: scalar) {
            return value
        }
        error(at: node, path, "expected a whole number, got \(describe(node))")
        return nil
    }

    /// `true` or `false`.
    mutating func boolean(_ node: Node, _ path: String) -> Bool? {
        if case .scalar(let scalar) = node, tagName(node) == .bool, let value = Bool.construct(from: scalar) {
            return value
        }
        error(at: node, path, "expected true or false, got \(describe(node))")
        return nil
    }

    /// A calendar date written `YYYY-MM-DD`.
    mutating func date(_ node: Node, _ path: String) -> CalendarDate? {
        guard case .scalar(let scalar) = node, !isNull(node) else {
            error(at: node, path, "expected a date YYYY-MM-DD, got \(describe(node))")
            return nil
        }
        guard let date = CalendarDate(parsing: scalar.string) else {
            error(at: node, path, "expected a date YYYY-MM-DD that exists in the calendar, got `\(scalar.string)`")
            return nil
        }
        return date
    }

    /// One of the values of `E`, named by its raw value.
    mutating func choice<E: RawRepresentable & CaseIterable>(_ node: Node, _ path: String, _: E.Type) -> E?
    where E.RawValue == String {
        let allowed = E.allCases.map(\.rawValue)
        guard case .scalar(let scalar) = node, !isNull(node) else {
            error(at: node, path, "expected one of \(allowed.joined(separator: ", ")), got \(describe(node))")
            return nil
        }
        if let value = E(rawValue: scalar.string) { return value }
        error(
            at: node, path,
            "unknown value `\(scalar.string)`" + didYouMean(scalar.string, among: allowed)
                + " (allowed: \(allowed.joined(separator: ", ")))")
        return nil
    }

    // MARK: Checked numbers

    /// A number at least `minimum`.
    mutating func number(_ node: Node, _ path: String, atLeast minimum: Double, what: String = "") -> Double? {
        guard let value = number(node, path) else { return nil }
        guard value >= minimum else {
            let bound = minimum == 0 ? "non-negative" : "at least \(writtenNumber(minimum))"
            error(at: node, path, "must be \(bound)\(what), got \(writtenNumber(value))")
            return nil
        }
        return value
    }

    /// A whole number at least `minimum`.
    mutating func integer(_ node: Node, _ path: String, atLeast minimum: Int) -> Int? {
        guard let value = integer(node, path) else { return nil }
        guard value >= minimum else {
            error(at: node, path, "must be a whole number ≥ \(minimum), got \(value)")
            return nil
        }
        return value
    }

    /// A whole number from `minimum` to `maximum`, where `why` says what the maximum stands for.
    mutating func integer(_ node: Node, _ path: String, atLeast minimum: Int, atMost maximum: Int, _ why: String)
        -> Int?
    {
        guard let value = integer(node, path, atLeast: minimum) else { return nil }
        guard value <= maximum else {
            error(at: node, path, "must be at most \(maximum) (\(why)), got \(value)")
            return nil
        }
        return value
    }

    /// A list of exactly two numbers `[a, b]` with a < b.
    mutating func interval(_ node: Node, _ path: String, example: String) -> (low: Double, high: Double)? {
        guard let items = sequence(node, path) else { return nil }
        guard items.count == 2 else {
            error(
                at: node, path, "expected two numbers \(example), got \(items.count) item\(items.count == 1 ? "" : "s")"
            )
            return nil
        }
        guard let low = number(items[0], "\(path)[0]"), let high = number(items[1], "\(path)[1]") else { return nil }
        // As for the values they bound: [-1e308, 1e308] made hi − lo infinite, and every
        // normalised value 0.
        for (index, bound) in [low, high].enumerated() where bound.magnitude > NumericCell.largestMagnitude {
            error(
                at: items[index], "\(path)[\(index)]",
                "out of range: the largest magnitude accepted is 1e100, as for a value, so that hi − lo stays finite; got \(writtenNumber(bound))"
            )
            return nil
        }
        guard low < high else {
            error(
                at: node, path,
                "the first bound must be below the second, got [\(writtenNumber(low)), \(writtenNumber(high))]")
            return nil
        }
        return (low, high)
    }

    // MARK: Size

    /// The root of a YAML document, or the one problem that stops its reading: a syntax error,
    /// an empty file (`whenEmpty`), or more than ``ModelLoader/maximumValues`` values once its
    /// aliases are expanded (`whenTooLarge`, at the node where the count runs over).
    ///
    /// Aliases share their anchor's tree, so a few lines can stand for 2^40 values (the
    /// "billion laughs"): the expanded tree is counted with a budget before anything walks it.
    static func documentRoot(
        yaml: String, file: String, whenEmpty: String, whenTooLarge: String
    ) -> (root: Node?, problem: Diagnostic?) {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch {
            return (nil, ModelLoader.syntaxError(error, yaml: yaml, file: file))
        }
        guard let root else { return (nil, Diagnostic(file: file, .error, whenEmpty)) }
        if let excess = nodeBeyond(ModelLoader.maximumValues, in: root) {
            let mark = excess.mark
            return (nil, Diagnostic(file: file, line: mark?.line ?? 0, column: mark?.column ?? 0, .error, whenTooLarge))
        }
        return (root, nil)
    }

    /// The node at which a walk of `root`, with every alias expanded, passes `limit` values; nil
    /// when the whole tree holds at most `limit`.
    ///
    /// - Complexity: O(min(n, limit)) time, iterative, so neither a deep nor an alias-expanded
    ///   tree can exhaust the stack.
    static func nodeBeyond(_ limit: Int, in root: Node) -> Node? {
        var count = 0
        var pending = [root]
        while let node = pending.popLast() {
            count += 1
            if count > limit { return node }
            switch node {
            case .mapping(let mapping):
                for (key, value) in mapping { pending.append(key); pending.append(value) }
            case .sequence(let sequence):
                pending.append(contentsOf: sequence)
            case .scalar, .alias:
                break
            }
        }
        return nil
    }

    // MARK: Describing nodes

    /// The node's resolved tag (`int`, `float`, `bool`, `null`, `str`…).
    private func tagName(_ node: Node) -> Tag.Name { Tag.Name(rawValue: node.tag.rawValue) }

    private func isNull(_ node: Node) -> Bool {
        if case .scalar(let scalar) = node, scalar.style == .plain || scalar.style == .any {
            return tagName(node) == .null
        }
        return false
    }

    /// What a node is, for "expected X, got Y" messages.
    func describe(_ node: Node) -> String {
        switch node {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        case .scalar(let scalar):
            if isNull(node) { return "no value" }
            switch tagName(node) {
            case .int, .float: return "the number `\(scalar.string)`"
            case .bool: return "the boolean `\(scalar.string)`"
            case .timestamp: return "the date `\(scalar.string)`"
            default:
                let quoted = scalar.style != .plain && scalar.style != .any
                return quoted ? "the quoted text `\(scalar.string)`" : "the text `\(scalar.string)`"
            }
        }
    }
}

/// A number as a person writes it: `2`, not `2.0`.
func writtenNumber(_ value: Double) -> String { NumberFormat.wholeOrShortest.text(value) }
