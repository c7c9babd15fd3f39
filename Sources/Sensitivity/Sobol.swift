import Dataset
import LinearAlgebra
import Scoring

/// First-order and total Sobol indices of each factor on one output.
public struct SobolIndices: Sendable, Equatable {
    /// S_i, by the Saltelli et al. (2010) estimator; NaN when the output does not vary.
    public var first: [Double]
    /// S_Ti, by the Jansen (1999) estimator; NaN when the output does not vary.
    public var total: [Double]
    /// Bootstrap percentile intervals (low, high) of `first` and `total`; empty without bootstrap.
    public var firstInterval: [(low: Double, high: Double)]
    public var totalInterval: [(low: Double, high: Double)]

    public static func == (a: SobolIndices, b: SobolIndices) -> Bool {
        func same(_ x: [Double], _ y: [Double]) -> Bool {
            x.count == y.count && zip(x, y).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) }
        }
        return same(a.first, b.first) && same(a.total, b.total)
            && same(a.firstInterval.flatMap { [$0.low, $0.high] }, b.firstInterval.flatMap { [$0.low, $0.high] })
            && same(a.totalInterval.flatMap { [$0.low, $0.high] }, b.totalInterval.flatMap { [$0.low, $0.high] })
    }
}

/// Running sums of the A, B, A_B^(i) design for one output, mergeable in a fixed order.
///
/// Outputs are centred on the mean of every output of the design before the first-order
/// estimator is applied, as SALib does: Saltelli's estimator is unbiased whatever the centring,
/// but its variance grows with the squared mean, so an uncentred score of about 50 that moves
/// by a few points would be estimated with large noise. The sums are kept relative to a
/// `reference` (the nominal value) and the centring is applied when the indices are taken.
struct SobolSums: Sendable {
    var rows = 0
    var reference: Double
    /// Σ (y − reference) and Σ (y − reference)² over the outputs of A and B.
    var sum = 0.0
    var squares = 0.0
    /// Σ (y − reference) over every output of the design (A, B and each A_B^(i)).
    var designSum = 0.0
    /// Σ (f(B) − reference)(f(A_B^i) − f(A)) and Σ (f(A_B^i) − f(A)) per factor (Saltelli 2010).
    var first: [Double]
    var firstDifference: [Double]
    /// Σ (f(A) − f(A_B^i))² per factor (Jansen 1999).
    var total: [Double]

    init(factors: Int, reference: Double) {
        self.reference = reference.isFinite ? reference : 0
        first = [Double](repeating: 0, count: factors)
        firstDifference = [Double](repeating: 0, count: factors)
        total = [Double](repeating: 0, count: factors)
    }

    /// Adds one row of the design: f(A_j), f(B_j) and f(A_B^(i)_j) for each factor i.
    mutating func add(a: Double, b: Double, ab: (Int) -> Double) {
        rows += 1
        let (x, y) = (a - reference, b - reference)
        sum += x + y
        squares += x * x + y * y
        designSum += x + y
        for i in first.indices {
            let mixed = ab(i)
            designSum += mixed - reference
            first[i] += y * (mixed - a)
            firstDifference[i] += mixed - a
            total[i] += (a - mixed) * (a - mixed)
        }
    }

    /// Adds another block's sums (taken with the same reference).
    mutating func merge(_ other: SobolSums) {
        precondition(other.reference == reference, "sobol: merging sums of different references")
        rows += other.rows
        sum += other.sum
        squares += other.squares
        designSum += other.designSum
        for i in first.indices {
            first[i] += other.first[i]
            firstDifference[i] += other.firstDifference[i]
            total[i] += other.total[i]
        }
    }

    /// The mean of every output of the design.
    var designMean: Double { reference + designSum / Double(Swift.max(1, rows * (first.count + 2))) }

    /// The indices: both estimators divided by the variance of the outputs of A and B together
    /// (population form), as SALib does; NaN when the output varies by no more than rounding.
    ///
    /// - Parameter center: the value outputs are centred on; the design's mean when nil.
    func indices(center: Double? = nil) -> (first: [Double], total: [Double]) {
        let n = Double(rows)
        let mean = sum / (2 * n)
        let variance = squares / (2 * n) - mean * mean
        let noise = 1e-10 * Swift.max(1, abs(reference), abs(mean + reference))
        guard rows > 0, variance > noise * noise else {
            return ([Double](repeating: .nan, count: first.count), [Double](repeating: .nan, count: total.count))
        }
        // Σ (f(B) − c)(f(A_B^i) − f(A)) = Σ (f(B) − r)(…) − (c − r) Σ (…).
        let shift = (center ?? designMean) - reference
        return (
            first.indices.map { (first[$0] - shift * firstDifference[$0]) / n / variance },
            total.map { $0 / (2 * n) / variance }
        )
    }
}

/// Sobol indices from the outputs of the A, B, A_B^(i) design (Saltelli et al. 2010), with
/// bootstrap percentile intervals.
///
/// - Parameters:
///   - a: f(A_j) for the N base rows.
///   - b: f(B_j).
///   - ab: for each factor i, f(A_B^(i)_j): A_j with factor i taken from B_j.
///   - resamples: bootstrap resamples of the N rows (0 for no intervals).
///   - confidence: the intervals' coverage, e.g. 0.95 for the 2.5 and 97.5 percentiles.
/// - Complexity: O(N × factors × (1 + resamples)).
public func sobolIndices(
    a: [Double], b: [Double], ab: [[Double]], resamples: Int = 0, seed: UInt64 = 0,
    confidence: Double = 0.95
) -> SobolIndices {
    let n = a.count
    precondition(b.count == n && ab.allSatisfy { $0.count == n }, "sobol: rows differ in length")
    func sums(_ rows: [Int]?) -> SobolSums {
        var sums = SobolSums(factors: ab.count, reference: a.first ?? 0)
        if let rows {
            for j in rows { sums.add(a: a[j], b: b[j]) { ab[$0][j] } }
        } else {
            for j in 0..<n { sums.add(a: a[j], b: b[j]) { ab[$0][j] } }
        }
        return sums
    }
    let all = sums(nil)
    // The bootstrap keeps the centre of the whole design, as SALib centres once.
    let center = all.designMean
    let point = all.indices(center: center)
    var result = SobolIndices(first: point.first, total: point.total, firstInterval: [], totalInterval: [])
    guard resamples > 0, n > 0 else { return result }
    var firsts = [[Double]](repeating: [], count: ab.count)
    var totals = [[Double]](repeating: [], count: ab.count)
    for r in 0..<resamples {
        var generator = Xoshiro256(seed: seed, stream: bootstrapStream + UInt64(r))
        let rows = (0..<n).map { _ in Swift.min(Int(generator.nextUnit() * Double(n)), n - 1) }
        let estimate = sums(rows).indices(center: center)
        for i in ab.indices {
            firsts[i].append(estimate.first[i])
            totals[i].append(estimate.total[i])
        }
    }
    let tail = (1 - confidence) / 2
    func interval(_ values: [Double]) -> (low: Double, high: Double) {
        let sorted = values.filter { !$0.isNaN }.sorted()
        guard !sorted.isEmpty else { return (.nan, .nan) }
        return (quantile(sorted, tail), quantile(sorted, 1 - tail))
    }
    result.firstInterval = firsts.map(interval)
    result.totalInterval = totals.map(interval)
    return result
}

/// Sobol indices of a model of `factors` inputs, each uniform on [0, 1), over the A, B,
/// A_B^(i) design of `baseSamples` rows: N × (factors + 2) evaluations.
///
/// Row j of A and B draws from stream j of `seed` (A's factors, then B's), so the design does
/// not depend on how `model` is called.
///
/// - Parameter model: maps a batch of points (each `factors` values) to one output per point.
/// - Complexity: N × (factors + 2) model evaluations, plus the bootstrap of ``sobolIndices``.
@_spi(Testing) public func sobolIndices(
    factors: Int, baseSamples: Int, seed: UInt64, resamples: Int = 200,
    model: ([[Double]]) throws -> [Double]
) rethrows -> SobolIndices {
    var points: [[Double]] = []
    points.reserveCapacity(baseSamples * (factors + 2))
    for j in 0..<baseSamples {
        let (rowA, rowB) = sobolRow(j, factors: factors, seed: seed)
        points.append(rowA)
        points.append(rowB)
        for i in 0..<factors {
            var mixed = rowA
            mixed[i] = rowB[i]
            points.append(mixed)
        }
    }
    let outputs = try model(points)
    precondition(outputs.count == points.count, "sobol: \(outputs.count) outputs for \(points.count) points")
    let width = factors + 2
    return sobolIndices(
        a: (0..<baseSamples).map { outputs[$0 * width] },
        b: (0..<baseSamples).map { outputs[$0 * width + 1] },
        ab: (0..<factors).map { i in (0..<baseSamples).map { outputs[$0 * width + 2 + i] } },
        resamples: resamples, seed: seed)
}

/// Row j of the design's A and B matrices: uniform on [0, 1), from stream j of the seed.
func sobolRow(_ j: Int, factors: Int, seed: UInt64) -> (a: [Double], b: [Double]) {
    var generator = Xoshiro256(seed: seed, stream: designStream + UInt64(j))
    let a = (0..<factors).map { _ in generator.nextUnit() }
    let b = (0..<factors).map { _ in generator.nextUnit() }
    return (a, b)
}

// Stream numbers: Monte Carlo sample s uses stream s; the Sobol design and its bootstrap use
// streams far above any sample count, so that no two uses of a seed share a stream.
let designStream: UInt64 = 1 << 48
let bootstrapStream: UInt64 = 2 << 48

/// The p-quantile of sorted values, interpolating between order statistics (type 7).
func quantile(_ sorted: [Double], _ p: Double) -> Double {
    let h = Double(sorted.count - 1) * p
    let low = Int(h.rounded(.down))
    let high = Swift.min(low + 1, sorted.count - 1)
    return sorted[low] + (h - Double(low)) * (sorted[high] - sorted[low])
}

/// The Sobol analysis of the weights (and method alternatives) of a model.
public struct WeightSobol: Sendable {
    /// The factors: every node's weight, then the normalisation and the aggregation when they
    /// have alternatives.
    public let factors: [SobolFactor]
    public let baseSamples: Int
    /// On the mean absolute rank shift from the nominal ranking, with intervals.
    public let rankShift: SobolIndices
    /// On each candidate's score, in dataset order (no intervals).
    public let scores: [SobolIndices]
}

extension SensitivityAnalysis {
    /// The Sobol factors: every node's raw weight, then each method alternative with a choice.
    public var sobolFactors: [SobolFactor] {
        factorIDs.map { .weight(node: $0) } + (methods.normalisationChoices > 1 ? [.normalisation] : [])
            + (methods.aggregationChoices > 1 ? [.aggregation] : [])
    }

    /// First-order and total Sobol indices of every weight (uniform on [w(1 − spread),
    /// w(1 + spread)]) and method alternative (uniform over its choices) on each candidate's score
    /// and on the mean absolute rank shift from the nominal ranking.
    ///
    /// The A, B, A_B^(i) design of `baseSamples` rows is evaluated `rowsPerBlock` rows at a time
    /// (rows × (factors + 2) weight vectors a block, scored by ``ChunkedScorer`` in calls of at
    /// most `columnsPerCall` columns into buffers each worker reuses), blocks split over
    /// `workers`; row j draws from its own stream, OpenBLAS is held at one thread, and partial
    /// sums are merged in block order as blocks finish, so the result does not depend on
    /// `workers` or on OpenBLAS threads, and memory holds about one block's sums per worker.
    /// The rank shift uses mid-ranks (tied candidates share their ranks).
    ///
    /// - Parameters:
    ///   - spread: the weights' relative spread; the model's uniform spread when nil (0.25
    ///     under a Dirichlet perturbation).
    ///   - columnsPerCall: the most weight vectors one engine call scores; nil for about 2¹⁶
    ///     scores a call. The result does not depend on it (nor on `workers`).
    /// - Complexity: N × (factors + 2) score evaluations; O(N × factors × resamples) bootstrap.
    public func sobol(
        baseSamples: Int, seed: UInt64, spread: Double? = nil, resamples: Int = 200,
        rowsPerBlock: Int = 32, columnsPerCall: Int? = nil, workers: Int = defaultWorkers,
        progress: ProgressHandler? = nil
    ) throws -> WeightSobol {
        let spread =
            spread
            ?? {
                if case .uniform(let s) = settings.perturbation { return s }
                return 0.25
            }()
        let factors = sobolFactors
        let k = factors.count
        let weightFactors = sampler.count - 1
        let n = candidates
        let width = k + 2
        // At most about 4 M scores (32 MB) a block: many candidates make for fewer rows. The
        // blocks depend only on the candidates and N, never on the workers, so neither do the sums.
        let blockRows = Swift.max(1, Swift.min(rowsPerBlock, (1 << 22) / Swift.max(1, n * width)))
        let all = blocks(of: baseSamples, size: blockRows)
        let workers = Swift.max(1, Swift.min(workers, all.count))
        let hasNormalisation = methods.normalisationChoices > 1

        // Rank shifts on mid-ranks: tied candidates share their ranks, in the sample and in the
        // nominal ranking alike.
        var nominalRanker = ranker
        let nominalMid = doubledMidRanks(nominalScores, ranker: &nominalRanker)
        // Per block: the candidates' score sums and the rank shift of every design point, merged
        // in block order as blocks finish (memory: about one block per worker).
        final class Totals: @unchecked Sendable {
            var scores: [SobolSums]
            var shifts: [Double] = []
            init(_ scores: [SobolSums]) { self.scores = scores }
        }
        let totals = Totals((0..<n).map { SobolSums(factors: k, reference: nominalScores[$0]) })
        totals.shifts.reserveCapacity(baseSamples * width)
        let merger = OrderedMerge<(scores: [SobolSums], shifts: [Double])> { block in
            for i in 0..<n { totals.scores[i].merge(block.scores[i]) }
            totals.shifts += block.shifts
        }
        let queue = BlockQueue(count: all.count)
        let blockColumns = blockRows * width
        // Variants that score every candidate 0 (a geometric alternative over 0/1 leaves) are
        // not evaluated; their columns all rank alike, so their rank shift is found once.
        _ = try concurrently(workers: workers) { worker -> Void in
            var ranker = self.ranker
            // One worker's buffers, reused by every block it takes.
            var scorer = ChunkedScorer(
                methods: methods, columnsPerCall: columnsPerCall, forcedZeros: methods.forcedZeros)
            var isZero = [Bool](repeating: false, count: blockColumns)
            var zeroShift: Double?
            var weights = Matrix(rows: sampler.count, columns: blockColumns)
            var scores = Matrix(rows: n, columns: blockColumns)
            var variants: [Int]? = methods.count > 1 ? [] : nil
            var midRanks = [Int](repeating: 0, count: n)
            var done = 0
            while let blockIndex = queue.take() {
                let rows = all[blockIndex]
                let columns = rows.count * width
                if variants != nil { variants!.removeAll(keepingCapacity: true) }
                for (r, j) in rows.enumerated() {
                    let (unitA, unitB) = sobolRow(j, factors: k, seed: seed)
                    for column in 0..<width {
                        var unit = unitA
                        if column == 1 { unit = unitB }
                        if column >= 2 { unit[column - 2] = unitB[column - 2] }
                        let c = r * width + column
                        weights[0, c] = 1
                        for f in 0..<weightFactors {
                            weights[f + 1, c] = sampler.nominal[f + 1] * (1 - spread + 2 * spread * unit[f])
                        }
                        if variants != nil {
                            var extra = weightFactors
                            var normalisation = 0, aggregation = 0
                            if hasNormalisation {
                                normalisation = choice(unit[extra], of: methods.normalisationChoices)
                                extra += 1
                            }
                            if methods.aggregationChoices > 1 {
                                aggregation = choice(unit[extra], of: methods.aggregationChoices)
                            }
                            variants!.append(methods.index(normalisation: normalisation, aggregation: aggregation))
                        }
                    }
                }
                try scorer.score(weights: weights, columns: columns, variants: variants, into: &scores)
                for c in 0..<columns { isZero[c] = false }
                for c in scorer.zeroColumns { isZero[c] = true }
                var shifts = [Double](repeating: 0, count: columns)
                scores.elements.withUnsafeBufferPointer { buffer in
                    midRanks.withUnsafeMutableBufferPointer { mid in
                        for c in 0..<columns {
                            if isZero[c], let zeroShift {
                                shifts[c] = zeroShift
                                continue
                            }
                            let column = buffer.baseAddress! + c * n
                            ranker.rank(column)
                            ranker.doubledMidRanks(column, into: mid.baseAddress!)
                            var shift = 0
                            for i in 0..<n { shift += abs(mid[i] - nominalMid[i]) }
                            // Doubled mid-ranks: halve once, exactly.
                            shifts[c] = Double(shift) / 2 / Double(Swift.max(n, 1))
                            if isZero[c] { zeroShift = shifts[c] }
                        }
                    }
                }
                let sums = blockSums(scores, rows: rows.count, factors: k, references: nominalScores)
                merger.deliver(blockIndex, (sums, shifts))
                done += 1
                if worker == 0, let progress {
                    progress(Swift.min(1, Double(done * workers) / Double(all.count)))
                }
            }
        }
        let scoreSums = totals.scores
        let shifts = totals.shifts
        let rankShift = sobolIndices(
            a: (0..<baseSamples).map { shifts[$0 * width] },
            b: (0..<baseSamples).map { shifts[$0 * width + 1] },
            ab: (0..<k).map { i in (0..<baseSamples).map { shifts[$0 * width + 2 + i] } },
            resamples: resamples, seed: seed)
        let perCandidate = scoreSums.map { sums -> SobolIndices in
            let indices = sums.indices()
            return SobolIndices(first: indices.first, total: indices.total, firstInterval: [], totalInterval: [])
        }
        return WeightSobol(factors: factors, baseSamples: baseSamples, rankShift: rankShift, scores: perCandidate)
    }
}

/// The choice that a uniform [0, 1) value picks among `count` equally likely ones.
func choice(_ unit: Double, of count: Int) -> Int {
    Swift.min(Int(unit * Double(count)), count - 1)
}

/// Each candidate's running sums over one block of the design, whose scores hold, for each row
/// r, the columns f(A_r), f(B_r) and f(A_B^(i)_r) for every factor i (columns beyond the
/// block's rows are not read: a worker reuses one matrix sized for the largest block).
///
/// Loops run over candidates innermost, along the contiguous columns of the score matrix. For each
/// candidate the additions happen in the same order as ``SobolSums/add(a:b:ab:)`` row by row
/// (A and B, then the factors in order), so the sums are the same to the last bit.
///
/// - Complexity: O(candidates × rows × factors).
func blockSums(_ scores: Matrix, rows: Int, factors k: Int, references: [Double]) -> [SobolSums] {
    let n = scores.rows
    let width = k + 2
    precondition(scores.columns >= rows * width, "sobol: \(scores.columns) columns for \(rows) rows of \(width)")
    var sums = references.map { SobolSums(factors: k, reference: $0) }
    let reference = sums.map(\.reference)
    var (sum, squares, design) = (
        [Double](repeating: 0, count: n), [Double](repeating: 0, count: n), [Double](repeating: 0, count: n)
    )
    var first = [Double](repeating: 0, count: n * k)
    var difference = first
    var total = first
    scores.elements.withUnsafeBufferPointer { buffer in
        for r in 0..<rows {
            let a = buffer.baseAddress! + (r * width) * n
            let b = a + n
            for i in 0..<n {
                let (x, y) = (a[i] - reference[i], b[i] - reference[i])
                sum[i] += x + y
                squares[i] += x * x + y * y
                design[i] += x + y
            }
            for f in 0..<k {
                let mixed = a + (2 + f) * n
                let offset = f * n
                for i in 0..<n {
                    let change = mixed[i] - a[i]
                    design[i] += mixed[i] - reference[i]
                    first[offset + i] += (b[i] - reference[i]) * change
                    difference[offset + i] += change
                    total[offset + i] += (a[i] - mixed[i]) * (a[i] - mixed[i])
                }
            }
        }
    }
    for i in 0..<n {
        sums[i].rows = rows
        sums[i].sum = sum[i]
        sums[i].squares = squares[i]
        sums[i].designSum = design[i]
        for f in 0..<k {
            sums[i].first[f] = first[f * n + i]
            sums[i].firstDifference[f] = difference[f * n + i]
            sums[i].total[f] = total[f * n + i]
        }
    }
    return sums
}
