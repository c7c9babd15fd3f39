import LinearAlgebra
import Testing

// SPEC §12: values equal to 12 significant digits are one value wherever ranks are formed.
// −0.5 computed three ways gives three neighbouring doubles (checked in Python, IEEE 754
// binary64 like Swift's Double): 0.45 − 0.95 = −0.49999999999999994, 0.7 − 1.2 = −0.5,
// 0.6 − 1.1 = −0.5000000000000001.
@Suite struct TwelveDigitTieTests {
    let threeWays = [0.6 - 1.1, 0.7 - 1.2, 0.45 - 0.95]

    @Test func theThreeComputationsAreThreeDoubles() {
        #expect(Set(threeWays).count == 3)
        #expect(threeWays.allSatisfy { equalToTwelveDigits($0, -0.5) })
    }

    @Test func theRuleIsRelativeAboveOneAndAbsoluteBelow() {
        #expect(equalToTwelveDigits(1e6, 1e6 + 1e-7))  // 1e-7 ≤ 1e-12 × 1e6
        #expect(!equalToTwelveDigits(1e6, 1e6 + 1e-5))
        #expect(equalToTwelveDigits(1e-20, 2e-20))  // both within 1e-12 of each other
        #expect(!equalToTwelveDigits(0, 1e-11))
        #expect(equalToTwelveDigits(.nan, .nan))
        #expect(!equalToTwelveDigits(.nan, 0))
        #expect(!equalToTwelveDigits(.infinity, 1e300))
        #expect(equalToTwelveDigits(-.infinity, -.infinity))
    }

    /// Ranks of −1, the three −0.5s, 0: 1, then (2 + 3 + 4) / 3 = 3 shared, then 5.
    @Test func averageRanksShareTiesToTwelveDigits() {
        let values = [0.0] + threeWays + [-1.0]
        #expect(averageRanks(values) == [5, 3, 3, 3, 1])
    }

    /// Equal to 12 digits, so the ids decide: A before B, though B's double is the larger.
    @Test func theRankingBreaksTwelveDigitTiesById() {
        let scores = [0.45 - 0.95, 0.6 - 1.1]  // B: −0.49999999999999994, A: −0.5000000000000001
        #expect(descendingOrder(scores: scores, ids: ["B", "A"]) == [1, 0])
        #expect(descendingRanks(scores: scores, ids: ["B", "A"]) == [2, 1])
    }

    /// The same through the radix path (2,048 candidates or more): the tied pair sits among
    /// 3,000 distinct scores and is still put in id order.
    @Test func theLargeInputPathBreaksTwelveDigitTiesById() {
        var scores = (0..<3_000).map { Double($0) }
        var ids = (0..<3_000).map { i in "C" + String(repeating: "0", count: 5 - String(i).count) + String(i) }
        // 1,500 + 1e-10 and 1,500 are equal to 12 significant digits (1e-10 ≤ 1e-12 × 1,500):
        // the exact order would put Z first, the tie rule puts A first.
        scores[1_500] = 1_500 + 1e-10
        ids[1_500] = "Z"
        scores[1_499] = 1_500
        ids[1_499] = "A"
        let order = descendingOrder(scores: scores, ids: ids)
        let a = order.firstIndex(of: 1_499)!, z = order.firstIndex(of: 1_500)!
        #expect(a + 1 == z)
        #expect(order[0] == 2_999)
    }
}
