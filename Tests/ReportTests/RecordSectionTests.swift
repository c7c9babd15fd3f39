import Dataset
import EngagementLedger
import Foundation
import Testing

@testable import Report

/// The record (issue 16, item 4): the list's history and each State's, from the ledger, as of
/// as_of with corrections applied; the public edition without notes, audit trail or neighbours.
@Suite struct RecordSectionTests {
    /// A history of the confidential fixture that agrees with its states.csv (AAA visited
    /// 2015-06-01 with consent given, BBB asking for a visit, HHH refusing), with one voided
    /// event, one after as_of (2023-01-01) and the list's adoption and one change.
    static func event(
        _ seq: Int64, _ date: String, _ id: String, _ kind: EventKind, _ detail: String = "",
        _ note: String = "", voidedBy: Int64? = nil
    ) -> RecordedEvent {
        RecordedEvent(
            seq: seq, kind: kind, date: date, id: id, detail: detail, note: note,
            recordedAt: "2022-12-31T10:00:00Z", recordedBy: "clerk", voidedBy: voidedBy)
    }

    static let history: LedgerHistory = {
        let adopted = #"{"as_of":"2023-01-01","selected":[{"id":"BBB"},{"id":"AAA"},{"id":"EEE"}]}"#
        var events = [
            event(1, "2015-03-01", "AAA", .consent, "given", "letter of 1 March"),
            event(2, "2015-06-01", "AAA", .visit, "comprehensive", "mission report 12"),
            event(3, "2020-01-01", "BBB", .stateRequest, "", "note verbale of the Permanent Mission"),
            event(4, "2020-02-01", "BBB", .consent, "given"),
            event(5, "2021-01-01", "HHH", .consent, "refused", "sensitive: do not quote"),
            event(6, "2022-05-05", "AAA", .visit, "follow-up", "typed twice", voidedBy: 9),
            event(7, "2022-12-01", "", .listAdopted, adopted, "adopted at the 2022 session"),
            event(8, "2022-12-15", "EEE", .listChanged, "withdraw EEE", "withdrawn at the Chair's request"),
            event(9, "2022-12-20", "", .correction, "6", "duplicate of event 2"),
            event(10, "2023-06-01", "AAA", .reportSubmitted, "", "after as_of"),
        ]
        events.append(event(11, "2016-01-10", "AAA", .reportSubmitted))
        // The ¶9 reviews as the ledger derives them: AAA's report of 2016-01-10, never reviewed,
        // was due by 2017-01-10; at 2023-01-01 that is 6 years (2191 days, 2020 a leap year)
        // less 9 days: overdue by 2182 days.
        let asOf = CalendarDate(year: 2023, month: 1, day: 1)!
        let facts = LedgerFacts.derive(
            from: [FactEvent(kind: .reportSubmitted, date: CalendarDate(year: 2016, month: 1, day: 10)!, id: "AAA")],
            asOf: asOf)
        return LedgerHistory(events: events, reviews: facts.reviews)
    }()

    static var inputs: ReportInputs {
        var inputs = ConfidentialFixture.inputs
        inputs.history = history
        return inputs
    }

    func section(_ page: String) throws -> String {
        try #require(element("record", in: page, until: "</section>"))
    }

    @Test func theInternalEditionShowsTheListsDecisionsAndEachStatesEvents() throws {
        let page = HTMLReport(inputs: Self.inputs).render()
        let record = try section(page)
        let decisions = try #require(element("list-history", in: record))
        #expect(decisions.contains("<td class=\"num\">2022-12-01</td><td>list adopted: 3 visits (AAA, BBB, EEE)</td>"))
        #expect(
            decisions.contains(
                "<td>withdrawn from the list</td><td>Echo <span class=\"code\">EEE</span></td><td>withdrawn at the Chair&#39;s request</td>"
            ))
        #expect(decisions.contains("title=\"event 8, recorded 2022-12-31T10:00:00Z by clerk\""))
        // Corrections applied: the voided follow-up visit is no fact; the report after as_of is not known yet.
        #expect(!record.contains("typed twice") && !record.contains("2022-05-05"))
        #expect(!record.contains("after as_of") && !record.contains("2023-06-01"))
        #expect(record.contains("1 event was voided by corrections and is left out."))
        // EEE's block says what was decided about the adopted list (the proposed one is the model's).
        #expect(
            record.contains("<span class=\"code\">EEE</span>, ")
                && record.contains("; withdrawn from the adopted list on 2022-12-15"))
        let plan = try #require(Self.inputs.plan)
        // Every State on the list, then the 5 next by rank: 8 States in all (the fixture has 8).
        let shown = record.components(separatedBy: "<details data-id=\"").dropFirst().map {
            String($0.prefix { $0 != "\"" })
        }
        #expect(Array(shown.prefix(3)) == plan.selectedIDs)
        #expect(shown.count == 8 && Set(shown).count == 8)
        let marked = record.replacingOccurrences(of: "<details data-id=\"AAA\"", with: "<details id=\"AAA\"")
        let alpha = try #require(element("AAA", in: marked, until: "</details>"))
        #expect(
            alpha.contains("<td class=\"num\">2015-06-01</td><td>comprehensive visit</td><td>mission report 12</td>"))
        #expect(alpha.contains("last visit 2015-06-01; consent given"))
        #expect(alpha.contains("report of 2016-01-10: ¶9 review overdue by 2182 days (due 2017-01-10)"))
        // In date order: the consent of 2015-03-01 before the visit, the report of 2016 after it.
        let events = try #require(alpha.components(separatedBy: "<table").last)
        let order = ["2015-03-01", "2015-06-01", "2016-01-10"].compactMap { events.range(of: $0)?.lowerBound }
        #expect(order.count == 3 && order == order.sorted())
    }

    @Test func thePublicEditionPrintsNoNoteNoAuditTrailAndOnlyTheList() throws {
        let page = HTMLReport(inputs: Self.inputs, audience: .public).render()
        let record = try section(page)
        for note in [
            "letter of 1 March", "mission report 12", "note verbale", "sensitive", "adopted at the 2022 session",
            "Chair", "clerk", "2022-12-31T10:00:00Z",
        ] {
            #expect(!page.contains(note), "\(note)")
        }
        #expect(record.contains("id=\"record-public-note\""))
        #expect(!record.contains(">Reason</th>") && !record.contains(">Note</th>"))
        // The decisions stay: the list is always published, and so are its changes.
        #expect(record.contains("list adopted: 3 visits (AAA, BBB, EEE)") && record.contains("withdrawn from the list"))
        // Scores are withheld, so only the States on the list, by id: neighbours would order them.
        let plan = try #require(Self.inputs.plan)
        let shown = record.components(separatedBy: "<details data-id=\"").dropFirst().map {
            String($0.prefix { $0 != "\"" })
        }
        #expect(shown == plan.selectedIDs.sorted())
        #expect(!shown.contains("HHH") || plan.selectedIDs.contains("HHH"))
    }

    @Test func aConfidentialEngagementFeatureKeepsItsEventsOutOfThePublicEdition() throws {
        // never_visited marked confidential: the visits it is derived from are left out.
        let folder = try ConfidentialFixture.write()
        let model = ConfidentialFixture.model.replacingOccurrences(
            of: "engagement: never-visited\n", with: "engagement: never-visited\n          confidential: true\n")
        #expect(model != ConfidentialFixture.model)
        try model.write(toFile: folder + "/model.yaml", atomically: true, encoding: .utf8)
        var inputs = try analyse(Dataset.load(directory: folder))
        inputs.history = Self.history
        let published = try section(HTMLReport(inputs: inputs, audience: .public).render())
        #expect(!published.contains("comprehensive visit") && !published.contains("last visit"))
        // The consent events stay (no consent leaf is confidential) where a listed State has one.
        let listed = try #require(inputs.plan).selectedIDs
        if listed.contains("BBB") { #expect(published.contains("consent given")) }
        // The internal edition shows them.
        let internalRecord = try section(HTMLReport(inputs: inputs, audience: .internal).render())
        #expect(internalRecord.contains("comprehensive visit"))
    }

    @Test func anAdoptionWhoseDetailIsNotAPlanIsStillListed() throws {
        // `ledger import` accepts any detail for `list-adopted`: cut short, not JSON, empty.
        var inputs = ConfidentialFixture.inputs
        inputs.history = LedgerHistory(
            events: [
                Self.event(1, "2022-11-01", "", .listAdopted, #"{"selected": [{"id": "AA"#),
                Self.event(2, "2022-11-02", "", .listAdopted, "the 2022 list"),
                Self.event(3, "2022-11-03", "", .listAdopted, ""),
            ], reviews: [])
        let decisions = try #require(element("list-history", in: HTMLReport(inputs: inputs).render()))
        #expect(occurrences(of: "<td>list adopted</td>", in: decisions) == 3)
    }

    @Test func withoutALedgerThereIsNoRecord() {
        let page = HTMLReport(inputs: ConfidentialFixture.inputs).render()
        #expect(!page.contains("id=\"record\"") && !page.contains("href=\"#record\""))
    }
}
