import Foundation
import TestSupport
import Testing

/// The commands on Tests/Fixtures/pipeline (denominator, treatment auto, region-mean imputation,
/// screening at 0.6 coverage; its every intermediate value is worked out in
/// ScoringTests/PipelineFixtureTests). N6 and S6 have coverage 1/3 and are screened out; by score
/// the rest rank N3, N4, S1, N5, S4, N2, S5, S3, N1, S2.
@Suite struct ScreeningCommandTests {
    let fixture = repositoryRoot.appendingPathComponent("Tests/Fixtures/pipeline").path

    private func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func scoreListsTheScreenedCandidatesAndRanksTheOthers() throws {
        let result = try CLIRunner.run(["score", fixture, "--format", "json"])
        #expect(result.status == 0)
        let document = try json(result.stdout)
        let candidates = try #require(document["candidates"] as? [[String: Any]])
        #expect(
            candidates.compactMap { $0["id"] as? String } == [
                "N3", "N4", "S1", "N5", "S4", "N2", "S5", "S3", "N1", "S2",
            ])
        let screened = try #require(document["screened"] as? [[String: Any]])
        #expect(screened.compactMap { $0["id"] as? String } == ["N6", "S6"])
        #expect(screened.allSatisfy { abs(($0["coverage"] as? Double ?? 0) - 1.0 / 3) < 1e-12 })
        // The denominator warning goes to standard error: N4 (missing) and S5 (zero).
        #expect(result.stderr.contains("2 value(s) become missing"))
    }

    @Test func theTableClosesWithTheScreenedCandidates() throws {
        let result = try CLIRunner.run(["score", fixture])
        #expect(result.status == 0)
        #expect(
            result.stdout.contains(
                "Not ranked or planned: 2 candidate(s) with coverage below scoring.screening.min_coverage 0.6"))
        #expect(result.stdout.contains("  N6 (North Six, North): coverage 0.333"))
    }

    @Test func csvStaysMachineReadableAndTheNoteGoesToStandardError() throws {
        let result = try CLIRunner.run(["score", fixture, "--format", "csv"])
        #expect(result.status == 0)
        #expect(!result.stdout.contains("N6"))
        #expect(result.stderr.contains("note: 2 candidate(s) screened out"))
    }

    /// Visits 3, no constraint: the top three by score.
    @Test func thePlanLeavesScreenedCandidatesOutAndListsThem() throws {
        let result = try CLIRunner.run(["plan", fixture, "--format", "json"])
        #expect(result.status == 0)
        let document = try json(result.stdout)
        let selected = try #require(document["selected"] as? [[String: Any]])
        #expect(Set(selected.compactMap { $0["id"] as? String }) == ["N3", "N4", "S1"])
        let screened = try #require(document["screened"] as? [[String: Any]])
        #expect(screened.compactMap { $0["id"] as? String } == ["N6", "S6"])
    }

    @Test func explainingAScreenedCandidateSaysWhy() throws {
        let result = try CLIRunner.run(["explain", fixture, "--id", "N6"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("`N6` is screened out"))
        #expect(result.stderr.contains("coverage 0.333 is below scoring.screening.min_coverage 0.6"))
    }

    @Test func explainNamesTheTreatedValue() throws {
        let result = try CLIRunner.run(["explain", fixture, "--id", "N5"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("Outlier treatment, attacks_pc: the value was winsorised from 50.000 to 14.750"))
    }

    @Test func validateListsTheTreatedLeavesAndTheScreenedCandidates() throws {
        let result = try CLIRunner.run(["validate", fixture])
        #expect(result.status == 0)
        #expect(result.stdout.contains("note: leaf `attacks_pc`: treatment moved 1 value(s) in 1 step(s)"))
        #expect(result.stdout.contains("note: candidate `N6` is screened out"))
    }
}
