import Dataset
import Testing

@testable import Planning

@Suite struct EligibilityTests {
    /// Four candidates, two visits: a recent visit and a refused consent keep the two best out.
    func instance() -> TestInstance {
        TestInstance(
            candidates: [
                TestCandidate(id: "AAA", region: "Africa", score: 90, profile: .recent, consent: .given),
                TestCandidate(id: "BBB", region: "Africa", score: 80, profile: .old, consent: .refused),
                TestCandidate(id: "CCC", region: "Asia", score: 70, profile: .old, consent: .pending),
                TestCandidate(id: "DDD", region: "Asia", score: 60, profile: .never, consent: .unknown),
                TestCandidate(id: "EEE", region: "Asia", score: 50, profile: .followUp, consent: .given),
            ],
            settings: PlanningSettings(visits: 2, cost: [.comprehensive: 45, .followUp: 20], cooldownYears: 2))
    }

    @Test func cooldownAndRefusedConsentAreIneligible() throws {
        let plan = try makePlan(instance().problem)
        #expect(plan.selectedIDs == ["CCC", "DDD"])
        let reasons = Dictionary(uniqueKeysWithValues: plan.excluded.map { ($0.id, $0) })
        #expect(reasons["AAA"]?.kind == .ineligible)
        #expect(reasons["AAA"]?.reason.description.contains("visited 2019-02-01, within the 2-year cooldown") == true)
        #expect(reasons["BBB"]?.kind == .ineligible)
        #expect(reasons["BBB"]?.reason.description.contains("consent refused") == true)
    }

    @Test func visitTypeAndCostFollowTheEngagementFacts() throws {
        var test = instance()
        test.settings.visits = 3
        let plan = try makePlan(test.problem)
        let byID = Dictionary(uniqueKeysWithValues: plan.selected.map { ($0.id, $0) })
        #expect(byID["EEE"]?.visitType == .followUp)
        #expect(byID["EEE"]?.cost == 20)
        #expect(byID["DDD"]?.visitType == .comprehensive)
        #expect(byID["DDD"]?.serves.map(\.description).contains("never visited") == true)
        #expect(plan.totalCost == 45 + 45 + 20)
    }

    @Test func consentListDecidesWhoIsEligible() throws {
        var test = instance()
        test.settings.consent = [.given]
        // Only EEE has consent given and no recent visit (AAA is given but in cooldown): one
        // eligible candidate cannot fill two visits.
        #expect {
            try makePlan(test.problem)
        } throws: { error in
            guard case PlanningError.infeasible(let conflict) = error else { return false }
            return Set(conflict.groups) == [.visits, .eligibility]
        }
        test.settings.visits = 1
        #expect(try makePlan(test.problem).selectedIDs == ["EEE"])
    }

    @Test func includeForcesInAndExcludeForcesOut() throws {
        var test = instance()
        test.settings.include = ["EEE"]
        test.settings.exclude = ["CCC"]
        let plan = try makePlan(test.problem)
        #expect(plan.selectedIDs == ["DDD", "EEE"])
        #expect(
            plan.selected.first { $0.id == "EEE" }?.serves.map(\.description).contains("included by decision") == true)
        #expect(plan.excluded.first { $0.id == "CCC" }?.kind == .excludedByDecision)
    }

    @Test func includingAnIneligibleCandidateIsAConflict() throws {
        var test = instance()
        test.settings.include = ["AAA"]
        #expect {
            try makePlan(test.problem)
        } throws: { error in
            guard case PlanningError.infeasible(let conflict) = error else { return false }
            return Set(conflict.groups) == [.include, .eligibility]
                && conflict.description.contains("AAA is ineligible: visited 2019-02-01, within the 2-year cooldown")
        }
    }

    @Test func unknownIDsAreNamed() {
        var test = instance()
        test.settings.exclude = ["ZZZ"]
        #expect(throws: PlanningError.unknownCandidate(id: "ZZZ", list: "exclude")) { try makePlan(test.problem) }
    }
}
