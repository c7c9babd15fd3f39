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
        expectReported(
            error, "states.csv", line: 3, column: 5,
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

    /// `name_fr` and `name_es` are read when present: an empty cell is no name in that language,
    /// English falls back on nothing (it is `name`), and neither column is noted as unknown.
    @Test func readsTheOptionalFrenchAndSpanishNames() throws {
        let states = """
            id,name,name_fr,name_es,region,last_visit
            AAA,Netherlands,Pays-Bas,Países Bajos,North,
            BBB,Côte d'Ivoire,,,South,
            CCC,Congo,Congo,Congo,South,

            """
        let dataset = try TemporaryDataset(["states.csv": states]).success()
        let (a, b) = (dataset.states[0], dataset.states[1])
        #expect(a.name(in: .fr) == "Pays-Bas" && a.name(in: .es) == "Países Bajos" && a.name(in: .en) == "Netherlands")
        #expect(b.name(in: .fr) == nil && b.name(in: .es) == nil && b.name(in: .en) == "Côte d'Ivoire")
        #expect(
            !dataset.diagnostics.contains { $0.message.contains("name_fr") || $0.message.contains("name_es") },
            "\(dataset.diagnostics)")
    }

    /// A report in French renames the States that have a French name and lists the others, which
    /// keep `name`; without the column, every State is listed.
    @Test func renamesTheStatesInTheChosenLanguage() throws {
        let states = """
            id,name,name_fr,region,last_visit
            AAA,Netherlands,Pays-Bas,North,
            BBB,Côte d'Ivoire,,South,
            CCC,Congo,Congo,South,

            """
        let dataset = try TemporaryDataset(["states.csv": states]).success()
        let french = dataset.named(in: .fr)
        #expect(french.dataset.states.map(\.name) == ["Pays-Bas", "Côte d'Ivoire", "Congo"])
        #expect(french.unnamed == ["BBB"])
        let spanish = dataset.named(in: .es)
        #expect(spanish.dataset.states.map(\.name) == ["Netherlands", "Côte d'Ivoire", "Congo"])
        #expect(spanish.unnamed == ["AAA", "BBB", "CCC"])
        #expect(dataset.named(in: .en).unnamed.isEmpty)
    }
}
