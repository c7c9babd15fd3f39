import Testing

@testable import Dataset

@Suite struct IndicatorsLoadingTests {
    @Test func reportsAnIdThatIsNotInStates() throws {
        let indicators = TemporaryDataset.indicators + "AAB,3,3\n"
        let error = try TemporaryDataset(["indicators.csv": indicators]).failure()
        expectReported(
            error, "indicators.csv", line: 5, column: 1, "id `AAB` is not in states.csv; did you mean `AAA`?")
    }

    @Test(arguments: [
        ("\"1,5\"", "decimal comma"),
        ("abc", "expected a decimal number"),
        ("inf", "only finite decimal numbers"),
        ("NaN", "only finite decimal numbers"),
        ("1e400", "out of range"),
    ])
    func reportsANonNumericCell(_ cell: String, _ reason: String) throws {
        let indicators = TemporaryDataset.indicators.replacingOccurrences(of: "BBB,2,5", with: "BBB,\(cell),5")
        let error = try TemporaryDataset(["indicators.csv": indicators]).failure()
        expectReported(error, "indicators.csv", line: 3, column: 2, "column `gap`")
        expectReported(error, "indicators.csv", line: 3, column: 2, reason)
    }

    @Test func acceptsPlainDecimalForms() throws {
        let indicators = """
            id,gap,threat
            AAA,-1.5,3.0e2
            BBB,2,+.5
            CCC,NA,

            """
        let columns = try TemporaryDataset(["indicators.csv": indicators]).success().indicators.columns
        #expect(columns["gap"]![0] == -1.5)
        #expect(columns["threat"]![0] == 300)
        #expect(columns["threat"]![1] == 0.5)
        #expect(columns["gap"]![2].isNaN && columns["threat"]![2].isNaN)
    }

    @Test func ignoresColumnsTheModelDoesNotReference() throws {
        let indicators = """
            id,gap,threat,comment
            AAA,1,3,not a number
            BBB,2,5,abc

            """
        let dataset = try TemporaryDataset(["indicators.csv": indicators]).success()
        #expect(Set(dataset.indicators.columns.keys) == ["gap", "threat"])
        // CCC has no row: every indicator is missing.
        #expect(dataset.indicators.columns["gap"]![2].isNaN)
    }

    @Test func reportsALeafNamingAMissingColumnAtTheLeaf() throws {
        let model = TemporaryDataset.model.replacingOccurrences(of: "indicator: gap\n", with: "indicator: gapp\n")
        let error = try TemporaryDataset(["model.yaml": model]).failure()
        expectReported(
            error, "model.yaml", line: 9, column: 22,
            "scoring.criteria[0].criteria[0].indicator: leaf `gap` names the column `gapp`, which is not in")
        #expect(error?.diagnostics.contains { $0.message.contains("did you mean `gap`?") } == true)
    }

    @Test func warnsAboutAConstantColumnWithoutRejectingIt() throws {
        let indicators = """
            id,gap,threat
            AAA,2,3
            BBB,2,5
            CCC,,4

            """
        let dataset = try TemporaryDataset(["indicators.csv": indicators]).success()
        let warning = dataset.diagnostics.first { $0.severity == .warning }
        #expect(
            warning?.matches("indicators.csv", line: 1, column: 2, "column `gap` is constant", severity: .warning)
                == true)
    }

    @Test func rejectsANegativeValueUnderALogTransform() throws {
        let model = TemporaryDataset.model.replacingOccurrences(
            of: "indicator: threat\n", with: "indicator: threat\n          transform: log\n")
        let indicators = TemporaryDataset.indicators.replacingOccurrences(of: "BBB,2,5", with: "BBB,2,-0.5")
        let error = try TemporaryDataset(["model.yaml": model, "indicators.csv": indicators]).failure()
        expectReported(error, "indicators.csv", line: 3, column: 3, "-0.5 for `BBB` is negative")
    }

    @Test func rejectsAMissingValueUnderMissingError() throws {
        let model = TemporaryDataset.model.replacingOccurrences(
            of: "indicator: threat\n", with: "indicator: threat\n          missing: error\n")
        let error = try TemporaryDataset(["model.yaml": model]).failure()
        expectReported(error, "indicators.csv", line: 4, column: 3, "`threat` is missing for `CCC`")
    }

    @Test func reportsADuplicateRow() throws {
        let indicators = TemporaryDataset.indicators + "BBB,2,5\n"
        let error = try TemporaryDataset(["indicators.csv": indicators]).failure()
        expectReported(error, "indicators.csv", line: 5, column: 1, "duplicate id `BBB` (first at line 3)")
    }
}
