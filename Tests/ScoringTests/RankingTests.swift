import Dataset
import Scoring
import TestSupport
import Testing

/// The ranking of the score table: 1-based by descending score, ties by id ascending.
@Suite struct ScoreTableRankingTests {
    @Test func tiesAreBrokenById() throws {
        // C, A and B tie at 0 (minmax of 5, 5, 5, 9); Z leads with 1.
        let dataset = makeDataset(
            ids: ["C", "A", "Z", "B"], columns: ["x": [5, 5, 9, 5]],
            criteria: [leaf("x", normalisation: .minmax)])
        let table = try score(dataset)
        #expect(table.rankedIDs == ["Z", "A", "B", "C"])
        #expect(table.candidates.map(\.rank) == [4, 2, 1, 3])
    }

    @Test func ranksFollowDescendingScores() throws {
        let dataset = makeDataset(
            ids: ["A", "B", "C", "D"], columns: ["x": [0.3, 0.9, 0.1, 0.5]],
            criteria: [leaf("x")])
        let table = try score(dataset)
        #expect(table.rankedIDs == ["B", "D", "A", "C"])
        #expect(table.candidates.map(\.rank) == [3, 1, 4, 2])
    }

    @Test func missingScoresRankLastById() throws {
        let dataset = makeDataset(
            ids: ["M2", "A", "M1", "B"], columns: ["x": [.nan, 0.2, .nan, 0.4]],
            criteria: [leaf("x")])
        let table = try score(dataset)
        #expect(table.rankedIDs == ["B", "A", "M1", "M2"])
    }

    @Test func tableCarriesIdentity() throws {
        let states = [
            State(id: "FRA", name: "France", region: "Europe"),
            State(id: "KEN", name: "Kenya", region: "Africa"),
        ]
        let dataset = makeDataset(
            ids: ["FRA", "KEN"], columns: ["x": [1, 2]],
            criteria: [leaf("x")], states: states)
        let kenya = try score(dataset).candidate("KEN")
        #expect(kenya.name == "Kenya" && kenya.region == "Africa" && kenya.rank == 1)
    }
}
