import Testing

@testable import Dataset

@Suite struct ModelLoadingTests {
    /// A dataset whose model.yaml is `model`.
    func failure(_ model: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> DatasetError? {
        try TemporaryDataset(["model.yaml": model]).failure(sourceLocation: sourceLocation)
    }

    @Test func reportsANegativeWeightWithItsPath() throws {
        let model = TemporaryDataset.model.replacingOccurrences(of: "weight: 2", with: "weight: -2")
        expectReported(
            try failure(model), "model.yaml", line: 6, column: 15,
            "scoring.criteria[0].weight: must be non-negative, got -2")
    }

    @Test func reportsSiblingWeightsThatAreAllZero() throws {
        let model = """
            as_of: 2023-01-01
            scoring:
              criteria:
                - id: gaps
                  criteria:
                    - id: gap
                      indicator: gap
                      weight: 0
                    - id: threat
                      indicator: threat
                      weight: 0.0

            """
        expectReported(
            try failure(model), "model.yaml", line: 6, column: 9,
            "scoring.criteria[0].criteria: every weight is zero")
    }

    @Test func rejectsAReweightLeafUnderATopsisNode() throws {
        let model = """
            as_of: 2023-01-01
            scoring:
              criteria:
                - id: gaps
                  aggregation: topsis
                  criteria:
                    - id: gap
                      indicator: gap
                      missing: zero
                    - id: threat
                      indicator: threat

            """
        let error = try failure(model)
        expectReported(
            error, "model.yaml", line: 10, column: 11,
            "scoring.criteria[0].criteria[1]: a topsis node does not accept `missing: reweight`")
        #expect(error?.errors.count == 1)  // the leaf with `missing: zero` is fine
    }

    @Test func rejectsAZscoreLeafUnderAGeometricNode() throws {
        let model = """
            as_of: 2023-01-01
            scoring:
              aggregation: geometric
              criteria:
                - id: gap
                  indicator: gap
                  normalisation: zscore
                - id: threat
                  indicator: threat
                  direction: protective
                  normalisation: none

            """
        let error = try failure(model)
        expectReported(
            error, "model.yaml", line: 7, column: 22,
            "scoring.criteria[0]: a `zscore` leaf cannot be under a geometric node")
        expectReported(
            error, "model.yaml", line: 11, column: 22,
            "scoring.criteria[1]: a protective `none` leaf cannot be under a geometric node")
    }

    @Test func requiresGoalpostsForTheGoalpostsNormalisation() throws {
        let model = TemporaryDataset.model.replacingOccurrences(
            of: "indicator: gap\n", with: "indicator: gap\n          normalisation: goalposts\n")
        expectReported(try failure(model), "model.yaml", line: 10, column: 26, "needs `goalposts: [lo, hi]`")
    }

    @Test func rejectsBadGoalpostsAndWinsorisation() throws {
        let model = TemporaryDataset.model.replacingOccurrences(
            of: "indicator: gap\n",
            with:
                "indicator: gap\n          normalisation: goalposts\n          goalposts: [5, 0]\n          winsorise: [0.1, 1.5]\n"
        )
        let error = try failure(model)
        expectReported(
            error, "model.yaml", line: 11, column: 22, "the first bound must be below the second, got [5, 0]")
        expectReported(error, "model.yaml", line: 12, column: 22, "0 ≤ p_lo < p_hi ≤ 1")
    }

    @Test func reportsAYAMLSyntaxErrorAtItsLine() throws {
        let model = """
            as_of: 2023-01-01
            scoring:
              criteria:
                - id: gap
                  indicator: [gap
                - id: threat

            """
        let error = try failure(model)
        #expect(error?.errors.count == 1)
        let line = error?.errors.first?.line ?? 0
        #expect((5...6).contains(line), "got \(String(describing: error))")
        #expect(error?.errors.first?.message.hasPrefix("YAML syntax:") == true)
    }

    @Test func suggestsTheNearestKeyForAnUnknownKey() throws {
        let model = TemporaryDataset.model.replacingOccurrences(
            of: "indicator: gap\n", with: "indicator: gap\n          normalization: rank\n")
        expectReported(
            try failure(model), "model.yaml", line: 10, column: 11,
            "scoring.criteria[0].criteria[0].normalization: unknown key `normalization`; did you mean `normalisation`?")
    }

    @Test func reportsKeysOfTheWrongKindOfCriterion() throws {
        let model = TemporaryDataset.model
            .replacingOccurrences(of: "weight: 2\n", with: "weight: 2\n      direction: risk\n")
            .replacingOccurrences(of: "indicator: threat\n", with: "indicator: threat\n          cap: 3\n")
        let error = try failure(model)
        expectReported(error, "model.yaml", line: 7, column: 7, "`direction` applies to leaves")
        expectReported(
            error, "model.yaml", line: 13, column: 11, "`cap` applies only to `engagement: years-since-visit`")
    }

    @Test func reportsWrongYAMLTypes() throws {
        let model = """
            as_of: 2023-01-01
            scoring:
              criteria:
                - id: gap
                  indicator: gap
                  weight: heavy
                  confidential: 2
                - id: threat
                  indicator: threat
                  goalposts: {lo: 0, hi: 1}
            planning:
              visits: "4"
              regions: [North]

            """
        let error = try failure(model)
        expectReported(error, "model.yaml", line: 6, column: 15, "expected a number, got the text `heavy`")
        expectReported(error, "model.yaml", line: 7, column: 21, "expected true or false, got the number `2`")
        expectReported(error, "model.yaml", line: 10, column: 18, "expected a list")
        expectReported(error, "model.yaml", line: 12, column: 11, "expected a whole number, got the quoted text `4`")
        expectReported(error, "model.yaml", line: 13, column: 12, "expected a mapping of region names")
    }

    @Test func reportsUnknownEnumValuesWithTheAllowedList() throws {
        let model = TemporaryDataset.model
            .replacingOccurrences(of: "engagement: never-visited", with: "engagement: never-visted")
            .replacingOccurrences(of: "indicator: threat\n", with: "indicator: threat\n          missing: median\n")
        let error = try failure(model)
        expectReported(
            error, "model.yaml", line: 16, column: 23,
            "unknown engagement feature `never-visted`; did you mean `never-visited`?")
        expectReported(error, "model.yaml", line: 12, column: 20, "unknown value `median`; did you mean `mean`?")
        expectReported(
            error, "model.yaml", line: 12, column: 20, "(allowed: reweight, mean, region-mean, min, max, zero, error)")
    }

    @Test func reportsDuplicateAndReservedIds() throws {
        let model = TemporaryDataset.model
            .replacingOccurrences(of: "- id: threat", with: "- id: gap")
            .replacingOccurrences(of: "- id: never_visited", with: "- id: root")
        let error = try failure(model)
        expectReported(error, "model.yaml", line: 10, column: 15, "duplicate id `gap` (first used at line 8)")
        expectReported(error, "model.yaml", line: 14, column: 15, "`root` is reserved")
    }

    @Test func checksPlanningIdsAndBounds() throws {
        let model =
            TemporaryDataset.model + """
                planning:
                  visits: 2
                  regions:
                    North: {min: 2, max: 1}
                  include: [AAA, BBC]
                  exclude: [AAA]

                """
        let error = try failure(model)
        expectReported(error, "model.yaml", line: 19, column: 12, "planning.regions.North: min (2) is above max (1)")
        expectReported(
            error, "model.yaml", line: 20, column: 18,
            "planning.include[1]: `BBC` is not an id of states.csv; did you mean `BBB`?")
        expectReported(
            error, "model.yaml", line: 21, column: 13, "planning.exclude[0]: `AAA` is both included and excluded")
    }

    @Test func readsPlanningAndSensitivityDefaults() throws {
        let model =
            TemporaryDataset.model + """
                planning:
                  visits: 2
                sensitivity:
                  weights: {perturb: dirichlet}

                """
        let loaded = try TemporaryDataset(["model.yaml": model]).success().model
        let planning = try #require(loaded.planning)
        #expect(planning.cost == [.comprehensive: 1, .followUp: 1])
        #expect(planning.comprehensiveAfterYears == 5 && planning.cooldownYears == 0 && planning.reserve == 5)
        #expect(planning.consent == [.given, .pending, .unknown])
        #expect(loaded.sensitivity.samples == 10_000 && loaded.sensitivity.seed == 0)
        #expect(loaded.sensitivity.perturbation == .dirichlet(concentration: 100))
        // Leaves inherit scoring's defaults.
        let gap = try #require(loaded.criteria[0].children[0].leaf)
        #expect(gap.normalisation == .minmax && gap.missing == .reweight && gap.direction == .risk)
        #expect(loaded.criteria[1].weight == 1)
    }
}
