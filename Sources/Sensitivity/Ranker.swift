internal import CRanking

/// Ranks the columns of score matrices one after another by descending score, ties by id
/// ascending, missing scores (NaN) last: the order of `descendingOrder` in LinearAlgebra.
///
/// Candidates are handled by their tie rank (their place in ascending id order), so that the
/// tie-break is the rank itself; `order`, `candidate(at:)` and `ranks` translate back.
///
/// Two paths give the same order:
/// - **Vectorised** (AVX2, 2 to 1,024 candidates; `vp_rank` in CRanking): each score becomes a
///   32-bit key, its step in the column's range above its tie rank; a bitonic network sorts
///   the keys eight lanes at a time, and an exact pass settles scores that share a step.
/// - **Radix** (any processor, any size): a two-pass LSD radix sort on a 14-bit step, stable
///   from tie order, then an insertion pass with the exact comparison.
///
/// Either way the keys only make it fast: the result is the unique total order. Both paths are
/// tested against a comparison sort; `ranker-193-candidates-avx2` and `-radix` in the
/// Sensitivity benchmarks measure them side by side.
public struct Ranker: Sendable {
    public let count: Int
    /// Whether columns go through the AVX2 kernel.
    public let vectorised: Bool
    /// Each candidate's tie rank: its position in ascending id order.
    private let tieRank: [UInt32]
    /// The candidate of each tie rank.
    private let byTie: [Int32]
    /// Tie ranks by rank for the last column ranked.
    private var positions: [UInt32]
    /// Keys for the vectorised path.
    private var work: [UInt32]
    // Radix path: steps by tie rank, the first pass's output, scores in rank order.
    private var digits: [UInt16] = []
    private var passed: [UInt32] = []
    private var keys: [Double] = []
    /// The two histograms (low digit, high digit) and then their running offsets.
    private var histogram: [Int32] = []

    /// Keys of two 7-bit digits: 16,383 steps across a column's range, so that few candidates
    /// share a key, and histograms of 128 buckets that are cheap to clear and sum.
    private static let bits: UInt16 = 7
    private static let buckets = 1 << 7
    private static let mask: UInt16 = 127
    private static let keySpan = Double(1 << 14 - 2)

    /// - Parameter allowVector: false forces the radix path (tests compare the two).
    public init(ids: [String], allowVector: Bool = true) {
        count = ids.count
        precondition(count < Int(Int32.max), "ranker: \(count) candidates")
        let sorted = ids.indices.sorted { ids[$0] < ids[$1] }
        var tie = [UInt32](repeating: 0, count: ids.count)
        for (position, index) in sorted.enumerated() { tie[index] = UInt32(position) }
        tieRank = tie
        byTie = sorted.map { Int32($0) }
        positions = (0..<UInt32(ids.count)).map { $0 }
        vectorised = allowVector && vp_rank_supported(Int32(count)) != 0
        if vectorised {
            work = [UInt32](repeating: 0, count: Int(vp_rank_work(Int32(count))))
        } else {
            work = []
            digits = [UInt16](repeating: 0, count: count)
            passed = positions
            keys = [Double](repeating: 0, count: count)
            histogram = [Int32](repeating: 0, count: 2 * Self.buckets)
        }
    }

    /// Candidate indices by rank for the last column ranked.
    public var order: [Int] { positions.map { Int(byTie[Int($0)]) } }

    /// The candidate at 0-based `position` of the last column ranked.
    public func candidate(at position: Int) -> Int { Int(byTie[Int(positions[position])]) }

    /// Ranks of the last column ranked, 1-based, in candidate order.
    public var ranks: [Int] {
        var ranks = [Int](repeating: 0, count: count)
        for (position, t) in positions.enumerated() { ranks[Int(byTie[Int(t)])] = position + 1 }
        return ranks
    }

    /// Counts kept with rows by tie rank (as `rank(_:counting:)` adds them), with rows by
    /// candidate: `result[c * count + r]`.
    public func rowsByCandidate(_ counts: [Int]) -> [Int] {
        precondition(counts.count == count * count, "counts: \(counts.count) for \(count) candidates")
        var rows = [Int](repeating: 0, count: counts.count)
        for c in 0..<count {
            let t = Int(tieRank[c])
            rows[(c * count)..<((c + 1) * count)] = counts[(t * count)..<((t + 1) * count)]
        }
        return rows
    }

    /// Orders the candidates by the `count` scores at `scores` and, with `counts`, adds one to
    /// `counts[t * count + r]` for the candidate of tie rank t at rank r + 1 (rows by tie rank:
    /// `rowsByCandidate` puts them in candidate order).
    ///
    /// - Complexity: vectorised, O(n log² n) lane operations; radix, O(n). Both add the
    ///   candidates closer than a key step, O(n²) at worst (all in one step).
    public mutating func rank(_ scores: UnsafePointer<Double>, counting counts: UnsafeMutablePointer<Int>? = nil) {
        let n = count
        guard n > 1 else {
            if n == 1, let counts { counts[0] &+= 1 }
            return
        }
        if vectorised {
            tieRank.withUnsafeBufferPointer { tie in
            byTie.withUnsafeBufferPointer { byTie in
            work.withUnsafeMutableBufferPointer { work in
            positions.withUnsafeMutableBufferPointer { positions in
                // Int is 64 bits wherever AVX2 is.
                let counters = counts.map { UnsafeMutableRawPointer($0).assumingMemoryBound(to: Int64.self) }
                vp_rank(scores, Int32(n), tie.baseAddress!, byTie.baseAddress!, work.baseAddress!,
                        positions.baseAddress!, counters)
            }
            }
            }
            }
        } else {
            radix(scores, counting: counts)
        }
    }

    private mutating func radix(_ scores: UnsafePointer<Double>, counting counts: UnsafeMutablePointer<Int>?) {
        let n = count
        byTie.withUnsafeBufferPointer { byTie in
        positions.withUnsafeMutableBufferPointer { ordered in
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
            for t in 0..<n {
                let x = (highest - scores[Int(byTie[t])]) * scale
                let bounded = x >= 0 && x <= Self.keySpan ? x : missing
                let digit = UInt16(truncatingIfNeeded: (bounded + 0x1.8p52).bitPattern)
                digits[t] = digit
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
            // Stable passes: low digit from tie order, then high digit.
            for t in 0..<n {
                let b = Int(digits[t] & Self.mask)
                let p = histogram[b]
                histogram[b] = p &+ 1
                passed[Int(p)] = UInt32(truncatingIfNeeded: t)
            }
            for k in 0..<n {
                let t = passed[k]
                let b = Self.buckets &+ Int(digits[Int(t)] >> Self.bits)
                let p = Int(histogram[b])
                histogram[b] = Int32(truncatingIfNeeded: p &+ 1)
                ordered[p] = t
                let v = scores[Int(byTie[Int(t)])]
                keys[p] = v.isNaN ? -.infinity : v
            }
            // Exact order: only candidates closer than a key step (or of one key) can be out of
            // place, and ties are already in tie order.
            for p in 1..<n {
                let key = keys[p]
                let previous = keys[p &- 1]
                if previous > key { continue }
                let t = ordered[p]
                if previous == key && ordered[p &- 1] < t { continue }
                var q = p
                while q > 0 {
                    let other = keys[q &- 1]
                    guard other < key || (other == key && ordered[q &- 1] > t) else { break }
                    keys[q] = other
                    ordered[q] = ordered[q &- 1]
                    q &-= 1
                }
                keys[q] = key
                ordered[q] = t
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
