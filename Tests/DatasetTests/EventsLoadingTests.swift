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

    @Test func reportsASignalWithoutEvents() throws {
        let error = try TemporaryDataset(["model.yaml": Self.model]).failure()
        expectReported(error, "model.yaml", line: 18, column: 18, "the dataset has no events.csv")
        let events = "id,indicator,period,value\nAAA,attack,2021,3\n"
        let other = try TemporaryDataset(["model.yaml": Self.model, "events.csv": events]).failure()
        expectReported(other, "model.yaml", line: 18, column: 18, "no rows in events.csv; did you mean `attack`?")
    }
}
