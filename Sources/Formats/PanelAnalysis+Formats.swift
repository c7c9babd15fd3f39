import Committee
import Dataset
import Foundation
import Planning
import TextOutput

// The panel's outputs: JSON (SPEC §11 keys), CSV (one row per State) and the table.

/// Four decimals, as scores are printed (C's `%.4f`).
private func decimals(_ x: Double, _ digits: Int = 4) -> String { NumberFormat.fixed(digits).text(x) }

extension PanelAnalysis {
    /// The warnings a person should see: every matrix with CR > 0.10 and its judgement to revisit.
    public var warnings: [String] {
        members.flatMap { member in
            member.weights.comparisons.filter { !$0.priorities.isConsistent }.map { comparison in
                var text =
                    "member `\(member.weights.member.id)`, node `\(comparison.node)`: CR = \(decimals(comparison.priorities.consistencyRatio, 3)) > 0.10 (inconsistent judgements)"
                if let cell = comparison.mostInconsistent {
                    text +=
                        "; most inconsistent: row `\(comparison.children[cell.row])` column `\(comparison.children[cell.column])` = \(decimals(cell.given, 3)), consistent value \(decimals(cell.consistent, 3)) (CR would be \(decimals(cell.ratioAfter, 3)))"
                }
                return text
            }
        }
    }

    /// One row per State: on how many lists, P(selected), on the group's and the consensus list,
    /// then one column per member (1 when on that member's list).
    public func csv(states: [State]) -> String {
        let group = Set(aggregatedPlan.selectedIDs), agreed = Set(consensusList.selected)
        let lists = members.map { Set($0.plan.selectedIDs) }
        let rows = zip(states, consensus).map { state, entry in
            [
                state.id, state.name, state.region, "\(entry.lists)", decimals(selection[state.id] ?? 0),
                group.contains(state.id) ? "1" : "0", agreed.contains(state.id) ? "1" : "0",
            ]
                + lists.map { $0.contains(state.id) ? "1" : "0" }
        }
        return Tabular.csv(
            header: ["id", "name", "region", "lists", "p_selected", "aggregated", "consensus_list"]
                + members.map { "list_" + $0.weights.member.id }, rows: rows)
    }

    /// The report for a terminal.
    public func renderTable(states: [State]) -> String {
        let names = Dictionary(uniqueKeysWithValues: states.map { ($0.id, $0.name) })
        var out = "Committee of \(members.count) member\(members.count == 1 ? "" : "s")\n\n"
        for member in members {
            let m = member.weights
            out += "Member \(m.member.id) (\(m.member.name))\n"
            let weights = m.normalisedWeights(tree: tree)
            for node in m.setNodes {
                let children = tree.nodes[node].children.map { tree.nodes[$0].id }
                out +=
                    "  weights under `\(tree.nodes[node].id)`: "
                    + children.map { "\($0) \(decimals(weights[$0] ?? 0, 3))" }.joined(separator: ", ") + "\n"
            }
            for c in m.comparisons {
                let p = c.priorities
                out +=
                    "  AHP on `\(c.node)`: λmax \(decimals(p.lambdaMax)), CI \(decimals(p.consistencyIndex)), CR \(decimals(p.consistencyRatio))"
                    + (p.isConsistent ? "" : "  ← CR > 0.10") + "\n"
                if let cell = c.mostInconsistent {
                    out +=
                        "    revisit row `\(c.children[cell.row])` column `\(c.children[cell.column])`: given \(decimals(cell.given, 3)), "
                        + "consistent with the priorities \(decimals(cell.consistent, 3)) (CR would fall to \(decimals(cell.ratioAfter, 3)))\n"
                }
            }
            out += "  top of the ranking: " + member.ranking.prefix(5).joined(separator: ", ") + "\n"
            out += "  list (\(member.plan.selected.count)): " + member.plan.selectedIDs.joined(separator: ", ") + "\n\n"
        }
        out += "Group weights (AIJ: geometric mean of judgements; AIP: of priorities)\n"
        let aij = group.aijWeights, aip = group.aipWeights(tree: tree)
        let rows = aip.keys.sorted().map { [$0, aij[$0].map { decimals($0) } ?? "", decimals(aip[$0] ?? 0)] }
        out += Tabular.table(header: ["child", "aij", "aip"], rows: rows) + "\n"
        out += "List under the AIP weights: " + aggregatedPlan.selectedIDs.joined(separator: ", ") + "\n\n"
        out += "On every member's list (\(onEveryList.count)): " + onEveryList.joined(separator: ", ") + "\n"
        out +=
            "Contested (\(contested.count)): "
            + contested.map { "\($0.id) \($0.lists)/\(members.count)" }.joined(separator: ", ") + "\n"
        out += "On no member's list: \(onNoList.count) States\n\n"
        switch consensusList.rule {
        case .tolerance(let tolerance):
            out +=
                "Consensus list: acceptable to \(consensusList.satisfiedCount) of \(members.count) members (within \(decimals(tolerance, 2)) score points of their own optimum)\n"
        case .maxMin:
            out +=
                "Consensus list: the smallest member's share of their own optimum is \(decimals(100 * consensusList.smallestShare, 2))%\n"
        }
        out += "  " + consensusList.selected.map { "\($0) (\(names[$0] ?? $0))" }.joined(separator: ", ") + "\n"
        let standing: String = if case .maxMin = consensusList.rule { "binds" } else { "within" }
        out +=
            Tabular.table(
                header: ["member", "own optimum", "on this list", "share %", "gives up", standing],
                rows: consensusList.members.map {
                    [
                        $0.id, decimals($0.optimum), decimals($0.value), decimals(100 * $0.share, 2), decimals($0.loss),
                        $0.satisfied ? "yes" : "no",
                    ]
                }) + "\n"
        let label = samples == 0 ? "each member's own list" : "\(samples) perturbed samples over the members"
        out += "P(selected) (\(label)):\n"
        let ranked = selection.filter { $0.value > 0 }.sorted { ($1.value, $0.key) < ($0.value, $1.key) }
        out += Tabular.table(
            header: ["id", "name", "p_selected"],
            rows: ranked.map { [$0.key, names[$0.key] ?? $0.key, decimals($0.value, 3)] })
        return out
    }
}

/// The JSON of `visitplan panel` (SPEC §11: `members`, `group`, `lists`, `consensus`).
public struct PanelDocument: Encodable {
    struct Consistency: Encodable {
        var node: String
        var lambda_max: Double
        var ci: Double
        var cr: Double
        var flagged: Bool
        var most_inconsistent: Cell?
    }
    struct Cell: Encodable {
        var row: String
        var column: String
        var given: Double
        var consistent: Double
        var cr_after: Double
    }
    struct Member: Encodable {
        var id: String
        var name: String
        var weights: [String: Double]
        var consistency: [Consistency]
        var ranking: [String]
    }
    struct Group: Encodable {
        var aij: [String: Double]
        var aip: [String: Double]
        var aij_consistency: [Consistency]
        var list: [String]
    }
    struct Agreement: Encodable {
        var rule: String
        var tolerance: Double?
        var selected: [String]
        var members: [MemberStanding]
    }
    struct Selection: Encodable {
        var samples: Int
        var p_selected: [String: Double]
    }

    var model: String
    var as_of: String
    var members: [Member]
    var group: Group
    var lists: [String: [String]]
    var consensus: [String: Int]
    var consensus_list: Agreement
    var selection: Selection

    public init(_ analysis: PanelAnalysis, model: Model, tolerance: Double?) {
        func consistency(_ c: Committee.ComparisonResult) -> Consistency {
            Consistency(
                node: c.node, lambda_max: c.priorities.lambdaMax, ci: c.priorities.consistencyIndex,
                cr: c.priorities.consistencyRatio, flagged: !c.priorities.isConsistent,
                most_inconsistent: c.mostInconsistent.map {
                    Cell(
                        row: c.children[$0.row], column: c.children[$0.column], given: $0.given,
                        consistent: $0.consistent, cr_after: $0.ratioAfter)
                })
        }
        self.model = model.name
        as_of = "\(model.asOf)"
        members = analysis.members.map { m in
            Member(
                id: m.weights.member.id, name: m.weights.member.name,
                weights: m.weights.normalisedWeights(tree: analysis.tree),
                consistency: m.weights.comparisons.map(consistency), ranking: m.ranking)
        }
        group = Group(
            aij: analysis.group.aijWeights, aip: analysis.group.aipWeights(tree: analysis.tree),
            aij_consistency: analysis.group.aggregatedJudgements.map(consistency),
            list: analysis.aggregatedPlan.selectedIDs)
        lists = Dictionary(uniqueKeysWithValues: analysis.members.map { ($0.weights.member.id, $0.plan.selectedIDs) })
        consensus = Dictionary(uniqueKeysWithValues: analysis.consensus.map { ($0.id, $0.lists) })
        let rule: String =
            switch analysis.consensusList.rule {
            case .tolerance: "tolerance"
            case .maxMin: "max-min"
            }
        consensus_list = Agreement(
            rule: rule, tolerance: tolerance, selected: analysis.consensusList.selected,
            members: analysis.consensusList.members)
        selection = Selection(samples: analysis.samples, p_selected: analysis.selection)
    }
}
