import Testing

@testable import Dataset

@Suite struct SuggestionsTests {
    @Test func editDistanceCountsAdjacentTranspositionsAsOneEdit() {
        #expect(editDistance("normalization", "normalisation") == 1)
        #expect(editDistance("weigth", "weight") == 1)
        #expect(editDistance("kitten", "sitting") == 3)
        #expect(editDistance("", "abc") == 3)
    }

    @Test func suggestsTheNearestKnownWordOnlyWhenItIsClose() {
        let keys = ["id", "name", "weight", "normalisation", "missing", "criteria"]
        #expect(nearestWord(to: "normalization", among: keys) == "normalisation")
        #expect(nearestWord(to: "criterias", among: keys) == "criteria")
        #expect(nearestWord(to: "colour", among: keys) == nil)
    }
}
