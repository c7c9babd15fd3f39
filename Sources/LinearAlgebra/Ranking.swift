/// Ranks candidates by descending score, breaking ties by identifier.
///
/// The ranking is stable and total, so two runs over the same data always agree.
///
/// - Parameters:
///   - scores: one score per candidate, in dataset order.
///   - ids: one identifier per candidate, in dataset order; unique.
/// - Returns: 1-based ranks, in dataset order.
/// - Complexity: O(n log n).
public func descendingRanks(scores: [Double], ids: [String]) -> [Int] {
    precondition(scores.count == ids.count, "ranks: \(scores.count) scores for \(ids.count) ids")
    let order = descendingOrder(scores: scores, ids: ids)
    var ranks = [Int](repeating: 0, count: scores.count)
    for (position, index) in order.enumerated() { ranks[index] = position + 1 }
    return ranks
}

/// The candidate indices sorted by descending score, ties by identifier ascending.
///
/// A missing score (NaN) sorts after every present one.
///
/// - Complexity: O(n log n).
public func descendingOrder(scores: [Double], ids: [String]) -> [Int] {
    precondition(scores.count == ids.count, "order: \(scores.count) scores for \(ids.count) ids")
    return scores.indices.sorted { a, b in
        let (sa, sb) = (scores[a], scores[b])
        if sa.isNaN != sb.isNaN { return sb.isNaN }
        if sa != sb && !sa.isNaN { return sa > sb }
        return ids[a] < ids[b]
    }
}

/// Ascending ranks with ties given their average rank (the "fractional" ranking).
///
/// - Parameter values: the values to rank; none may be NaN.
/// - Returns: 1-based ranks; tied values share the mean of the ranks they span.
/// - Complexity: O(n log n).
public func averageRanks(_ values: [Double]) -> [Double] {
    let order = values.indices.sorted { values[$0] < values[$1] }
    var ranks = [Double](repeating: 0, count: values.count)
    var start = 0
    while start < order.count {
        var end = start
        while end + 1 < order.count && values[order[end + 1]] == values[order[start]] { end += 1 }
        // Positions start...end (0-based) share the mean of ranks start+1 ... end+1.
        let shared = Double(start + end) / 2 + 1
        for position in start...end { ranks[order[position]] = shared }
        start = end + 1
    }
    return ranks
}
