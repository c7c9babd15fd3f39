import Foundation
import Testing

@_spi(Testing) @testable import Dataset

/// `ModelWriter` writes the loader's schema: what it writes loads back to the same model, on the
/// shipped models and on models that use every key, and its text is the one worked out by hand.
@Suite struct ModelWriterTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The model model.yaml text `yaml` holds; every diagnostic is recorded as an issue.
    private func read(_ yaml: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> Model {
        let (loaded, diagnostics) = ModelLoader.load(yaml: yaml, file: "model.yaml", defaultName: "default")
        for diagnostic in diagnostics where diagnostic.severity == .error {
            Issue.record("\(diagnostic)\n--- text ---\n\(yaml)", sourceLocation: sourceLocation)
        }
        return try #require(loaded?.model, sourceLocation: sourceLocation)
    }

    @Test(arguments: ["datasets/cycle-2023", "datasets/demo-small", "Tests/Fixtures/pipeline"])
    func shippedModelsLoadBackEqual(folder: String) throws {
        let text = try String(
            contentsOf: Self.root.appendingPathComponent(folder).appendingPathComponent("model.yaml"),
            encoding: .utf8)
        let model = try read(text)
        let written = ModelWriter(model).yaml()
        #expect(try read(written).withoutSourceLocations == model.withoutSourceLocations)
        // Writing is a fixed point: the model read back writes the same text.
        #expect(ModelWriter(try read(written)).yaml() == written)
    }

    /// Every section and leaf key the loader reads, with values away from their defaults.
    @Test func everyKeyLoadsBackEqual() throws {
        let text = """
            name: "Every key"
            as_of: 2024-03-31
            scoring:
              aggregation: geometric
              normalisation: rank
              missing: mean
              screening: {min_coverage: 0.5}
              criteria:
                - id: "yes"
                  name: "A \\"quoted\\" name"
                  weight: 0.000015
                  rationale: "Two lines:\\nthe second."
                  aggregation: arithmetic
                  criteria:
                    - id: rate
                      indicator: "cases, reported"
                      denominator: population
                      denominator_scale: 100000
                      treatment: {max_points: 3, skew: 1.5, kurtosis: 4, fallback: none}
                    - id: auto_treated
                      indicator: other
                      treatment: auto
                      confidential: true
                      direction: protective
                    - id: clamped
                      indicator: third
                      transform: log
                      winsorise: [0.1, 0.9]
                      normalisation: goalposts
                      goalposts: [-1.5, 1.0e+20]
                - id: events
                  criteria:
                    - id: trend
                      signal: trend
                      indicator: incidents
                      window: 7
                      fill: missing
                    - id: level
                      signal: level
                      indicator: incidents
                - id: engagement
                  criteria:
                    - id: years
                      engagement: years-since-visit
                      cap: 8
                    - id: consent
                      engagement: consent
                      levels: {refused: 0.1}
                    - id: due
                      engagement: followup-due
                      months: 18
                    - id: never
                      engagement: never-visited
                    - id: asked
                      engagement: prior-request
            planning:
              visits: 4
              cost: {follow-up: 2}
              comprehensive_after_years: 6
              cooldown_years: 1.5
              consent: [pending, given]
              regions:
                "Latin America, Caribbean": {max: 2}
                Africa: {min: 1}
                Asia: {}
              followups_min: 0
              include: [AFG, "null"]
              exclude: [MLI]
              reserve: 0
            sensitivity:
              samples: 500
              seed: 9223372036854775807
              weights: {perturb: dirichlet, concentration: 50}
              alternatives:
                aggregation: [topsis]
              acceptability_ranks: all
            confidentiality:
              protection: 0.2
            programme:
              years: 4
              discount: 0.5
              never_visited_within: 2
              include: {3: [AFG], 2: [MLI, NER]}
              exclude: {4: [AFG]}
            ledger:
              consent_valid_years: 3

            """
        let model = try read(text)
        let written = ModelWriter(model).yaml()
        #expect(try read(written).withoutSourceLocations == model.withoutSourceLocations, "\(written)")
    }

    /// The text of a small model, worked out by hand from the rules of `ModelWriter`.
    @Test func writesTheTextWorkedOutByHand() throws {
        var planning = PlanningSettings(
            visits: 2, cost: [.comprehensive: 3, .followUp: 1], cooldownYears: 2,
            regions: [(name: "Africa", bounds: RegionBounds(min: 1))], include: ["on"])
        planning.reserve = 1
        let leaves = [
            Criterion(
                id: "gap", name: "Gap", weight: 2, rationale: "Say \"why\".",
                kind: .leaf(Leaf(source: .indicator("gap"), normalisation: .zscore, missing: .zero))),
            Criterion(
                id: "due", kind: .leaf(Leaf(source: .engagement(.followUpDue(months: 12)), normalisation: .none))),
        ]
        let model = Model(
            name: "Hand", asOf: CalendarDate(year: 2024, month: 1, day: 2)!,
            criteria: [Criterion(id: "all", weight: 1, kind: .node(aggregation: .topsis, children: leaves))],
            planning: planning, sensitivity: SensitivitySettings(samples: 10))
        let layout = ModelWriter.Layout(
            header: ["Made by hand."], planningComment: ["Two visits."],
            engagementLeaves: [.months])
        let expected = """
            # Made by hand.
            name: "Hand"
            as_of: 2024-01-02
            scoring:
              aggregation: arithmetic
              normalisation: minmax
              missing: reweight
              criteria:
                - id: all
                  name: "all"
                  weight: 1
                  aggregation: topsis
                  criteria:
                    - id: gap
                      name: "Gap"
                      indicator: gap
                      weight: 2
                      rationale: "Say \\"why\\"."
                      normalisation: zscore
                      missing: zero
                    - id: due
                      name: "due"
                      engagement: followup-due
                      weight: 1
                      normalisation: none
                      months: 12
            # Two visits.
            planning:
              visits: 2
              cost: {comprehensive: 3, follow-up: 1}
              comprehensive_after_years: 5
              cooldown_years: 2
              consent: [given, pending, unknown]
              regions:
                Africa: {min: 1}
              include: ["on"]
              reserve: 1
            sensitivity:
              samples: 10
              seed: 0
              weights: {perturb: uniform, spread: 0.25}

            """
        #expect(ModelWriter(model, layout: layout).yaml() == expected)
    }

    @Test func quotesWhatYAMLWouldReadAsSomethingElse() {
        #expect(ModelWriter.plain("S0001") == "S0001")
        #expect(ModelWriter.plain("Latin America") == "Latin America")
        for text in ["yes", "No", "null", "true", "1990", "-x", "a: b", "a, b", "#x", "", "x "] {
            #expect(ModelWriter.plain(text).hasPrefix("\""), "\(text) must be quoted")
        }
        #expect(ModelWriter.quoted("a\tb\u{1}") == "\"a\\tb\\x01\"")
        #expect(ModelWriter.number(1e-05) == "1.0e-05")
        #expect(ModelWriter.number(0.25) == "0.25")
        #expect(ModelWriter.number(35) == "35")
    }
}
