import Testing

@testable import Dataset

@Suite struct ProgrammeSettingsTests {
    /// TemporaryDataset.model has 15 lines: `programme:` is line 16, its first key line 17.
    func model(_ programme: String) -> String { TemporaryDataset.model + programme }

    @Test func readsEverySetting() throws {
        let dataset = try TemporaryDataset([
            "model.yaml": model(
                """
                programme:
                  years: 4
                  discount: 0.9
                  never_visited_within: 2
                  include: {2: [AAA]}
                  exclude: {1: [BBB], 3: [BBB, CCC]}

                """)
        ]).success()
        let programme = try #require(dataset.model.programme)
        #expect(programme.years == 4)
        #expect(programme.discount == 0.9)
        #expect(programme.neverVisitedWithin == 2)
        #expect(programme.include == [2: ["AAA"]])
        #expect(programme.exclude == [1: ["BBB"], 3: ["BBB", "CCC"]])
        #expect(programme.locations["programme.include.2"]?.line == 20)
    }

    @Test func defaultsWithoutTheSection() throws {
        let dataset = try TemporaryDataset().success()
        #expect(dataset.model.programme == nil)
        #expect(ProgrammeSettings().years == 3 && ProgrammeSettings().discount == 0.85)
    }

    @Test func reportsBadSettingsAtTheirLines() throws {
        let error = try TemporaryDataset([
            "model.yaml": model(
                """
                programme:
                  years: 0
                  discount: 1.5
                  neverr_visited_within: 2
                  include: {2: [AAX], 3: [BBB]}
                  exclude: {3: [BBB]}

                """)
        ]).failure()
        expectReported(error, "model.yaml", line: 17, "programme.years: must be a whole number ≥ 1, got 0")
        expectReported(error, "model.yaml", line: 18, "programme.discount: must be in (0, 1]")
        expectReported(error, "model.yaml", line: 19, "did you mean `never_visited_within`?")
        expectReported(error, "model.yaml", line: 20, "`AAX` is not an id of states.csv; did you mean `AAA`?")
        expectReported(error, "model.yaml", line: 21, "`BBB` is both included and excluded in year 3")
    }
}
