import TextOutput

/// `value` with `digits` decimals for reading (C's `%.<digits>f`), or `—` when it is undefined
/// (NaN, ±∞): the numbers of the tables for people.
func fixed(_ value: Double, _ digits: Int) -> String {
    NumberFormat.fixed(digits).text(value, undefined: "—")
}
