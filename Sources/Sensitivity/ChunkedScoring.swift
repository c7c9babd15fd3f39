import LinearAlgebra
import Scoring

/// Scores a block of weight vectors a few columns at a time, each variant's columns through its
/// own engine, into buffers that one worker reuses from block to block.
///
/// ``MethodAlternatives/scores(weights:variants:)`` hands each engine every column of its
/// variant at once, and each call allocates its node matrices afresh: at 10,000 candidates and
/// a few hundred columns those are 16 MB matrices, each a fresh `mmap` whose pages fault in on
/// first touch, and none stays in cache between the passes over a node. Here an engine sees at
/// most `columnsPerCall` columns (chosen so that one candidates × columns matrix is about
/// 512 kB), so its matrices are small, come back from the heap and stay in cache.
///
/// The scores are the same to the last bit as ``MethodAlternatives/scores(weights:variants:)``,
/// which scores a variant's c columns of the block in one call. Every product is a dgemm whose
/// entries are sums over the children, but OpenBLAS sums an entry in a panel of the kernel's
/// width (8 columns here; 2 to 16 on the processors it supports) in another order than one in
/// the last few columns of a call, and a call of a single column goes through dgemv (and
/// TOPSIS's single-vector distances). So calls hold `columnsPerCall` columns, a multiple of
/// 16, and the last call the rest: each column keeps its place modulo 16 and the same columns
/// fall in the remainder as in one call of c. A rest of one column joins the call before it;
/// one call of one column happens only when c is 1, as there.
/// `chunkedScoresMatchOneCallPerVariant` in the tests checks the bits on models with
/// geometric, TOPSIS and missing-value nodes.
///
/// A variant that sends every candidate to 0 (``ForcedZero``, the same test the SMAA path uses)
/// is not evaluated in the columns whose weights it applies to: they are filled with +0.0, the
/// value its engine returns, and listed in ``zeroColumns``.
struct ChunkedScorer {
    let methods: MethodAlternatives
    /// The most columns one engine call is given but one (a multiple of ``panel``).
    let columnsPerCall: Int
    /// Calls hold a multiple of this many columns, but the last.
    static let panel = 16
    /// Per variant: when it sends every candidate to 0, the weights for which it does.
    let forcedZeros: [ForcedZero?]
    /// The columns of the last call filled with zeros without evaluation, variant by variant.
    private(set) var zeroColumns: [Int] = []
    private var chunkWeights = Matrix(rows: 0, columns: 0)
    private var chunkScores = Matrix(rows: 0, columns: 0)
    /// One per engine, reused across calls.
    private var scratch: [ScoringScratch]
    /// The block's columns grouped by variant.
    private var byVariant: [[Int]]

    /// - Parameters:
    ///   - columnsPerCall: rounded up to a multiple of 16; nil for about 2¹⁶ scores a call
    ///     (16 to 64 columns).
    ///   - forcedZeros: per variant, ``MethodAlternatives/forcedZeros``; empty to evaluate every
    ///     variant.
    init(methods: MethodAlternatives, columnsPerCall: Int? = nil, forcedZeros: [ForcedZero?] = []) {
        self.methods = methods
        self.forcedZeros = forcedZeros
        let candidates = Swift.max(1, methods.nominal.candidates)
        let panels =
            columnsPerCall.map { ($0 + Self.panel - 1) / Self.panel }
            ?? Swift.min(4, (1 << 16) / (candidates * Self.panel))
        self.columnsPerCall = Self.panel * Swift.max(1, panels)
        scratch = methods.engines.map { _ in ScoringScratch() }
        byVariant = methods.engines.map { _ in [] }
    }

    /// The sizes of the calls that score `count` columns: `columnsPerCall` each, the rest in
    /// the last; a rest of one column joins the call before it.
    static func callSizes(_ count: Int, columnsPerCall m: Int) -> [Int] {
        let (full, rest) = count.quotientAndRemainder(dividingBy: m)
        var sizes = [Int](repeating: m, count: full)
        if rest == 1 && full > 0 {
            sizes[full - 1] += 1
        } else if rest > 0 {
            sizes.append(rest)
        }
        return sizes
    }

    /// Writes the scores of the first `columns` weight vectors of `weights` (column s under
    /// `variants[s]`; nil: the model) into the first `columns` columns of `scores`, which must
    /// be `candidates × columns` or wider.
    mutating func score(weights: Matrix, columns: Int, variants: [Int]?, into scores: inout Matrix) throws {
        let n = methods.nominal.candidates
        precondition(
            weights.columns >= columns && scores.columns >= columns && scores.rows == n,
            "chunked scores: \(columns) columns for \(weights.columns) weights, \(scores.rows) × \(scores.columns) scores"
        )
        for v in byVariant.indices { byVariant[v].removeAll(keepingCapacity: true) }
        if let variants, methods.count > 1 {
            precondition(variants.count >= columns, "chunked scores: \(variants.count) variants for \(columns) columns")
            for s in 0..<columns { byVariant[variants[s]].append(s) }
        } else {
            byVariant[0].append(contentsOf: 0..<columns)
        }
        let rows = weights.rows
        zeroColumns.removeAll(keepingCapacity: true)
        for v in byVariant.indices where !byVariant[v].isEmpty {
            if v < forcedZeros.count, let zero = forcedZeros[v], zero.applies(to: weights, columns: byVariant[v]) {
                scores.elements.withUnsafeMutableBufferPointer { target in
                    for s in byVariant[v] { (target.baseAddress! + s * n).update(repeating: 0, count: n) }
                }
                zeroColumns += byVariant[v]
                continue
            }
            var start = 0
            for size in Self.callSizes(byVariant[v].count, columnsPerCall: columnsPerCall) {
                let chosen = byVariant[v][start..<(start + size)]
                start += size
                if chunkWeights.rows != rows || chunkWeights.columns != size {
                    chunkWeights = Matrix(rows: rows, columns: size)
                }
                weights.elements.withUnsafeBufferPointer { source in
                    chunkWeights.elements.withUnsafeMutableBufferPointer { target in
                        for (c, s) in chosen.enumerated() {
                            (target.baseAddress! + c * rows).update(from: source.baseAddress! + s * rows, count: rows)
                        }
                    }
                }
                try methods.engines[v].scores(weights: chunkWeights, into: &chunkScores, scratch: &scratch[v])
                chunkScores.elements.withUnsafeBufferPointer { source in
                    scores.elements.withUnsafeMutableBufferPointer { target in
                        for (c, s) in chosen.enumerated() {
                            (target.baseAddress! + s * n).update(from: source.baseAddress! + c * n, count: n)
                        }
                    }
                }
            }
        }
    }
}
