import Testing

@testable import Dataset

@Suite struct CalendarDateTests {
    @Test func parsesDatesThatExist() {
        #expect(CalendarDate(parsing: "2020-02-29") == CalendarDate(year: 2020, month: 2, day: 29))
        #expect(CalendarDate(parsing: "2023-12-31")?.description == "2023-12-31")
    }

    @Test(arguments: [
        "2021-02-30", "2019-02-29", "1900-02-29", "2020-13-01", "2020-00-10", "2020-1-05",
        "20-01-01", "2020/01/01", "2020-01-01x", "", "abcd-ef-gh",
    ])
    func rejectsMalformedOrImpossibleDates(_ text: String) {
        #expect(CalendarDate(parsing: text) == nil)
    }

    @Test func readsAYearAloneAsTheFirstOfJuly() {
        #expect(
            CalendarDate(parsing: "2011", yearAlone: (month: 7, day: 1)) == CalendarDate(year: 2011, month: 7, day: 1))
        // Without the rule, a year alone is not a date.
        #expect(CalendarDate(parsing: "2011") == nil)
    }

    @Test func countsDaysFromTheUnixEpoch() {
        #expect(CalendarDate(year: 1970, month: 1, day: 1)!.dayNumber == 0)
        // 30 years with 7 leap days (1972 … 1996), then January and a leap February.
        #expect(CalendarDate(year: 2000, month: 3, day: 1)!.dayNumber == 30 * 365 + 7 + 31 + 29)
        #expect(CalendarDate(year: 1969, month: 12, day: 31)!.dayNumber == -1)
    }

    @Test func addsMonthsClampingToTheLastDay() {
        #expect(
            CalendarDate(year: 2021, month: 1, day: 31)!.adding(months: 1)
                == CalendarDate(year: 2021, month: 2, day: 28))
        #expect(
            CalendarDate(year: 2021, month: 11, day: 15)!.adding(months: 14)
                == CalendarDate(year: 2023, month: 1, day: 15))
    }
}
