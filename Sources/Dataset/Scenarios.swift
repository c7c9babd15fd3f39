import Foundation
import Yams

/// One variant of the model in a scenarios file (SPEC §13): the changes it makes, each with the
/// place it is written.
public struct Scenario {
    public var id: String
    /// Where the scenario's `id` is written: what its errors point at when no narrower place does.
    public var location: SourceLocation
    /// Raw weights of nodes (by id), replacing the model's.
    public var weights: [(id: String, weight: Double, location: SourceLocation)] = []
    /// Replaces `scoring.normalisation`.
    public var normalisation: Normalisation?
    /// Replaces `scoring.aggregation`.
    public var aggregation: Aggregation?
    /// Replaces `as_of`.
    public var asOf: CalendarDate?
    /// Keys of `planning` replaced, with their YAML values (read through model.yaml's rules).
    var planning: [(key: String, value: Node)] = []
    var normalisationNode: Node?
    var aggregationNode: Node?

    /// True when the scenario changes nothing but weights (or nothing at all): such scenarios are
    /// scored together, one weight vector each.
    public var changesOnlyWeights: Bool {
        normalisation == nil && aggregation == nil && asOf == nil && planning.isEmpty
    }

    /// True when the model must be read again with the scenario's changes (the defaults that
    /// every leaf inherits, or planning keys).
    var rereadsModel: Bool { normalisation != nil || aggregation != nil || !planning.isEmpty }
}

/// Reads a scenarios file: `scenarios:`, a list of mappings with `id` and the changes.
///
/// Every problem is reported at its `file:line:column`, with the scenario it belongs to, and the
/// whole file is read before failing. Node ids of `weights` are checked against `model`.
public enum ScenariosLoader {
    static let scenarioKeys = ["id", "weights", "normalisation", "aggregation", "as_of", "planning"]

    /// Reads the scenarios file at `path` for `model`.
    ///
    /// - Throws: `DatasetError` with every problem found.
    public static func load(path: String, model: Model) throws -> [Scenario] {
        let bytes: [UInt8]
        do {
            bytes = try InputFile.bytes(atPath: path)
        } catch {
            throw DatasetError([Diagnostic(file: path, .error, error.description)])
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw DatasetError([Diagnostic(file: path, .error, "the file is not valid UTF-8 (save it as UTF-8)")])
        }
        return try load(yaml: text, file: path, model: model)
    }

    /// Reads scenarios from YAML text; `file` names it in messages.
    public static func load(yaml: String, file: String, model: Model) throws -> [Scenario] {
        var reader = YAMLReader(file: file)
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch {
            throw DatasetError([ModelLoader.syntaxError(error, yaml: yaml, file: file)])
        }
        guard let root else {
            throw DatasetError([
                Diagnostic(
                    file: file, .error,
                    "the file is empty: write `scenarios:` and a list of scenarios, each with an `id`")
            ])
        }
        if let excess = YAMLReader.nodeBeyond(ModelLoader.maximumValues, in: root) {
            throw DatasetError([
                Diagnostic(
                    file: file, line: excess.mark?.line ?? 0, column: excess.mark?.column ?? 0, .error,
                    "the document holds more than \(ModelLoader.maximumValues) values once its aliases are expanded")
            ])
        }
        var nodeIDs: [String: [String]] = [:]  // id → sibling ids (to check sums)
        func walk(_ criteria: [Criterion]) {
            for c in criteria {
                nodeIDs[c.id] = criteria.map(\.id)
                walk(c.children)
            }
        }
        walk(model.criteria)
        var scenarios: [Scenario] = []
        var seen: [String: Int] = [:]
        guard let top = reader.mapping(root, "", allowed: ["scenarios"]),
            let list = reader.require("scenarios", in: top, ": the list of scenarios, each with an `id`"),
            let items = reader.sequence(list, "scenarios")
        else { throw DatasetError(reader.diagnostics) }
        if items.isEmpty { reader.error(at: list, "scenarios", "the list is empty; write at least one scenario") }
        for (index, item) in items.enumerated() {
            let path = "scenarios[\(index)]"
            guard let entry = reader.mapping(item, path, allowed: scenarioKeys) else { continue }
            guard let idNode = reader.require("id", in: entry, ": a name for the scenario, unique in the file"),
                let id = reader.text(idNode, entry.path("id"))
            else { continue }
            let named = "\(path) (`\(id)`)"
            if let line = seen[id] {
                reader.error(
                    at: idNode, named,
                    "the id `\(id)` is already used by the scenario on line \(line); scenario ids are unique")
            }
            seen[id] = idNode.mark?.line ?? 0
            var scenario = Scenario(id: id, location: reader.location(of: idNode, named))
            if let value = entry["weights"],
                let weights = reader.mapping(value, "\(named).weights", allowed: Array(nodeIDs.keys).sorted())
            {
                for (key, keyNode, weightNode) in weights.entries {
                    guard let weight = reader.number(weightNode, "\(named).weights.\(key)", atLeast: 0) else {
                        continue
                    }
                    scenario.weights.append((key, weight, reader.location(of: keyNode, "\(named).weights.\(key)")))
                }
                // Siblings whose weights would all be zero leave their parent without a value.
                var checked: Set<String> = []
                for (key, _, _) in scenario.weights where !checked.contains(key) {
                    let siblings = nodeIDs[key] ?? []
                    checked.formUnion(siblings)
                    let total = siblings.reduce(0.0) { sum, sibling in
                        sum
                            + (scenario.weights.last { $0.id == sibling }?.weight
                                ?? weightOf(sibling, in: model.criteria))
                    }
                    if total <= 0 {
                        reader.error(
                            at: value, "\(named).weights",
                            "every weight among \(siblings.joined(separator: ", ")) would be zero; at least one needs a positive weight"
                        )
                    }
                }
            }
            if let value = entry["normalisation"] {
                scenario.normalisation = reader.choice(value, "\(named).normalisation", Normalisation.self)
                scenario.normalisationNode = value
            }
            if let value = entry["aggregation"] {
                scenario.aggregation = reader.choice(value, "\(named).aggregation", Aggregation.self)
                scenario.aggregationNode = value
            }
            if let value = entry["as_of"] { scenario.asOf = reader.date(value, "\(named).as_of") }
            if let value = entry["planning"],
                let planning = reader.mapping(value, "\(named).planning", allowed: ModelLoader.planningKeys)
            {
                scenario.planning = planning.entries.map { ($0.key, $0.value) }
            }
            scenarios.append(scenario)
        }
        guard !reader.diagnostics.hasErrors else { throw DatasetError(reader.diagnostics) }
        return scenarios
    }

    private static func weightOf(_ id: String, in criteria: [Criterion]) -> Double {
        for c in criteria {
            if c.id == id { return c.weight }
            let below = weightOf(id, in: c.children)
            if !below.isNaN { return below }
        }
        return .nan
    }
}

extension Dataset {
    /// The dataset under `scenario`'s changes to the model, read again from model.yaml's text
    /// with the scenario's `normalisation`, `aggregation` and `planning` keys put in, through
    /// the model loader's rules; weights replaced; `as_of` set. The states, indicators and events
    /// are this dataset's (loaded once).
    ///
    /// - Parameters:
    ///   - modelYAML: the text of the dataset's model.yaml.
    ///   - modelFile: its path, as messages name it.
    ///   - scenariosFile: the scenarios file, as messages name it.
    /// - Throws: `DatasetError` whose diagnostics point into the scenarios file and name the
    ///   scenario.
    public func applying(_ scenario: Scenario, modelYAML: String, modelFile: String, scenariosFile: String) throws
        -> Dataset
    {
        var changed = self
        func failure(_ location: SourceLocation, _ message: String) -> DatasetError {
            DatasetError([
                Diagnostic(
                    file: scenariosFile, line: location.line, column: location.column, .error,
                    "scenario `\(scenario.id)`: \(message)")
            ])
        }
        if scenario.rereadsModel {
            guard case .mapping(var root)? = try? Yams.compose(yaml: modelYAML) else {
                throw failure(scenario.location, "\(modelFile) could not be read again")
            }
            var scoring: Node.Mapping = root["scoring"]?.mapping ?? Node.Mapping([])
            if let node = scenario.normalisationNode { scoring["normalisation"] = node }
            if let node = scenario.aggregationNode { scoring["aggregation"] = node }
            root["scoring"] = .mapping(scoring)
            if !scenario.planning.isEmpty {
                var planning: Node.Mapping = root["planning"]?.mapping ?? Node.Mapping([])
                for (key, value) in scenario.planning { planning[key] = value }
                root["planning"] = .mapping(planning)
            }
            var loader = ModelLoader(file: modelFile, name: model.name)
            loader.readRoot(.mapping(root))
            let errors = loader.reader.diagnostics.filter { $0.severity == .error }
            if !errors.isEmpty {
                // A value the scenario wrote is pointed at where it is written; a consequence
                // elsewhere in the model at the scenario, with model.yaml's path.
                let placed: [(prefix: String, node: Node?)] =
                    [
                        ("scoring.normalisation", scenario.normalisationNode),
                        ("scoring.aggregation", scenario.aggregationNode),
                    ] + scenario.planning.map { ("planning.\($0.key)", $0.value) }
                throw DatasetError(
                    errors.map { error in
                        let node = placed.first { error.message.hasPrefix($0.prefix) }?.node
                        let line = node?.mark?.line ?? scenario.location.line
                        let column = node?.mark?.column ?? scenario.location.column
                        let message =
                            node == nil
                            ? "in \(modelFile) with this scenario's changes: \(error.message)" : error.message
                        return Diagnostic(
                            file: scenariosFile, line: line, column: column, .error,
                            "scenario `\(scenario.id)`: \(message)")
                    })
            }
            guard var reread = loader.loaded.model else {
                throw failure(scenario.location, "\(modelFile) has no as_of")
            }
            reread.asOf = model.asOf
            changed.model = reread
            if let planning = reread.planning {
                let ids = Set(states.map(\.id))
                for id in planning.include + planning.exclude where !ids.contains(id) {
                    throw failure(scenario.location, "planning: `\(id)` is not an id of states.csv")
                }
                let regions = Set(states.map(\.region))
                for (region, _) in planning.regions where !regions.contains(region) {
                    throw failure(
                        scenario.location, "planning.regions: no State of states.csv is in region `\(region)`")
                }
            }
        }
        for (id, weight, _) in scenario.weights {
            changed.model = changed.model.replacingWeight(of: id, with: weight)
        }
        return changed
    }
}

extension Model {
    /// The model with the raw weight of node `id` replaced (unchanged when no node has that id).
    public func replacingWeight(of id: String, with weight: Double) -> Model {
        var model = self
        model.criteria = Self.replacingWeight(of: id, with: weight, in: criteria)
        return model
    }

    private static func replacingWeight(of id: String, with weight: Double, in criteria: [Criterion]) -> [Criterion] {
        criteria.map { criterion in
            var criterion = criterion
            if criterion.id == id { criterion.weight = weight }
            if case .node(let aggregation, let children) = criterion.kind {
                criterion.kind = .node(
                    aggregation: aggregation, children: replacingWeight(of: id, with: weight, in: children))
            }
            return criterion
        }
    }
}
