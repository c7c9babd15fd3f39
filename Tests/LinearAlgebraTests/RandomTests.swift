@_spi(Testing) import LinearAlgebra
import Numerics
import Testing

/// xoshiro256** transcribed from Blackman & Vigna's reference C code (prng.di.unimi.it), with its
/// state set directly: the independent reference for ``Xoshiro256``.
private struct ReferenceXoshiro256StarStar {
    var s: [UInt64]

    mutating func next() -> UInt64 {
        func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }
        let result = rotl(s[1] &* 5, 7) &* 9
        let t = s[1] << 17
        s[2] ^= s[0]
        s[3] ^= s[1]
        s[1] ^= s[2]
        s[0] ^= s[3]
        s[2] ^= t
        s[3] = rotl(s[3], 45)
        return result
    }
}

/// A generator that always returns the same word, to probe the ends of `nextUnit`.
private struct ConstantGenerator: RandomNumberGenerator {
    let word: UInt64
    mutating func next() -> UInt64 { word }
}

@Suite struct RandomTests {
    @Test func splitMix64MatchesTheReferenceOutputs() {
        // splitmix64.c with x = 0: the published first outputs.
        var g = SplitMix64(seed: 0)
        #expect(g.next() == 0xE220_A839_7B1D_CDAF)
        #expect(g.next() == 0x6E78_9E6A_A1B9_65F4)
        #expect(g.next() == 0x06C4_5D18_8009_454F)
        #expect(g.next() == 0xF88B_B8A8_724C_81EC)
    }

    @Test func referenceXoshiroMatchesThePublishedVector() {
        // xoshiro256** from state {1, 2, 3, 4} (the test vector used by rand_xoshiro and others).
        var r = ReferenceXoshiro256StarStar(s: [1, 2, 3, 4])
        let expected: [UInt64] = [
            11520, 0, 1_509_978_240, 1_215_971_899_390_074_240,
            1_216_172_134_540_287_360, 607_988_272_756_665_600,
        ]
        #expect((0..<6).map { _ in r.next() } == expected)
    }

    @Test(arguments: [0, 1, 42, 2020, UInt64.max])
    func xoshiroIsXoshiro256StarStarSeededBySplitMix64(seed: UInt64) {
        var seeder = SplitMix64(seed: seed)
        var reference = ReferenceXoshiro256StarStar(s: (0..<4).map { _ in seeder.next() })
        var g = Xoshiro256(seed: seed)
        for _ in 0..<1000 { #expect(g.next() == reference.next()) }
    }

    /// The keyed streams of `synth`: SplitMix64 from `key.0` (stream 0: the published outputs of
    /// seed 0), the other key words XORed into the last three state words.
    @Test func keyedStreamIsXoshiroFromSplitMixWithTheKeyFoldedIn() {
        var reference = ReferenceXoshiro256StarStar(s: [
            0xE220_A839_7B1D_CDAF, 0x6E78_9E6A_A1B9_65F4 ^ 5,
            0x06C4_5D18_8009_454F ^ 6, 0xF88B_B8A8_724C_81EC ^ 7,
        ])
        var g = Xoshiro256(key: (0, 5, 6, 7), stream: 0)
        for _ in 0..<1000 { #expect(g.next() == reference.next()) }
        // Stream 1 starts SplitMix64 at key.0 XOR the stream times 0xD1B54A32D192ED03.
        var seeder = SplitMix64(seed: 9 ^ 0xD1B5_4A32_D192_ED03)
        var second = ReferenceXoshiro256StarStar(s: [
            seeder.next(), seeder.next() ^ 5, seeder.next() ^ 6, seeder.next() ^ 7,
        ])
        var h = Xoshiro256(key: (9, 5, 6, 7), stream: 1)
        for _ in 0..<1000 { #expect(h.next() == second.next()) }
    }

    @Test func sameSeedGivesTheSameStream() {
        var a = Xoshiro256(seed: 2020)
        var b = Xoshiro256(seed: 2020)
        #expect((0..<256).map { _ in a.next() } == (0..<256).map { _ in b.next() })
        var c = Xoshiro256(seed: 2020, stream: 3)
        var d = Xoshiro256(seed: 2020, stream: 3)
        #expect((0..<256).map { _ in c.next() } == (0..<256).map { _ in d.next() })
    }

    @Test func differentSeedsAndStreamsDiffer() {
        let streams: [[UInt64]] = [
            {
                var g = Xoshiro256(seed: 2020, stream: 0); return (0..<64).map { _ in g.next() }
            }(),
            {
                var g = Xoshiro256(seed: 2020, stream: 1); return (0..<64).map { _ in g.next() }
            }(),
            {
                var g = Xoshiro256(seed: 2020, stream: 2); return (0..<64).map { _ in g.next() }
            }(),
            {
                var g = Xoshiro256(seed: 2021, stream: 0); return (0..<64).map { _ in g.next() }
            }(),
            {
                var g = Xoshiro256(seed: 2021); return (0..<64).map { _ in g.next() }
            }(),
            {
                var g = Xoshiro256(seed: 2020); return (0..<64).map { _ in g.next() }
            }(),
        ]
        for i in streams.indices {
            for j in streams.indices where j > i {
                // Not one 64-bit word in common at the same position (chance ≈ 64 / 2⁶⁴).
                #expect(zip(streams[i], streams[j]).allSatisfy { $0 != $1 }, "streams \(i) and \(j)")
            }
        }
    }

    @Test func splitIsDeterministicAndIndependentOfTheParent() {
        var parent1 = Xoshiro256(seed: 9)
        var parent2 = Xoshiro256(seed: 9)
        var child1 = parent1.split()
        var child2 = parent2.split()
        let c1 = (0..<64).map { _ in child1.next() }
        #expect(c1 == (0..<64).map { _ in child2.next() })
        let p1 = (0..<64).map { _ in parent1.next() }
        #expect(zip(c1, p1).allSatisfy { $0 != $1 })
        var sibling = parent1.split()
        #expect(zip(c1, (0..<64).map { _ in sibling.next() }).allSatisfy { $0 != $1 })
    }

    @Test func nextUnitStaysInTheHalfOpenUnitInterval() {
        var zero = ConstantGenerator(word: 0)
        #expect(zero.nextUnit() == 0)
        // All 53 bits set: (2⁵³ − 1) / 2⁵³ = 1 − 2⁻⁵³ < 1.
        var top = ConstantGenerator(word: .max)
        #expect(top.nextUnit() == 1 - 0x1p-53)
        #expect(top.nextUnit() < 1)

        var g = Xoshiro256(seed: 5)
        let n = 100_000
        let us = (0..<n).map { _ in g.nextUnit() }
        #expect(us.allSatisfy { $0 >= 0 && $0 < 1 })
        let sum = us.reduce(0, +)
        // Mean of U(0,1) is 1/2; its standard error is √(1/12)/√n ≈ 0.0009.
        #expect((sum / Double(n)).isApproximatelyEqual(to: 0.5, absoluteTolerance: 0.005))
    }

    @Test func nextUniformScalesTheUnitInterval() {
        var g = Xoshiro256(seed: 6)
        let xs = (0..<10_000).map { _ in g.nextUniform(-3, 5) }
        #expect(xs.allSatisfy { $0 >= -3 && $0 < 5 })
    }

    @Test func normalHasMeanZeroAndVarianceOne() {
        var g = Xoshiro256(seed: 8)
        let n = 100_000
        let xs = (0..<n).map { _ in g.nextNormal() }
        let mean = xs.reduce(0, +) / Double(n)
        let variance = xs.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(n - 1)
        // Standard errors: 1/√n ≈ 0.003 for the mean, √(2/n) ≈ 0.0045 for the variance.
        #expect(mean.isApproximatelyEqual(to: 0, absoluteTolerance: 0.02))
        #expect(variance.isApproximatelyEqual(to: 1, absoluteTolerance: 0.03))
    }

    @Test(arguments: [0.3, 1.0, 2.5, 7.0])
    func gammaHasMeanAndVarianceEqualToShape(shape: Double) {
        var g = Xoshiro256(seed: 10, stream: UInt64(shape * 10))
        let n = 100_000
        let xs = (0..<n).map { _ in g.nextGamma(shape: shape) }
        #expect(xs.allSatisfy { $0 > 0 })
        let mean = xs.reduce(0, +) / Double(n)
        let variance = xs.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(n - 1)
        // Gamma(k, 1): mean k, variance k. Standard error of the mean √(k/n); of the sample
        // variance √((μ₄ − σ⁴)/n) = √((2k² + 6k)/n). Six standard errors each.
        #expect(mean.isApproximatelyEqual(to: shape, absoluteTolerance: 6 * (shape / Double(n)).squareRoot()))
        let varianceError = ((2 * shape * shape + 6 * shape) / Double(n)).squareRoot()
        #expect(variance.isApproximatelyEqual(to: shape, absoluteTolerance: 6 * varianceError))
    }

    @Test(arguments: [[1.0, 2.0, 7.0], [0.5, 0.5], [4.0, 4.0, 4.0, 4.0]])
    func dirichletSamplesLieOnTheSimplexAndAverageToAlphaShares(alpha: [Double]) {
        var g = Xoshiro256(seed: 12)
        let n = 20_000
        let samples = (0..<n).map { _ in g.nextDirichlet(alpha) }
        #expect(samples.allSatisfy { $0.count == alpha.count && $0.allSatisfy { $0 >= 0 && $0 <= 1 } })
        #expect(samples.allSatisfy { $0.reduce(0, +).isApproximatelyEqual(to: 1, absoluteTolerance: 1e-12) })
        var sums = Array(repeating: 0.0, count: alpha.count)
        for p in samples { for k in p.indices { sums[k] += p[k] } }
        // E[p_k] = α_k / Σα: e.g. [1, 2, 7] → [0.1, 0.2, 0.7].
        let total = alpha.reduce(0, +)
        for k in alpha.indices {
            #expect((sums[k] / Double(n)).isApproximatelyEqual(to: alpha[k] / total, absoluteTolerance: 0.01))
        }
    }
}
