import Dataset
import Testing

@testable import Planning

@Suite struct ConflictTests {
    func conflict(of instance: TestInstance) throws -> Conflict? {
        do {
            _ = try makePlan(instance.problem)
            return nil
        } catch PlanningError.infeasible(let conflict) {
            return conflict
        }
    }

    /// Five candidates in each of Africa, Europe and Asia, all comprehensive, two never visited per
    /// region. Mins of 3 + 3 + 1 = 7 cannot fit in 6 visits; dropping any one of the four groups
    /// makes a list possible (the other constraints never bind), so the conflict is exactly these
    /// four, whatever the order of search.
    @Test func regionalMinimaAboveTheVisitCount() throws {
        var candidates: [TestCandidate] = []
        for (r, region) in ["Africa", "Europe", "Asia"].enumerated() {
            for k in 0..<5 {
                candidates.append(
                    TestCandidate(
                        id: "\(region.prefix(2).uppercased())\(k)", region: region,
                        score: Double(10 * r + k), profile: k < 2 ? .never : .old,
                        consent: .given))
            }
        }
        let instance = TestInstance(
            candidates: candidates,
            settings: PlanningSettings(
                visits: 6, budget: 1000, cost: [.comprehensive: 45, .followUp: 20],
                regions: [
                    ("Africa", RegionBounds(min: 3)), ("Europe", RegionBounds(min: 3)),
                    ("Asia", RegionBounds(min: 1)), ("Oceania", RegionBounds(max: 1)),
                ],
                neverVisitedMin: 1))
        let found = try #require(try conflict(of: instance))
        #expect(Set(found.groups) == [.visits, .regionMin("Africa"), .regionMin("Europe"), .regionMin("Asia")])
        #expect(found.description.hasPrefix("Africa min 3 + Europe min 3 + Asia min 1 cannot hold with 6 visits"))
    }

    /// Never-visited States cost 45 (comprehensive); three of them cost 135 > 130 even before the
    /// fourth visit, so the budget and the never-visited minimum conflict on their own: with either
    /// dropped a list exists (four follow-ups cost 80; without a budget anything goes), and
    /// dropping the visit count does not help.
    @Test func neverVisitedMinimumAgainstTheBudget() throws {
        let candidates = (0..<8).map { k in
            TestCandidate(
                id: "S\(k)", region: "World", score: Double(100 - k), profile: k < 4 ? .never : .followUp,
                consent: .given)
        }
        let instance = TestInstance(
            candidates: candidates,
            settings: PlanningSettings(
                visits: 4, budget: 130, cost: [.comprehensive: 45, .followUp: 20], neverVisitedMin: 3))
        let found = try #require(try conflict(of: instance))
        #expect(found.groups == [.budget, .neverVisitedMin])
        #expect(found.description.hasPrefix("never-visited min 3 cannot hold with budget 130"))
    }

    /// Infeasibility is declared exactly when the brute force finds no list, and the conflict is
    /// irreducible: dropping any one of its groups leaves a feasible problem.
    @Test(arguments: 400..<440 as Range<UInt64>)
    func reportedConflictsAreIrreducible(seed: UInt64) throws {
        var instance = randomInstance(seed: seed)
        instance.settings.neverVisitedMin = (instance.settings.neverVisitedMin ?? 0) + 1
        let found = try conflict(of: instance)
        #expect((found == nil) == (instance.bruteForceOptimum() != nil))
        guard let found else { return }
        let formulation = try Formulation(instance.problem)
        #expect(try formulation.solveList(groups: Set(found.groups)) == nil)
        for group in found.groups {
            #expect(
                try formulation.solveList(groups: Set(found.groups).subtracting([group])) != nil,
                "seed \(seed): \(group) could be dropped from \(found.groups)")
        }
    }

    /// Africa needs 3 visits but only A0 and A1 of its five States are eligible: A2 was visited
    /// within the cooldown, A3 and A4 refused. The conflict is the Africa minimum with
    /// eligibility (dropping either makes a list; the visit count does not matter), and each
    /// setting is printed at its line with the eligible States counted by hand: 2 in Africa, 6 in
    /// all (A0, A1 and the four European States).
    @Test func conflictingSettingsAreNamedAtTheirLinesWithTheEligibleCount() throws {
        let africa: [(Profile, Consent)] = [
            (.never, .given), (.old, .given), (.recent, .given), (.old, .refused),
            (.never, .refused),
        ]
        var candidates = africa.enumerated().map { k, facts in
            TestCandidate(id: "A\(k)", region: "Africa", score: Double(50 - k), profile: facts.0, consent: facts.1)
        }
        candidates += (0..<4).map { k in
            TestCandidate(id: "E\(k)", region: "Europe", score: Double(40 - k), profile: .old, consent: .given)
        }
        var settings = PlanningSettings(visits: 3, cooldownYears: 2, regions: [("Africa", RegionBounds(min: 3))])
        settings.locations = [
            "planning": SourceLocation(line: 10, column: 1, path: "planning"),
            "planning.visits": SourceLocation(line: 11, column: 3, path: "planning.visits"),
            "planning.cooldown_years": SourceLocation(line: 12, column: 3, path: "planning.cooldown_years"),
            "planning.regions.Africa.min": SourceLocation(line: 14, column: 14, path: "planning.regions.Africa.min"),
        ]
        let instance = TestInstance(candidates: candidates, settings: settings)
        let found = try #require(try conflict(of: instance))
        #expect(found.groups == [.regionMin("Africa"), .eligibility])
        #expect(found.constraints.map(\.eligible) == [2, 6, 6])

        let lines = PlanningError.infeasible(conflict: found).diagnostics(modelFile: "model.yaml").map(\.description)
        #expect(lines.count == 4)
        #expect(
            lines.first?.hasPrefix("model.yaml:10:1: error: planning is infeasible: Africa min 3 + eligibility")
                == true,
            "\(lines)")
        #expect(
            lines.dropFirst().elementsEqual([
                "model.yaml:14:14: note: planning.regions.Africa.min: 3, with 2 eligible States in Africa",
                "model.yaml:12:3: note: planning.cooldown_years: 2, which leaves out 1 State visited within it; 6 eligible States",
                // consent is not written: the note goes to the section's line.
                "model.yaml:10:1: note: planning.consent: [given, pending, unknown], which leaves out 2 States; 6 eligible States",
            ]), "\(lines)")
    }

    /// R0 refused consent and is forced in; R1 is within the cooldown. The conflict is include +
    /// eligibility, and only the consent list takes part in it: with the cooldown alone, R0
    /// could be put on the list. So the cooldown is not named.
    @Test func onlyTheEligibilitySettingInvolvedIsNamed() throws {
        let candidates = [
            TestCandidate(id: "R0", region: "World", score: 9, profile: .old, consent: .refused),
            TestCandidate(id: "R1", region: "World", score: 8, profile: .recent, consent: .given),
            TestCandidate(id: "R2", region: "World", score: 7, profile: .old, consent: .given),
            TestCandidate(id: "R3", region: "World", score: 6, profile: .never, consent: .given),
        ]
        let instance = TestInstance(
            candidates: candidates,
            settings: PlanningSettings(
                visits: 2, cooldownYears: 2, include: ["R0"]))
        let found = try #require(try conflict(of: instance))
        #expect(found.groups == [.include, .eligibility])
        #expect(found.constraints.map(\.path) == ["planning.include", "planning.consent"])
        // R0 is not eligible; R2 and R3 are.
        #expect(found.constraints.map(\.eligible) == [0, 2])
    }

    /// Without locations (settings built in code), the diagnostics carry no line.
    @Test func conflictWithoutLocationsHasNoLine() throws {
        let candidates = (0..<2).map { k in
            TestCandidate(id: "S\(k)", region: "World", score: Double(k), profile: .old, consent: .given)
        }
        let instance = TestInstance(candidates: candidates, settings: PlanningSettings(visits: 3))
        let found = try #require(try conflict(of: instance))
        let lines = PlanningError.infeasible(conflict: found).diagnostics(modelFile: "model.yaml").map(\.description)
        #expect(
            lines == [
                "model.yaml: error: planning is infeasible: no list of 3 visits exists; relax it",
                "model.yaml: note: planning.visits: 3, with 2 eligible States",
            ])
    }
}
