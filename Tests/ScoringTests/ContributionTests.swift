import Dataset
import Scoring
import TestSupport
import Testing

/// Contributions and drivers (SPEC §3, "Contributions"; §4 `drivers`).
@Suite struct ContributionTests {
    /// root: g (3) = [a (1), h (1) = [b (1), c (3)]], d (1).
    /// Nominal path weights: a 0.75·0.5 = 0.375; b 0.75·0.5·0.25 = 0.09375;
    /// c 0.75·0.5·0.75 = 0.28125; d 0.25.
    private let depthThree = [
        node("g", weight: 3, [leaf("a"), node("h", [leaf("b"), leaf("c", weight: 3)])]),
        leaf("d"),
    ]

    @Test func arithmeticContributionIsPathWeightTimesValue() throws {
        // X: a 0.2, b 0.4, c 0.8, d 1 → 0.375·0.2·100 = 7.5; 0.09375·0.4·100 = 3.75;
        // 0.28125·0.8·100 = 22.5; 0.25·1·100 = 25. Sum 58.75 = the score.
        let dataset = makeDataset(
            ids: ["X"], columns: ["a": [0.2], "b": [0.4], "c": [0.8], "d": [1]], criteria: depthThree)
        let table = try score(dataset)
        let x = table.candidate("X")
        expectClose(x.contributions, [7.5, 3.75, 22.5, 25])
        expectClose(x.score, 58.75)
        // Drivers: the three largest positive contributions, largest first.
        #expect(table.driverIDs(of: x) == ["d", "c", "a"])
    }

    @Test func reweightRenormalisesThePathWeights() throws {
        // Y misses b: h's weights become c 1, so c's path weight is 0.75·0.5·1 = 0.375:
        // a 7.5, b 0, c 0.375·0.8·100 = 30, d 25; sum 62.5 = 0.75·(0.5·0.2 + 0.5·0.8) + 0.25.
        let dataset = makeDataset(
            ids: ["Y"], columns: ["a": [0.2], "b": [.nan], "c": [0.8], "d": [1]], criteria: depthThree)
        let y = try score(dataset).candidate("Y")
        expectClose(y.contributions, [7.5, 0, 30, 25])
        expectClose(y.score, 62.5)
        // Coverage keeps the nominal path weights: 1 − 0.09375.
        expectClose(y.coverage, 0.90625)
    }

    @Test func driversSkipZeroAndNegativeContributions() throws {
        // Z: a 0, b −0.4 (negative), c 0, d 0.2 → only d contributes positively.
        let dataset = makeDataset(
            ids: ["Z"], columns: ["a": [0], "b": [-0.4], "c": [0], "d": [0.2]], criteria: depthThree)
        let table = try score(dataset)
        let z = table.candidate("Z")
        // b: 0.09375·(−0.4)·100 = −3.75; d: 0.25·0.2·100 = 5.
        expectClose(z.contributions, [0, -3.75, 0, 5])
        #expect(table.driverIDs(of: z) == ["d"])
    }

    @Test func driversAreAtMostThree() throws {
        // Five leaves with equal weight and values 0.1…0.5: contributions 2, 4, 6, 8, 10.
        let dataset = makeDataset(
            ids: ["X"], columns: ["p": [0.1], "q": [0.5], "r": [0.3], "s": [0.4], "t": [0.2]],
            criteria: ["p", "q", "r", "s", "t"].map { leaf($0) })
        let table = try score(dataset)
        let x = table.candidate("X")
        expectClose(x.contributions, [2, 10, 6, 8, 4])
        #expect(table.driverIDs(of: x) == ["q", "s", "r"])
    }

    /// Trees mixing every aggregation, over minmax-normalised leaves with missing values.
    static let mixedTrees: [(name: String, criteria: [Criterion], root: Aggregation)] = [
        (
            "arithmetic",
            [
                node(
                    "g", weight: 3,
                    [
                        leaf("a", normalisation: .minmax),
                        node(
                            "h",
                            [
                                leaf("b", normalisation: .minmax),
                                leaf("c", weight: 3, normalisation: .minmax),
                            ]),
                    ]),
                leaf("d", weight: 2, normalisation: .minmax),
            ], .arithmetic
        ),
        (
            "geometric inside arithmetic",
            [
                node(
                    "g", weight: 2, .geometric,
                    [
                        leaf("a", normalisation: .minmax),
                        node("h", [leaf("b", normalisation: .minmax), leaf("c", normalisation: .minmax)]),
                    ]),
                leaf("d", normalisation: .minmax),
            ], .arithmetic
        ),
        (
            "topsis inside arithmetic",
            [
                node(
                    "t", weight: 2, .topsis,
                    [
                        leaf("a", normalisation: .minmax, missing: .mean),
                        node("h", [leaf("b", normalisation: .minmax), leaf("c", normalisation: .minmax)]),
                    ]),
                leaf("d", normalisation: .minmax),
            ], .arithmetic
        ),
        (
            "geometric root",
            [
                node("h", [leaf("a", normalisation: .minmax), leaf("b", normalisation: .minmax)]),
                node("k", weight: 3, [leaf("c", normalisation: .minmax), leaf("d", normalisation: .minmax)]),
            ], .geometric
        ),
    ]

    @Test(arguments: mixedTrees.indices)
    func contributionsSumToTheScore(tree: Int) throws {
        let (_, criteria, root) = Self.mixedTrees[tree]
        let dataset = makeDataset(
            ids: ["A", "B", "C", "D", "E", "F"],
            columns: [
                "a": [0.1, 0.9, .nan, 0.4, 0.7, 0.2],
                "b": [0.5, .nan, 0.3, 0.8, 0.1, 0.6],
                "c": [0.2, 0.4, 0.9, .nan, 0.5, 0.3],
                "d": [0.7, 0.1, 0.6, 0.2, .nan, 0.9],
            ],
            criteria: criteria, root: root)
        let table = try score(dataset)
        for candidate in table.candidates where !candidate.score.isNaN {
            expectClose(
                candidate.contributions.reduce(0, +), candidate.score, tolerance: 1e-9,
                "\(Self.mixedTrees[tree].name), candidate \(candidate.id)")
        }
    }

    @Test func aGeometricNodesLeavesShareItsContribution() throws {
        // root: g (1) geometric = [a (1), h (1) = [b, d]], c (1); X: a 0.25, b 0.5, d 0.78, c 0.5.
        // g = 0.4, so its contribution is 0.5 · 0.4 · 100 = 20, split among a, b and d; c's is
        // 0.5 · 0.5 · 100 = 25 exactly, as in any arithmetic node.
        let dataset = makeDataset(
            ids: ["X"], columns: ["a": [0.25], "b": [0.5], "d": [0.78], "c": [0.5]],
            criteria: [node("g", .geometric, [leaf("a"), node("h", [leaf("b"), leaf("d")])]), leaf("c")])
        let table = try score(dataset)
        expectClose(table.contribution(of: "c", for: "X"), 25)
        let insideG = ["a", "b", "d"].map { table.contribution(of: $0, for: "X") }
        expectClose(insideG.reduce(0, +), 20)
        #expect(insideG.allSatisfy { $0 > 0 })
        // Within h, which is arithmetic, b and d split h's share in proportion 0.5 : 0.78.
        expectClose(insideG[1] / insideG[2], 0.5 / 0.78)
    }
}

/// Contributions through TOPSIS nodes whose children carry signed values (zscore, vector or
/// none with `direction: protective`, i.e. every cost criterion of a textbook TOPSIS).
@Suite struct SignedTopsisContributionTests {
    @Test func contributionsSumToTheScoreWhenTheWeightedChildrenCancel() throws {
        // topsis root over a, b (equal weights, none normalisation):
        // A (0.5, −0.5), B (1, 0), C (0, −1). u = 0.5 v: A (0.25, −0.25), B (0.5, 0) = ideal,
        // C (0, −0.5) = anti-ideal. A: d⁺ = √(0.25² + 0.25²) = d⁻ → closeness 0.5, score 50.
        // A's weighted children sum to 0.5·0.5 + 0.5·(−0.5) = 0, which must not lose the 50 points.
        let dataset = makeDataset(
            ids: ["A", "B", "C"], columns: ["a": [0.5, 1, 0], "b": [-0.5, 0, -1]],
            criteria: [leaf("a"), leaf("b")], root: .topsis)
        let table = try score(dataset)
        expectClose(table.scores, [50, 100, 0])
        let a = table.candidate("A")
        expectClose(a.contributions.reduce(0, +), a.score)
    }

    @Test func aCriterionOnWhichACandidateIsIdealDoesNotCountAgainstIt() throws {
        // The car example of TopsisPublishedExampleTests: the Corsa has the lowest price, the
        // ideal of that cost criterion (it adds nothing to d⁺ and the most it can to d⁻), so
        // its share of the Corsa's score cannot be negative; and no leaf's share of a positive
        // score may be negative or exceed the score.
        let table = try score(
            makeDataset(
                ids: ["Corsa", "Clio", "Fiesta"],
                columns: [
                    "price": [5490, 6500, 6489], "economy": [51.4, 70.6, 54.3],
                    "aesthetics": [8.5, 7, 7.5], "boot": [285, 288, 290],
                ],
                criteria: [
                    leaf("price", weight: 0.35, direction: .protective, normalisation: .vector),
                    leaf("economy", weight: 0.25, normalisation: .vector),
                    leaf("aesthetics", weight: 0.25, normalisation: .vector),
                    leaf("boot", weight: 0.15, normalisation: .vector),
                ],
                root: .topsis))
        let corsa = table.candidate("Corsa")
        expectClose(corsa.contributions.reduce(0, +), corsa.score)
        #expect(
            table.contribution(of: "price", for: "Corsa") >= 0,
            "price contribution \(table.contribution(of: "price", for: "Corsa")) of a score of \(corsa.score)")
        for candidate in table.candidates {
            #expect(
                candidate.contributions.allSatisfy { $0 >= 0 && $0 <= candidate.score + 1e-9 },
                "\(candidate.id): \(candidate.contributions) for a score of \(candidate.score)")
        }
    }
}

@Suite struct EffectiveWeightTests {
    @Test func effectiveWeightIsTheProductOfRenormalisedPathWeights() throws {
        // root: g (3) = [a (1), h (1) = [b (1), c (3)]], d (1); Y misses b.
        // a: 0.75·0.5 = 0.375; c: 0.75·0.5·1 = 0.375 (b's weight gone); d: 0.25; h: 0.375.
        let dataset = makeDataset(
            ids: ["Y"], columns: ["a": [0.2], "b": [.nan], "c": [0.8], "d": [1]],
            criteria: [
                node("g", weight: 3, [leaf("a"), node("h", [leaf("b"), leaf("c", weight: 3)])]),
                leaf("d"),
            ])
        let table = try score(dataset)
        let y = table.candidate("Y")
        let weight = { (id: String) in y.effectiveWeights[table.tree.index(of: id)!] }
        expectClose(["a", "c", "d", "h", "g"].map(weight), [0.375, 0.375, 0.25, 0.375, 0.75])
        // The explanation reports the same weights and a zero weight for the missing leaf.
        let explanation = table.explanation(of: 0)
        expectClose(explanation.leaves.map(\.weight), [0.375, 0, 0.375, 0.25])
        expectClose(explanation.leaves.map(\.contribution), [7.5, 0, 30, 25])
    }
}
