/// SplitMix64 (Steele, Lea & Flood 2014): a tiny generator used only to seed others.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    @usableFromInline var state: UInt64

    @inlinable public init(seed: UInt64) { state = seed }

    @inlinable public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// xoshiro256** (Blackman & Vigna 2018), seeded through SplitMix64, splittable into
/// independent streams so that each block of samples gets its own generator and results do not
/// depend on how blocks are scheduled across threads.
///
/// `@inlinable` so that the sensitivity engine's draws (tens per sample) compile into its loops.
public struct Xoshiro256: RandomNumberGenerator, Sendable {
    @usableFromInline var s: (UInt64, UInt64, UInt64, UInt64)

    /// A generator whose whole stream is fixed by `seed`.
    @inlinable public init(seed: UInt64) {
        var seeder = SplitMix64(seed: seed)
        s = (seeder.next(), seeder.next(), seeder.next(), seeder.next())
    }

    /// The generator for stream number `stream` of `seed`: the same pair always gives the same
    /// stream, and different streams are seeded independently.
    @inlinable public init(seed: UInt64, stream: UInt64) {
        var mixer = SplitMix64(seed: seed ^ (stream &* 0xD1B5_4A32_D192_ED03))
        self.init(seed: mixer.next() ^ stream)
    }

    @inlinable public mutating func next() -> UInt64 {
        let result = rotate(s.1 &* 5, 7) &* 9
        let t = s.1 << 17
        s.2 ^= s.0
        s.3 ^= s.1
        s.1 ^= s.2
        s.0 ^= s.3
        s.2 ^= t
        s.3 = rotate(s.3, 45)
        return result
    }

    /// The generator for stream number `stream` under a 256-bit `key` (four words drawn from
    /// another generator): SplitMix64, started at `key.0` mixed with the stream number, fills the
    /// state, and `key.1`…`key.3` are folded into its last three words. The same key and stream
    /// always give the same sequence, so blocks of work can be drawn in any order, on any number
    /// of threads (`visitplan synth` draws each block of candidates this way).
    @inlinable public init(key: (UInt64, UInt64, UInt64, UInt64), stream: UInt64) {
        var mixer = SplitMix64(seed: key.0 ^ (stream &* 0xD1B5_4A32_D192_ED03))
        let s0 = mixer.next()
        let s1 = mixer.next() ^ key.1
        let s2 = mixer.next() ^ key.2
        let s3 = mixer.next() ^ key.3
        // xoshiro's one forbidden state.
        s = (s0 | s1 | s2 | s3 == 0 ? 1 : s0, s1, s2, s3)
    }

    /// A new, independent generator derived from this one's stream.
    public mutating func split() -> Xoshiro256 { Xoshiro256(seed: next()) }

    @inlinable func rotate(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }
}

extension RandomNumberGenerator {
    /// A uniform double in [0, 1) with 53 random bits.
    public mutating func nextUnit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A uniform double in [low, high).
    public mutating func nextUniform(_ low: Double, _ high: Double) -> Double {
        low + (high - low) * nextUnit()
    }

    /// A standard normal deviate (Marsaglia's polar method).
    public mutating func nextNormal() -> Double {
        while true {
            let u = 2 * nextUnit() - 1
            let v = 2 * nextUnit() - 1
            let s = u * u + v * v
            if s > 0 && s < 1 { return u * (-2 * _log(s) / s).squareRoot() }
        }
    }

    /// A Gamma(shape, 1) deviate (Marsaglia & Tsang 2000; shape < 1 by the boost
    /// `Gamma(a) = Gamma(a + 1) · U^(1/a)`).
    public mutating func nextGamma(shape: Double) -> Double {
        precondition(shape > 0, "gamma: shape \(shape) must be positive")
        if shape < 1 {
            let boost = _pow(1 - nextUnit(), 1 / shape)
            return nextGamma(shape: shape + 1) * boost
        }
        let d = shape - 1.0 / 3
        let c = 1 / (9 * d).squareRoot()
        while true {
            var x: Double, v: Double
            repeat {
                x = nextNormal()
                v = 1 + c * x
            } while v <= 0
            v = v * v * v
            let u = 1 - nextUnit()
            if _log(u) < 0.5 * x * x + d - d * v + d * _log(v) { return d * v }
        }
    }

    /// A point of the simplex drawn from Dirichlet(alpha): Gamma draws normalised to sum 1.
    @_spi(Testing) public mutating func nextDirichlet(_ alpha: [Double]) -> [Double] {
        var draws = alpha.map { nextGamma(shape: $0) }
        let total = draws.reduce(0, +)
        for i in draws.indices { draws[i] /= total }
        return draws
    }
}
