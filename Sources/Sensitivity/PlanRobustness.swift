internal import CRanking
import Dataset
import LinearAlgebra
import Scoring

/// Which planner re-solved the samples.
public enum SamplePlanner: Sendable, Equatable {
    /// The grouped planner (a maximum-gain flow, equal to CBC's list, see Guides/Planning.md).
    case grouped
    /// CBC, one solve per sample; `reason` says why the grouped planner was not used.
    case cbc(reason: String)
}

/// How often each candidate is selected by the planner when the weights are perturbed.
public struct SelectionFrequency: Sendable, Equatable {
    public let samples: Int
    /// Per candidate (dataset order): the samples whose optimal list selects it.
    public let selected: [Int]
    /// Samples for which no list satisfies the constraints (they select nobody).
    public let infeasible: Int
    /// The planner that re-solved them.
    public var planner: SamplePlanner = .grouped

    public init(samples: Int, selected: [Int], infeasible: Int, planner: SamplePlanner = .grouped) {
        self.samples = samples
        self.selected = selected
        self.infeasible = infeasible
        self.planner = planner
    }

    /// The probability that candidate c is on the list.
    public func probability(_ c: Int) -> Double {
        Double(selected[c]) / Double(Swift.max(samples, 1))
    }
}

/// Selects the list of one sample: given each candidate's score (dataset order, a missing score
/// counted 0) and the candidates by rank (best first: candidate `byRank[p]` has rank p + 1), the
/// candidates on the list, or nil when no list satisfies the constraints.
public typealias SelectList = (_ scores: UnsafeBufferPointer<Double>, _ byRank: UnsafeBufferPointer<Int>) throws ->
    [Int]?

/// The planner that re-plans every sample, supplied by the caller (the CLI and the report build it
/// from the planning problem): the sensitivity engine draws and ranks the samples, and never plans.
public struct SamplePlanning: Sendable {
    /// Which planner it is; `.grouped` runs on several threads, `.cbc` one sample at a time (CBC
    /// keeps process-wide state).
    public var planner: SamplePlanner
    /// Makes one thread's `select` (each owns its buffers).
    public var makeSelect: @Sendable () throws -> SelectList

    public init(planner: SamplePlanner, makeSelect: @escaping @Sendable () throws -> SelectList) {
        self.planner = planner
        self.makeSelect = makeSelect
    }
}

extension SensitivityAnalysis {
    /// Re-solves the visit list for the first `samples` Monte Carlo weight vectors (the same
    /// draws as ``rankDistribution(samples:seed:blockSize:workers:progress:)``) with `planning`:
    /// the planning problem is kept, only the candidates' scores and ranks change (ranks by
    /// descending score, ties by id; a missing score counts 0 and ranks last).
    ///
    /// The grouped planner (the same list as CBC, in microseconds) re-plans on `workers` threads;
    /// CBC one sample at a time.
    ///
    /// - Complexity: the scores of `samples` weight vectors, then per sample a sort of the
    ///   candidates and one `select`.
    public func selectionFrequency(
        samples: Int, seed: UInt64, planning: SamplePlanning, workers: Int = defaultWorkers,
        progress: ProgressHandler? = nil
    ) throws -> SelectionFrequency {
        guard planning.planner == .grouped else {
            return try selectionOneByOne(samples: samples, seed: seed, planning: planning, progress: progress)
        }
        let n = candidates
        let ranking = SampleRanking(ids: ids)
        let all = blocks(of: samples, size: 512)
        let workers = Swift.max(1, Swift.min(workers, all.count))
        let queue = BlockQueue(count: all.count)
        let partial = try concurrently(workers: workers) { worker -> (selected: [Int], infeasible: Int) in
            var selected = [Int](repeating: 0, count: n)
            var infeasible = 0
            var workspace = MethodAlternatives.Workspace()
            let select = try planning.makeSelect()
            var scores = [Double](repeating: 0, count: n)
            var byRank = Array(0..<n)
            var ranking = ranking
            var done = 0
            while let b = queue.take() {
                let (weights, variants) = draw(samples: all[b], seed: seed)
                try methods.scores(weights: weights, variants: variants, workspace: &workspace)
                for s in 0..<all[b].count {
                    workspace.scores.elements.withUnsafeBufferPointer { block in
                        ranking.rank(block.baseAddress! + s * n, scores: &scores, byRank: &byRank)
                    }
                    let list = try scores.withUnsafeBufferPointer { scores in
                        try byRank.withUnsafeBufferPointer { try select(scores, $0) }
                    }
                    if let list {
                        for i in list { selected[i] += 1 }
                    } else {
                        infeasible += 1
                    }
                }
                done += 1
                if worker == 0, let progress {
                    progress(Swift.min(1, Double(done * workers) / Double(all.count)))
                }
            }
            return (selected, infeasible)
        }
        var selected = [Int](repeating: 0, count: n)
        for part in partial { for c in 0..<n { selected[c] += part.selected[c] } }
        return SelectionFrequency(
            samples: samples, selected: selected,
            infeasible: partial.reduce(0) { $0 + $1.infeasible }, planner: .grouped)
    }

    /// One solve per sample, sequential (CBC keeps process-wide state).
    func selectionOneByOne(
        samples: Int, seed: UInt64, planning: SamplePlanning, progress: ProgressHandler?
    ) throws -> SelectionFrequency {
        let n = candidates
        var selected = [Int](repeating: 0, count: n)
        var infeasible = 0
        let select = try planning.makeSelect()
        for block in blocks(of: samples, size: 256) {
            let (weights, variants) = draw(samples: block, seed: seed)
            let scores = try methods.scores(weights: weights, variants: variants)
            for s in 0..<block.count {
                let column = scores.column(s)
                let byRank = descendingOrder(scores: column, ids: ids)
                let list = try column.map { $0.isNaN ? 0 : $0 }.withUnsafeBufferPointer { scores in
                    try byRank.withUnsafeBufferPointer { try select(scores, $0) }
                }
                if let list {
                    for i in list { selected[i] += 1 }
                } else {
                    infeasible += 1
                }
                if let progress { progress(Double(block.lowerBound + s + 1) / Double(samples)) }
            }
        }
        return SelectionFrequency(
            samples: samples, selected: selected, infeasible: infeasible,
            planner: planning.planner)
    }
}

/// One sample's scores for the planner (a missing score counts 0) and its candidates by rank:
/// descending score, a missing one last, ties by id, as `descendingRanks` orders them.
///
/// On AVX2 with 2 to 1,024 candidates the ranking kernel of CRanking orders them (the one the
/// Monte Carlo ranks with); otherwise a sort of packed integer keys does.
struct SampleRanking {
    /// Per candidate: its position in id order.
    let idOrder: [Int]
    /// Per position in id order: the candidate.
    let byID: [Int]
    /// The low bits of a key that hold the id position.
    let idBits: UInt64
    /// Whether `vp_rank` orders the samples.
    let usesKernel: Bool
    private var keys: [UInt64] = []
    private let tie: [UInt32]
    private let byTie: [Int32]
    private var work: [UInt32]
    private var positions: [UInt32]

    init(ids: [String], allowKernel: Bool = true) {
        byID = ids.indices.sorted { ids[$0] < ids[$1] }
        var idOrder = [Int](repeating: 0, count: ids.count)
        for (position, i) in byID.enumerated() { idOrder[i] = position }
        self.idOrder = idOrder
        idBits = UInt64(Int.bitWidth - (Swift.max(ids.count, 2) - 1).leadingZeroBitCount)
        usesKernel = allowKernel && vp_rank_supported(Int32(ids.count)) != 0
        tie = idOrder.map { UInt32($0) }
        byTie = byID.map { Int32($0) }
        work = [UInt32](repeating: 0, count: usesKernel ? Int(vp_rank_work(Int32(ids.count))) : 0)
        positions = [UInt32](repeating: 0, count: ids.count)
    }

    /// Fills `scores` and `byRank` for the sample `column`.
    mutating func rank(_ column: UnsafePointer<Double>, scores: inout [Double], byRank: inout [Int]) {
        let n = idOrder.count
        for i in 0..<n { scores[i] = column[i].isNaN ? 0 : column[i] }
        guard usesKernel else {
            sortKeys(column, byRank: &byRank)
            return settleTies(column, byRank: &byRank)
        }
        tie.withUnsafeBufferPointer { tie in
            byTie.withUnsafeBufferPointer { byTie in
                work.withUnsafeMutableBufferPointer { work in
                    positions.withUnsafeMutableBufferPointer { positions in
                        // Ties need no sharing here: one list is chosen, ties by id (the planner's rule).
                        _ = vp_rank(
                            column, Int32(n), tie.baseAddress!, byTie.baseAddress!, work.baseAddress!,
                            positions.baseAddress!, nil, 0)
                    }
                }
            }
        }
        for p in 0..<n { byRank[p] = byID[Int(positions[p])] }
        settleTies(column, byRank: &byRank)
    }

    /// Puts each run of neighbours tied to 12 significant digits (SPEC §12) in id order, as
    /// `descendingOrder` does: the exact order found above is then the ranking's.
    ///
    /// - Complexity: O(n), plus O(k log k) per run of k tied scores.
    private func settleTies(_ column: UnsafePointer<Double>, byRank: inout [Int]) {
        let n = idOrder.count
        var start = 0
        while start < n {
            var end = start + 1
            while end < n && tiedScores(column[byRank[end - 1]], column[byRank[end]]) { end += 1 }
            if end - start > 1 { byRank[start..<end].sort { idOrder[$0] < idOrder[$1] } }
            start = end
        }
    }

    /// Sorts one integer key per candidate: the score's bits in descending order with the id
    /// position in the lowest bits. Scores that differ only in those bits (or ±0) may come out
    /// of order; an insertion pass with the exact comparison puts them right, in linear time
    /// when nothing is out of order.
    private mutating func sortKeys(_ column: UnsafePointer<Double>, byRank: inout [Int]) {
        let n = idOrder.count
        let mask: UInt64 = (1 << idBits) - 1
        keys.removeAll(keepingCapacity: true)
        for i in 0..<n {
            let x = column[i]
            keys.append((descendingKey(x) & ~mask) | UInt64(idOrder[i]))
        }
        keys.withUnsafeMutableBufferPointer { sortDistinct($0) }
        for p in 0..<n { byRank[p] = byID[Int(keys[p] & mask)] }
        func precedes(_ a: Int, _ b: Int) -> Bool {
            let (x, y) = (column[a], column[b])
            if x.isNaN != y.isNaN { return y.isNaN }
            if x != y && !x.isNaN { return x > y }
            return idOrder[a] < idOrder[b]
        }
        for p in 1..<Swift.max(n, 1) {
            var q = p
            while q > 0 && precedes(byRank[q], byRank[q - 1]) {
                byRank.swapAt(q, q - 1)
                q -= 1
            }
        }
    }

    /// Larger scores first as unsigned integers; NaN last.
    private func descendingKey(_ score: Double) -> UInt64 {
        guard !score.isNaN else { return .max }
        let bits = (score + 0).bitPattern
        let ascending = bits >> 63 == 1 ? ~bits : bits | (1 << 63)
        return ~ascending
    }
}

/// Sorts distinct keys ascending: quicksort (median of three) down to runs of 16, which an
/// insertion sort finishes. For the few hundred keys of a sample it is several times faster than
/// the standard library's stable sort, whose stability distinct keys do not need.
private func sortDistinct(_ keys: UnsafeMutableBufferPointer<UInt64>) {
    var low = 0, high = keys.count - 1
    while high - low > 16 {
        let middle = low + (high - low) / 2
        if keys[middle] < keys[low] { keys.swapAt(middle, low) }
        if keys[high] < keys[low] { keys.swapAt(high, low) }
        if keys[high] < keys[middle] { keys.swapAt(high, middle) }
        let pivot = keys[middle]
        var i = low, j = high
        while i <= j {
            while keys[i] < pivot { i += 1 }
            while keys[j] > pivot { j -= 1 }
            if i <= j {
                keys.swapAt(i, j)
                i += 1
                j -= 1
            }
        }
        // Recurse into the smaller side, loop on the larger: depth O(log n).
        if j - low < high - i {
            if j > low { sortDistinct(UnsafeMutableBufferPointer(rebasing: keys[low...j])) }
            low = i
        } else {
            if high > i { sortDistinct(UnsafeMutableBufferPointer(rebasing: keys[i...high])) }
            high = j
        }
    }
    if high > low {
        for p in (low + 1)...high {
            let key = keys[p]
            var q = p
            while q > low && keys[q - 1] > key {
                keys[q] = keys[q - 1]
                q -= 1
            }
            keys[q] = key
        }
    }
}
