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

    static func edition(_ audience: Audience, table: ScoreTable, dataset: Dataset, cells: ConfidentialCells) -> Edition
    {
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

        let leafID = { (l: Int) in tree.nodes[tree.leafNodes[l]].id }
        let flagged = tree.leafNodes.indices.filter { tree.nodes[tree.leafNodes[$0]].leaf?.confidential == true }
        var withholdings: [Withholding] = [
            .confidentialValues(
                count: cells.cells.count, flaggedLeaves: flagged.map(leafID),
                requestingStates: states.filter { $0.confidential != .none }.count)
        ]
        for (l, reason) in cells.pooledLeaves.sorted(by: { $0.key < $1.key }) {
            withholdings.append(.pooledLeaf(id: leafID(l), reason: reason))
        }
        if !tainted.isEmpty {
            withholdings += [
                .dependentValues(states: tainted.count), .pooledResults(published: states.count - tainted.count),
                .listOrders,
            ]
        }
        var ranks: [String: Int] = [:]
        for i in table.order where !tainted.contains(states[i].id) { ranks[states[i].id] = ranks.count + 1 }
        return Edition(
            audience: .public, holdsConfidential: holds, withheldCandidates: tainted,
            withheldNodes: withheldNodes, withheldEverywhere: everywhere,
            withholdsPooledResults: !tainted.isEmpty, publishedRanks: ranks, withholdings: withholdings)
    }
}
