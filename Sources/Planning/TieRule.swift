// The last tie rule of the plan (SPEC §5: "ties broken deterministically"), shared by CBC and the
// grouped planner so that both pick the same list.

/// Among several optimal lists, the one that holds the best-ranked candidate possible, then the
/// next best, and so on: the lexicographically best list when candidates are read by rank.
///
/// The objective already prefers, among lists with equal score sums, the smaller sum of ranks;
/// lists can still tie on both (ranks 1 + 4 = 2 + 3), and this rule settles those. It goes down
/// `byRank`: a candidate of the current optimal list (the witness) is kept, any other is tried in
/// with everything kept so far, kept when some optimal list holds it and left out otherwise.
///
/// - Parameters:
///   - byRank: the candidates, best rank first.
///   - witness: an optimal list.
///   - visits: the length of every list.
///   - optimum: an optimal list holding `fixedIn` and none of `fixedOut`, or nil when every list
///     that does is worse than the optimum (or infeasible).
/// - Returns: the chosen list, in ascending candidate order.
/// - Complexity: one call of `optimum` per candidate outside the witness, until the list is settled.
func lexicographicallyBest(
    byRank: [Int], witness: [Int], visits: Int,
    optimum: (_ fixedIn: Set<Int>, _ fixedOut: Set<Int>) throws -> [Int]?
) rethrows -> [Int] {
    var list = Set(witness)
    var fixedIn: Set<Int> = []
    var fixedOut: Set<Int> = []
    for candidate in byRank where fixedIn.count < visits {
        if list.contains(candidate) {
            fixedIn.insert(candidate)
        } else if let better = try optimum(fixedIn.union([candidate]), fixedOut) {
            fixedIn.insert(candidate)
            list = Set(better)
        } else {
            fixedOut.insert(candidate)
        }
    }
    return list.sorted()
}
