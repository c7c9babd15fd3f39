import Foundation
import Testing

@testable import Dataset

/// The `confidential` column of states.csv and `confidentiality.protection` of model.yaml (SPEC §8).
@Suite struct ConfidentialRequestTests {
    static let states = """
        id,name,region,last_visit,confidential
        AAA,Candidate A,North,,gap
        BBB,Candidate B,South,2015, gap ; threat ;
        CCC,Candidate C,South,,ALL

        """

    @Test func readsNamesSeparatedBySemicolonsAndAll() throws {
        let dataset = try TemporaryDataset(["states.csv": Self.states]).success()
        #expect(dataset.states.map(\.confidential) == [.indicators(["gap"]), .indicators(["gap", "threat"]), .all])
        #expect(dataset.states[1].confidential.covers("threat"))
        #expect(!dataset.states[0].confidential.covers("threat"))
        #expect(dataset.states[2].confidential.covers("anything"))
        // No column, or an empty cell: nothing requested.
        #expect(try TemporaryDataset().success().states.allSatisfy { $0.confidential == .none })
    }

    @Test func aNameThatIsNoIndicatorIsAnErrorWithTheNearestName() throws {
        // A misspelt request would publish what the State asked to keep.
        let states = Self.states.replacingOccurrences(of: "North,,gap", with: "North,,gaps")
        let error = try TemporaryDataset(["states.csv": states]).failure()
        expectReported(error, "states.csv", line: 2, column: 5, "`gaps` for `AAA` is not a column of indicators.csv")
        expectReported(error, "states.csv", line: 2, column: 5, "did you mean `gap`?")
    }

    @Test func readsTheProtectionWidth() throws {
        let model = TemporaryDataset.model + "confidentiality:\n  protection: 0.2\n"
        #expect(try TemporaryDataset(["model.yaml": model]).success().model.confidentiality.protection == 0.2)
        #expect(try TemporaryDataset().success().model.confidentiality.protection == 0.10)
    }

    @Test(arguments: ["0", "1.5", "-0.1"])
    func rejectsAProtectionOutsideTheRange(_ width: String) throws {
        let model = TemporaryDataset.model + "confidentiality:\n  protection: \(width)\n"
        let error = try TemporaryDataset(["model.yaml": model]).failure()
        // 15 lines of the model, a blank line, `confidentiality:` on 16.
        expectReported(error, "model.yaml", line: 17, column: 15, "must be a share of the normalised range in (0, 1]")
    }

    @Test func aMisspeltKeySuggestsTheKnownOne() throws {
        let model = TemporaryDataset.model + "confidentiality:\n  protecton: 0.2\n"
        let error = try TemporaryDataset(["model.yaml": model]).failure()
        #expect(error.map { "\($0)".contains("did you mean `protection`?") } == true, "\(String(describing: error))")
    }
}
