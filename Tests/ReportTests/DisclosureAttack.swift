import CClp
import Dataset
import Foundation
import TestSupport

/// An adversary written apart from the tool's audit: it holds every public input (states.csv,
/// the non-confidential indicator values, model.yaml) and the public edition's JSON, and tries
/// to recover or narrow the confidential values.
///
/// Its model of the scores is SPEC §3 worked directly: the score is 100 × the weighted mean of
/// the top-level criteria present; a criterion whose leaves are all goalposts indicators is the
/// weighted mean of (raw − lo) / (hi − lo), clamped, over its present leaves; any other
/// criterion value the edition does not print is an unknown in [0, 1]. Its order facts come
/// from the planning rules of SPEC §5 applied to states.csv: two States of the same region,
/// visit type and never-visited status, both eligible, one on the list and one not.
struct Attacker {
    struct Cell: Hashable, Comparable, CustomStringConvertible {
        var id: String
        var leaf: String
        static func < (a: Cell, b: Cell) -> Bool { (a.id, a.leaf) < (b.id, b.leaf) }
        var description: String { "\(id)/\(leaf)" }
    }

    struct Leaf {
        var id: String
        var indicator: String
        var weight: Double
        var goalposts: (low: Double, high: Double)
    }

    struct Criterion {
        var id: String
        var weight: Double
        /// Nil when not every leaf is a goalposts indicator leaf.
        var leaves: [Leaf]?
    }

    let dataset: Dataset
    /// The cells the attacker targets (the requests and flags are public knowledge).
    let targets: [Cell]
    let criteria: [Criterion]
    /// Candidate id → its entry of the published score JSON.
    let published: [String: [String: Any]]
    /// The ids on the published list.
    let list: [String]

    init(dataset: Dataset, targets: [Cell], scoreJSON: String, planJSON: String?) throws {
        self.dataset = dataset
        self.targets = targets
        criteria = dataset.model.criteria.map { top in
            guard case .node(_, let children) = top.kind else {
                return Criterion(id: top.id, weight: top.weight, leaves: nil)
            }
            let leaves = children.map { child -> Leaf? in
                guard case .leaf(let leaf) = child.kind, case .indicator(let column) = leaf.source,
                    leaf.normalisation == .goalposts, let g = leaf.goalposts, leaf.direction == .risk
                else { return nil }
                return Leaf(id: child.id, indicator: column, weight: child.weight, goalposts: g)
            }
            return Criterion(
                id: top.id, weight: top.weight, leaves: leaves.contains { $0 == nil } ? nil : leaves.compactMap { $0 })
        }
        let score = try JSONSerialization.jsonObject(with: Data(scoreJSON.utf8)) as? [String: Any]
        let candidates = score?["candidates"] as? [[String: Any]] ?? []
        published = Dictionary(uniqueKeysWithValues: candidates.map { ($0["id"] as? String ?? "", $0) })
        if let planJSON {
            let plan = try JSONSerialization.jsonObject(with: Data(planJSON.utf8)) as? [String: Any]
            list = (plan?["selected"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
        } else {
            list = []
        }
    }

    private func index(_ id: String) -> Int { dataset.states.firstIndex { $0.id == id }! }

    private func raw(_ leaf: Leaf, _ id: String) -> Double { dataset.indicators.columns[leaf.indicator]![index(id)] }

    /// The normalised value of a leaf from its raw value (the truth, for a target).
    func truth(_ cell: Cell) -> Double {
        let leaf = criteria.compactMap(\.leaves).joined().first { $0.id == cell.leaf }!
        return min(1, max(0, (raw(leaf, cell.id) - leaf.goalposts.low) / (leaf.goalposts.high - leaf.goalposts.low)))
    }

    private func number(_ any: Any?) -> Double? { (any as? NSNumber)?.doubleValue }

    // MARK: (a) Subtraction

    /// Every value the attacker can compute exactly for each target from the published numbers.
    func subtract() -> [Cell: [Double]] {
        var found: [Cell: [Double]] = [:]
        let targetSet = Set(targets)
        for cell in targets {
            guard let entry = published[cell.id] else { continue }
            let nodes = entry["nodes"] as? [String: Any] ?? [:]
            let contributions = entry["contributions"] as? [String: Any] ?? [:]
            if let v = number(nodes[cell.leaf]) { found[cell, default: []].append(v) }
            guard let top = criteria.first(where: { $0.leaves?.contains { $0.id == cell.leaf } == true }),
                let leaves = top.leaves
            else { continue }
            let present = leaves.filter { !raw($0, cell.id).isNaN }
            let w = present.reduce(0) { $0 + $1.weight }
            let leaf = present.first { $0.id == cell.leaf }!
            let others = present.filter { $0.id != cell.leaf }
            let unknownOthers = others.contains { targetSet.contains(Cell(id: cell.id, leaf: $0.id)) }
            let known = others.reduce(0.0) { sum, l in sum + l.weight * truthOfPublic(l, cell.id) }
            // The criterion's value with this leaf the only unknown in it.
            var topValue = number(nodes[top.id])
            // The score with every other criterion printed.
            let presentTop = criteria.filter { number(nodes[$0.id]) != nil || $0.id == top.id }
            let topWeights = presentTop.reduce(0) { $0 + $1.weight }
            if topValue == nil, let score = number(entry["score"]) {
                let rest = presentTop.filter { $0.id != top.id }
                if rest.allSatisfy({ number(nodes[$0.id]) != nil }) {
                    let restSum = rest.reduce(0) { $0 + $1.weight * number(nodes[$1.id])! }
                    topValue = (score / 100 * topWeights - restSum) / top.weight
                }
            }
            if let topValue, !unknownOthers {
                found[cell, default: []].append((topValue * w - known) / leaf.weight)
            }
            if let c = number(contributions[cell.leaf]) {
                found[cell, default: []].append(c / 100 / (top.weight / topWeights) / (leaf.weight / w))
            }
        }
        return found
    }

    private func truthOfPublic(_ leaf: Leaf, _ id: String) -> Double {
        min(1, max(0, (raw(leaf, id) - leaf.goalposts.low) / (leaf.goalposts.high - leaf.goalposts.low)))
    }

    // MARK: (b) Order facts

    /// Same region, visit type and never-visited status, both eligible (SPEC §5 at as_of).
    func orderFacts() -> [(higher: String, lower: String)] {
        guard let planning = dataset.model.planning else { return [] }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        func date(_ d: CalendarDate) -> Date {
            calendar.date(from: DateComponents(year: d.year, month: d.month, day: d.day))!
        }
        let asOf = date(dataset.model.asOf)
        func years(_ d: CalendarDate) -> Double { asOf.timeIntervalSince(date(d)) / 86_400 / 365.25 }
        struct Class: Equatable { var region: String; var followUp: Bool; var never: Bool }
        func facts(_ s: State) -> (eligible: Bool, kind: Class) {
            var eligible = planning.consent.contains(s.consent) && !planning.exclude.contains(s.id)
            if let last = s.lastVisit, years(last) < planning.cooldownYears { eligible = false }
            var due = false
            if let report = s.reportSubmitted, calendar.date(byAdding: .month, value: 12, to: date(report))! <= asOf {
                due = s.lastVisit.map { date($0) <= date(report) } ?? true
            }
            let followUp = due && s.lastVisit.map { years($0) <= planning.comprehensiveAfterYears } == true
            return (eligible, Class(region: s.region, followUp: followUp, never: s.lastVisit == nil))
        }
        let listed = Set(list)
        var orders: [(String, String)] = []
        for s in dataset.states where listed.contains(s.id) && !planning.include.contains(s.id) {
            let a = facts(s)
            for u in dataset.states where !listed.contains(u.id) {
                let b = facts(u)
                if b.eligible && a.kind == b.kind { orders.append((s.id, u.id)) }
            }
        }
        return orders
    }

    /// The smallest and largest value of every target consistent with the published scores and
    /// node values and the list's order facts: two LPs each, by CLP from scratch (dual simplex).
    func narrow() -> [Cell: ClosedRange<Double>] {
        var columns: [String: Int] = [:]  // "id/leaf" or "id/criterion"
        for cell in targets { columns[cell.description] = columns.count }
        func column(_ key: String) -> Int {
            if let c = columns[key] { return c }
            columns[key] = columns.count
            return columns[key]!
        }
        // score(id) = constant + Σ coefficient × column
        func score(_ id: String) -> (Double, [Int: Double]) {
            let entry = published[id] ?? [:]
            if let s = number(entry["score"]) { return (s, [:]) }
            let nodes = entry["nodes"] as? [String: Any] ?? [:]
            var constant = 0.0
            var terms: [Int: Double] = [:]
            let presentTop = criteria.filter { top in
                if nodes[top.id] is NSNull { return false }
                if let leaves = top.leaves { return leaves.contains { !raw($0, id).isNaN } }
                return true
            }
            let total = presentTop.reduce(0) { $0 + $1.weight }
            for top in presentTop {
                let share = 100 * top.weight / total
                if let v = number(nodes[top.id]) { constant += share * v; continue }
                guard let leaves = top.leaves else { terms[column("\(id)/\(top.id)"), default: 0] += share; continue }
                let present = leaves.filter { !raw($0, id).isNaN }
                let w = present.reduce(0) { $0 + $1.weight }
                for leaf in present {
                    let a = share * leaf.weight / w
                    if let c = columns[Cell(id: id, leaf: leaf.id).description],
                        targets.contains(Cell(id: id, leaf: leaf.id))
                    {
                        terms[c, default: 0] += a
                    } else {
                        constant += a * truthOfPublic(leaf, id)
                    }
                }
            }
            return (constant, terms)
        }
        var rows: [(lower: Double, terms: [Int: Double])] = []
        for (s, u) in orderFacts() {
            let (cs, ts) = score(s), (cu, tu) = score(u)
            var terms = ts
            for (k, a) in tu { terms[k, default: 0] -= a }
            terms = terms.filter { $0.value != 0 }
            if terms.isEmpty { continue }
            rows.append((cu - cs - 1e-4, terms))
        }
        let n = columns.count
        guard let model = Clp_newModel() else { return [:] }
        defer { Clp_deleteModel(model) }
        Clp_setLogLevel(model, 0)
        let zeros = [Double](repeating: 0, count: n), ones = [Double](repeating: 1, count: n)
        let starts = [CoinBigIndex](repeating: 0, count: n + 1)
        Clp_addColumns(model, Int32(n), zeros, ones, zeros, starts, nil, nil)
        for row in rows {
            let keys = row.terms.keys.sorted()
            let rowStarts: [CoinBigIndex] = [0, CoinBigIndex(keys.count)]
            Clp_addRows(
                model, 1, [row.lower], [Double.greatestFiniteMagnitude], rowStarts, keys.map(Int32.init),
                keys.map { row.terms[$0]! })
        }
        var result: [Cell: ClosedRange<Double>] = [:]
        for cell in targets {
            let k = columns[cell.description]!
            var bounds: [Double] = []
            for sense in [1.0, -1.0] {
                let objective = Clp_objective(model)!
                for j in 0..<n { objective[j] = j == k ? sense : 0 }
                _ = Clp_initialSolve(model)
                precondition(Clp_status(model) == 0, "attack LP status \(Clp_status(model))")
                bounds.append(Clp_getColSolution(model)![k])
            }
            result[cell] = bounds[0]...max(bounds[0], bounds[1])
        }
        return result
    }
}
