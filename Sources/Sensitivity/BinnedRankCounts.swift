import Foundation

/// The counts of a binned ``RankTally`` (more than ``RankHistogramLayout/exactLimit``
/// candidates), held once for all the workers of a run: each worker ranks its samples into a
/// buffer of its own and adds it here a stripe of candidates at a time, under that stripe's lock.
///
/// Counts are whole numbers, so the order in which workers add them does not matter. `Count` is
/// `UInt16` when the run has at most 65,535 samples (no count can exceed the samples), else
/// `UInt32`: at 10⁶ candidates, 128 bins and K = 50 that is 380 MB for the whole run, against
/// 736 MB for each worker with a 32-bit tally of its own.
final class BinnedRankCounts<Count: FixedWidthInteger & UnsignedInteger>: @unchecked Sendable {
    let candidates: Int
    let bins: Int
    /// K: the ranks whose acceptability is kept.
    let ranks: Int
    /// `histogram[t * bins + b]`: samples in which tie rank t had a doubled mid-rank in bin b.
    private let histogram: UnsafeMutableBufferPointer<Count>
    /// `alone[t * K + r]`: samples in which tie rank t was alone at rank r + 1.
    private let alone: UnsafeMutableBufferPointer<Count>
    /// `moments[3t …]`: Σ v, and Σ v² in two words (low, high), of t's doubled mid-ranks.
    private let moments: UnsafeMutableBufferPointer<UInt64>
    /// One lock per stripe of consecutive tie ranks, so that two workers adding at once
    /// rarely wait for each other.
    private let locks: [NSLock]
    private let stripe: Int

    init(candidates: Int, bins: Int, ranks: Int) {
        self.candidates = candidates
        self.bins = bins
        self.ranks = ranks
        histogram = .allocate(capacity: candidates * bins)
        histogram.initialize(repeating: 0)
        alone = .allocate(capacity: candidates * ranks)
        alone.initialize(repeating: 0)
        moments = .allocate(capacity: 3 * candidates)
        moments.initialize(repeating: 0)
        let stripes = Swift.max(1, Swift.min(16, candidates))
        stripe = (candidates + stripes - 1) / stripes
        locks = (0..<stripes).map { _ in NSLock() }
    }

    deinit {
        histogram.deallocate()
        alone.deallocate()
        moments.deallocate()
    }

    /// The number of stripes a worker goes through to add its buffer.
    var stripes: Int { locks.count }

    /// Adds `columns` ranked columns: `pending[c * n + t]` is the doubled mid-rank of tie rank
    /// t in column c, with ``RankTally/tiedMark`` set when t shared it with others. Stripes
    /// are taken in turn from `firstStripe`, so that workers start on different ones.
    ///
    /// - Complexity: O(candidates × columns).
    func add(_ pending: UnsafeBufferPointer<UInt32>, columns: Int, binOf: [UInt32], firstStripe: Int) {
        let (n, bins, k) = (candidates, self.bins, ranks)
        binOf.withUnsafeBufferPointer { binOf in
            for step in 0..<locks.count {
                let s = (firstStripe + step) % locks.count
                let range = (s * stripe)..<Swift.min(n, (s + 1) * stripe)
                locks[s].lock()
                for t in range {
                    let row = histogram.baseAddress! + t &* bins
                    let aloneRow = alone.baseAddress! + t &* k
                    var sum: UInt64 = 0
                    var squares: UInt128 = 0
                    for c in 0..<columns {
                        let mark = pending[c &* n &+ t]
                        let v = UInt64(mark & ~RankTally.tiedMark)
                        row[Int(binOf[Int(v)])] &+= 1
                        // Alone at rank v / 2: its acceptability counts a whole sample.
                        if mark == UInt32(v) && v <= 2 &* UInt64(k) { aloneRow[Int(v / 2) &- 1] &+= 1 }
                        sum &+= v
                        squares &+= UInt128(v &* v)
                    }
                    // Σ v² in two words (low, high): exact for any count that fits.
                    moments[3 &* t] &+= sum
                    let (low, carry) = moments[3 &* t &+ 1].addingReportingOverflow(UInt64(truncatingIfNeeded: squares))
                    moments[3 &* t &+ 1] = low
                    moments[3 &* t &+ 2] &+= UInt64(truncatingIfNeeded: squares >> 64) &+ (carry ? 1 : 0)
                }
                locks[s].unlock()
            }
        }
    }

    /// Adds the counts of another store of the same shape (tallies made apart, then merged).
    func add(_ other: BinnedRankCounts) {
        precondition(other !== self, "adding a store to itself")
        for i in histogram.indices { histogram[i] &+= other.histogram[i] }
        for i in alone.indices { alone[i] &+= other.alone[i] }
        for t in 0..<candidates {
            moments[3 * t] &+= other.moments[3 * t]
            let (low, carry) = moments[3 * t + 1].addingReportingOverflow(other.moments[3 * t + 1])
            moments[3 * t + 1] = low
            moments[3 * t + 2] &+= other.moments[3 * t + 2] &+ (carry ? 1 : 0)
        }
    }

    func count(_ t: Int, _ bin: Int) -> UInt32 { UInt32(histogram[t * bins + bin]) }
    func alone(_ t: Int, _ r: Int) -> UInt32 { UInt32(alone[t * ranks + r]) }
    func moments(_ t: Int) -> (sum: UInt64, squares: UInt128) {
        (moments[3 * t], UInt128(moments[3 * t + 2]) << 64 | UInt128(moments[3 * t + 1]))
    }
}
