import Dataset
import Testing

@testable import Planning

/// The consensus list against brute force: every list of the instance enumerated, the rule's
/// best value found by hand, and the MILP's answer checked to reach it.
@Suite struct ConsensusTests {
    /// 9 candidates in 3 regions, 3 visits, at least one from region A, candidate 8 excluded.
    static func instance(seed: UInt64, members: Int) -> (PlanProblem, [(id: String, scores: [Double])]) {
        var generator = TestGenerator(seed: seed)
        let states = (0..<9).map { i in
            State(id: "S\(i)", name: "State \(i)", region: ["A", "B", "C"][i % 3], consent: .given)
        }
        let memberScores = (0..<members).map { m in
            (id: "m\(m)", scores: (0..<9).map { _ in Double(generator.below(10_000)) / 100 })
        }
        // The problem's own scores (the tie-break): the members' mean.
        let mean = (0..<9).map { i in memberScores.reduce(0) { $0 + $1.scores[i] } / Double(members) }
        let order = (0..<9).sorted { (mean[$0], -$0) > (mean[$1], -$1) }
        var ranks = [Int](repeating: 0, count: 9)
        for (position, i) in order.enumerated() { ranks[i] = position + 1 }
        let candidates = (0..<9).map { PlanCandidate(state: states[$0], score: mean[$0], rank: ranks[$0]) }
        let settings = PlanningSettings(
            visits: 3, regions: [(name: "A", bounds: RegionBounds(min: 1))], exclude: ["S8"])
        return (PlanProblem(candidates: candidates, settings: settings, asOf: asOf2020), memberScores)
    }

    /// Every feasible list: 3 of S0…S7 with at least one of region A (S0, S3, S6).
    static func feasibleLists() -> [[Int]] {
        var lists: [[Int]] = []
        for a in 0..<8 {
            for b in (a + 1)..<8 {
                for c in (b + 1)..<8 where [a, b, c].contains(where: { $0 % 3 == 0 }) {
                    lists.append([a, b, c])
                }
            }
        }
        return lists
    }

    @Test(arguments: [UInt64(1), 2, 3, 4, 5])
    func toleranceRuleSatisfiesAsManyMembersAsBruteForce(seed: UInt64) throws {
        let (problem, members) = Self.instance(seed: seed, members: 4)
        let lists = Self.feasibleLists()
        let optima = members.map { m in lists.map { $0.reduce(0) { $0 + m.scores[$1] } }.max()! }
        let tolerance = 15.0
        func satisfied(_ list: [Int]) -> Int {
            members.indices.filter { m in list.reduce(0) { $0 + members[m].scores[$1] } >= optima[m] - tolerance }.count
        }
        let best = lists.map(satisfied).max()!
        #expect(best < members.count)  // no list pleases everyone: the instance is a real trade-off
        let answer = try consensusList(problem, members: members, rule: .tolerance(tolerance))
        let chosen = answer.selected.map { Int($0.dropFirst())! }.sorted()
        #expect(lists.contains(chosen))
        #expect(satisfied(chosen) == best)
        #expect(answer.satisfiedCount == best)
        for (m, standing) in answer.members.enumerated() {
            #expect(abs(standing.optimum - optima[m]) < 1e-9)
        }
    }

    @Test(arguments: [UInt64(6), 7, 8, 9, 10])
    func maxMinRuleReachesTheBestSmallestShare(seed: UInt64) throws {
        let (problem, members) = Self.instance(seed: seed, members: 3)
        let lists = Self.feasibleLists()
        let optima = members.map { m in lists.map { $0.reduce(0) { $0 + m.scores[$1] } }.max()! }
        func smallestShare(_ list: [Int]) -> Double {
            members.indices.map { m in list.reduce(0) { $0 + members[m].scores[$1] } / optima[m] }.min()!
        }
        let best = lists.map(smallestShare).max()!
        let answer = try consensusList(problem, members: members, rule: .maxMin)
        let chosen = answer.selected.map { Int($0.dropFirst())! }.sorted()
        #expect(lists.contains(chosen))
        // Shares are compared to 1e-5 (the binary share level of the program).
        #expect(smallestShare(chosen) >= best - 1e-5)
        #expect(abs(answer.smallestShare - smallestShare(chosen)) < 1e-12)
    }

    @Test func oneMemberGetsTheirOwnOptimumUnderEitherRule() throws {
        let (problem, members) = Self.instance(seed: 11, members: 1)
        let own = try consensusList(problem, members: members, rule: .maxMin)
        #expect(abs(own.members[0].share - 1) < 1e-5)
        let tolerant = try consensusList(problem, members: members, rule: .tolerance(0))
        #expect(tolerant.members[0].satisfied)
    }
}
