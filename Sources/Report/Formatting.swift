import TextOutput

// Numbers as the report prints them. Each kind of number has one format, so that a reader
// compares like with like (and the confidentiality test knows every format to look for).

enum Format {
    /// A score or a contribution: two decimals.
    static func score(_ x: Double) -> String { fixed(x, 2) }

    /// A normalised value (0–1 for most methods): three decimals.
    static func normalised(_ x: Double) -> String { fixed(x, 3) }

    /// A raw value as the data holds it: up to four decimals, trailing zeros dropped.
    static func raw(_ x: Double) -> String { trimmed(x, 4) }

    /// A weight as written in model.yaml: up to three decimals, trailing zeros dropped.
    static func weight(_ x: Double) -> String { trimmed(x, 3) }

    /// A fraction as a whole percentage.
    static func percent(_ x: Double) -> String { NumberFormat.percent.text(x, undefined: "—") }

    /// A probability: the nearest percent, with "<1%" and ">99%" rather than a false 0 or 100.
    static func probability(_ p: Double) -> String {
        guard p.isFinite else { return "—" }
        if p > 0 && p < 0.005 { return "<1%" }
        if p < 1 && p > 0.995 { return ">99%" }
        return percent(p)
    }

    /// `digits` decimals; a value that rounds to zero prints without a sign ("0.00", never
    /// "-0.00": a reader takes the sign for a finding).
    static func fixed(_ x: Double, _ digits: Int) -> String {
        NumberFormat.fixed(digits).text(x, undefined: "—", unsignedZero: true)
    }

    /// At most `digits` decimals, trailing zeros dropped; zero without a sign.
    static func trimmed(_ x: Double, _ digits: Int) -> String {
        NumberFormat.trimmed(digits).text(x, undefined: "—", unsignedZero: true)
    }

    /// "A, B and C".
    static func list(_ items: [String]) -> String {
        switch items.count {
        case 0: return ""
        case 1: return items[0]
        default: return items.dropLast().joined(separator: ", ") + " and " + items.last!
        }
    }
}
