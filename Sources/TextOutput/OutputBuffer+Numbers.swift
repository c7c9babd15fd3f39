import Foundation

// Numbers written straight into an ``OutputBuffer``: the same bytes as Swift's `description`
// (CSV) or JSONEncoder (JSON) would give, without making a String per number.

extension OutputBuffer {
    /// Appends `value` in decimal, as `String(value)` would.
    public func append(integer value: Int) {
        reserve(24)
        if value < 0 { storage[count] = UInt8(ascii: "-"); count += 1 }
        appendDigits(value.magnitude.toUInt64)
    }

    /// Appends the shortest decimal that reads back as `value`, byte for byte what
    /// `value.description` gives (`0.25`, `100.0`, `1e-05`, `nan`).
    ///
    /// - Complexity: O(1), about 40 ns for 2^−13 ≤ |value| < 2^53 (``ShortestDecimal``);
    ///   `description` elsewhere.
    public func append(number value: Double) {
        appendShortest(value, json: false)
    }

    /// Appends `value` as JSONEncoder writes a Double: the shortest round-trip form without a
    /// trailing `.0` (`100`, `0.25`, `1e-05`). `value` must be finite.
    public func append(jsonNumber value: Double) {
        appendShortest(value, json: true)
    }

    /// Appends `value` with exactly `digits` decimals, rounded half to even on its exact binary
    /// value: the bytes of `String(format: "%.<digits>f", value)`.
    ///
    /// - Complexity: O(1) with exact 128-bit arithmetic for |value|·10^digits < 2^62 and
    ///   digits ≤ 17; `String(format:)` elsewhere.
    public func append(fixed value: Double, digits: Int) {
        let magnitude = value.magnitude
        let bits = magnitude.bitPattern
        let biasedExponent = Int(bits >> 52)
        guard digits >= 0, digits <= 17, magnitude < 0x1p53, biasedExponent >= 1 || magnitude == 0,
            magnitude * Double(ShortestDecimal.powerOfTen(digits)) < 0x1p62
        else {
            append(String(format: "%.\(digits)f", value))
            return
        }
        var rounded: UInt64 = 0
        if magnitude != 0 {
            let m = (bits & ((1 << 52) - 1)) | (1 << 52)
            let shift = 1075 - biasedExponent  // magnitude = m / 2^shift
            // floor(x) and floor(2x) of x = magnitude·10^digits tell the first bit of the
            // fraction; 2x exact and that bit set means exactly half way.
            let (whole, _) = ShortestDecimal.scaled(m, digits, shift)
            let (doubled, doubledExact) = ShortestDecimal.scaled(2 * m, digits, shift)
            let half = doubled - 2 * whole == 1
            rounded = whole + (half && (!doubledExact || whole % 2 == 1) ? 1 : 0)
        }
        reserve(48)
        if value.sign == .minus { storage[count] = UInt8(ascii: "-"); count += 1 }
        let scale = ShortestDecimal.powerOfTen(digits)
        appendDigits(rounded / scale)
        guard digits > 0 else { return }
        storage[count] = UInt8(ascii: "."); count += 1
        let fraction = rounded % scale
        var place = scale / 10
        while place > 0 {
            storage[count] = UInt8(ascii: "0") + UInt8(fraction / place % 10)
            count += 1
            place /= 10
        }
    }

    private func appendShortest(_ value: Double, json: Bool) {
        guard var (digits, exponent) = ShortestDecimal.digits(of: value) else {
            var text = value.description
            if json, text.hasSuffix(".0") { text.removeLast(2) }
            append(text)
            return
        }
        while digits % 10 == 0 { digits /= 10; exponent += 1 }
        reserve(48)
        if value.sign == .minus { storage[count] = UInt8(ascii: "-"); count += 1 }
        let length = decimalLength(digits)
        let integerDigits = length + exponent
        if integerDigits <= 0 {
            // 0.000ddd
            storage[count] = UInt8(ascii: "0"); storage[count + 1] = UInt8(ascii: ".")
            count += 2
            for _ in 0 ..< -integerDigits { storage[count] = UInt8(ascii: "0"); count += 1 }
            appendDigits(digits)
        } else if integerDigits >= length {
            // ddd000.0
            appendDigits(digits)
            for _ in 0..<integerDigits - length { storage[count] = UInt8(ascii: "0"); count += 1 }
            if !json { storage[count] = UInt8(ascii: "."); storage[count + 1] = UInt8(ascii: "0"); count += 2 }
        } else {
            // ddd.ddd
            let scale = ShortestDecimal.powerOfTen(length - integerDigits)
            appendDigits(digits / scale)
            storage[count] = UInt8(ascii: "."); count += 1
            let fraction = digits % scale
            // The fraction's leading zeros, then its digits.
            for _ in 0..<(length - integerDigits) - decimalLength(fraction) {
                storage[count] = UInt8(ascii: "0"); count += 1
            }
            appendDigits(fraction)
        }
    }

    /// Writes the decimal digits of `value` (room already reserved).
    @inline(__always)
    private func appendDigits(_ value: UInt64) {
        let length = decimalLength(value)
        var rest = value
        var position = count + length - 1
        repeat {
            storage[position] = UInt8(ascii: "0") + UInt8(rest % 10)
            rest /= 10
            position -= 1
        } while rest > 0
        count += length
    }

    /// The number of decimal digits of `value` (1 for 0).
    @inline(__always)
    private func decimalLength(_ value: UInt64) -> Int {
        var length = 1
        var bound: UInt64 = 10
        while value >= bound {
            length += 1
            if length == 20 { break }
            bound &*= 10
        }
        return length
    }
}

extension UInt {
    fileprivate var toUInt64: UInt64 { UInt64(self) }
}
