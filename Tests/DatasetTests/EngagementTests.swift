import Testing

@testable import Dataset

@Suite struct EngagementTests {
    let asOf = CalendarDate(year: 2023, month: 1, day: 1)!

    @Test func yearsSinceVisitCountsDaysOver365Point25() {
        // 2018-07-01 → 2023-07-01 is 5 × 365 + 1 (2020) = 1826 days; back to 2023-01-01 is 181 fewer.
        let state = State(id: "AAA", name: "A", region: "R", lastVisit: CalendarDate(year: 2018, month: 7, day: 1))
        let years = state.yearsSinceVisit(asOf: asOf)
        #expect(abs(years - 1645 / 365.25) < 1e-12)
        #expect(abs(years - 4.5038) < 1e-4)
    }

    @Test func yearsSinceVisitIsCappedAndNeverVisitedCountsAsTheCap() {
        let old = State(id: "AAA", name: "A", region: "R", lastVisit: CalendarDate(year: 2001, month: 1, day: 1))
        #expect(old.yearsSinceVisit(asOf: asOf, cap: 10) == 10)
        #expect(old.yearsSinceVisit(asOf: asOf, cap: 30) == Double(22 * 365 + 5) / 365.25)  // leap days 2004 … 2020
        let never = State(id: "BBB", name: "B", region: "R")
        #expect(never.neverVisited)
        #expect(never.yearsSinceVisit(asOf: asOf, cap: 7) == 7)
    }

    @Test func followUpIsDueTwelveMonthsAfterTheReport() {
        let report = CalendarDate(year: 2021, month: 6, day: 30)!
        let state = State(
            id: "AAA", name: "A", region: "R", lastVisit: CalendarDate(year: 2021, month: 1, day: 10),
            reportSubmitted: report)
        #expect(state.followUpDue(asOf: CalendarDate(year: 2022, month: 6, day: 30)!))
        #expect(!state.followUpDue(asOf: CalendarDate(year: 2022, month: 6, day: 29)!))
        #expect(state.followUpDue(asOf: CalendarDate(year: 2021, month: 12, day: 31)!, months: 6))
    }

    @Test func followUpIsNotDueAfterALaterVisitOrWithoutAReport() {
        let visitedAgain = State(
            id: "AAA", name: "A", region: "R", lastVisit: CalendarDate(year: 2021, month: 9, day: 1),
            reportSubmitted: CalendarDate(year: 2020, month: 3, day: 1))
        #expect(!visitedAgain.followUpDue(asOf: asOf))
        let noReport = State(id: "BBB", name: "B", region: "R", lastVisit: CalendarDate(year: 2015, month: 1, day: 1))
        #expect(!noReport.followUpDue(asOf: asOf))
    }
}
