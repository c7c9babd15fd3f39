/// Ranks the columns of score matrices one after another by descending score, ties by id
/// ascending, missing scores (NaN) last: the order of `descendingOrder` in LinearAlgebra.
///
/// A column is ordered in two passes: a counting sort into as many buckets as candidates by
/// score (a monotone map, so candidates in different buckets are already in their final order),
/// then an insertion sort with the exact comparison that only has to fix the order inside
/// buckets. The bucket boundaries are the scores of the first column ranked (a lookup table
/// over their range), so that perturbed columns fall about one candidate per bucket and a column
/// costs O(n) instead of the O(n log n) of a comparison sort. The result is the unique total
/// order whatever the buckets.
struct Ranker {
    let count: Int
    /// Each candidate's position in ascending id order: the tie-break.
    private let tieBreak: [Int]
    /// Candidates in ascending id order: the order in which buckets are filled.
    private let byID: [Int]
    /// Candidate indices by rank for the last column ranked.
    private(set) var order: [Int]
    /// The scores in `order`.
    private var keys: [Double]
    private var bucketOf: [Int]
    private var starts: [Int]
    /// Score → bucket: cell `Int((top − score) × cellScale)` of the table holds the number of
    /// reference scores above the cell, i.e. its bucket.
    private var table: [Int] = []
    private var top = 0.0
    private var cellScale = 0.0

    init(ids: [String]) {
        count = ids.count
        var tie = [Int](repeating: 0, count: ids.count)
        let sorted = ids.indices.sorted { ids[$0] < ids[$1] }
        for (position, index) in sorted.enumerated() { tie[index] = position }
        tieBreak = tie
        byID = sorted
        order = byID
        keys = [Double](repeating: 0, count: ids.count)
        bucketOf = [Int](repeating: 0, count: ids.count)
        starts = [Int](repeating: 0, count: ids.count + 2)
    }

    /// Orders the candidates by the `count` scores at `scores` and, with `counts`, adds one to
    /// `counts[c * count + r]` for each candidate c at rank r + 1.
    ///
    /// - Complexity: O(n) for scores spread over their range; O(n²) at worst (all in a bucket).
    mutating func rank(_ scores: UnsafePointer<Double>, counting counts: UnsafeMutablePointer<Int>? = nil) {
        let n = count
        guard n > 1 else {
            if n == 1, let counts { counts[0] &+= 1 }
            return
        }
        if table.isEmpty { buildTable(scores) }
        let cells = Double(table.count)
        let (top, cellScale) = (self.top, self.cellScale)
        tieBreak.withUnsafeBufferPointer { tie in
        table.withUnsafeBufferPointer { table in
        byID.withUnsafeBufferPointer { byID in
        order.withUnsafeMutableBufferPointer { order in
        keys.withUnsafeMutableBufferPointer { keys in
        bucketOf.withUnsafeMutableBufferPointer { bucketOf in
        starts.withUnsafeMutableBufferPointer { starts in
            for b in 0..<(n + 2) { starts[b] = 0 }
            for i in 0..<n {
                let v = scores[i]
                // NaN and scores outside the table's range go to the end cells (NaN: bucket n).
                let cell = Swift.min(Swift.max((top - v) * cellScale, 0), cells - 1)
                let b = v.isNaN ? n : table[Int(cell)]
                bucketOf[i] = b
                starts[b &+ 1] &+= 1
            }
            for b in 0..<(n + 1) { starts[b &+ 1] &+= starts[b] }
            for k in 0..<n {
                let i = byID[k]
                let b = bucketOf[i]
                let p = starts[b]
                starts[b] = p &+ 1
                order[p] = i
                let v = scores[i]
                keys[p] = v.isNaN ? -.infinity : v
            }
            // Exact order inside buckets: descending score, then id (byID filled each bucket in
            // id order, so ties are already in place and only unequal scores move).
            for p in 1..<n {
                let key = keys[p]
                guard keys[p &- 1] < key else { continue }
                let candidate = order[p]
                let t = tie[candidate]
                var q = p
                while q > 0 {
                    let other = keys[q &- 1]
                    guard other < key || (other == key && tie[order[q &- 1]] > t) else { break }
                    keys[q] = other
                    order[q] = order[q &- 1]
                    q &-= 1
                }
                keys[q] = key
                order[q] = candidate
            }
            if let counts {
                for p in 0..<n { counts[order[p] &* n &+ p] &+= 1 }
            }
        }
        }
        }
        }
        }
        }
        }
    }

    /// Buckets bounded by `reference`'s scores over their range widened by a half on each side,
    /// in 8n cells.
    private mutating func buildTable(_ reference: UnsafePointer<Double>) {
        let n = count
        let present = (0..<n).map { reference[$0] }.filter { $0.isFinite }.sorted(by: >)
        let (high, low) = (present.first ?? 1, present.last ?? 0)
        let margin = Swift.max(high - low, Swift.max(abs(high), 1) * 1e-9) / 2
        top = high + margin
        let cells = 8 * n
        cellScale = Double(cells) / (high - low + 2 * margin)
        table = [Int](repeating: 0, count: cells)
        var above = 0
        for cell in 0..<cells {
            // The number of reference scores above this cell's upper edge.
            let edge = top - Double(cell) / cellScale
            while above < present.count && present[above] > edge { above += 1 }
            table[cell] = Swift.min(above, n - 1)
        }
    }

    /// Ranks of the last column ranked, 1-based, in candidate order.
    var ranks: [Int] {
        var ranks = [Int](repeating: 0, count: count)
        for (position, candidate) in order.enumerated() { ranks[candidate] = position + 1 }
        return ranks
    }
}
