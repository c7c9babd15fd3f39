import Dataset
import Planning
import Scoring

/// A public edition that would let a reader narrow confidential values: the CLI prints it and
/// exits 1 without writing.
public struct DisclosureError: Error, Sendable, CustomStringConvertible {
    /// The cells narrowed below the protection width, as `STATE/leaf` with their interval.
    public var cells: [(cell: String, interval: ClosedRange<Double>)]
    public var protection: Double

    public var description: String {
        let shown = cells.prefix(20).map {
            "\($0.cell) narrowed to [\(rounded($0.interval.lowerBound)), \(rounded($0.interval.upperBound))]"
        }
        return
            "the public edition would disclose \(cells.count) confidential value(s) to less than the protection width "
            + "\(protection) of the normalised range: " + shown.joined(separator: "; ")
            + (cells.count > 20 ? "; and \(cells.count - 20) more" : "")
            + "; nothing was written (set confidentiality.protection in model.yaml, or withhold more)"
    }
}

/// The audit's solver failed: an internal failure (exit 3).
public struct AuditFailure: Error, Sendable, CustomStringConvertible {
    public var description: String
}

private func rounded(_ x: Double) -> Double { (x * 10_000).rounded() / 10_000 }

/// Audits a public edition before it is written (SPEC §8): for every confidential cell, the
/// smallest and largest normalised value consistent with everything the edition publishes,
/// by two LPs (COIN-OR CLP), each cell a variable in [0, 1] of its normalised range.
///
/// The published facts modelled, each linear in the cells when every node between the cell and
/// the published number aggregates arithmetically (a score is 100 × Σ effective weight × value):
/// - every published score, contribution and node value that rests on a cell (an equality);
/// - every pair of consecutive published ranks involving a cell (an order);
/// - every order the proposed list implies on its own (``impliedOrders(of:)``).
/// A published number that depends on a cell non-linearly (through a geometric or TOPSIS node,
/// or a normalisation pooled over every candidate) is counted as disclosing the cell: the audit
/// cannot bound it, so it refuses it. A list order through such a node cannot be modelled either;
/// it is counted in `unmodelledOrders` and said in the edition.
public enum DisclosureAudit {
    public struct Result: Sendable {
        public var figures: AuditFigures
        /// Per cell, its interval as a share of its normalised range.
        public var intervals: [ConfidentialCell: ClosedRange<Double>]
        /// List orders that could not be written linearly.
        public var unmodelledOrders: Int
    }

    /// Runs the audit.
    ///
    /// - Parameters:
    ///   - list: the published list and the planning problem it solves, when the edition has one.
    /// - Returns: the audit's figures and intervals.
    /// - Throws: `DisclosureError` naming every cell narrowed below `model.confidentiality.protection`;
    ///   `AuditFailure` when CLP fails.
    /// - Complexity: 2 × cells LPs over (cells) columns and (published facts) rows.
    public static func run(
        edition: Edition, table: ScoreTable, dataset: Dataset, list: PublishedList? = nil
    ) throws -> Result {
        let cells = ConfidentialCells(table: table, states: dataset.states)
        return try run(edition: edition, table: table, dataset: dataset, cells: cells, list: list)
    }

    static func run(
        edition: Edition, table: ScoreTable, dataset: Dataset, cells: ConfidentialCells,
        list: PublishedList?
    ) throws -> Result {
        let protection = dataset.model.confidentiality.protection
        let model = AuditModel(table: table, states: dataset.states, cells: cells)
        var facts = LinearFacts(variables: cells.cells.count)
        var revealed = Set<Int>()
        let states = dataset.states
        func add(_ form: AuditModel.Form, lower: Double, upper: Double) {
            let variables = form.coefficients.keys.sorted()
            guard !variables.isEmpty else { return }
            facts.rows.append(
                .init(
                    variables: variables, coefficients: variables.map { form.coefficients[$0]! },
                    lower: lower - form.constant, upper: upper - form.constant))
        }
        // Published numbers resting on cells.
        for i in model.holders {
            let id = states[i].id
            if edition.showsScore(of: id) {
                if let form = model.score(i) {
                    add(form, lower: table.scores[i] - 1e-7, upper: table.scores[i] + 1e-7)
                    for k in model.variables(of: i) {
                        let c = model.contribution(k)
                        add(c.form, lower: c.value - 1e-7, upper: c.value + 1e-7)
                    }
                } else {
                    revealed.formUnion(model.variables(of: i))
                }
            }
            for node in model.pathNodes(of: i) where edition.showsValue(of: table.tree.nodes[node].id, for: id) {
                let value = table.nodeValue(i, node: node)
                guard !value.isNaN else { continue }
                if let form = model.node(node, of: i) {
                    add(form, lower: value - 1e-9, upper: value + 1e-9)
                } else {
                    revealed.formUnion(model.variables(of: i, under: node))
                }
            }
        }
        // Pooled leaves: any published number that depends on them discloses their cells.
        for l in cells.pooledLeaves.keys {
            let path = model.pathNodes(ofLeaf: l)
            let published = states.indices.contains { i in
                edition.showsScore(of: states[i].id)
                    || path.contains { edition.showsValue(of: table.tree.nodes[$0].id, for: states[i].id) }
            }
            if published { revealed.formUnion(cells.cells.indices.filter { cells.cells[$0].leaf == l }) }
        }
        // Orders: consecutive published ranks, and the list's implied orders.
        var unmodelled = 0
        func order(_ higher: Int, above lower: Int, tolerance: Double) {
            guard model.holds(higher) || model.holds(lower) else { return }
            guard let a = model.score(higher), let b = model.score(lower) else { unmodelled += 1; return }
            add(a.minus(b), lower: -tolerance, upper: .infinity)
        }
        if let ranks = edition.publishedRanks {
            let ranked = states.indices.filter { ranks[states[$0].id] != nil }.sorted {
                ranks[states[$0].id]! < ranks[states[$1].id]!
            }
            for (a, b) in zip(ranked, ranked.dropFirst()) { order(a, above: b, tolerance: 1e-9) }
        } else if edition.isPublic {
            for (a, b) in zip(table.order, table.order.dropFirst()) { order(a, above: b, tolerance: 1e-9) }
        }
        if let list {
            // The planner's scores are quantised to at most 1e-4 (Planning's lexicographic objective).
            for o in impliedOrders(of: list) { order(o.higher, above: o.lower, tolerance: 1e-4) }
        }

        let found: [ClosedRange<Double>]
        do {
            found = try intervals(facts)
        } catch {
            throw AuditFailure(description: "the disclosure audit failed: \(error)")
        }
        var result: [ConfidentialCell: ClosedRange<Double>] = [:]
        var narrow: [(cell: String, interval: ClosedRange<Double>)] = []
        var smallest = (width: 1.0, cell: String?.none)
        for (k, cell) in cells.cells.enumerated() {
            let interval = revealed.contains(k) ? found[k].lowerBound...found[k].lowerBound : found[k]
            result[cell] = interval
            let width = interval.upperBound - interval.lowerBound
            let label = model.label(cell)
            if width < smallest.width || smallest.cell == nil { smallest = (width, label) }
            if width < protection - 1e-9 { narrow.append((label, interval)) }
        }
        if !narrow.isEmpty { throw DisclosureError(cells: narrow, protection: protection) }
        let figures = AuditFigures(
            cells: cells.cells.count, facts: facts.rows.count,
            smallestInterval: cells.cells.isEmpty ? 1 : smallest.width,
            smallestCell: smallest.cell, protection: protection)
        return Result(figures: figures, intervals: result, unmodelledOrders: unmodelled)
    }
}
