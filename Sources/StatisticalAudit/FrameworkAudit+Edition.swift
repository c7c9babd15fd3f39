import Dataset
import Scoring

// What a public edition of the audit may compute (SPEC §8). Every statistic here pools the
// values of many candidates, and a correlation over few of them, or over a column where only one
// value is unknown, pins that value down: r with every other value public is one equation in one
// unknown. So a public edition computes every statistic on the values the public edition of
// `visitplan score` publishes, and on nothing else: a value withheld there (a confidential value,
// a node or score resting on one, a leaf normalised over confidential values) is missing here.
// A reader holding that published edition could compute every number of the audit from it, so
// the audit publishes nothing the disclosure audit has not already cleared. The cost is plain:
// a node whose every value rests on a confidential one has null statistics, and says so.

extension FrameworkAudit {
    /// Audits a scored dataset for one edition: the internal edition on every value; a public
    /// edition on the values it publishes (`Edition.showsValue`, and `showsScore` for the root).
    ///
    /// - Parameter states: the dataset's candidates, in the table's order.
    public init(table: ScoreTable, states: [State], edition: Edition = .internal(holdsConfidential: false)) {
        let tree = table.tree
        let n = states.count
        var columns: [[Double]] = []
        var withheld = [Int](repeating: 0, count: tree.nodes.count)
        for (k, node) in tree.nodes.enumerated() {
            var column = [Double](repeating: .nan, count: n)
            for i in 0..<n {
                let value = table.nodeValue(i, node: k)
                let shown =
                    !edition.isPublic
                    || (k == 0
                        ? edition.showsScore(of: states[i].id) : edition.showsValue(of: node.id, for: states[i].id))
                if shown {
                    column[i] = value
                } else if !value.isNaN {
                    withheld[k] += 1
                }
            }
            columns.append(column)
        }
        self.init(tree: tree, columns: columns, withheld: edition.isPublic ? withheld : nil)
    }
}
