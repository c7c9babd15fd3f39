/// Ranks the columns of score matrices one after another by descending score, ties by id
/// ascending, missing scores (NaN) last: the order of `descendingOrder` in LinearAlgebra.
///
/// A column is ordered by a two-pass radix sort on a 14-bit key (the score's place between the
/// column's highest and lowest, so that a shift or scaling of every score changes nothing),
/// stable from id order so that equal keys keep the tie-break, and then an insertion sort with
/// the exact comparison fixes the few pairs whose scores differ by less than a key step. The
/// result is the unique total order whatever the keys; they only make it fast: O(n) per column
/// with no comparison branch per candidate, where a comparison sort costs O(n log n) mostly
/// mispredicted branches (`swift run -c release ranker-bench` in Benchmarks measures both).
struct Ranker {
    let count: Int
    /// Each candidate's position in ascending id order: the tie-break.
    private let tieBreak: [Int32]
    /// Candidates in ascending id order: the order the radix passes start from.
    private let byID: [Int32]
    /// Candidate indices by rank for the last column ranked.
    private var ordered: [Int32]
    /// The scores in `ordered`, NaN as −∞ (after every real score, ties among them by id).
    private var keys: [Double]
    private var digits: [UInt16]
    private var passed: [Int32]
    /// The two histograms (low digit, high digit) and then their running offsets.
    private var histogram = [Int32](repeating: 0, count: 2 * Ranker.buckets)

    /// Keys of two 7-bit digits: 16,383 steps across a column's range, so that few candidates
    /// share a key, and histograms of 128 buckets that are cheap to clear and sum.
    private static let bits: UInt16 = 7
    private static let buckets = 1 << 7
    private static let mask: UInt16 = 127
    private static let keySpan = Double(1 << 14 - 2)

    init(ids: [String]) {
        count = ids.count
        precondition(count < Int(Int32.max), "ranker: \(count) candidates")
        let sorted = ids.indices.sorted { ids[$0] < ids[$1] }
        var tie = [Int32](repeating: 0, count: ids.count)
        for (position, index) in sorted.enumerated() { tie[index] = Int32(position) }
        tieBreak = tie
        byID = sorted.map { Int32($0) }
        ordered = byID
        keys = [Double](repeating: 0, count: ids.count)
        digits = [UInt16](repeating: 0, count: ids.count)
        passed = byID
    }

    /// Candidate indices by rank for the last column ranked.
    var order: [Int] { ordered.map { Int($0) } }

    /// The candidate at 0-based `position` of the last column ranked.
    func candidate(at position: Int) -> Int { Int(ordered[position]) }

    /// Orders the candidates by the `count` scores at `scores` and, with `counts`, adds one to
    /// `counts[c * count + r]` for each candidate c at rank r + 1.
    ///
    /// - Complexity: O(n) plus the pairs closer than a key step; O(n²) at worst (all in one key).
    mutating func rank(_ scores: UnsafePointer<Double>, counting counts: UnsafeMutablePointer<Int>? = nil) {
        let n = count
        guard n > 1 else {
            if n == 1, let counts { counts[0] &+= 1 }
            return
        }
        tieBreak.withUnsafeBufferPointer { tie in
        byID.withUnsafeBufferPointer { byID in
        ordered.withUnsafeMutableBufferPointer { ordered in
        passed.withUnsafeMutableBufferPointer { passed in
        keys.withUnsafeMutableBufferPointer { keys in
        digits.withUnsafeMutableBufferPointer { digits in
        histogram.withUnsafeMutableBufferPointer { histogram in
            // The range of the real scores (NaN compares false and is skipped), four lanes at a time.
            var high4 = SIMD4<Double>(repeating: -.infinity), low4 = SIMD4<Double>(repeating: .infinity)
            var i = 0
            while i &+ 4 <= n {
                let v = SIMD4<Double>(scores[i], scores[i &+ 1], scores[i &+ 2], scores[i &+ 3])
                high4.replace(with: v, where: v .> high4)
                low4.replace(with: v, where: v .< low4)
                i &+= 4
            }
            var highest = high4.max(), lowest = low4.min()
            while i < n {
                let v = scores[i]
                highest = v > highest ? v : highest
                lowest = v < lowest ? v : lowest
                i &+= 1
            }
            let span = highest - lowest
            let scale = span > 0 && span.isFinite ? Self.keySpan / span : 0
            for b in 0..<(2 * Self.buckets) { histogram[b] = 0 }
            // Key 0 for the highest score up to keySpan for the lowest; keySpan + 1 for NaN. Adding
            // 1.5 × 2⁵² rounds x to an integer held in the low bits, with no checked conversion.
            let missing = Self.keySpan + 1
            for i in 0..<n {
                let x = (highest - scores[i]) * scale
                let bounded = x >= 0 && x <= Self.keySpan ? x : missing
                let digit = UInt16(truncatingIfNeeded: (bounded + 0x1.8p52).bitPattern)
                digits[i] = digit
                histogram[Int(digit & Self.mask)] &+= 1
                histogram[Self.buckets &+ Int(digit >> Self.bits)] &+= 1
            }
            var low: Int32 = 0, high: Int32 = 0
            for b in 0..<Self.buckets {
                let l = histogram[b], h = histogram[Self.buckets &+ b]
                histogram[b] = low
                histogram[Self.buckets &+ b] = high
                low &+= l
                high &+= h
            }
            // Stable passes: low digit from id order, then high digit.
            for k in 0..<n {
                let i = byID[k]
                let b = Int(digits[Int(i)] & Self.mask)
                let p = histogram[b]
                histogram[b] = p &+ 1
                passed[Int(p)] = i
            }
            for k in 0..<n {
                let i = passed[k]
                let b = Self.buckets &+ Int(digits[Int(i)] >> Self.bits)
                let p = Int(histogram[b])
                histogram[b] = Int32(truncatingIfNeeded: p &+ 1)
                ordered[p] = i
                let v = scores[Int(i)]
                keys[p] = v.isNaN ? -.infinity : v
            }
            // Exact order: only candidates closer than a key step (or of one key) can be out of
            // place, and ties are already in id order.
            for p in 1..<n {
                let key = keys[p]
                let previous = keys[p &- 1]
                if previous > key { continue }
                let candidate = ordered[p]
                let t = tie[Int(candidate)]
                if previous == key && tie[Int(ordered[p &- 1])] < t { continue }
                var q = p
                while q > 0 {
                    let other = keys[q &- 1]
                    guard other < key || (other == key && tie[Int(ordered[q &- 1])] > t) else { break }
                    keys[q] = other
                    ordered[q] = ordered[q &- 1]
                    q &-= 1
                }
                keys[q] = key
                ordered[q] = candidate
            }
            if let counts {
                for p in 0..<n { counts[Int(ordered[p]) &* n &+ p] &+= 1 }
            }
        }
        }
        }
        }
        }
        }
        }
    }

    /// Ranks of the last column ranked, 1-based, in candidate order.
    var ranks: [Int] {
        var ranks = [Int](repeating: 0, count: count)
        for (position, candidate) in ordered.enumerated() { ranks[Int(candidate)] = position + 1 }
        return ranks
    }
}
