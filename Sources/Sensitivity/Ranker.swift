internal import CRanking
import LinearAlgebra

/// Ranks the columns of score matrices one after another by descending score, ties by id
/// ascending, missing scores (NaN) last: the order of `descendingOrder` in LinearAlgebra.
///
/// Candidates are handled by their tie rank (their place in ascending id order), so that the
/// tie-break is the rank itself; `order`, `candidate(at:)` and `ranks` translate back. The id
/// order only makes the list unique: the statistics of sensitivity never read it, because
/// candidates tied in a column (``tiedScores(_:_:)``) share their ranks (``forEachGroup(_:_:)``,
/// ``doubledMidRanks(_:into:)``, ``rank(_:tally:)``).
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
    @_spi(Testing) public let vectorised: Bool
    /// Each candidate's tie rank: its position in ascending id order.
    private let tieRank: [UInt32]
    /// The candidate of each tie rank.
    private let byTie: [Int32]
    /// Tie ranks by rank for the last column ranked.
    private var positions: [UInt32]
    /// Keys for the vectorised path.
    private var work: [UInt32]
    // Radix path: steps by tie rank, the first pass's output, scores in rank order.
    private var passed: [UInt32] = []
    private var keys: [Double] = []
    private var digits32: [UInt32] = []
    /// The two histograms (low digit, high digit) and then their running offsets.
    private var histogram: [Int32] = []

    /// Keys of two digits of `bits` bits: 7 bits (16,383 steps across a column's range, and
    /// histograms of 128 buckets that are cheap to clear and sum) up to 4,096 candidates, then
    /// wider so that there are about four steps or more per candidate and few share a key.
    private let bits: UInt32
    private let buckets: Int
    private let mask: UInt32
    private let keySpan: Double

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
        var width: UInt32 = 7
        while width < 12 && (1 << (2 * Int(width))) < 4 * count { width += 1 }
        bits = width
        buckets = 1 << Int(width)
        mask = UInt32(buckets - 1)
        keySpan = Double(1 << (2 * Int(width)) - 2)
        if vectorised {
            work = [UInt32](repeating: 0, count: Int(vp_rank_work(Int32(count))))
        } else {
            work = []
            digits32 = [UInt32](repeating: 0, count: count)
            passed = positions
            keys = [Double](repeating: 0, count: count)
            histogram = [Int32](repeating: 0, count: 2 * buckets)
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

    /// The tie rank of candidate c (rows of a ``RankTally`` are by tie rank).
    func tieRank(of c: Int) -> Int { Int(tieRank[c]) }

    /// Orders the candidates by the `count` scores at `scores` (see ``order``).
    ///
    /// - Complexity: vectorised, O(n log² n) lane operations; radix, O(n). Both add the
    ///   candidates closer than a key step, O(n²) at worst (all in one step).
    public mutating func rank(_ scores: UnsafePointer<Double>) {
        _ = order(scores, counts: nil, stride: 0)
        settleTies(scores)
    }

    /// Puts each run of neighbours tied to 12 significant digits (SPEC §12) in tie-rank (id)
    /// order, so that ``order`` is `descendingOrder`'s; the statistics share those ranks anyway.
    ///
    /// - Complexity: O(n), plus O(k log k) per run of k tied scores.
    private mutating func settleTies(_ scores: UnsafePointer<Double>) {
        let byTie = self.byTie
        positions.withUnsafeMutableBufferPointer { positions in
            let n = positions.count
            var start = 0
            while start < n {
                var end = start + 1
                while end < n
                    && tiedScores(scores[Int(byTie[Int(positions[end - 1])])], scores[Int(byTie[Int(positions[end])])])
                {
                    end += 1
                }
                if end - start > 1 { positions[start..<end].sort() }
                start = end
            }
        }
    }

    /// Orders the candidates by the `count` scores at `scores` and adds the column to `tally`:
    /// candidates tied in it share their ranks.
    ///
    /// A column without ties (the common case) is counted while it is ordered (the vectorised
    /// kernel, or the radix path, adds one to each candidate's half-rank counter); a column
    /// with ties, or any column of a binned tally, goes through
    /// ``RankTally/add(_:positions:byTie:)`` group by group.
    ///
    /// - Complexity: that of ``rank(_:)``, plus O(n) for the counts, plus O(m × K) for a tie
    ///   group of m candidates within the first K ranks.
    public mutating func rank(_ scores: UnsafePointer<Double>, tally: inout RankTally) {
        precondition(tally.candidates == count, "tally of \(tally.candidates) for \(count) candidates")
        let fast = tally.countsHalfRanksDirectly
        var counted = false
        if fast {
            counted = tally.histogram.withUnsafeMutableBufferPointer {
                order(scores, counts: $0.baseAddress!, stride: tally.layout.bins)
            }
        } else {
            // A binned tally also keeps sums and the first K ranks: every column goes by groups.
            _ = order(scores, counts: nil, stride: 0)
        }
        tally.samples += 1
        guard !counted else { return }
        settleTies(scores)
        positions.withUnsafeBufferPointer { positions in
            byTie.withUnsafeBufferPointer { byTie in
                tally.add(scores, positions: positions.baseAddress!, byTie: byTie.baseAddress!)
            }
        }
    }

    /// The tie rank of the candidate at 0-based `position` of the last column ranked.
    func tieRank(at position: Int) -> Int { Int(positions[position]) }

    /// Calls `body(start, end)` for each group of tied candidates of the last column ranked
    /// (positions start..<end, every pair of neighbours tied), from the first position; an
    /// untied candidate is a group of one.
    ///
    /// - Parameter scores: the column last ranked.
    /// - Complexity: O(n).
    func forEachGroup(_ scores: UnsafePointer<Double>, _ body: (Int, Int) -> Void) {
        var start = 0
        var previous = scores[Int(byTie[Int(positions[0])])]
        for p in 1..<Swift.max(count, 1) {
            let score = scores[Int(byTie[Int(positions[p])])]
            if !tiedScores(previous, score) {
                body(start, p)
                start = p
            }
            previous = score
        }
        if count > 0 { body(start, count) }
    }

    /// Twice each candidate's mid-rank in the last column ranked, in candidate order: tied
    /// candidates at positions start..<end all get start + 1 + end (the mean of the ranks they
    /// share, doubled so that it stays a whole number).
    func doubledMidRanks(_ scores: UnsafePointer<Double>, into midRanks: UnsafeMutablePointer<Int>) {
        forEachGroup(scores) { start, end in
            for p in start..<end { midRanks[Int(byTie[Int(positions[p])])] = start + 1 + end }
        }
    }

    /// Orders the column; with `counts`, counts it (rows of `stride` by tie rank, one at twice
    /// the rank) unless two neighbours are tied. Returns whether it counted.
    private mutating func order(_ scores: UnsafePointer<Double>, counts: UnsafeMutablePointer<UInt32>?, stride: Int)
        -> Bool
    {
        let n = count
        guard n > 1 else {
            if n == 1, let counts { counts[2] &+= 1 }
            return true
        }
        if vectorised {
            return tieRank.withUnsafeBufferPointer { tie in
                byTie.withUnsafeBufferPointer { byTie in
                    work.withUnsafeMutableBufferPointer { work in
                        positions.withUnsafeMutableBufferPointer { positions in
                            vp_rank(
                                scores, Int32(n), tie.baseAddress!, byTie.baseAddress!, work.baseAddress!,
                                positions.baseAddress!, counts, Int32(stride)) != 0
                        }
                    }
                }
            }
        }
        return radix(scores, counting: counts, stride: stride)
    }

    private mutating func radix(
        _ scores: UnsafePointer<Double>, counting counts: UnsafeMutablePointer<UInt32>?, stride: Int
    ) -> Bool {
        let n = count
        let (bits, buckets, mask, keySpan) = (bits, buckets, mask, keySpan)
        return byTie.withUnsafeBufferPointer { byTie in
            positions.withUnsafeMutableBufferPointer { ordered in
                passed.withUnsafeMutableBufferPointer { passed in
                    keys.withUnsafeMutableBufferPointer { keys in
                        digits32.withUnsafeMutableBufferPointer { digits in
                            histogram.withUnsafeMutableBufferPointer { histogram in
                                // The range of the real scores (NaN compares false and is skipped), four lanes at a time.
                                var high4 = SIMD4<Double>(repeating: -.infinity),
                                    low4 = SIMD4<Double>(repeating: .infinity)
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
                                let scale = span > 0 && span.isFinite ? keySpan / span : 0
                                for b in 0..<(2 * buckets) { histogram[b] = 0 }
                                // Key 0 for the highest score up to keySpan for the lowest; keySpan + 1 for NaN. Adding
                                // 1.5 × 2⁵² rounds x to an integer held in the low bits, with no checked conversion.
                                let missing = keySpan + 1
                                for t in 0..<n {
                                    let x = (highest - scores[Int(byTie[t])]) * scale
                                    let bounded = x >= 0 && x <= keySpan ? x : missing
                                    let digit = UInt32(truncatingIfNeeded: (bounded + 0x1.8p52).bitPattern)
                                    digits[t] = digit
                                    histogram[Int(digit & mask)] &+= 1
                                    histogram[buckets &+ Int(digit >> bits)] &+= 1
                                }
                                var low: Int32 = 0, high: Int32 = 0
                                for b in 0..<buckets {
                                    let l = histogram[b], h = histogram[buckets &+ b]
                                    histogram[b] = low
                                    histogram[buckets &+ b] = high
                                    low &+= l
                                    high &+= h
                                }
                                // Stable passes: low digit from tie order, then high digit.
                                for t in 0..<n {
                                    let b = Int(digits[t] & mask)
                                    let p = histogram[b]
                                    histogram[b] = p &+ 1
                                    passed[Int(p)] = UInt32(truncatingIfNeeded: t)
                                }
                                for k in 0..<n {
                                    let t = passed[k]
                                    let b = buckets &+ Int(digits[Int(t)] >> bits)
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
                                // Tied neighbours (NaN sorts as −∞ here; a real −∞ beside a NaN is not told apart).
                                for p in 1..<n where tiedScores(keys[p &- 1], keys[p]) { return false }
                                if let counts {
                                    for p in 0..<n { counts[Int(ordered[p]) &* stride &+ 2 &* p &+ 2] &+= 1 }
                                }
                                return true
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Whether two scores are one value wherever ranks are formed (SPEC §12): equal to 12
/// significant digits, |a − b| ≤ 10⁻¹² · max(|a|, |b|, 1), or both missing.
/// The one definition lives in LinearAlgebra (``equalToTwelveDigits(_:_:)``).
@inline(__always)
func tiedScores(_ a: Double, _ b: Double) -> Bool { equalToTwelveDigits(a, b) }
