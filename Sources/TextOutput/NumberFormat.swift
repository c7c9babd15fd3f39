/// How a number is written as text for people, messages and files. Every number the tool writes
/// as text goes through one of these styles (the streamed CSV and JSON write the same bytes
/// straight into an ``OutputBuffer``: ``OutputBuffer/append(number:)``,
/// ``OutputBuffer/append(fixed:digits:)``), so that two places printing the same kind of number
/// print it alike, and a style that rounds differently says so in its name.
///
/// ```swift
/// NumberFormat.fixed(2).text(0.125)                       // "0.12" (half to even, as %.2f)
/// NumberFormat.roundedAway(4).text(0.00005)               // "0.0001" (half away from zero)
/// NumberFormat.trimmed(3).text(0.5)                       // "0.5"
/// NumberFormat.wholeOrShortest.text(3)                    // "3"
/// NumberFormat.fixed(3).text(.nan, undefined: "—")        // "—"
/// NumberFormat.fixed(2).text(-0.001, unsignedZero: true)  // "0.00"
/// ```
public enum NumberFormat: Sendable, Equatable {
    /// The shortest decimal that reads back as the value, as Swift's `description` writes it
    /// (`0.25`, `100.0`, `1e-05`, `nan`).
    case shortest
    /// A whole number below 10^15 as an integer (`3`), any other in the shortest form (`1.5`,
    /// `1e-05`): how model.yaml and the loader's messages write a number, and a mid-rank.
    case wholeOrShortest
    /// Exactly `digits` decimals, rounded half to even on the value's exact binary value: the
    /// bytes of C's `%.<digits>f` (`0.125` → `0.12`, `-0.0001` → `-0.00`, `nan`, `inf`).
    case fixed(Int)
    /// ``fixed(_:)``, then its trailing zeros and a trailing point dropped (`0.500` → `0.5`,
    /// `2.000` → `2`).
    case trimmed(Int)
    /// A fraction as a whole percentage: `100 × value` as ``fixed(_:)`` with no decimals, then
    /// `%` (`0.256` → `26%`).
    case percent
    /// Exactly `digits` decimals of `value × 10^digits` rounded half away from zero (`0.00005`
    /// → `0.0001` at 4 digits), never `-0`; the shortest form when that product is 9·10^15 or
    /// more. The scores, costs and points of the planner's tables and reasons (4 digits).
    case roundedAway(Int)
    /// A whole number below 10^15 as an integer (`2`), any other ``roundedAway(_:)`` with its
    /// trailing zeros and a trailing point dropped (`1.5`, `412.5`): budgets, costs, bounds and
    /// years in the planner's words.
    case wholeOrRoundedAway(Int)

    /// `value` in this style.
    ///
    /// - Parameters:
    ///   - undefined: what a value that is not finite (NaN, ±∞) prints as; nil to write it as
    ///     the style does (`nan`, `inf`).
    ///   - unsignedZero: whether a value that prints as zero drops its minus sign (`-0.00` →
    ///     `0.00`: a reader takes the sign for a finding).
    public func text(_ value: Double, undefined: String? = nil, unsignedZero: Bool = false) -> String {
        if let undefined, !value.isFinite { return undefined }
        let text = written(value)
        guard unsignedZero, text.hasPrefix("-"), text.allSatisfy({ "-0.".contains($0) }) else { return text }
        return String(text.dropFirst())
    }

    private func written(_ value: Double) -> String {
        switch self {
        case .shortest:
            return value.description
        case .wholeOrShortest:
            return Self.isWhole(value) ? String(Int(value)) : value.description
        case .fixed(let digits):
            let out = OutputBuffer(collectingWithCapacity: 64)
            out.append(fixed: value, digits: digits)
            return out.text
        case .trimmed(let digits):
            return Self.trimmingZeros(NumberFormat.fixed(digits).written(value))
        case .percent:
            return NumberFormat.fixed(0).written(100 * value) + "%"
        case .roundedAway(let digits):
            return Self.roundedAway(value, digits)
        case .wholeOrRoundedAway(let digits):
            return Self.isWhole(value) ? String(Int(value)) : Self.trimmingZeros(Self.roundedAway(value, digits))
        }
    }

    /// Whether `value` is written as an integer by the whole-number styles.
    private static func isWhole(_ value: Double) -> Bool {
        value == value.rounded() && abs(value) < 1e15
    }

    /// `text` without its trailing zeros and then a trailing point, when it has a point.
    private static func trimmingZeros(_ text: String) -> String {
        guard text.contains(".") else { return text }
        var text = text
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    /// `digits` decimals of |x|·10^digits rounded half away from zero, with the sign of `x`
    /// unless that rounds to zero.
    private static func roundedAway(_ x: Double, _ digits: Int) -> String {
        let scale = ShortestDecimal.powerOfTen(digits)
        let scaled = (abs(x) * Double(scale)).rounded()
        guard scaled < 9e15 else { return "\(x)" }
        let units = UInt64(scaled)
        let sign = x < 0 && units != 0 ? "-" : ""
        guard digits > 0 else { return sign + "\(units)" }
        let fraction = String(units % scale)
        let padded = String(repeating: "0", count: digits - fraction.count) + fraction
        return sign + "\(units / scale)." + padded
    }
}
