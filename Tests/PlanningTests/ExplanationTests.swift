import Dataset
import Formats
import Foundation
import Testing

@testable import Planning

@Suite struct ExplanationTests {
    /// Two visits, budget 70, comprehensive 45, follow-up 20. Without the budget A + B (170) would
    /// win, but any two comprehensive visits cost 90: the only affordable pairs hold the follow-up D
    /// (20 + 45 = 65), and the best of them is A + D = 90 + 50 = 140.
    func budgetInstance() -> TestInstance {
        TestInstance(
            candidates: [
                TestCandidate(id: "A", region: "Africa", score: 90, profile: .never, consent: .given),
                TestCandidate(id: "B", region: "Africa", score: 80, profile: .old, consent: .given),
                TestCandidate(id: "C", region: "Asia", score: 70, profile: .old, consent: .given),
                TestCandidate(id: "D", region: "Asia", score: 50, profile: .followUp, consent: .given),
                TestCandidate(id: "E", region: "Asia", score: 40, profile: .old, consent: .given),
            ],
            settings: PlanningSettings(visits: 2, budget: 70, cost: [.comprehensive: 45, .followUp: 20], reserve: 2))
    }

    @Test func budgetForcesTheCheaperFollowUpIn() throws {
        let plan = try makePlan(budgetInstance().problem)
        #expect(plan.selectedIDs == ["A", "D"])
        #expect(abs(plan.objective - 140) < 1e-12)
        #expect(plan.totalCost == 65)
        let budget = try #require(plan.constraints.first { $0.name == "budget" })
        #expect(budget.value == 65 && budget.bound == 70 && !budget.binds)
        #expect(plan.selected.first { $0.id == "D" }?.visitType == .followUp)
    }

    /// B and C are within the top 4 and out because of the budget: forcing B in, the best list is
    /// B + D = 130, i.e. 10 points below 140, and A is displaced; for C, C + D = 120 (20 points).
    @Test func budgetExclusionsCarryTheForcedCost() throws {
        let plan = try makePlan(budgetInstance().problem)
        #expect(plan.excluded.map(\.id) == ["B", "C"])
        let b = plan.excluded[0]
        #expect(b.kind == .budget)
        #expect(abs((b.objectiveCost ?? -1) - 10) < 1e-9)
        #expect(b.displaces == ["A"])
        let c = plan.excluded[1]
        #expect(abs((c.objectiveCost ?? -1) - 20) < 1e-9)
        #expect(c.displaces == ["A"])
    }

    /// The list A + D costs 65 of 70: 5 left. A swap that raises the cost puts a comprehensive
    /// visit (45: B, C or E) in place of the follow-up D (20), adding 25; a comprehensive visit in
    /// place of A adds 0. So the budget does not bind, yet no cost-raising swap fits: its status,
    /// the table and B's reason all say "5 left, less than 25".
    @Test func budgetWithSlackBelowOneSwapSaysSoEverywhere() throws {
        let plan = try makePlan(budgetInstance().problem)
        let budget = try #require(plan.constraints.first { $0.name == "budget" })
        #expect(!budget.binds && budget.slack == 5)
        #expect(budget.smallestSwap == 25)
        #expect(budget.standing == .slackBelowOneSwap)
        let b = try #require(plan.excluded.first { $0.id == "B" })
        #expect(
            b.reason.description.hasPrefix(
                "budget: 5 left, less than the 25 more its comprehensive visit (45) costs than "
                    + "a follow-up visit (20), the visit of every selected State it outscores (D): forcing it in costs 10"
            ),
            "\(b.reason)")
        let text = plan.renderTable()
        #expect(text.contains("slack below one swap (25)"), "\(text)")
        // Read back from JSON, the status is worked out again from the same numbers.
        let again = try JSONDecoder().decode(Plan.self, from: try JSONEncoder().encode(plan))
        #expect(again.constraints == plan.constraints)
    }

    /// With budget 100 the list is A + B (two comprehensive visits, 90): no State off the list is
    /// dearer than one on it, so no swap raises the cost and the 10 left are plain slack.
    @Test func budgetThatNoSwapCanSpendIsPlainSlack() throws {
        var instance = budgetInstance()
        instance.settings.budget = 100
        let plan = try makePlan(instance.problem)
        #expect(plan.selectedIDs == ["A", "B"])
        let budget = try #require(plan.constraints.first { $0.name == "budget" })
        #expect(budget.slack == 10 && budget.smallestSwap == nil && budget.standing == .slack)
    }

    /// The reasons column holds reasons only; the drivers (leaf ids) have their own column.
    @Test func reasonsAndDriversHaveTheirOwnColumns() throws {
        let plan = try makePlan(budgetInstance().problem)
        let text = plan.renderTable()
        let header = try #require(text.split(separator: "\n").first { $0.contains("reasons") })
        #expect(header.contains("reasons") && header.hasSuffix("drivers"))
        // A is never visited and its driver is d_A: the row holds both, in that order, apart.
        let row = try #require(text.split(separator: "\n").first { $0.contains(" A ") && $0.contains("d_A") })
        let cells = row.split(separator: "  ").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        #expect(cells.suffix(2) == ["never visited", "d_A"], "\(cells)")
    }

    /// Six candidates of equal score: the ranks (by id) decide, whatever the constraints allow.
    @Test func tiesAreBrokenByRank() throws {
        var test = TestInstance(
            candidates: ["F", "B", "D", "A", "E", "C"].map {
                TestCandidate(id: $0, region: $0 < "D" ? "North" : "South", score: 50, profile: .old, consent: .given)
            },
            settings: PlanningSettings(visits: 3))
        #expect(try makePlan(test.problem).selectedIDs == ["A", "B", "C"])
        test.settings.regions = [("South", RegionBounds(min: 1))]
        // Best ranks with one of D, E, F: A, B and D.
        let plan = try makePlan(test.problem)
        #expect(plan.selectedIDs == ["A", "B", "D"])
        #expect(try makePlan(test.problem) == plan)
        let c = try #require(plan.excluded.first { $0.id == "C" })
        #expect(c.kind == .tie)
        #expect(c.objectiveCost == 0)
    }

    /// Europe max 1: the second European is kept out by the full region.
    @Test func fullRegionIsTheReason() throws {
        let test = TestInstance(
            candidates: [
                TestCandidate(id: "E1", region: "Europe", score: 95, profile: .old, consent: .given),
                TestCandidate(id: "E2", region: "Europe", score: 90, profile: .old, consent: .given),
                TestCandidate(id: "F1", region: "Africa", score: 60, profile: .old, consent: .given),
                TestCandidate(id: "F2", region: "Africa", score: 50, profile: .old, consent: .given),
            ],
            settings: PlanningSettings(
                visits: 2,
                regions: [
                    ("Europe", RegionBounds(max: 1)),
                    ("Africa", RegionBounds(min: 1)),
                ]))
        let plan = try makePlan(test.problem)
        #expect(plan.selectedIDs == ["E1", "F1"])
        let e2 = try #require(plan.excluded.first { $0.id == "E2" })
        #expect(e2.kind == .regionFull)
        // Forcing E2 in: E2 + F1 = 150 against 155, displacing E1.
        #expect(abs((e2.objectiveCost ?? -1) - 5) < 1e-9)
        #expect(e2.displaces == ["E1"])
        let europe = try #require(plan.constraints.first { $0.name == "Europe max" })
        #expect(europe.binds && europe.value == 1)
        let africa = try #require(plan.constraints.first { $0.name == "Africa min" })
        #expect(africa.binds)
        #expect(
            plan.selected.first { $0.id == "F1" }?.serves.map(\.description).contains("fills the Africa minimum")
                == true)
        #expect(
            plan.selected.first { $0.id == "E1" }?.serves.map(\.description).contains("fills the Africa minimum")
                == false)
    }

    /// Every top-2×visits candidate left out has a reason, and a forced cost is never negative.
    @Test(arguments: 200..<230 as Range<UInt64>)
    func everyTopExclusionHasAReason(seed: UInt64) throws {
        let instance = randomInstance(seed: seed)
        guard instance.bruteForceOptimum() != nil else { return }
        let plan = try makePlan(instance.problem)
        let rank = ranks(instance.candidates)
        let expected = instance.candidates.indices
            .filter {
                rank[$0] <= 2 * instance.settings.visits && !plan.selectedIDs.contains(instance.candidates[$0].id)
            }
            .sorted { rank[$0] < rank[$1] }.map { instance.candidates[$0].id }
        #expect(plan.excluded.map(\.id) == expected)
        for e in plan.excluded {
            #expect(!e.reason.description.isEmpty)
            if let cost = e.objectiveCost { #expect(cost > -1e-6) }
        }
    }

    /// Each reserve entry replaces a selected State so that the list still satisfies every
    /// constraint, and lists exactly the selected States it can replace (checked by the test's own
    /// feasibility check, swap by swap).
    @Test(arguments: 300..<330 as Range<UInt64>)
    func reserveReplacementsKeepTheListFeasible(seed: UInt64) throws {
        let instance = randomInstance(seed: seed)
        guard instance.bruteForceOptimum() != nil else { return }
        let plan = try makePlan(instance.problem)
        let index = Dictionary(uniqueKeysWithValues: instance.candidates.enumerated().map { ($1.id, $0) })
        let selected = plan.selectedIDs.map { index[$0]! }
        let rank = ranks(instance.candidates)
        let pool = instance.candidates.indices
            .filter {
                !selected.contains($0) && instance.candidates[$0].eligible
                    && !instance.settings.exclude.contains(instance.candidates[$0].id)
            }
            .sorted { rank[$0] < rank[$1] }.prefix(instance.settings.reserve).map { instance.candidates[$0].id }
        #expect(plan.reserve.map(\.id) == Array(pool))
        for entry in plan.reserve {
            let r = index[entry.id]!
            let replaceable = selected.filter { s in
                instance.isFeasible(selected.filter { $0 != s } + [r], refused: instance.candidates[s].id)
            }.map { instance.candidates[$0].id }
            #expect(Set(entry.canReplace) == Set(replaceable), "seed \(seed), reserve \(entry.id)")
            if let replaces = entry.replaces {
                #expect(replaceable.contains(replaces))
            } else {
                #expect(replaceable.isEmpty)
            }
        }
    }

    @Test func planJSONHasTheSpecKeysAndReadsBack() throws {
        let plan = try makePlan(budgetInstance().problem)
        let data = try JSONEncoder().encode(plan)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        for key in ["selected", "reserve", "constraints", "excluded", "objective"] {
            #expect(object[key] != nil, "missing key \(key)")
        }
        let first = try #require((object["selected"] as? [[String: Any]])?.first)
        for key in ["id", "score", "rank", "visit_type", "cost"] { #expect(first[key] != nil, "missing \(key)") }
        #expect(first["visit_type"] as? String == "comprehensive")
        // Read back, every exclusion keeps its kind and words (not parsed back into values), so
        // the plan writes the same JSON again.
        let again = try JSONDecoder().decode(Plan.self, from: data)
        #expect(again.selected == plan.selected && again.constraints == plan.constraints)
        #expect(again.excluded.map(\.reason) == plan.excluded.map { .asWritten($0.kind, words: $0.reason.description) })
        let sorted = JSONEncoder()
        sorted.outputFormatting = .sortedKeys
        #expect(try sorted.encode(again) == sorted.encode(plan))
        // A hand-trimmed plan with only the ids still reads.
        let minimal = #"{"selected": [{"id": "A"}, {"id": "D"}]}"#
        #expect(try JSONDecoder().decode(Plan.self, from: Data(minimal.utf8)).selectedIDs == ["A", "D"])
    }

    @Test func tableShowsTheListReservesConstraintsAndReasons() throws {
        let text = try makePlan(budgetInstance().problem).renderTable()
        for fragment in [
            "Visit list (2 of 2", "Reserve", "Constraints", "budget", "Not selected among the top 4",
            "follow-up", "forcing it in costs 10.0000 points",
        ] {
            #expect(text.contains(fragment), "table lacks \(fragment)")
        }
    }
}
