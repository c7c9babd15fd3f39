/// Ranks candidates by descending score, breaking ties by identifier.
///
/// The ranking is stable and total, so two runs over the same data always agree.
///
/// - Parameters:
///   - scores: one score per candidate, in dataset order.
///   - ids: one identifier per candidate, in dataset order; unique.
/// - Returns: 1-based ranks, in dataset order.
/// - Complexity: that of ``descendingOrder(scores:ids:)``.
public func descendingRanks(scores: [Double], ids: [String]) -> [Int] {
    precondition(scores.count == ids.count, "ranks: \(scores.count) scores for \(ids.count) ids")
    let order = descendingOrder(scores: scores, ids: ids)
    var ranks = [Int](repeating: 0, count: scores.count)
    for (position, index) in order.enumerated() { ranks[index] = position + 1 }
    return ranks
}

/// Whether two values are one value wherever ranks are formed (SPEC §12): equal to 12
/// significant digits, |a − b| ≤ 10⁻¹² · max(|a|, |b|, 1), or both missing; an infinity equals
/// only itself.
///
/// Values equal in exact arithmetic can land on neighbouring doubles (0.1 + 0.2 − 0.8 is not
/// −0.5): without this rule they would take different ranks.
@inlinable @inline(__always)
public func equalToTwelveDigits(_ a: Double, _ b: Double) -> Bool {
    if a == b { return true }
    if a.isNaN || b.isNaN { return a.isNaN && b.isNaN }
    // An infinity equals only itself (inf − x ≤ 1e-12 · inf would hold for every x).
    if a.isInfinite || b.isInfinite { return false }
    return abs(a - b) <= 1e-12 * Swift.max(abs(a), abs(b), 1)
}

/// The candidate indices sorted by descending score, ties by identifier ascending.
///
/// Scores equal to 12 significant digits (``equalToTwelveDigits(_:_:)``) are ties: a run of
/// neighbours in score order, each tied to the next, is put in id order.
/// A missing score (NaN) sorts after every present one. Large inputs are sorted by an LSD radix
/// sort on the scores' bit patterns (six 11-bit passes, a pass skipped where every key shares
/// its digit), after which only runs of exactly equal scores are sorted by id: linear time for
/// distinct scores, with the same result as the comparison sort that small inputs take.
///
/// - Complexity: O(n) plus O(k log k) per run of k equal scores; O(n log n) below 2,048.
public func descendingOrder(scores: [Double], ids: [String]) -> [Int] {
    precondition(scores.count == ids.count, "order: \(scores.count) scores for \(ids.count) ids")
    return descendingOrder(scores: scores, id: { ids[$0] })
}

/// ``descendingOrder(scores:ids:)`` with the ids read through `id` (candidate index → id), so
/// that a caller holding richer records need not copy their ids out; large inputs read ids only
/// for equal scores.
public func descendingOrder(scores: [Double], id: (Int) -> String) -> [Int] {
    func precedes(_ a: Int, _ b: Int) -> Bool {
        let (sa, sb) = (scores[a], scores[b])
        if sa.isNaN != sb.isNaN { return sb.isNaN }
        if sa != sb && !sa.isNaN { return sa > sb }
        return id(a) < id(b)
    }
    var order: [Int]
    if scores.count < 2_048 {
        order = scores.indices.sorted(by: precedes)
    } else {
        let keys = scores.map(descendingKey)
        order = radixOrder(keys)
    }
    // Runs of tied neighbours (equal to 12 significant digits, or all NaN), put in id order.
    var start = 0
    while start < order.count {
        var end = start + 1
        while end < order.count && equalToTwelveDigits(scores[order[end - 1]], scores[order[end]]) { end += 1 }
        if end - start > 1 { order[start..<end].sort { id($0) < id($1) } }
        start = end
    }
    return order
}

/// A key whose ascending order is the scores' descending order: equal scores (−0 and +0
/// included) have equal keys, and NaN has the largest.
@inline(__always)
private func descendingKey(_ score: Double) -> UInt64 {
    guard !score.isNaN else { return .max }
    let bits = (score + 0).bitPattern
    // Ascending for doubles: negative numbers inverted, positive ones above them.
    let ascending = bits >> 63 == 1 ? ~bits : bits | (1 << 63)
    return ~ascending
}

/// Indices sorted by ascending key, stable (equal keys keep index order).
private func radixOrder(_ keys: [UInt64]) -> [Int] {
    let n = keys.count
    let bits = 11, buckets = 1 << 11, passes = 6
    var counts = [Int](repeating: 0, count: buckets * passes)
    for key in keys {
        for pass in 0..<passes {
            counts[pass * buckets + Int((key >> UInt64(pass * bits)) & UInt64(buckets - 1))] += 1
        }
    }
    var order = Array(0..<n)
    var next = [Int](repeating: 0, count: n)
    for pass in 0..<passes {
        let base = pass * buckets
        // A digit shared by every key orders nothing.
        if counts[base..<(base + buckets)].contains(n) { continue }
        var offset = 0
        for b in 0..<buckets {
            let c = counts[base + b]
            counts[base + b] = offset
            offset += c
        }
        let shift = UInt64(pass * bits)
        order.withUnsafeBufferPointer { from in
            next.withUnsafeMutableBufferPointer { to in
                counts.withUnsafeMutableBufferPointer { offsets in
                    keys.withUnsafeBufferPointer { keys in
                        for i in from {
                            let b = base &+ Int((keys[i] >> shift) & UInt64(buckets - 1))
                            to[offsets[b]] = i
                            offsets[b] &+= 1
                        }
                    }
                }
            }
        }
        swap(&order, &next)
    }
    return order
}

/// Ascending ranks with ties given their average rank (the "fractional" ranking).
///
/// Values equal to 12 significant digits are ties (SPEC §12, ``equalToTwelveDigits(_:_:)``): a run
/// of neighbours in ascending order, each tied to the next, shares its ranks.
///
/// - Parameter values: the values to rank; none may be NaN.
/// - Returns: 1-based ranks; tied values share the mean of the ranks they span.
/// - Complexity: O(n log n) below 2,048 values, O(n) beyond (a radix sort).
public func averageRanks(_ values: [Double]) -> [Double] {
    // Which of two exactly equal values comes first changes no rank (they are in one run), so
    // the radix order of large inputs gives the ranks of the comparison sort.
    let order =
        values.count < 2_048
        ? values.indices.sorted { values[$0] < values[$1] } : radixOrder(values.map { ~descendingKey($0) })
    var ranks = [Double](repeating: 0, count: values.count)
    var start = 0
    while start < order.count {
        var end = start
        while end + 1 < order.count && equalToTwelveDigits(values[order[end]], values[order[end + 1]]) { end += 1 }
        // Positions start...end (0-based) share the mean of ranks start+1 ... end+1.
        let shared = Double(start + end) / 2 + 1
        for position in start...end { ranks[order[position]] = shared }
        start = end + 1
    }
    return ranks
}
