import Dataset
import Foundation
import Testing

@testable import Planning

/// Reasons and constraint names are values; their words are made at the edge, and read back
/// from a plan's JSON to the same values.
@Suite struct TypedExplanationTests {
    /// Every reason a visit can serve, in the words SPEC §5's plans have always used, and back.
    @Test(arguments: [
        (VisitReason.includedByDecision, "included by decision"),
        (.fillsRegionMinimum(region: "Latin America"), "fills the Latin America minimum"),
        (.neverVisited, "never visited"),
        (.fillsNeverVisitedMinimum, "fills the never-visited minimum"),
        (.followUp, "follow-up"),
        (.fillsFollowUpMinimum, "fills the follow-up minimum"),
        (.requestedVisit, "requested a visit"),
        (.dueWithin(years: 3), "never visited: due within 3 years"),
        (.adopted(year: 2), "adopted for year 2"),
    ])
    func reasonWords(reason: VisitReason, words: String) {
        #expect(reason.description == words)
        #expect(VisitReason(description: words) == reason)
    }

    /// Words no reason is written as name no reason.
    @Test func unknownWordsAreNoReason() {
        #expect(VisitReason(description: "fills the  minimum") == nil)
        #expect(VisitReason(description: "its score") == nil)
        #expect(VisitReason(description: "adopted for year two") == nil)
    }

    /// Only a decision or a filled minimum holds a displaced visit in place.
    @Test func whatHoldsAVisitInPlace() {
        let holding: [VisitReason] = [
            .includedByDecision, .fillsRegionMinimum(region: "Africa"),
            .fillsNeverVisitedMinimum, .fillsFollowUpMinimum,
        ]
        let notHolding: [VisitReason] = [
            .neverVisited, .followUp, .requestedVisit, .dueWithin(years: 2), .adopted(year: 1),
        ]
        #expect(holding.allSatisfy { $0.holdsInPlace })
        #expect(!notHolding.contains { $0.holdsInPlace })
    }

    /// Constraint names as the plan's table prints them, and back; a region may hold spaces.
    @Test(arguments: [
        (ConstraintGroup.visits, "visits"), (.budget, "budget"), (.regionMin("Asia-Pacific"), "Asia-Pacific min"),
        (.regionMax("Western Europe"), "Western Europe max"), (.neverVisitedMin, "never-visited min"),
        (.followUpsMin, "follow-ups min"), (.include, "include"), (.exclude, "exclude"),
    ])
    func constraintNames(group: ConstraintGroup, name: String) {
        #expect(group.description == name)
        #expect(ConstraintGroup(description: name) == group)
    }

    /// A selected visit's reasons go to JSON as words and come back as the same reasons; words
    /// that name no reason are left out when a plan is read back.
    @Test func reasonsRoundTripThroughJSON() throws {
        let visit = SelectedVisit(
            id: "KEN", name: "Kenya", region: "Africa", visitType: .comprehensive, cost: 100,
            score: 50, rank: 1, drivers: [],
            serves: [.fillsRegionMinimum(region: "Africa"), .neverVisited])
        let json = String(decoding: try JSONEncoder().encode(visit), as: UTF8.self)
        #expect(json.contains(#""serves":["fills the Africa minimum","never visited"]"#))
        #expect(try JSONDecoder().decode(SelectedVisit.self, from: Data(json.utf8)) == visit)
        let edited = json.replacingOccurrences(of: "never visited", with: "a reason of my own")
        #expect(
            try JSONDecoder().decode(SelectedVisit.self, from: Data(edited.utf8)).serves
                == [.fillsRegionMinimum(region: "Africa")])
    }

    /// A reason off the list carries its kind and writes its sentence: a tie displacing a State
    /// that fills its region's minimum, with one brought in, and a withdrawal.
    @Test func exclusionReasonsWriteTheirSentence() {
        let forcing = ExclusionReason.Forcing(
            cost: 0, displaced: [.init(id: "B", holds: [.fillsRegionMinimum(region: "Africa"), .includedByDecision])],
            broughtIn: ["C"])
        let tie = ExclusionReason.tie(forcing)
        #expect(tie.kind == .tie)
        #expect(
            tie.description == "tied on score; the rank tie-break decides in favour of B: forcing it in costs 0.0000 "
                + "points and displaces B (fills the Africa minimum, included by decision), bringing in C")
        let withdrawn = Exclusion(
            id: "A", name: "A", region: "Africa", score: 10, rank: 1,
            because: .excluded(withdrawn: true))
        #expect(withdrawn.kind == .excludedByDecision)
        #expect(withdrawn.reason.description == "withdrawn")
    }
}
