import LinearAlgebra

/// Which of an inner node's leaf children each candidate has in some state (present; exactly
/// zero), as bits: one word per candidate for up to 64 children, where a 0/1 matrix of doubles
/// takes 8 bytes per child. At 10⁶ candidates a node of 13 children keeps 8 MB instead of 104.
///
/// The candidates are grouped by their bits (most data has few such patterns), so that a sum
/// over the children in a state costs one sum per pattern and a look-up per candidate.
struct ChildMasks: Sendable {
    let candidates: Int
    let children: Int
    /// Words of bits per candidate: ⌈children / 64⌉.
    let words: Int
    /// The distinct bits, `words` each, in order of first appearance.
    private let patterns: [UInt64]
    /// The pattern of each candidate.
    private let patternOf: [UInt32]

    /// The masks of `columns` (one per child, `rows` values each): bit k of candidate i is set
    /// when `inState(columns[k][i])`.
    init(columns: [[Double]], rows n: Int, inState: (Double) -> Bool) {
        candidates = n
        children = columns.count
        words = Swift.max(1, (columns.count + 63) / 64)
        var bits = [UInt64](repeating: 0, count: n * words)
        for (k, column) in columns.enumerated() {
            let (word, bit) = (k / 64, UInt64(1) << UInt64(k % 64))
            for i in 0..<n where inState(column[i]) { bits[i * words + word] |= bit }
        }
        var patterns: [UInt64] = []
        var patternOf = [UInt32](repeating: 0, count: n)
        if words == 1 {
            var number: [UInt64: UInt32] = [:]
            for i in 0..<n {
                let key = bits[i]
                if let p = number[key] {
                    patternOf[i] = p
                } else {
                    number[key] = UInt32(patterns.count)
                    patternOf[i] = UInt32(patterns.count)
                    patterns.append(key)
                }
            }
        } else {
            var number: [ArraySlice<UInt64>: UInt32] = [:]
            for i in 0..<n {
                let key = bits[(i * words)..<((i + 1) * words)]
                if let p = number[key] {
                    patternOf[i] = p
                } else {
                    let p = UInt32(patterns.count / words)
                    number[key] = p
                    patternOf[i] = p
                    patterns += key
                }
            }
        }
        self.patterns = patterns
        self.patternOf = patternOf
    }

    /// Whether child k of candidate i is in the state.
    func contains(_ i: Int, _ k: Int) -> Bool { pattern(Int(patternOf[i]), has: k) }

    /// Whether pattern p has child k in the state.
    private func pattern(_ p: Int, has k: Int) -> Bool {
        patterns[p * words + k / 64] & (UInt64(1) << UInt64(k % 64)) != 0
    }

    /// candidates × S: for each candidate, Σ of `weights[k, s]` over its children in the state,
    /// added in child order from 0, once per pattern and looked up for each candidate.
    ///
    /// This is the order in which a node whose children are all present sums its weights, so a
    /// candidate's denominator does not depend on whether another candidate lacks a value (a
    /// product with a 0/1 matrix would add in the order of OpenBLAS's kernel, which depends on
    /// the processor and on the row's place in the matrix: the same sum to within an ulp or two).
    ///
    /// - Parameter weights: children × S.
    /// - Complexity: O(patterns × children × S + candidates × S).
    func weightSums(_ weights: Matrix) -> Matrix {
        precondition(weights.rows == children, "weightSums: \(weights.rows) weights for \(children) children")
        let samples = weights.columns
        let count = patterns.count / words
        var sums = [Double](repeating: 0, count: count * samples)
        for p in 0..<count {
            for s in 0..<samples {
                var total = 0.0
                for k in 0..<children where pattern(p, has: k) {
                    total += weights[k, s]
                }
                sums[s * count + p] = total
            }
        }
        let n = candidates
        var result = Matrix(rows: n, columns: samples)
        result.elements.withUnsafeMutableBufferPointer { out in
            sums.withUnsafeBufferPointer { sums in
                patternOf.withUnsafeBufferPointer { patternOf in
                    for s in 0..<samples {
                        let (from, to) = (sums.baseAddress! + s * count, out.baseAddress! + s * n)
                        for i in 0..<n { to[i] = from[Int(patternOf[i])] }
                    }
                }
            }
        }
        return result
    }

    /// Sets `flags[i, s]` to 1 where candidate i has a child in the state whose weight
    /// `weights[k, s]` is positive (`flags` is candidates × S).
    ///
    /// - Complexity: O(patterns × S + candidates × S).
    func markWeighted(_ weights: Matrix, into flags: inout Matrix) {
        let samples = weights.columns
        let count = patterns.count / words
        var weighted = [Bool](repeating: false, count: count * samples)
        for p in 0..<count {
            for s in 0..<samples {
                weighted[s * count + p] = (0..<children).contains { pattern(p, has: $0) && weights[$0, s] > 0 }
            }
        }
        let n = candidates
        flags.elements.withUnsafeMutableBufferPointer { out in
            for s in 0..<samples {
                for i in 0..<n where weighted[s * count + Int(patternOf[i])] { out[s * n + i] = 1 }
            }
        }
    }
}
