import Dataset
import LinearAlgebra
import Scoring

/// A geometric node that some candidates' zero children send to 0: those candidates score 0
/// there whatever the weights, so they tie with one another in every sample that uses it (and,
/// at the root, in the ranking). Ties share their ranks (SPEC §6), but the statistics of those
/// candidates then say little: the warning names the node and how many candidates it sends to 0.
public struct GeometricZero: Sendable, Equatable {
    /// The node's id (`root` for the implicit root).
    public var node: String
    /// The candidates with at least one present child at 0 under the node.
    public var candidates: Int
    /// Of this many candidates.
    public var of: Int
    /// nil when the model itself aggregates the node geometrically; otherwise the method
    /// alternative that does, e.g. "aggregation: geometric, normalisation: minmax".
    public var alternative: String?
    public var location: SourceLocation

    /// One warning per node, on its line of model.yaml at `modelFile`: how many candidates it
    /// sends to 0 in the model and under each method alternative.
    public static func diagnostics(_ zeros: [GeometricZero], modelFile: String) -> [Diagnostic] {
        var nodes: [String] = []
        for zero in zeros where !nodes.contains(zero.node) { nodes.append(zero.node) }
        return nodes.map { node in
            let entries = zeros.filter { $0.node == node }
            let counts = entries.map { entry in
                "\(entry.candidates) of \(entry.of) " + (entry.alternative.map { "under `\($0)`" } ?? "in the model")
            }
            let location = entries[0].location
            return Diagnostic(
                file: modelFile, line: location.line, column: location.column, .warning,
                "geometric node `\(node)` is 0 for candidates with a child at 0 (e.g. a 0/1 leaf), which then tie "
                    + "there whatever the weights: " + counts.joined(separator: "; ")
                    + ". Consider an arithmetic node or a normalisation without zeros")
        }
    }
}

extension SensitivityAnalysis {
    /// Every geometric node, in the model or in a sampled method alternative, with children at
    /// 0 for some candidates under the nominal weights; one entry per node and method variant
    /// (a variant only when it sends a different number of candidates to 0 than the model).
    ///
    /// - Complexity: one evaluation of every node per method variant.
    public func geometricZeros() throws -> [GeometricZero] {
        let weights = Matrix(rows: sampler.count, columns: 1, elements: sampler.nominal)
        var found: [GeometricZero] = []
        // The model as written, then each method variant sampled (when there are alternatives).
        var engines: [(engine: ScoringEngine, alternative: String?)] = [(methods.nominal, nil)]
        if methods.engines.count > 1 {
            for (v, engine) in methods.engines.enumerated() {
                let variant = methods.variants[v]
                let name = [
                    variant.aggregation.map { "aggregation: \($0.rawValue)" },
                    variant.normalisation.map { "normalisation: \($0.rawValue)" },
                ]
                .compactMap { $0 }.joined(separator: ", ")
                engines.append((engine, name))
            }
        }
        for (engine, alternative) in engines {
            let tree = engine.tree
            guard tree.nodes.contains(where: { $0.aggregation == .geometric }) else { continue }
            let values = try withBLASThreads(1) { try engine.nodeValues(weights: weights) }
            func value(_ node: Int, _ i: Int) -> Double {
                if case .leaf(_, let column) = tree.nodes[node].kind { return engine.leaves[column].normalised[i] }
                return values[node]?[i, 0] ?? .nan
            }
            for (index, node) in tree.nodes.enumerated() where node.aggregation == .geometric {
                let zeros = (0..<candidates).filter { i in node.children.contains { value($0, i) == 0 } }.count
                guard zeros > 0 else { continue }
                // The model's own geometric node found again under an alternative with the same
                // count says nothing new.
                let name = index == 0 ? "root" : node.id
                if found.contains(where: { $0.node == name && $0.candidates == zeros }) { continue }
                found.append(
                    GeometricZero(
                        node: name, candidates: zeros, of: candidates,
                        alternative: alternative, location: node.location))
            }
        }
        return found
    }
}
