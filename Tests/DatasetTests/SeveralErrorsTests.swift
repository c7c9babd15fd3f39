import Testing

@testable import Dataset

@Suite struct SeveralErrorsTests {
    @Test func reportsEveryErrorOfEveryFileAtOnce() throws {
        let states = TemporaryDataset.states
            .replacingOccurrences(of: "2019-03-01", with: "2019-02-30")
            .replacingOccurrences(of: "pending", with: "maybe")
        let indicators =
            TemporaryDataset.indicators.replacingOccurrences(of: "BBB,2,5", with: "BBB,abc,5") + "ZZZ,1,1\n"
        let model = TemporaryDataset.model
            .replacingOccurrences(of: "weight: 2", with: "weight: -1")
            .replacingOccurrences(of: "indicator: threat", with: "indicator: threats")
        let error = try TemporaryDataset(["states.csv": states, "indicators.csv": indicators, "model.yaml": model])
            .failure()
        expectReported(error, "states.csv", line: 2, column: 4, "`2019-02-30` is not a date")
        expectReported(error, "states.csv", line: 3, column: 5, "unknown value `maybe`")
        expectReported(error, "indicators.csv", line: 3, column: 2, "`abc` for `BBB` is not a number")
        expectReported(error, "indicators.csv", line: 5, column: 1, "id `ZZZ` is not in states.csv")
        expectReported(error, "model.yaml", line: 6, column: 15, "must be non-negative, got -1")
        expectReported(error, "model.yaml", line: 11, column: 22, "names the column `threats`")
        #expect(error?.errors.count == 6, "\(String(describing: error))")
        // In file order, then line order, like a compiler.
        #expect(
            error?.errors.map { $0.file.split(separator: "/").last! } == [
                "states.csv", "states.csv", "indicators.csv", "indicators.csv", "model.yaml", "model.yaml",
            ])
    }

    @Test func namesFilesWithTheFolderAsGiven() throws {
        let folder = try TemporaryDataset(["states.csv": "id,name,region\n"])
        defer { folder.remove() }
        do {
            _ = try Dataset.load(directory: folder.folder + "/")
            Issue.record("expected an error")
        } catch let error as DatasetError {
            #expect(
                error.diagnostics.first?.description
                    == "\(folder.folder)/states.csv:1: error: no candidates: the file has a header but no rows; a dataset needs at least one row in states.csv"
            )
        }
    }
}
