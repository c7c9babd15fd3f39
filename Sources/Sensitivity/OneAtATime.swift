import Dataset
import LinearAlgebra
import Scoring

/// One weight swept from 0 to twice its value, the other raw weights fixed (so the siblings'
/// normalised shares renormalise around it).
public struct OneAtATimeSweep: Sendable {
    /// A weight at which a candidate enters or leaves the top `visits`, as the weight rises.
    public struct Threshold: Sendable, Equatable {
        public var candidate: Int
        public var id: String
        /// The swept factor's raw weight at the crossing.
        public var weight: Double
        /// True when the candidate is in the top `visits` just above `weight`, false when it
        /// is there just below.
        public var enters: Bool
    }

    public let factor: String
    public let nominalWeight: Double
    /// The grid of raw weights evaluated, from 0 to 2 × nominal.
    public let grid: [Double]
    /// Per candidate (dataset order): the best and worst rank over the grid (mid-ranks: tied
    /// candidates share their ranks).
    public let bestRank: [Double]
    public let worstRank: [Double]
    /// By weight.
    public let thresholds: [Threshold]
    /// True when the thresholds were solved exactly (arithmetic trees), false when they were
    /// located on the grid and refined by bisection.
    public let exact: Bool
}

extension SensitivityAnalysis {
    /// Sweeps each weight from 0 to twice its value and reports each candidate's rank range and
    /// the weights at which membership of the top `visits` changes.
    ///
    /// On a tree that is arithmetic at every node the thresholds are exact: with the swept
    /// weight w of node k under parent p, each candidate with k present scores
    /// (A + B·w) / (C + w), C the raw weights of k's present siblings (p's value is a weighted
    /// mean, and every level above is linear in p's value); a candidate without k scores a
    /// constant. Two such curves cross where a quadratic in w vanishes, so every crossing is
    /// solved for, and membership is re-evaluated on each side of the crossings at the top
    /// `visits` boundary. Other trees use the grid, each change refined by bisection to 1e-12.
    ///
    /// Rank ranges and top-`visits` membership use mid-ranks: tied candidates share their ranks
    /// and are in or out together (``topMembers(_:visits:)``).
    ///
    /// - Complexity: one `scores` call of gridPoints weight vectors per factor (memory
    ///   O(candidates × gridPoints)); exact thresholds O(factors × (candidates log candidates +
    ///   m²)) for the m curves whose range meets the boundary's; bisection O(changes × 50)
    ///   single evaluations.
    public func oneAtATime(visits: Int, gridPoints: Int = 41) throws -> [OneAtATimeSweep] {
        try oneAtATime(visits: visits, gridPoints: gridPoints, exact: tree.isArithmetic)
    }

    /// With `exact: false`, the grid-and-bisection method whatever the tree (for tests).
    func oneAtATime(visits: Int, gridPoints: Int, exact: Bool) throws -> [OneAtATimeSweep] {
        precondition(gridPoints >= 3, "gridPoints: \(gridPoints)")
        precondition(!exact || tree.isArithmetic, "exact thresholds need an arithmetic tree")
        let nodes = sampler.count
        let n = candidates
        var ranker = self.ranker
        var midRanks = [Int](repeating: 0, count: n)
        let nominalMid = doubledMidRanks(nominalScores, ranker: &ranker)
        var sweeps: [OneAtATimeSweep] = []
        for k in 1..<nodes {
            let w0 = sampler.nominal[k]
            let grid = (0..<gridPoints).map { 2 * w0 * Double($0) / Double(gridPoints - 1) }
            // One factor's grid at a time: memory O(candidates × grid), not × factors.
            var weights = Matrix(rows: nodes, columns: gridPoints)
            for g in 0..<gridPoints {
                for row in 0..<nodes { weights[row, g] = sampler.nominal[row] }
                weights[k, g] = grid[g]
            }
            let scores = try withBLASThreads(1) { try methods.scores(weights: weights, variants: nil) }
            var best = nominalMid, worst = nominalMid
            var gridSets: [Set<Int>] = []
            scores.elements.withUnsafeBufferPointer { buffer in
                for g in 0..<gridPoints {
                    let column = buffer.baseAddress! + g * n
                    ranker.rank(column)
                    midRanks.withUnsafeMutableBufferPointer { ranker.doubledMidRanks(column, into: $0.baseAddress!) }
                    var members = Set<Int>()
                    for c in 0..<n {
                        best[c] = Swift.min(best[c], midRanks[c])
                        worst[c] = Swift.max(worst[c], midRanks[c])
                        if midRanks[c] <= 2 * visits { members.insert(c) }
                    }
                    gridSets.append(members)
                }
            }
            var thresholds: [OneAtATimeSweep.Threshold] = []
            if w0 > 0 && visits > 0 && visits < n {
                let changes =
                    exact
                    ? try exactChanges(node: k, visits: visits)
                    : try refinedChanges(node: k, visits: visits, grid: grid, sets: gridSets)
                for change in changes {
                    for c in change.after.subtracting(change.before).sorted() {
                        thresholds.append(.init(candidate: c, id: ids[c], weight: change.weight, enters: true))
                    }
                    for c in change.before.subtracting(change.after).sorted() {
                        thresholds.append(.init(candidate: c, id: ids[c], weight: change.weight, enters: false))
                    }
                }
            }
            sweeps.append(
                OneAtATimeSweep(
                    factor: tree.nodes[k].id, nominalWeight: w0, grid: grid,
                    bestRank: best.map { Double($0) / 2 }, worstRank: worst.map { Double($0) / 2 },
                    thresholds: thresholds, exact: exact))
        }
        return sweeps
    }

    /// The top `visits` under the model's weights with node k's raw weight set to w.
    private func topSet(node k: Int, weight w: Double, visits: Int) throws -> Set<Int> {
        var vector = sampler.nominal
        vector[k] = w
        let scores = try withBLASThreads(1) {
            try methods.scores(weights: Matrix(rows: vector.count, columns: 1, elements: vector), variants: nil)
        }
        return topMembers(scores.elements, visits: visits)
    }

    /// Twice each candidate's mid-rank under `scores` (tied candidates share their ranks).
    func doubledMidRanks(_ scores: [Double], ranker: inout Ranker) -> [Int] {
        var midRanks = [Int](repeating: 0, count: scores.count)
        scores.withUnsafeBufferPointer { column in
            ranker.rank(column.baseAddress!)
            midRanks.withUnsafeMutableBufferPointer {
                ranker.doubledMidRanks(column.baseAddress!, into: $0.baseAddress!)
            }
        }
        return midRanks
    }

    /// The candidates in the top `visits` under `scores`: those whose mid-rank is at most
    /// `visits`, so that candidates tied across the boundary are in or out together, whatever
    /// their ids (a tie of two at ranks `visits` and `visits + 1` leaves both out).
    func topMembers(_ scores: [Double], visits: Int) -> Set<Int> {
        var ranker = self.ranker
        let midRanks = doubledMidRanks(scores, ranker: &ranker)
        return Set(midRanks.indices.filter { midRanks[$0] <= 2 * visits })
    }

    /// Membership changes located between grid points and refined by bisection.
    private func refinedChanges(
        node k: Int, visits: Int, grid: [Double], sets: [Set<Int>]
    ) throws -> [(weight: Double, before: Set<Int>, after: Set<Int>)] {
        var changes: [(weight: Double, before: Set<Int>, after: Set<Int>)] = []
        for g in 1..<grid.count where sets[g] != sets[g - 1] {
            var (low, lowSet) = (grid[g - 1], sets[g - 1])
            // Several changes may fall between two grid points: find the first, then go on.
            while lowSet != sets[g] {
                var high = grid[g], highSet = sets[g]
                for _ in 0..<60 where high - low > 1e-12 * Swift.max(1, abs(high)) {
                    let middle = (low + high) / 2
                    let set = try topSet(node: k, weight: middle, visits: visits)
                    if set == lowSet { low = middle } else { (high, highSet) = (middle, set) }
                }
                changes.append(((low + high) / 2, lowSet, highSet))
                (low, lowSet) = (high, highSet)
            }
        }
        // Where two curves cross, the candidates are tied (and so share a mid-rank) over a
        // stretch of about 10⁻¹² of the weight: bisection may stop inside it and report two
        // changes through the tied state. They are one change.
        var merged: [(weight: Double, before: Set<Int>, after: Set<Int>)] = []
        for change in changes {
            if let last = merged.last, change.weight - last.weight <= 1e-9 * Swift.max(1, abs(change.weight)) {
                merged[merged.count - 1].after = change.after
                if merged[merged.count - 1].before == change.after { merged.removeLast() }
            } else {
                merged.append(change)
            }
        }
        return merged
    }

    /// Membership changes solved exactly on an arithmetic tree (see ``oneAtATime(visits:gridPoints:)``).
    private func exactChanges(
        node k: Int, visits: Int
    ) throws -> [(weight: Double, before: Set<Int>, after: Set<Int>)] {
        let n = candidates
        let w0 = sampler.nominal[k]
        let end = 2 * w0
        let presence = methods.nominal.presence
        let siblings = tree.nodes[tree.nodes[k].parent!].children.filter { $0 != k }
        // Two evaluations fix each curve: s(w)·(C + w) = A + B·w.
        let (w1, w2) = (w0 / 2, 3 * w0 / 2)
        var vectors = Matrix(rows: sampler.count, columns: 2)
        for row in 0..<sampler.count {
            vectors[row, 0] = sampler.nominal[row]
            vectors[row, 1] = sampler.nominal[row]
        }
        vectors[k, 0] = w1
        vectors[k, 1] = w2
        let at = try withBLASThreads(1) { try methods.scores(weights: vectors, variants: nil) }
        // Curve i: (a + b·w) / (c + d·w), d = 1 when the score depends on w, else 0.
        var curves: [(a: Double, b: Double, c: Double, d: Double)] = []
        for i in 0..<n {
            let (s1, s2) = (at[i, 0], at[i, 1])
            let c = siblings.reduce(0.0) { presence[$1][i] ? $0 + sampler.nominal[$1] : $0 }
            if s1.isNaN {
                curves.append((-.infinity, 0, 1, 0))
            } else if !presence[k][i] || !(c > 0) {
                curves.append((s1, 0, 1, 0))
            } else {
                let b = (s2 * (c + w2) - s1 * (c + w1)) / (w2 - w1)
                curves.append((s1 * (c + w1) - b * w1, b, c, 1))
            }
        }
        func score(_ i: Int, _ w: Double) -> Double {
            let curve = curves[i]
            return curve.d == 0 ? curve.a / curve.c : (curve.a + curve.b * w) / (curve.c + w)
        }
        func top(_ w: Double) -> Set<Int> {
            topMembers((0..<n).map { score($0, w) }, visits: visits)
        }
        // Each curve is monotone on [0, 2·w0], so its range is that of its ends. A crossing at
        // the boundary between ranks `visits` and `visits + 1` happens at a score t with at
        // least visits + 1 curves at or above it, so t ≥ the (visits + 1)-th largest low end;
        // and with at most visits − 1 curves strictly above it, so t ≤ the visits-th largest high
        // end. Only curves whose range meets [that low, that high] can take part: usually a few
        // near the boundary, instead of all n² pairs.
        let ends = (0..<n).map { i -> (low: Double, high: Double) in
            let (s0, s1) = (score(i, 0), score(i, end))
            return (Swift.min(s0, s1), Swift.max(s0, s1))
        }
        let lows = ends.map(\.low).filter { !$0.isNaN }.sorted(by: >)
        let highs = ends.map(\.high).filter { !$0.isNaN }.sorted(by: >)
        guard lows.count > visits else { return [] }
        let (floor, ceiling) = (lows[visits], highs[visits - 1])
        let margin = 1e-9 * Swift.max(1, abs(floor), abs(ceiling))
        let involved = (0..<n).filter {
            curves[$0].a.isFinite && ends[$0].high >= floor - margin && ends[$0].low <= ceiling + margin
        }
        // Every crossing in (0, 2·w0) of two curves that can change the top `visits`.
        var roots: [Double] = []
        for (x, i) in involved.enumerated() {
            for j in involved[(x + 1)...] where curves[i].d != 0 || curves[j].d != 0 {
                let (p, q) = (curves[i], curves[j])
                // (a_i + b_i w)(c_j + d_j w) − (a_j + b_j w)(c_i + d_i w) = α w² + β w + γ.
                let alpha = p.b * q.d - q.b * p.d
                let beta = p.a * q.d + p.b * q.c - q.a * p.d - q.b * p.c
                let gamma = p.a * q.c - q.a * p.c
                for root in quadraticRoots(alpha, beta, gamma) where root > 0 && root < end {
                    // Only a crossing at the boundary between rank `visits` and `visits + 1`
                    // matters: about visits − 1 candidates strictly above the pair.
                    let t = score(i, root)
                    let tolerance = 1e-9 * Swift.max(1, abs(t))
                    var above = 0, atOrAbove = 0
                    for c in 0..<n {
                        let s = score(c, root)
                        if s > t + tolerance { above += 1 }
                        if s >= t - tolerance { atOrAbove += 1 }
                    }
                    if above <= visits - 1 && atOrAbove >= visits + 1 { roots.append(root) }
                }
            }
        }
        roots.sort()
        var distinct: [Double] = []
        for root in roots where distinct.last.map({ root - $0 > 1e-12 * Swift.max(1, root) }) ?? true {
            distinct.append(root)
        }
        var changes: [(weight: Double, before: Set<Int>, after: Set<Int>)] = []
        let edges = [0.0] + distinct + [end]
        var before = top((edges[0] + edges[1]) / 2)
        for r in distinct.indices {
            let after = top((edges[r + 1] + edges[r + 2]) / 2)
            if after != before { changes.append((distinct[r], before, after)) }
            before = after
        }
        return changes
    }
}

/// The real roots of α x² + β x + γ (a linear or constant equation when α or β vanish relative
/// to the others), computed without cancellation.
func quadraticRoots(_ alpha: Double, _ beta: Double, _ gamma: Double) -> [Double] {
    let scale = Swift.max(abs(alpha), abs(beta), abs(gamma))
    guard scale > 0 else { return [] }
    if abs(alpha) <= 1e-14 * scale {
        guard abs(beta) > 1e-14 * scale else { return [] }
        return [-gamma / beta]
    }
    let discriminant = beta * beta - 4 * alpha * gamma
    guard discriminant >= 0 else { return [] }
    // q = −(β + sign(β)·√Δ)/2; the roots are q/α and γ/q.
    let q = -(beta + (beta >= 0 ? 1 : -1) * discriminant.squareRoot()) / 2
    var roots = [q / alpha]
    if q != 0 { roots.append(gamma / q) }
    return roots
}
