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
        let trimmed = text.trimmingSpaces
        if trimmed.isEmpty || trimmed == "NA" {
            self = .missing
            return
        }
        guard isDecimalNumber(trimmed) else {
            let lowered = trimmed.lowercased()
            if ["nan", "inf", "+inf", "-inf", "infinity", "+infinity", "-infinity"].contains(lowered) {
                self = .invalid(reason: "only finite decimal numbers are accepted; leave the cell empty or write NA for a missing value")
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
        self = .value(number)
    }
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

extension String {
    /// The text without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
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
