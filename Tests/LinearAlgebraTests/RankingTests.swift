import LinearAlgebra
import Testing

/// Independent definition of the ranking: one more than the number of candidates strictly
/// ahead (higher score, or equal score and smaller id); NaN behind every number.
private func bruteForceRanks(scores: [Double], ids: [String]) -> [Int] {
    scores.indices.map { i in
        1
            + scores.indices.filter { j in
                let (si, sj) = (scores[i], scores[j])
                if si.isNaN != sj.isNaN { return si.isNaN }
                if si.isNaN || si == sj { return ids[j] < ids[i] }
                return sj > si
            }.count
    }
}

/// Independent fractional rank: below + (ties + 1) / 2.
private func bruteForceAverageRanks(_ values: [Double]) -> [Double] {
    values.map { v in
        let below = values.filter { $0 < v }.count
        let equal = values.filter { $0 == v }.count
        return Double(below) + Double(equal + 1) / 2
    }
}

@Suite struct RankingTests {
    @Test func descendingRanksBreakTiesById() {
        // 5 (c) and 5 (a) tie: a goes first; then 3 (d), then 1 (b).
        let ranks = descendingRanks(scores: [3, 5, 5, 1], ids: ["d", "c", "a", "b"])
        #expect(ranks == [3, 2, 1, 4])
    }

    @Test func descendingOrderListsIndicesByRank() {
        let order = descendingOrder(scores: [3, 5, 5, 1], ids: ["d", "c", "a", "b"])
        #expect(order == [2, 1, 0, 3])
    }

    @Test func missingScoresRankLastAndAmongThemselvesById() {
        let scores: [Double] = [.nan, 1, .nan, 2]
        let ids = ["b", "x", "a", "y"]
        // y (2), x (1), then the two NaN by id: a, b.
        #expect(descendingRanks(scores: scores, ids: ids) == [4, 2, 3, 1])
        #expect(descendingOrder(scores: scores, ids: ids) == [3, 1, 2, 0])
    }

    @Test func ranksAreAPermutationEvenWhenEverythingTies() {
        let ids = ["e", "b", "d", "a", "c"]
        let ranks = descendingRanks(scores: Array(repeating: 7, count: 5), ids: ids)
        #expect(ranks == [5, 2, 4, 1, 3])
    }

    @Test(arguments: [1, 2, 3, 4, 5])
    func descendingRanksAgreeWithBruteForce(seed: UInt64) {
        var rng = Xoshiro256(seed: seed)
        let n = 40
        // Few distinct values (and some NaN) so that ties are frequent.
        let scores = (0..<n).map { _ -> Double in
            let k = Int(rng.next() % 7)
            return k == 6 ? .nan : Double(k)
        }
        let ids = (0..<n).map { "c\($0 * 37 % n)" }  // a permutation of c0…c39, in string order
        #expect(descendingRanks(scores: scores, ids: ids) == bruteForceRanks(scores: scores, ids: ids))
    }

    @Test func averageRanksShareTies() {
        // Ascending: 5 → 1, 10 → 2, 20 and 20 share (3 + 4) / 2 = 3.5, 30 → 5.
        #expect(averageRanks([10, 20, 20, 30, 5]) == [2, 3.5, 3.5, 5, 1])
        // 1s take ranks 1, 2 → 1.5; 3s take 3, 4, 5 → 4.
        #expect(averageRanks([3, 1, 3, 1, 3]) == [4, 1.5, 4, 1.5, 4])
        #expect(averageRanks([7, 7, 7]) == [2, 2, 2])
        #expect(averageRanks([]) == [])
    }

    @Test(arguments: [11, 12, 13])
    func averageRanksAgreeWithBruteForce(seed: UInt64) {
        var rng = Xoshiro256(seed: seed)
        let values = (0..<60).map { _ in Double(rng.next() % 9) - 4 }
        #expect(averageRanks(values) == bruteForceAverageRanks(values))
    }

    /// From 2,048 values on the order comes from a radix sort: the ranks must still be those of
    /// the definition (values below, plus half of the equal ones), with −0 equal to +0.
    @Test(arguments: [31, 32])
    func largeAverageRanksAgreeWithBruteForce(seed: UInt64) {
        var rng = Xoshiro256(seed: seed)
        let values = (0..<3_000).map { _ -> Double in
            switch rng.next() % 6 {
            case 0: return Double(rng.next() % 7) - 3  // frequent ties, negatives
            case 1: return rng.next() % 2 == 0 ? 0.0 : -0.0
            case 2: return rng.next() % 2 == 0 ? .infinity : -.infinity
            default: return (rng.nextUnit() - 0.5) * 1e6
            }
        }
        #expect(averageRanks(values) == bruteForceAverageRanks(values))
    }

    /// Large inputs take the radix path. An order is the ranking exactly when it is a
    /// permutation and each candidate is strictly ahead of the next (higher score, or a score
    /// equal to 12 significant digits (SPEC §12) and a smaller id, NaN behind every number): that
    /// check is independent of how the order was found.
    @Test(arguments: [21, 22, 23])
    func largeInputsAreOrderedExactly(seed: UInt64) {
        var rng = Xoshiro256(seed: seed)
        let n = 5_000
        let scores = (0..<n).map { k -> Double in
            switch rng.next() % 10 {
            case 0: return .nan
            case 1: return Double(rng.next() % 5) - 2  // frequent ties, negatives
            case 2: return rng.next() % 2 == 0 ? 0.0 : -0.0  // −0 ties +0
            case 3: return rng.next() % 2 == 0 ? .infinity : -.infinity
            case 4: return 1 + Double(k % 3) * 0x1p-52  // neighbours one ulp apart: ties (SPEC §12)
            default: return (rng.nextUnit() - 0.5) * 1e6
            }
        }
        let ids = (0..<n).map { "s\(($0 * 7_919) % n)" }
        let order = descendingOrder(scores: scores, ids: ids)
        #expect(Set(order) == Set(0..<n) && order.count == n)
        func ahead(_ a: Int, _ b: Int) -> Bool {
            let (x, y) = (scores[a], scores[b])
            if x.isNaN != y.isNaN { return y.isNaN }
            let tied = x == y || (x.isFinite && y.isFinite && abs(x - y) <= 1e-12 * max(abs(x), abs(y), 1))
            if x.isNaN || tied { return ids[a] < ids[b] }
            return x > y
        }
        let violations = zip(order, order.dropFirst()).filter { !ahead($0, $1) }.count
        #expect(violations == 0)
    }
}
