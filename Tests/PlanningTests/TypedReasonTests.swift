import Dataset
import Foundation
import Testing

@testable import Planning

/// The reasons of a revision and of a programme are values; each writes the sentence the
/// revision's and the programme's JSON and tables have always printed, and the JSON keeps its
/// keys. The expected sentences are written out here by hand.
@Suite struct TypedReasonTests {
    static let cooldown = Ineligibility.cooldown(lastVisit: CalendarDate(year: 2022, month: 3, day: 1)!, years: 2)

    /// Why a State leaves or enters the list in a revision. A replacement names the reason of the
    /// State it replaces without its detail, whatever the ids hold.
    static let revisionReasons: [(Revision.Change.Reason, String)] = [
        (.goneFromDataset, "no longer in the dataset"),
        (.withdrawn, "withdrawn"),
        (
            .nowIneligible([.consent(.refused), cooldown]),
            "now ineligible: consent refused; visited 2022-03-01, within the 2-year cooldown"
        ),
        (.excludedByDecision, "excluded by decision"),
        (.displacedByConstraints, "displaced by the updated constraints"),
        (.displaced(toMakeRoomFor: ["TCD", "NER"]), "displaced to make room for TCD, NER"),
        (.addedByDecision, "added by decision"),
        (.replaces("MLI", leaving: .withdrawn), "replaces MLI (withdrawn)"),
        (.replaces("MLI", leaving: .nowIneligible([.consent(.refused)])), "replaces MLI (now ineligible)"),
        (
            .replaces("MLI", leaving: .displaced(toMakeRoomFor: ["X:1"])),
            "replaces MLI (displaced to make room for X:1)"
        ),
        (.keepsListFeasible, "keeps the list feasible"),
    ]

    @Test(arguments: revisionReasons)
    func revisionReasonWords(reason: Revision.Change.Reason, words: String) {
        #expect(reason.description == words)
    }

    /// A conflict as the programme planner writes it (its words are its own, tested with it).
    static let conflict = ProgrammeConflict(
        constraints: [.atMostOnce], description: "each State at most once in the programme cannot hold; relax it",
        settings: [], names: [])

    static let tieForcing = ProgrammeForcing(
        cost: 0, displaced: [ProgrammeDisplacement(id: "KEN", year: 3), ProgrammeDisplacement(id: "MLI", year: nil)])

    /// Why a State is deferred, and the kind each reason gives it.
    static let deferralReasons: [(Deferral.Reason, Deferral.Kind, String)] = [
        (
            .noProgramme(year: 1, conflict: conflict), .constraint,
            "cannot be visited in year 1: each State at most once in the programme cannot hold; relax it"
        ),
        (
            .keepsAdopted(year: 1, lost: 1), .keepsAdopted,
            "the adopted programme comes first: moving it to year 1 takes 1 more adopted assignment off"
        ),
        (
            .keepsAdopted(year: 2, lost: 3), .keepsAdopted,
            "the adopted programme comes first: moving it to year 2 takes 3 more adopted assignments off"
        ),
        (
            .tie(year: 2, tieForcing), .tie,
            "tied: the rank tie-break (earlier years first) decides; moving it to year 2 costs 0.0000 points of "
                + "the discounted objective and displaces KEN (to year 3), MLI (out of the programme)"
        ),
        (
            .discount(
                .init(fromYear: 1, toYear: 2, scoreFrom: 9, scoreTo: 12, valueFrom: 9, valueTo: 10.8, discount: 0.9),
                ProgrammeForcing(cost: 1.8, displaced: [ProgrammeDisplacement(id: "A", year: 2)])),
            .discount,
            "counts for more in year 2: its score rises from 9.0000 (year 1) to 12.0000 (year 2), worth 10.8000 "
                + "after the discount (0.9^1) against 9.0000 in year 1; moving it to year 1 costs 1.8000 points of "
                + "the discounted objective and displaces A (to year 2)"
        ),
        (
            .tradeOff(
                .init(fromYear: 1, toYear: 3, scoreFrom: 10, scoreTo: 11, valueFrom: 10, valueTo: 8.91, discount: 0.9),
                ProgrammeForcing(cost: 0.5, displaced: [])),
            .tradeOff,
            "year 1's list holds States that count for more there (it would be worth 10.0000 in year 1, 8.9100 in "
                + "year 3 after the discount): moving it to year 1 costs 0.5000 points of the discounted objective"
        ),
    ]

    @Test(arguments: deferralReasons)
    func deferralReasonWords(reason: Deferral.Reason, kind: Deferral.Kind, words: String) {
        #expect(reason.description == words)
        #expect(reason.kind == kind)
    }

    /// Why year 1 differs from the one-year plan.
    static let yearOneReasons: [(YearOneChange.Reason, String)] = [
        (
            .deferred(toYear: 2, .keepsAdopted(year: 1, lost: 2)),
            "placed in year 2: the adopted programme comes first: moving it to year 1 takes 2 more adopted "
                + "assignments off"
        ),
        (.excludedFromYearOne, "kept out of year 1 by the programme's year-1 exclusions"),
        (
            .noProgramme(conflict: conflict),
            "no programme has it in year 1: each State at most once in the programme cannot hold; relax it"
        ),
        (
            .leftOut(ProgrammeForcing(cost: 2.5, displaced: [ProgrammeDisplacement(id: "KEN", year: 2)])),
            "left out of the programme: putting it in year 1 costs 2.5000 points of the discounted objective and "
                + "displaces KEN (to year 2)"
        ),
        (.includedInYearOne, "included in year 1 by the programme"),
        (.dueWithin(years: 3), "never visited: programme.never_visited_within 3 needs it by then"),
        (
            .keepingOutCosts(0.25, year: nil),
            "keeping it out of year 1 (it would go out of the programme) costs 0.2500 points of the discounted "
                + "objective, as the one-year plan's States it replaces count for as much or more in later years"
        ),
        (.inEveryProgramme, "every feasible programme has it in year 1"),
    ]

    @Test(arguments: yearOneReasons)
    func yearOneReasonWords(reason: YearOneChange.Reason, words: String) {
        #expect(reason.description == words)
    }

    /// Why an adopted assignment of a programme moved, or a State is new to it.
    static let programmeRevisionReasons: [(ProgrammeRevision.Change.Reason, String)] = [
        (
            .beyondHorizon(adoptedYear: 4, horizon: 3),
            "adopted for year 4, beyond the programme's 3 years"
        ),
        (
            .nowIneligible(year: 2, [cooldown]),
            "now ineligible in year 2: visited 2022-03-01, within the 2-year cooldown"
        ),
        (.excluded(year: 2), "excluded from year 2 by decision"),
        (.moved, "moved by the updated data or constraints"),
        (.goneFromDataset, "no longer in the dataset"),
        (.new, "new: fills a place the adopted programme left"),
    ]

    @Test(arguments: programmeRevisionReasons)
    func programmeRevisionReasonWords(reason: ProgrammeRevision.Change.Reason, words: String) {
        #expect(reason.description == words)
    }

    /// The JSON object of `value`, written as the CLI writes it (sorted keys).
    func object(_ value: some Encodable) throws -> [String: Any] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return try #require(try JSONSerialization.jsonObject(with: encoder.encode(value)) as? [String: Any])
    }

    /// Each record keeps its JSON keys, with the reason as its sentence (and the kind that goes
    /// with it where the record has one).
    @Test func reasonsAreWrittenAsTheirSentence() throws {
        let change = Revision.Change(
            id: "TCD", name: "Chad", region: "Africa", reason: .replaces("MLI", leaving: .withdrawn))
        let written = try object(change)
        #expect(Set(written.keys) == ["id", "name", "region", "reason"])
        #expect(written["reason"] as? String == "replaces MLI (withdrawn)")

        let deferral = Deferral(
            id: "LBN", name: "Lebanon", fromYear: 1, toYear: 3, reason: .keepsAdopted(year: 1, lost: 1),
            objectiveCost: 0.5, displaces: ["KEN"])
        let d = try object(deferral)
        #expect(Set(d.keys) == ["id", "name", "from_year", "to_year", "kind", "reason", "objective_cost", "displaces"])
        #expect(d["kind"] as? String == "adopted")
        #expect(
            d["reason"] as? String
                == "the adopted programme comes first: moving it to year 1 takes 1 more adopted assignment off")

        let entering = YearOneChange(
            id: "NER", name: "Niger", change: .entering, year: 1,
            reasons: [.includedInYearOne, .inEveryProgramme], objectiveCost: nil)
        let y = try object(entering)
        #expect(Set(y.keys) == ["id", "name", "change", "year", "reason"])
        #expect(
            y["reason"] as? String == "included in year 1 by the programme; every feasible programme has it in year 1")

        let moved = ProgrammeRevision.Change(id: "SOM", adoptedYear: 2, year: 3, reason: .moved)
        let m = try object(moved)
        #expect(Set(m.keys) == ["id", "adopted_year", "year", "reason"])
        #expect(m["reason"] as? String == "moved by the updated data or constraints")
    }

    /// An exclusion writes its kind and sentence under the keys of SPEC §5; read back, it keeps
    /// both as written and writes the same bytes again.
    @Test func exclusionRoundTripKeepsItsJSON() throws {
        let exclusion = Exclusion(
            id: "SOM", name: "Somalia", region: "Africa", score: 61.5, rank: 4,
            because: .regionFull(
                region: "Africa", max: 3,
                forcing: .init(cost: 1.25, displaced: [.init(id: "NER", holds: [])], broughtIn: [])),
            objectiveCost: 1.25, displaces: ["NER"])
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let data = try encoder.encode(exclusion)
        let written = try object(exclusion)
        #expect(
            Set(written.keys) == [
                "id", "name", "region", "score", "rank", "kind", "reason", "objective_cost", "displaces",
            ])
        #expect(written["kind"] as? String == "region-full")
        #expect(
            written["reason"] as? String
                == "Africa is full at its max of 3: forcing it in costs 1.2500 points and displaces NER")
        let back = try JSONDecoder().decode(Exclusion.self, from: data)
        #expect(back.kind == .regionFull)
        #expect(
            back.reason
                == .asWritten(
                    .regionFull,
                    words: "Africa is full at its max of 3: forcing it in costs 1.2500 points and displaces NER"))
        #expect(try encoder.encode(back) == data)
    }
}
