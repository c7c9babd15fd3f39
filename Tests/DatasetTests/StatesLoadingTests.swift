import Testing
@testable import Dataset

@Suite struct StatesLoadingTests {
    /// A required column that is absent is reported at the header; one spelt with a capital is
    /// reported once, where it is written, as the misspelling it is (SPEC §7), not also as absent.
    @Test(arguments: [("area", 0, "missing required column `region`"), ("Region", 3, "did you mean `region`?")])
    func reportsAMissingRequiredColumnOnce(header: String, column: Int, message: String) throws {
        let states = """
            id,name,\(header),last_visit
            AAA,Candidate A,North,

            """
        let error = try TemporaryDataset(states: states).failure()
        expectReported(error, "states.csv", line: 1, column: column, message)
        #expect(error?.errors.count == 1, "\(String(describing: error))")
    }

    @Test func reportsADuplicateIdWithBothLines() throws {
        let states = TemporaryDataset.states + "AAA,Candidate A again,North,,given\n"
        let error = try TemporaryDataset(states: states).failure()
        expectReported(error, "states.csv", line: 5, column: 1, "duplicate id `AAA` (first at line 2)")
    }

    @Test(arguments: ["2021-02-30", "2021-13-01", "21-01-01", "March 2020"])
    func reportsAnImpossibleOrMalformedDate(_ date: String) throws {
        let states = TemporaryDataset.states.replacingOccurrences(of: "2019-03-01", with: date)
        let error = try TemporaryDataset(states: states).failure()
        expectReported(error, "states.csv", line: 2, column: 4, "column `last_visit`: `\(date)` is not a date")
    }

    @Test func reportsAnUnknownConsentLevelWithTheAllowedValues() throws {
        let states = TemporaryDataset.states.replacingOccurrences(of: "pending", with: "Pending")
        let error = try TemporaryDataset(states: states).failure()
        expectReported(error, "states.csv", line: 3, column: 5,
                       "unknown value `Pending`; did you mean `pending`? (allowed: given, pending, unknown, refused)")
    }

    @Test func reportsALastVisitAfterAsOf() throws {
        let states = TemporaryDataset.states.replacingOccurrences(of: "2019-03-01", with: "2023-01-02")
        let error = try TemporaryDataset(states: states).failure()
        expectReported(error, "states.csv", line: 2, column: 4, "after the model's as_of 2023-01-01")
    }

    @Test func readsEverySpellingOfRequestedVisit() throws {
        let states = """
            id,name,region,requested_visit,last_visit
            AAA,A,North,TRUE,
            BBB,B,North,no,
            CCC,C,South,1,
            DDD,D,South,,
            EEE,E,South,Yes,

            """
        let dataset = try TemporaryDataset(["states.csv": states]).success()
        #expect(dataset.states.map(\.requestedVisit) == [true, false, true, false, true])
        let bad = try TemporaryDataset(states: states.replacingOccurrences(of: "Yes", with: "maybe")).failure()
        expectReported(bad, "states.csv", line: 6, column: 4, "not a yes/no value")
    }
}
