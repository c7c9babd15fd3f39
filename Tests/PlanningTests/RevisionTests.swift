import Dataset
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
        return TestInstance(candidates: candidates, settings: PlanningSettings(
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
        #expect(revision.leaving.first?.reason == "withdrawn")
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
        #expect(revision.entering.first?.reason == "added by decision")
        #expect(revision.leaving.map(\.id) == ["S3"])
        #expect(revision.leaving.first?.reason == "displaced to make room for S9")
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
        #expect(revision.entering.first?.reason == "replaces S0 (withdrawn)")
        let text = revision.renderTable()
        #expect(text.contains("Revision: 1 out, 1 in, 3 kept"))
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
}
