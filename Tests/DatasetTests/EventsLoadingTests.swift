import Testing

@testable import Dataset

@Suite struct EventsLoadingTests {
    static let model =
        TemporaryDataset.model + """
                - id: threat_trend
                  signal: trend
                  indicator: attacks

            """

    @Test func readsMonthlyPeriodsCountedFromYearZero() throws {
        let events = """
            id,indicator,period,value
            AAA,attacks,2022-01,3
            AAA,attacks,2022-12,4
            BBB,attacks,2021-07,NA

            """
        let loaded = try TemporaryDataset(["model.yaml": Self.model, "events.csv": events]).success().events
        #expect(loaded.granularity == .month)
        #expect(loaded.series["attacks"]![0] == [2022 * 12: 3, 2022 * 12 + 11: 4])
        #expect(loaded.series["attacks"]![1].isEmpty)  // NA is an absent row
    }

    @Test func reportsAnIdThatIsNotInStates() throws {
        let events = """
            id,indicator,period,value
            AAA,attacks,2021,3
            ZZZ,attacks,2021,4

            """
        let error = try TemporaryDataset(["model.yaml": Self.model, "events.csv": events]).failure()
        expectReported(error, "events.csv", line: 3, column: 1, "id `ZZZ` is not in states.csv")
    }

    @Test func reportsMixedGranularityDuplicatesAndBadValues() throws {
        let events = """
            id,indicator,period,value
            AAA,attacks,2021,3
            AAA,attacks,2021-05,3
            AAA,attacks,2021,5
            BBB,attacks,2019,three
            BBB,attacks,19,1

            """
        let error = try TemporaryDataset(["model.yaml": Self.model, "events.csv": events]).failure()
        expectReported(error, "events.csv", line: 3, column: 3, "is a month, but line 2 has a year")
        expectReported(
            error, "events.csv", line: 4, column: 3,
            "duplicate row for `AAA`, `attacks`, period `2021` (first at line 2)")
        expectReported(error, "events.csv", line: 5, column: 4, "`three` is not a number")
        expectReported(error, "events.csv", line: 6, column: 3, "neither a year YYYY nor a month YYYY-MM")
    }

    /// Rows in any order: each candidate's periods are kept in period order, the value of the
    /// first of two rows with one (candidate, period) is kept, and the later row is reported
    /// against the first line, also when the first had no value.
    @Test func rowsInAnyOrderKeepTheFirstOfARepeatedPeriod() throws {
        let events = """
            id,indicator,period,value
            BBB,attacks,2022,1
            AAA,attacks,2021,2
            BBB,attacks,2019,NA
            BBB,attacks,2020,3
            AAA,attacks,2018,7
            BBB,attacks,2019,6

            """
        let loaded = try TemporaryDataset(["model.yaml": Self.model, "events.csv": events]).failure()
        expectReported(
            loaded, "events.csv", line: 7, column: 3,
            "duplicate row for `BBB`, `attacks`, period `2019` (first at line 4)")
        let unique = """
            id,indicator,period,value
            BBB,attacks,2022,1
            AAA,attacks,2021,2
            BBB,attacks,2019,NA
            BBB,attacks,2020,3
            AAA,attacks,2018,7

            """
        let series = try #require(
            try TemporaryDataset(["model.yaml": Self.model, "events.csv": unique]).success().events.series["attacks"])
        #expect(series[0] == [2018: 7, 2021: 2])
        #expect(series[1] == [2020: 3, 2022: 1])
        #expect(series.value(of: 1, at: 2019) == nil && series.value(of: 1, at: 2020) == 3)
        #expect(series.value(of: 0, at: 2019) == nil && series.value(of: 0, at: 2022) == nil)
        // The compact layout is the one a dictionary per candidate gives.
        #expect(series == Events.Series([[2021: 2, 2018: 7], [2022: 1, 2020: 3], [:]]))
    }

    @Test func reportsASignalWithoutEvents() throws {
        let error = try TemporaryDataset(["model.yaml": Self.model]).failure()
        expectReported(error, "model.yaml", line: 18, column: 18, "the dataset has no events.csv")
        let events = "id,indicator,period,value\nAAA,attack,2021,3\n"
        let other = try TemporaryDataset(["model.yaml": Self.model, "events.csv": events]).failure()
        expectReported(other, "model.yaml", line: 18, column: 18, "no rows in events.csv; did you mean `attack`?")
    }
}
