import Dataset
import Scoring

/// Decides what an edition may publish (SPEC §8), by primary and secondary suppression as in
/// statistical disclosure control (tau-ARGUS, sdcTable):
///
/// - **primary**: every confidential cell (``ConfidentialCells``) is withheld;
/// - **secondary**: for a candidate holding a confidential cell, every number that depends on
///   that cell is withheld too: its score, rank, coverage, contributions and drivers, and the
///   value of every node on the path from the cell to the root. A leaf whose parameters are
///   pooled over every candidate (a normalisation or imputation computed over values that
///   include confidential ones) is withheld for every candidate, and then every candidate is
///   treated as holding a confidential cell;
/// - **pooled results**: once any score is withheld, everything that orders or combines the
///   whole field's scores (ranks among all candidates, reserves, exclusions, the objective,
///   sensitivity statistics, what-if data) is withheld; published scores are ranked among
///   themselves only.
///
/// What remains: the list's membership (always published), each candidate's public values and
/// the nodes computed from public values alone, and the scores and ranks of candidates with no
/// confidential cell. ``DisclosureAudit`` then proves, by LP, that none of it narrows a cell.
public enum Disclosure {
    /// The edition for `audience` of a scored dataset (the audit not yet run).
    public static func edition(_ audience: Audience, table: ScoreTable, dataset: Dataset) -> Edition {
        guard audience == .public else {
            // The internal edition only says whether confidential data are present: a flagged
            // leaf or a State's request, without a pass over every value.
            let flagged = table.tree.leafNodes.contains { table.tree.nodes[$0].leaf?.confidential == true }
            return .internal(holdsConfidential: flagged || dataset.states.contains { $0.confidential != .none })
        }
        let cells = ConfidentialCells(table: table, states: dataset.states)
        return edition(audience, table: table, dataset: dataset, cells: cells)
    }

    static func edition(_ audience: Audience, table: ScoreTable, dataset: Dataset, cells: ConfidentialCells) -> Edition {
        let holds = !cells.cells.isEmpty || cells.covered.contains { $0.contains(true) }
        guard audience == .public else { return .internal(holdsConfidential: holds) }
        let tree = table.tree
        let states = dataset.states
        func pathIDs(from leaf: Int) -> [String] {
            var ids: [String] = []
            var current: Int? = tree.leafNodes[leaf]
            while let c = current, c != 0 {
                ids.append(tree.nodes[c].id)
                current = tree.nodes[c].parent
            }
            return ids
        }
        var withheldNodes: [String: Set<String>] = [:]
        var tainted = Set<String>()
        for cell in cells.cells {
            let id = states[cell.candidate].id
            tainted.insert(id)
            withheldNodes[id, default: []].formUnion(pathIDs(from: cell.leaf))
        }
        var everywhere = Set<String>()
        for l in cells.pooledLeaves.keys {
            everywhere.formUnion(pathIDs(from: l))
        }
        if !cells.pooledLeaves.isEmpty { tainted = Set(states.map(\.id)) }

        var statement: [String] = []
        let leafNames = { (leaves: [Int]) in leaves.map { tree.nodes[tree.leafNodes[$0]].id }.joined(separator: ", ") }
        let flagged = tree.leafNodes.indices.filter { tree.nodes[tree.leafNodes[$0]].leaf?.confidential == true }
        let requesting = states.filter { $0.confidential != .none }.count
        statement.append("Primary suppression: \(cells.cells.count) confidential value(s) are withheld"
            + (flagged.isEmpty ? "" : " (every value of \(leafNames(flagged)))")
            + (requesting == 0 ? "" : "; \(requesting) State(s) asked for some of their values to stay confidential") + ".")
        for (l, reason) in cells.pooledLeaves.sorted(by: { $0.key < $1.key }) {
            statement.append("The values of \(leafNames([l])) are withheld for every State: \(reason).")
        }
        if !tainted.isEmpty {
            statement.append("Secondary suppression: for the \(tainted.count) State(s) holding a confidential value, "
                + "the score, rank, coverage, contributions, drivers and every criterion on the path from that value "
                + "to the score are withheld, since each would let a reader recompute it from the public inputs.")
            statement.append("Results that order or combine every State's score (the ranking of the whole field, "
                + "reserves, the high-ranked States left out, the objective, sensitivity statistics, what-if data) are "
                + "withheld; the \(states.count - tainted.count) published score(s) are ranked among themselves only.")
            statement.append("Which States are on the proposed list is published; the order facts it implies are part of the audit.")
        }
        var ranks: [String: Int] = [:]
        for i in table.order where !tainted.contains(states[i].id) { ranks[states[i].id] = ranks.count + 1 }
        return Edition(audience: .public, holdsConfidential: holds, withheldCandidates: tainted,
                       withheldNodes: withheldNodes, withheldEverywhere: everywhere,
                       withholdsPooledResults: !tainted.isEmpty, publishedRanks: ranks, statement: statement)
    }
}
