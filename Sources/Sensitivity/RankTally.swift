import Foundation

/// How a candidate's ranks are binned: exactly while the candidates are few, on a bounded
/// histogram beyond, so that memory stays linear in the candidates.
///
/// Values are *doubled* mid-ranks v = 2 × mid-rank (whole numbers from 2 to 2n: a candidate
/// alone at rank r has v = 2r; candidates tied at positions start..<end share
/// v = start + 1 + end). With n ≤ ``exactLimit`` candidates there is one bin per v, and every
/// statistic is exact. Beyond, the first `exactBins` values keep a bin each and the rest are
/// cut into bins whose edges grow by a constant ratio (log-spaced), so a percentile read from
/// them is off by at most half a bin: `relativeError` of the rank (and exact near the top).
public struct RankHistogramLayout: Sendable, Equatable {
    /// Up to this many candidates, one bin per doubled rank: exact percentiles.
    public static let exactLimit = 2048

    /// Bins per candidate.
    public let bins: Int
    /// True when each bin holds one doubled rank.
    public let exact: Bool
    /// `binOf[v]`: the bin of doubled rank v (0 … 2n); empty when exact (the bin is v).
    let binOf: [UInt32]
    /// The smallest doubled rank of each bin, and one past the last (bins + 1 values).
    public let lower: [Int]

    /// The layout for n candidates; `memoryBudget` bounds the bytes of one histogram of n rows.
    public init(candidates n: Int, memoryBudget: Int = 1 << 28) {
        let top = 2 * n
        if n <= Self.exactLimit {
            bins = top + 1
            exact = true
            binOf = []
            lower = Array(0...(top + 1))
            return
        }
        exact = false
        let wanted = Swift.min(1024, Swift.max(128, memoryBudget / (4 * n)))
        // One bin per doubled rank up to `single`, then edges growing by a constant ratio.
        let single = Swift.min(256, wanted / 2)
        let logBins = wanted - single
        let ratio = pow(Double(top + 1) / Double(single), 1 / Double(logBins))
        var edges = Array(0..<single)
        var edge = Double(single)
        while edges.count < wanted && (edges.last ?? 0) < top {
            let next = Swift.max((edges.last ?? -1) + 1, Int(edge.rounded(.up)))
            guard next <= top else { break }
            edges.append(next)
            edge *= ratio
        }
        edges.append(top + 1)
        lower = edges
        bins = edges.count - 1
        var table = [UInt32](repeating: 0, count: top + 1)
        var b = 0
        for v in 0...top {
            while v >= edges[b + 1] { b += 1 }
            table[v] = UInt32(b)
        }
        binOf = table
    }

    /// The bin of doubled rank v.
    @inline(__always)
    func bin(_ v: Int) -> Int { exact ? v : Int(binOf[v]) }

    /// The largest relative error of a percentile read from the bins (0 when exact): half the
    /// widest bin over its lower edge.
    public var relativeError: Double {
        guard !exact else { return 0 }
        var worst = 0.0
        for b in 0..<bins where lower[b + 1] - lower[b] > 1 {
            worst = Swift.max(worst, Double(lower[b + 1] - 1 - lower[b]) / 2 / Double(Swift.max(lower[b], 1)))
        }
        return worst
    }
}

/// One worker's counts of the ranks of every candidate over the samples it ranked: the
/// bounded state that ``RankDistribution`` is made of. Rows are by tie rank (see ``Ranker``).
///
/// Every count is a whole number, so tallies merge exactly in any order: the result does not
/// depend on how samples were split over blocks and workers.
///
/// - Acceptability of ranks 1 … K: a candidate alone at rank r counts one sample there; m
///   candidates tied at ranks start + 1 … end each count 1/m of a sample at each of those
///   ranks, in units of 1/``unitsPerSample`` (exact for m ≤ 27; for larger m each share is
///   rounded to the nearest unit, an error below 6.3 × 10⁻¹² of a sample).
/// - Doubled mid-ranks: their histogram (``RankHistogramLayout``), and, when the histogram is
///   binned, their sum and sum of squares for the mean and standard deviation.
///
/// A binned tally keeps those counts in a ``BinnedRankCounts`` that its copies share: the
/// workers of one run (``sharingCounts(worker:of:)``) add into one store, each from a buffer of its own.
///
/// Memory: n × (bins + K) × 2 + n × 24 bytes when binned for up to 65,535 samples (× 4 instead
/// of × 2 beyond), once for all workers, plus each worker's buffer of up to 64 columns (at most
/// 32 MB); n × (2n + 1) × 4 per worker when exact; and n × K × 12 more once some tie of part of
/// the candidates reaches the first K ranks (a column in which all of them tie adds K × 8).
public struct RankTally: Sendable {
    /// Units of a sample: lcm(1, …, 27), so that a share 1/m is a whole number for m ≤ 27; at
    /// most 1.1 × 10⁸ samples fit in 63 bits.
    static let unitsPerSample: Int64 = 80_313_433_200
    public static let maximumSamples = 100_000_000

    let candidates: Int
    /// K: acceptability is kept for ranks 1 … K.
    let ranks: Int
    let layout: RankHistogramLayout
    /// The columns added.
    public internal(set) var samples = 0
    /// Exact layout only: samples in which the candidate of tie rank t had the doubled
    /// mid-rank `bin`, at ``index(_:_:)``: one row per tie rank.
    var histogram: [UInt32]
    /// Binned layout only: the histogram, the first K ranks alone and the moments, shared by
    /// the copies of this tally.
    private let binned: BinnedStore?
    /// Binned layout only: the doubled mid-rank of every tie rank in each column ranked since
    /// the last ``flush()`` (`pending[column * n + t]`, with ``tiedMark`` set for a shared
    /// rank), up to ``pendingCapacity`` columns. They are counted a batch at a time: a
    /// candidate's ranks vary little from one sample to the next, so a batch lands on a few
    /// cache lines of its row instead of one random line per sample.
    var pending: [UInt32] = []
    var pendingColumns = 0
    let pendingCapacity: Int
    /// The stripe of the store this tally's flush starts at (see ``sharingCounts(worker:of:)``).
    private var firstStripe = 0
    /// Marks a pending rank shared with other candidates (2n + 1 < 2³¹).
    static let tiedMark: UInt32 = 1 << 31
    /// Once a tie reaches the first K ranks: `shared[t * K + r]`, t's shares of rank r + 1 in
    /// units; with the exact layout, `tiedAt[t * K + r]`, the tied samples whose doubled
    /// mid-rank was 2(r + 1) (the histogram counts them at the whole rank r + 1).
    var shared: [Int64] = []
    var tiedAt: [UInt32] = []
    /// `everyone[r]`: shares of rank r + 1, in units, that every candidate holds alike, from
    /// columns in which all of them tied (a variant that sends every candidate to 0): added once
    /// instead of once per candidate, and read with `shared`.
    var everyone: [Int64] = []

    /// An empty tally for `candidates` keeping acceptability for ranks 1 … `ranks`, for at
    /// most `samples` columns (a binned tally then counts in 16 bits up to 65,535).
    public init(
        candidates: Int, ranks: Int, layout: RankHistogramLayout? = nil, samples: Int = RankTally.maximumSamples
    ) {
        let layout = layout ?? RankHistogramLayout(candidates: candidates)
        self.candidates = candidates
        self.ranks = ranks
        self.layout = layout
        histogram = layout.exact ? [UInt32](repeating: 0, count: candidates * layout.bins) : []
        binned =
            layout.exact
            ? nil
            : samples <= Int(UInt16.max)
                ? .narrow(BinnedRankCounts(candidates: candidates, bins: layout.bins, ranks: ranks))
                : .wide(BinnedRankCounts(candidates: candidates, bins: layout.bins, ranks: ranks))
        // At most 2²³ pending ranks (32 MB), and at most 64 columns.
        pendingCapacity = Swift.max(1, Swift.min(64, (1 << 23) / Swift.max(candidates, 1)))
    }

    /// An empty tally for another worker of the same run: a binned one adds into this one's
    /// store (its flushes start at another stripe); an exact one has counts of its own, merged
    /// with ``merge(_:)``.
    func sharingCounts(worker: Int, of workers: Int) -> RankTally {
        guard let binned else { return RankTally(candidates: candidates, ranks: ranks, layout: layout) }
        var tally = self
        tally.samples = 0
        tally.pending = []
        tally.pendingColumns = 0
        tally.shared = []
        tally.tiedAt = []
        tally.everyone = []
        tally.firstStripe = worker * binned.stripes / Swift.max(workers, 1) % binned.stripes
        return tally
    }

    /// True when a column without ties is counted by one increment per candidate at bin
    /// 2 × rank (the exact layout): the ranker's kernel does it as it orders.
    var countsHalfRanksDirectly: Bool { layout.exact }

    /// Adds a ranked column: `positions` holds the tie rank at each position (a ``Ranker``'s),
    /// `byTie` the candidate of each tie rank, `scores` the column; neighbours tied to 12
    /// significant digits form groups that share their ranks.
    ///
    /// - Complexity: O(n), plus O(m × K) for a tie group of m candidates within the first K ranks.
    mutating func add(_ scores: UnsafePointer<Double>, positions: UnsafePointer<UInt32>, byTie: UnsafePointer<Int32>) {
        let n = candidates
        guard n > 0 else { return }
        if !layout.exact && pending.isEmpty { pending = [UInt32](repeating: 0, count: pendingCapacity * n) }
        var start = 0
        var previous = scores[Int(byTie[Int(positions[0])])]
        for p in 1...n {
            if p < n {
                let score = scores[Int(byTie[Int(positions[p])])]
                let tied = tiedScores(previous, score)
                previous = score
                if tied { continue }
            }
            if p - start == 1 {
                addAlone(Int(positions[start]), at: start)
            } else {
                add(groupFrom: start, to: p, positions: positions)
            }
            start = p
        }
        guard !layout.exact else { return }
        pendingColumns += 1
        if pendingColumns == pendingCapacity { flush() }
    }

    /// Counts the pending columns into the store (histogram, ranks alone, moments).
    ///
    /// - Complexity: O(candidates × pending columns).
    mutating func flush() {
        guard pendingColumns > 0, let binned else { return }
        let columns = pendingColumns
        pending.withUnsafeBufferPointer { pending in
            switch binned {
            case .narrow(let store):
                store.add(pending, columns: columns, binOf: layout.binOf, firstStripe: firstStripe)
            case .wide(let store):
                store.add(pending, columns: columns, binOf: layout.binOf, firstStripe: firstStripe)
            }
        }
        pendingColumns = 0
    }

    /// Where the count of tie rank t in `bin` is kept.
    @inline(__always)
    func index(_ t: Int, _ bin: Int) -> Int { t &* layout.bins &+ bin }

    /// The binned layout's slot for tie rank t in the column being added (`doubled` carries
    /// ``tiedMark`` for a shared rank).
    @inline(__always)
    private mutating func setPending(_ t: Int, _ doubled: UInt32) {
        let slot = pendingColumns &* candidates &+ t
        pending.withUnsafeMutableBufferPointer { $0[slot] = doubled }
    }

    /// Candidate of tie rank t alone at 0-based position p.
    @inline(__always)
    private mutating func addAlone(_ t: Int, at p: Int) {
        let doubled = 2 &* p &+ 2
        guard !layout.exact else {
            let slot = index(t, doubled)
            histogram.withUnsafeMutableBufferPointer { $0[slot] &+= 1 }
            return
        }
        setPending(t, UInt32(truncatingIfNeeded: doubled))
    }

    /// Adds the candidates at positions start..<end, tied with one another (m = end − start > 1).
    private mutating func add(groupFrom start: Int, to end: Int, positions: UnsafePointer<UInt32>) {
        let m = end - start
        let doubled = start + 1 + end
        let bin = layout.bin(doubled)
        let k = ranks
        let sharedRanks = start..<Swift.max(start, Swift.min(end, k))
        // Every candidate tied: the same shares for all of them, kept once.
        let alike = m == candidates
        let countsTiedAt = layout.exact && doubled % 2 == 0 && doubled / 2 <= k
        if !sharedRanks.isEmpty && !alike && shared.isEmpty {
            shared = [Int64](repeating: 0, count: candidates * k)
        }
        if countsTiedAt && tiedAt.isEmpty { tiedAt = [UInt32](repeating: 0, count: candidates * k) }
        let share = m <= 27 ? Self.unitsPerSample / Int64(m) : (Self.unitsPerSample + Int64(m / 2)) / Int64(m)
        if alike && !sharedRanks.isEmpty {
            if everyone.isEmpty { everyone = [Int64](repeating: 0, count: k) }
            for r in sharedRanks { everyone[r] &+= share }
        }
        for p in start..<end {
            let t = Int(positions[p])
            if layout.exact {
                histogram[index(t, bin)] &+= 1
            } else {
                setPending(t, UInt32(truncatingIfNeeded: doubled) | Self.tiedMark)
            }
            if !alike { for r in sharedRanks { shared[t * k + r] &+= share } }
            if countsTiedAt { tiedAt[t * k + doubled / 2 - 1] &+= 1 }
        }
    }

    /// The shares (in units) of rank r + 1 that the candidate of tie rank t held in tied columns.
    func sharedUnits(_ t: Int, _ r: Int) -> Int64 {
        (shared.isEmpty ? 0 : shared[t * ranks + r]) + (everyone.isEmpty ? 0 : everyone[r])
    }

    /// Adds another worker's tally: whole numbers, so in any order. The counts of a tally made
    /// with ``sharingCounts(worker:of:)`` are already in the store they share.
    mutating func merge(_ other: RankTally) {
        precondition(
            other.candidates == candidates && other.ranks == ranks && other.layout == layout,
            "merging tallies of different shapes")
        flush()
        var other = other
        other.flush()
        samples += other.samples
        add(&histogram, other.histogram)
        switch (binned, other.binned) {
        case (.narrow(let mine), .narrow(let theirs)) where mine !== theirs: mine.add(theirs)
        case (.wide(let mine), .wide(let theirs)) where mine !== theirs: mine.add(theirs)
        case (.narrow, .wide), (.wide, .narrow): preconditionFailure("merging 16- and 32-bit tallies")
        default: break
        }
        merge(&shared, other.shared)
        merge(&tiedAt, other.tiedAt)
        merge(&everyone, other.everyone)
    }

    /// Adds `other` to `counts`, either of which may not have been made yet (empty).
    private func merge<T: FixedWidthInteger>(_ counts: inout [T], _ other: [T]) {
        guard !other.isEmpty else { return }
        if counts.isEmpty { counts = other } else { add(&counts, other) }
    }

    private func add<T: FixedWidthInteger>(_ a: inout [T], _ b: [T]) {
        for i in a.indices { a[i] &+= b[i] }
    }

    /// Samples in which tie rank t's doubled mid-rank fell in `bin`.
    func count(_ t: Int, _ bin: Int) -> UInt32 {
        switch binned {
        case nil: histogram[index(t, bin)]
        case .narrow(let store): store.count(t, bin)
        case .wide(let store): store.count(t, bin)
        }
    }

    /// Binned layout: samples in which tie rank t was alone at rank r + 1.
    func aloneCount(_ t: Int, _ r: Int) -> UInt32 {
        switch binned {
        case nil: preconditionFailure("the exact layout keeps no separate ranks alone")
        case .narrow(let store): store.alone(t, r)
        case .wide(let store): store.alone(t, r)
        }
    }

    /// Binned layout: Σ and Σ² of tie rank t's doubled mid-ranks.
    func moments(_ t: Int) -> (sum: UInt64, squares: UInt128) {
        switch binned {
        case nil: preconditionFailure("the exact layout sums its histogram")
        case .narrow(let store): store.moments(t)
        case .wide(let store): store.moments(t)
        }
    }
}

/// The store of a binned tally, in 16 or 32 bits.
private enum BinnedStore: Sendable {
    case narrow(BinnedRankCounts<UInt16>)
    case wide(BinnedRankCounts<UInt32>)

    var stripes: Int {
        switch self {
        case .narrow(let store): store.stripes
        case .wide(let store): store.stripes
        }
    }
}
