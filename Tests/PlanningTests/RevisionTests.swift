import Dataset
import Formats
import Foundation
import Testing

@testable import Planning

@Suite struct RevisionTests {
    /// Ten States in two regions, no binding constraint but Africa min 2.
    func instance() -> TestInstance {
        let candidates = (0..<10).map { (k: Int) -> TestCandidate in
            let region = k % 2 == 0 ? "Africa" : "Europe"
            let score = Double(100 - 7 * k)
            return TestCandidate(id: "S\(k)", region: region, score: score, profile: .old, consent: .given)
        }
        return TestInstance(
            candidates: candidates,
            settings: PlanningSettings(
                visits: 4, cost: [.comprehensive: 45, .followUp: 20], regions: [("Africa", RegionBounds(min: 2))]))
    }

    @Test func nothingChangedKeepsTheAdoptedList() throws {
        let problem = instance().problem
        let adopted = try makePlan(problem)
        let revision = try revise(adopted: adopted, problem: problem, withdraw: [], add: [])
        #expect(revision.leaving.isEmpty && revision.entering.isEmpty)
        #expect(revision.kept == adopted.selectedIDs)
        #expect(revision.plan.selectedIDs == adopted.selectedIDs)
    }

    /// The plan is S0…S3 (scores 100, 93, 86, 79). Withdrawing S1 changes exactly one visit: the
    /// next best, S4 (72), comes in.
    @Test func oneWithdrawalChangesOneVisit() throws {
        let problem = instance().problem
        let adopted = try makePlan(problem)
        #expect(adopted.selectedIDs == ["S0", "S1", "S2", "S3"])
        let revision = try revise(adopted: adopted, problem: problem, withdraw: ["S1"], add: [])
        #expect(revision.leaving.map(\.id) == ["S1"])
        #expect(revision.leaving.first?.reason == .withdrawn)
        #expect(revision.entering.map(\.id) == ["S4"])
        #expect(revision.kept == ["S0", "S2", "S3"])
    }

    /// Adding S9 (Europe, 37) takes one place: the adopted S0, S2 (Africa min 2) and S1 stay,
    /// and the lowest-scored adopted visit that can go, S3 (Europe, 79), leaves.
    @Test func addingOneDisplacesOne() throws {
        let problem = instance().problem
        let adopted = try makePlan(problem)
        let revision = try revise(adopted: adopted, problem: problem, withdraw: [], add: ["S9"])
        #expect(revision.entering.map(\.id) == ["S9"])
        #expect(revision.entering.first?.reason == .addedByDecision)
        #expect(revision.leaving.map(\.id) == ["S3"])
        #expect(revision.leaving.first?.reason == .displaced(toMakeRoomFor: ["S9"]))
    }

    /// Keeping adopted visits outranks score: a State whose score has risen above the list stays
    /// out when nothing forces a change.
    @Test func updatedScoresDoNotReshuffleTheList() throws {
        let adopted = try makePlan(instance().problem)
        var updated = instance()
        updated.candidates[9].score = 200
        let revision = try revise(adopted: adopted, problem: updated.problem, withdraw: [], add: [])
        #expect(revision.plan.selectedIDs.sorted() == adopted.selectedIDs.sorted())
        // …but with a withdrawal, the one free place goes to the best State now: S9.
        let withdrawal = try revise(adopted: adopted, problem: updated.problem, withdraw: ["S3"], add: [])
        #expect(withdrawal.entering.map(\.id) == ["S9"])
    }

    @Test func revisesFromThePlanJSON() throws {
        let problem = instance().problem
        let json = try JSONEncoder().encode(try makePlan(problem))
        let adopted = try JSONDecoder().decode(Plan.self, from: json)
        let revision = try revise(adopted: adopted, problem: problem, withdraw: ["S0"], add: [])
        // S0 and S2 fill Africa min 2: the replacement must be African; S4 (72) is also the best left.
        #expect(revision.entering.map(\.id) == ["S4"])
        #expect(revision.entering.first?.reason == .replaces("S0", leaving: .withdrawn))
        let text = revision.renderTable()
        #expect(text.contains("Revision 1: 1 out, 1 in, 3 kept"))
        let encoded = try JSONSerialization.jsonObject(with: JSONEncoder().encode(revision)) as? [String: Any]
        #expect(encoded?["out"] != nil && encoded?["in"] != nil && encoded?["kept"] != nil && encoded?["plan"] != nil)
    }

    @Test func withdrawingAndAddingTheSameStateIsRejected() throws {
        let problem = instance().problem
        let adopted = try makePlan(problem)
        #expect(throws: PlanningError.contradictoryChange(id: "S1")) {
            try revise(adopted: adopted, problem: problem, withdraw: ["S1"], add: ["S1"])
        }
    }

    /// Feeds a revision's JSON back in as the adopted plan, as `revise --adopted rev1.json` does.
    func readBack(_ revision: Revision) throws -> Plan {
        try JSONDecoder().decode(AdoptedPlan.self, from: JSONEncoder().encode(revision)).plan
    }

    /// Plan S0…S3; revision 1 withdraws S1 (S4, 72, comes in). Revision 2 withdraws S2 and says
    /// nothing of S1: the free place must go to S5 (Europe, 65), the best State left, and not
    /// back to S1 (93), which stays withdrawn. Africa keeps its 2 with S0 and S4.
    @Test func aWithdrawalHoldsInTheNextRevision() throws {
        let problem = instance().problem
        let first = try revise(adopted: try makePlan(problem), problem: problem, withdraw: ["S1"], add: [])
        #expect(first.plan.revision == 1)
        #expect(first.plan.selectedIDs.sorted() == ["S0", "S2", "S3", "S4"])
        let second = try revise(adopted: try readBack(first), problem: problem, withdraw: ["S2"], add: [])
        #expect(second.plan.revision == 2)
        #expect(second.plan.decisions == Plan.Decisions(withdrawn: ["S1", "S2"], added: []))
        #expect(second.entering.map(\.id) == ["S5"])
        #expect(second.leaving.map(\.id) == ["S2"])
        #expect(second.plan.selectedIDs.sorted() == ["S0", "S3", "S4", "S5"])
        // Withdrawn States are not reserves; the reserve is the rest by rank: S6, S7, S8, S9.
        #expect(second.plan.reserve.map(\.id) == ["S6", "S7", "S8", "S9"])
        let s1 = try #require(second.plan.excluded.first { $0.id == "S1" })
        #expect(s1.kind == .excludedByDecision && s1.reason == .excluded(withdrawn: true) && s1.objectiveCost == nil)
    }

    /// Adding back a State withdrawn earlier reverses the decision. Revision 1 withdrew S1 (list
    /// S0, S2, S3, S4); forcing S1 back in takes off the lowest-scored visit that Africa's
    /// minimum of 2 can spare: S4 (72), since S3 (79) scores more and S0, S2 stay African.
    @Test func addingBackAWithdrawnStateReversesTheDecision() throws {
        let problem = instance().problem
        let first = try revise(adopted: try makePlan(problem), problem: problem, withdraw: ["S1"], add: [])
        let second = try revise(adopted: try readBack(first), problem: problem, withdraw: [], add: ["S1"])
        #expect(second.plan.decisions == Plan.Decisions(withdrawn: [], added: ["S1"]))
        #expect(second.entering.map(\.id) == ["S1"])
        #expect(second.leaving.map(\.id) == ["S4"])
        // The addition holds in revision 3 too: withdrawing S0 leaves S1 on the list.
        let third = try revise(adopted: try readBack(second), problem: problem, withdraw: ["S0"], add: [])
        #expect(third.plan.selectedIDs.contains("S1") && !third.plan.selectedIDs.contains("S0"))
        #expect(third.plan.decisions == Plan.Decisions(withdrawn: ["S0"], added: ["S1"]))
    }

    /// With updated data where S9 jumps to 200, the revision keeps the adopted list (S0…S3).
    /// Forcing S9 in would take S3 (79) off and raise the sum by 200 − 79 = 121: that is not a
    /// cost (a negative one was printed before), it is a change to the adopted list.
    @Test func forcingInIsNeverANegativeCost() throws {
        let problem = instance().problem
        let adopted = try makePlan(problem)
        var updated = instance()
        updated.candidates[9].score = 200
        let revision = try revise(adopted: adopted, problem: updated.problem, withdraw: [], add: [])
        #expect(revision.plan.selectedIDs.sorted() == ["S0", "S1", "S2", "S3"])
        let s9 = try #require(revision.plan.excluded.first { $0.id == "S9" })
        #expect(s9.kind == .keepsAdopted)
        #expect(s9.objectiveCost == nil)
        #expect(s9.displaces == ["S3"])
        #expect(s9.reason.description.contains("1 more adopted visit off (S3)"), "\(s9.reason)")
        #expect(s9.reason.description.contains("would add 121.0000 points"), "\(s9.reason)")
        for exclusion in revision.plan.excluded {
            #expect((exclusion.objectiveCost ?? 0) >= 0, "\(exclusion.id): \(exclusion.reason)")
        }
    }

    /// A State absent from updated data drops out of the decisions' effect without an error.
    @Test func aDecisionAboutAStateThatLeftTheDataIsHarmless() throws {
        let problem = instance().problem
        let first = try revise(adopted: try makePlan(problem), problem: problem, withdraw: ["S9"], add: [])
        var smaller = instance()
        smaller.candidates.removeLast()
        let second = try revise(adopted: try readBack(first), problem: smaller.problem, withdraw: [], add: [])
        #expect(second.plan.selectedIDs == ["S0", "S1", "S2", "S3"])
    }

    /// The plan's record of its rules reads back as written, defaults included.
    @Test func planningSectionRoundTripsThroughJSON() throws {
        let settings = PlanningSettings(
            visits: 12, budget: 520, cost: [.comprehensive: 45, .followUp: 20], comprehensiveAfterYears: 5,
            cooldownYears: 2, consent: [.given, .pending],
            regions: [("Europe", RegionBounds(max: 2)), ("Africa", RegionBounds(min: 3))],
            neverVisitedMin: 2, followUpsMin: 1, include: ["ABC"], exclude: ["DEF"], reserve: 4)
        let json = try JSONEncoder().encode(settings)
        let object = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
        // The keys of model.yaml (SPEC §5).
        #expect(
            Set(object.keys) == [
                "visits", "budget", "cost", "comprehensive_after_years", "cooldown_years", "consent",
                "regions", "never_visited_min", "followups_min", "include", "exclude", "reserve",
            ])
        #expect(object["consent"] as? [String] == ["given", "pending"])
        let back = try JSONDecoder().decode(PlanningSettings.self, from: json)
        #expect(back.sameRules(as: settings))
        #expect(!back.sameRules(as: PlanningSettings(visits: 12)))
    }
}
