// How the text of a CSV cell becomes a value: decimal numbers, the missing marker, booleans.

/// The reading of a numeric cell.
enum NumericCell: Equatable {
    case value(Double)
    /// An empty cell or `NA`.
    case missing
    /// Not a decimal number; `reason` completes the sentence "… is not a number: ".
    case invalid(reason: String)

    /// Reads a decimal number: an optional sign, digits with an optional decimal point, and an
    /// optional exponent (`-1.5`, `2`, `3.0e2`). Surrounding spaces are ignored.
    ///
    /// `inf`, `NaN`, hexadecimal, a decimal comma and values that overflow a Double are invalid:
    /// inside the engine NaN means "missing" and nothing else.
    init(_ text: String) {
        if let cell = text.utf8.withContiguousStorageIfAvailable(Self.plain(utf8:)) ?? nil {
            self = cell
        } else {
            self.init(reading: text)
        }
    }

    /// Reads the cell whose UTF-8 text is `utf8`, as `init(_:)` reads it as a string, without
    /// making the string when the cell is empty, `NA` or a plain decimal number.
    init(utf8: UnsafeBufferPointer<UInt8>) {
        if let cell = Self.plain(utf8: utf8) {
            self = cell
        } else {
            self.init(reading: String(decoding: utf8, as: UTF8.self))
        }
    }

    /// The reading of an empty cell, `NA`, or a decimal number whose value `exactDecimal`
    /// computes; nil for every other cell, which `init(reading:)` reads as text. The two
    /// readings agree on every cell this one reads, to the bit.
    private static func plain(utf8: UnsafeBufferPointer<UInt8>) -> NumericCell? {
        var start = 0, end = utf8.count
        while start < end, utf8[start] == .space || utf8[start] == .tab { start += 1 }
        while end > start, utf8[end - 1] == .space || utf8[end - 1] == .tab { end -= 1 }
        let trimmed = UnsafeBufferPointer(rebasing: utf8[start..<end])
        if trimmed.isEmpty || (trimmed.count == 2 && trimmed[0] == UInt8(ascii: "N") && trimmed[1] == UInt8(ascii: "A"))
        {
            return .missing
        }
        return exactDecimal(trimmed).map(NumericCell.value)
    }

    private init(reading text: String) {
        let trimmed = text.trimmingSpaces
        if trimmed.isEmpty || trimmed == "NA" {
            self = .missing
            return
        }
        guard isDecimalNumber(trimmed) else {
            let lowered = trimmed.lowercased()
            if ["nan", "inf", "+inf", "-inf", "infinity", "+infinity", "-infinity"].contains(lowered) {
                self = .invalid(
                    reason:
                        "only finite decimal numbers are accepted; leave the cell empty or write NA for a missing value"
                )
            } else if trimmed.contains(","), isDecimalNumber(trimmed.replacingAll(",", with: ".")) {
                self = .invalid(reason: "a decimal comma; write the number with a decimal point")
            } else {
                self = .invalid(reason: "expected a decimal number such as 2, -1.5 or 3.0e2, an empty cell or NA")
            }
            return
        }
        guard let number = Double(trimmed), number.isFinite else {
            self = .invalid(reason: "out of range (it overflows a 64-bit floating-point number)")
            return
        }
        // `exactDecimal` reads at most 2^53 × 10^22, so every value past the bound comes here.
        guard number.magnitude <= Self.largestMagnitude else {
            self = .invalid(
                reason: "out of range: the largest magnitude accepted is 1e100, so that the "
                    + "differences, squares and sums of the normalisations stay finite")
            return
        }
        self = .value(number)
    }

    /// The largest magnitude of a value. Minmax subtracts two values (1e308 − (−1e308) overflows
    /// to infinity), a z-score squares a difference and sums the squares over every candidate:
    /// with values up to 1e100 a square stays below 4e200 and a sum over 10^8 candidates below
    /// 1e209, far from the 1.8e308 a Double holds.
    static let largestMagnitude = 1e100
}

/// 10^k for k in 0…22, the powers of ten that a Double holds exactly. A function of literals,
/// not a global table: a global's lazy initialisation check on every read of 3.2 million cells
/// cost more than the arithmetic.
@inline(__always)
private func exactPowerOfTen(_ k: Int) -> Double {
    switch k {
    case 0: 1e0
    case 1: 1e1
    case 2: 1e2
    case 3: 1e3
    case 4: 1e4
    case 5: 1e5
    case 6: 1e6
    case 7: 1e7
    case 8: 1e8
    case 9: 1e9
    case 10: 1e10
    case 11: 1e11
    case 12: 1e12
    case 13: 1e13
    case 14: 1e14
    case 15: 1e15
    case 16: 1e16
    case 17: 1e17
    case 18: 1e18
    case 19: 1e19
    case 20: 1e20
    case 21: 1e21
    default: 1e22
    }
}

/// The value of a decimal number of the form `isDecimalNumber` accepts, when one correctly
/// rounded operation gives it: at most 19 digits making an integer up to 2^53, times or divided
/// by a power of ten up to 10^22, both exact in a Double (Clinger 1990). Such a product or
/// quotient is the correctly rounded value of the text, which is what `Double(_:)` returns.
/// nil for anything else (other text, more digits, larger exponents), which the caller hands
/// to `Double(_:)`.
///
/// - Parameter text: at least one byte, without surrounding spaces.
private func exactDecimal(_ text: UnsafeBufferPointer<UInt8>) -> Double? {
    let zero = UInt8(ascii: "0")
    let n = text.count
    let negative = text[0] == UInt8(ascii: "-")
    var i = negative || text[0] == UInt8(ascii: "+") ? 1 : 0
    // Up to 19 digits fit a UInt64 whatever they are; more go to the general reader.
    var significand: UInt64 = 0
    let integerStart = i
    while i < n, case let digit = text[i] &- zero, digit < 10 {
        significand = significand &* 10 &+ UInt64(digit)
        i += 1
    }
    var digits = i - integerStart
    var exponent = 0
    if i < n, text[i] == UInt8(ascii: ".") {
        i += 1
        let fractionStart = i
        while i < n, case let digit = text[i] &- zero, digit < 10 {
            significand = significand &* 10 &+ UInt64(digit)
            i += 1
        }
        exponent = fractionStart - i
        digits += i - fractionStart
    }
    guard digits > 0, digits <= 19 else { return nil }
    if i < n, text[i] == UInt8(ascii: "e") || text[i] == UInt8(ascii: "E") {
        i += 1
        let negativeExponent = i < n && text[i] == UInt8(ascii: "-")
        if i < n, negativeExponent || text[i] == UInt8(ascii: "+") { i += 1 }
        let exponentStart = i
        var written = 0
        while i < n, case let digit = text[i] &- zero, digit < 10, i - exponentStart < 6 {
            written = written * 10 + Int(digit)
            i += 1
        }
        guard i > exponentStart else { return nil }
        exponent += negativeExponent ? -written : written
    }
    guard i == n, significand <= 1 << 53 else { return nil }
    let magnitude: Double
    if significand == 0 {
        magnitude = 0
    } else if exponent >= 0, exponent <= 22 {
        magnitude = Double(significand) * exactPowerOfTen(exponent)
    } else if exponent < 0, exponent >= -22 {
        magnitude = Double(significand) / exactPowerOfTen(-exponent)
    } else {
        return nil
    }
    return negative ? -magnitude : magnitude
}

/// Whether `text` is `[+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?`.
private func isDecimalNumber(_ text: String) -> Bool {
    var scalars = Substring(text).unicodeScalars[...]
    func digits() -> Int {
        var count = 0
        while let c = scalars.first, ("0"..."9").contains(c) {
            scalars.removeFirst()
            count += 1
        }
        return count
    }
    if scalars.first == "+" || scalars.first == "-" { scalars.removeFirst() }
    var mantissa = digits()
    if scalars.first == "." {
        scalars.removeFirst()
        mantissa += digits()
    }
    guard mantissa > 0 else { return false }
    if scalars.first == "e" || scalars.first == "E" {
        scalars.removeFirst()
        if scalars.first == "+" || scalars.first == "-" { scalars.removeFirst() }
        guard digits() > 0 else { return false }
    }
    return scalars.isEmpty
}

/// Reads `true/false`, `yes/no`, `1/0` in any case; nil for anything else.
func booleanCell(_ text: String) -> Bool? {
    switch text.trimmingSpaces.lowercased() {
    case "true", "yes", "1": true
    case "false", "no", "0": false
    default: nil
    }
}

extension UInt8 {
    static let space = UInt8(ascii: " ")
    static let tab = UInt8(ascii: "\t")
}

extension String {
    /// The text without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        // Most cells have nothing to trim: a space or tab is one byte, never part of another character.
        if let first = utf8.first, let last = utf8.last,
            first != .space, first != .tab, last != .space, last != .tab
        {
            return self
        }
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { $0 != " " && $0 != "\t" }),
            let last = scalars.lastIndex(where: { $0 != " " && $0 != "\t" })
        else { return "" }
        return String(scalars[first...last])
    }

    /// The text as quoted in a message: at most 60 characters, so that a 1 MB cell does not
    /// become a 1 MB diagnostic.
    var excerpt: String {
        count <= 60 ? self : String(prefix(57)) + "… (\(utf8.count) bytes)"
    }

    func replacingAll(_ target: Character, with replacement: Character) -> String {
        String(map { $0 == target ? replacement : $0 })
    }
}
