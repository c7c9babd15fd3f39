// One integer objective for several levels, shared by the planner and the programme.

/// One integer objective per column that orders selections lexicographically by `levels`:
/// Σ_l level_l · W_l with W_last = 1 and W_l = W_{l+1} · (span_{l+1} + 1).
///
/// - Parameter k: the most columns a selection holds.
/// - Returns: nil when the combination does not fit below 2^46.
//
// Exactness of the tie-break: span_l bounds |Σ level_l| over any selection of at most k columns
// (the k largest magnitudes, counted on both sides: 2 × their sum). Two selections whose level-l
// sums differ, differ by at least 1 there, i.e. by at least W_l in the combined objective, while
// every later level together moves it by at most Σ_{m>l} span_m · W_m < W_l. So a later level (ranks
// after scores) can only decide between selections that tie on every earlier one: in score units
// the rank perturbation totals less than one quantum (≤ 1e-4, the smallest difference between two
// printed score sums), and it never overturns a strictly better selection. Everything is an
// integer below 2^46, exact in a double, and CBC's pruning with increment 0.5 is exact on integers
// (see BinaryProgram).
func lexicographic(_ levels: [[Int]], selecting k: Int) -> [Int]? {
    let k = max(1, k)
    func span(_ level: [Int]) -> Int {
        2 * level.map { abs($0) }.sorted(by: >).prefix(k).reduce(0, +)
    }
    guard let weights = Formulation.levelWeights(spans: levels.map(span)) else { return nil }
    let count = levels.first?.count ?? 0
    return (0..<count).map { c in levels.indices.reduce(0) { $0 + levels[$1][c] * weights[$1] } }
}
