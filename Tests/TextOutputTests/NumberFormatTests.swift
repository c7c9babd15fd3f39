import Testing
import TextOutput

/// Each style of `NumberFormat` on values whose text is worked out by hand: exact binary halves
/// (0.125 = 1/8, 2.5, 0.375 = 3/8), negative values that round to zero, whole numbers and the
/// values that are not finite.
@Suite struct NumberFormatTests {
    /// 0.125 is exactly half way between 0.12 and 0.13: `%.2f` rounds it to the even 0.12, the
    /// planner's style away from zero to 0.13; 0.375 goes to the even 0.38 both ways.
    @Test func halvesRoundToEvenInFixedAndAwayFromZeroInRoundedAway() {
        #expect(NumberFormat.fixed(2).text(0.125) == "0.12")
        #expect(NumberFormat.roundedAway(2).text(0.125) == "0.13")
        #expect(NumberFormat.fixed(2).text(0.375) == "0.38")
        #expect(NumberFormat.roundedAway(2).text(0.375) == "0.38")
        #expect(NumberFormat.fixed(0).text(2.5) == "2")
        #expect(NumberFormat.roundedAway(0).text(2.5) == "3")
        #expect(NumberFormat.roundedAway(4).text(-1.5) == "-1.5000")
    }

    /// -0.001 is -0.00 to two decimals: `%.2f` keeps the sign, the planner's style and an
    /// unsigned zero drop it.
    @Test func negativeValuesThatRoundToZero() {
        #expect(NumberFormat.fixed(2).text(-0.001) == "-0.00")
        #expect(NumberFormat.fixed(2).text(-0.001, unsignedZero: true) == "0.00")
        #expect(NumberFormat.roundedAway(2).text(-0.001) == "0.00")
        #expect(NumberFormat.trimmed(3).text(-0.0001) == "-0")
        #expect(NumberFormat.trimmed(3).text(-0.0001, unsignedZero: true) == "0")
        #expect(NumberFormat.fixed(2).text(-0.5, unsignedZero: true) == "-0.50")
    }

    @Test func trimmedStylesDropTrailingZerosAndThePoint() {
        #expect(NumberFormat.trimmed(3).text(0.5) == "0.5")
        #expect(NumberFormat.trimmed(3).text(2) == "2")
        #expect(NumberFormat.trimmed(3).text(0.1234) == "0.123")
        #expect(NumberFormat.wholeOrRoundedAway(4).text(412.5) == "412.5")
        #expect(NumberFormat.wholeOrRoundedAway(4).text(2.00001) == "2")
        #expect(NumberFormat.wholeOrRoundedAway(4).text(7) == "7")
    }

    @Test func wholeNumbersAsIntegersOtherwiseTheShortestForm() {
        #expect(NumberFormat.wholeOrShortest.text(3) == "3")
        #expect(NumberFormat.wholeOrShortest.text(-40) == "-40")
        #expect(NumberFormat.wholeOrShortest.text(2.5) == "2.5")
        #expect(NumberFormat.wholeOrShortest.text(0.00001) == "1e-05")
        // 10^15 is past the integers written as such; from 2^53 Swift writes an exponent.
        #expect(NumberFormat.wholeOrShortest.text(1e15) == "1000000000000000.0")
        #expect(NumberFormat.wholeOrShortest.text(1e16) == "1e+16")
        #expect(NumberFormat.shortest.text(100) == "100.0")
        #expect(NumberFormat.shortest.text(0.25) == "0.25")
    }

    @Test func percentOfAFraction() {
        #expect(NumberFormat.percent.text(0.256) == "26%")
        #expect(NumberFormat.percent.text(1) == "100%")
        // 0.125 × 100 = 12.5 exactly: half to even.
        #expect(NumberFormat.percent.text(0.125) == "12%")
    }

    @Test func undefinedValues() {
        #expect(NumberFormat.fixed(3).text(.nan) == "nan")
        #expect(NumberFormat.fixed(3).text(.nan, undefined: "—") == "—")
        #expect(NumberFormat.percent.text(.infinity, undefined: "—") == "—")
        #expect(NumberFormat.roundedAway(4).text(.nan) == "nan")
        #expect(NumberFormat.wholeOrShortest.text(.infinity) == "inf")
    }
}
