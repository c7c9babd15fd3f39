/// The shortest decimal that reads back as a given double, computed with exact integer
/// arithmetic, for the writers of large outputs (``OutputBuffer``).
///
/// Swift's `Double.description` prints the shortest round-trip digits (closest to the value
/// among the shortest). Through the standard library that costs about 300–500 ns a number here
/// (`description` allocates a String for every value longer than 15 bytes; `write(to:)` still
/// goes through a generic text stream), which made `score --format csv` spend most of its time
/// formatting 3.4 million numbers at 100,000 × 32. This computes the same digits in ~40 ns.
///
/// Method (the digit-removal scheme of Ryū, Adams 2018, with the scaling done exactly instead
/// of through tables): the value is 4m·2^e with m its 53-bit significand; the numbers that read
/// back as it form the interval between (4m − 2)·2^e (or (4m − 1)·2^e just above a power of
/// two) and (4m + 2)·2^e, closed when m is even (round-half-even reading). All three are scaled by
/// 10^P so that the scaled value has 18 or 19 digits; the products are exact 128-bit integers
/// and the division by 2^−e a shift, so the floors and whether each is exact are known exactly.
/// Decimal digits are then removed while the interval still holds a multiple of ten; the last
/// digit removed (and whether everything below it was zero) rounds the result to the nearest,
/// ties to even.
///
/// The fast path covers 2^−13 ≤ |value| < 2^53, where Swift prints plain decimals (no exponent)
/// and the products fit 128 bits: normalised indicators, scores and shares. Outside it (zero,
/// tiny or huge values, non-finite ones) the caller uses `description`.
enum ShortestDecimal {
    /// 10^k for k in 0…19, exact in 64 bits. A function of literals, not a global table: a
    /// table's lazy initialisation check (swift_once) on every read took a fifth of the time.
    @inline(__always)
    static func powerOfTen(_ k: Int) -> UInt64 {
        switch k {
        case 0: return 1
        case 1: return 10
        case 2: return 100
        case 3: return 1_000
        case 4: return 10_000
        case 5: return 100_000
        case 6: return 1_000_000
        case 7: return 10_000_000
        case 8: return 100_000_000
        case 9: return 1_000_000_000
        case 10: return 10_000_000_000
        case 11: return 100_000_000_000
        case 12: return 1_000_000_000_000
        case 13: return 10_000_000_000_000
        case 14: return 100_000_000_000_000
        case 15: return 1_000_000_000_000_000
        case 16: return 10_000_000_000_000_000
        case 17: return 100_000_000_000_000_000
        case 18: return 1_000_000_000_000_000_000
        default:
            precondition(k == 19, "powerOfTen: 10^\(k) does not fit 64 bits")
            return 10_000_000_000_000_000_000
        }
    }

    /// The digits and the decimal exponent with |value| = digits × 10^exponent, or nil outside
    /// the fast path.
    ///
    /// - Complexity: O(1): three 64×64→128-bit products and at most 19 divisions by ten.
    @inline(__always)
    static func digits(of value: Double) -> (digits: UInt64, exponent: Int)? {
        let bits = value.bitPattern
        let biasedExponent = Int((bits >> 52) & 0x7FF)
        let fraction = bits & ((1 << 52) - 1)
        let k = biasedExponent - 1023  // 2^k ≤ |value| < 2^(k+1)
        guard k >= -13, k <= 52 else { return nil }
        let m = fraction | (1 << 52)
        let shift = 1077 - biasedExponent  // |value| = 4m / 2^shift, shift in 2…67
        let even = m & 1 == 0
        let mv = 4 * m
        let mp = mv + 2
        let mm = mv - (fraction != 0 ? 2 : 1)
        // t = floor(k·log10 2) (78913 / 2^18 is log10 2 to 6 digits, exact for |k| < 1650), so
        // |value|·10^(17−t) lies in [10^17, 2·10^18).
        let t = (k * 78913) >> 18
        let p = 17 - t  // 2…21
        let (vr, vrExact) = scaled(mv, p, shift)
        let (vpStart, vpExact) = scaled(mp, p, shift)
        let (vmStart, vmExact) = scaled(mm, p, shift)
        // An open interval (m odd) excludes an upper bound that is exactly a candidate.
        var vp = !even && vpExact ? vpStart - 1 : vpStart
        var vm = vmStart
        var vmIsTrailingZeros = even && vmExact
        var vrIsTrailingZeros = vrExact
        var output = vr
        var removed = 0
        var lastRemovedDigit: UInt64 = 0
        while vp / 10 > vm / 10 {
            vmIsTrailingZeros = vmIsTrailingZeros && vm % 10 == 0
            vrIsTrailingZeros = vrIsTrailingZeros && lastRemovedDigit == 0
            lastRemovedDigit = output % 10
            output /= 10; vp /= 10; vm /= 10
            removed += 1
        }
        // A closed lower bound that is itself a shorter decimal: keep removing zeros.
        if vmIsTrailingZeros {
            while vm % 10 == 0 {
                vrIsTrailingZeros = vrIsTrailingZeros && lastRemovedDigit == 0
                lastRemovedDigit = output % 10
                output /= 10; vp /= 10; vm /= 10
                removed += 1
            }
        }
        // Exactly half way: round to even.
        if vrIsTrailingZeros && lastRemovedDigit == 5 && output % 2 == 0 { lastRemovedDigit = 4 }
        let belowInterval = output == vm && !vmIsTrailingZeros
        if belowInterval || lastRemovedDigit >= 5 { output += 1 }
        return (output, removed - p)
    }

    /// floor(x·10^p / 2^shift) and whether the division is exact; x < 2^55, p ≤ 21, and the
    /// quotient < 2^64 (the callers' ranges).
    @inline(__always)
    static func scaled(_ x: UInt64, _ p: Int, _ shift: Int) -> (UInt64, Bool) {
        // 10^p > 2^64 for p > 19: take 10^(p−19) into x first (x·100 < 2^62).
        let (factor, power) = p > 19 ? (x * powerOfTen(p - 19), powerOfTen(19)) : (x, powerOfTen(p))
        let (high, low) = factor.multipliedFullWidth(by: power)
        if shift < 64 {
            let quotient = (high << (64 - shift)) | (low >> shift)
            return (quotient, low & ((1 << shift) - 1) == 0)
        }
        let highShift = shift - 64
        let quotient = highShift < 64 ? high >> highShift : 0
        let exact = low == 0 && (highShift >= 64 ? high == 0 : high & ((1 << highShift) - 1) == 0)
        return (quotient, exact)
    }
}
