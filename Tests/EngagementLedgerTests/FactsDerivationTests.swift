import Dataset
import Testing

@testable import EngagementLedger

/// SPEC §9's rules on small histories worked out by hand.
@Suite struct FactsDerivationTests {
    func day(_ text: String) -> CalendarDate { CalendarDate(parsing: text)! }

    func event(_ kind: EventKind, _ date: String, _ id: String, _ detail: String = "") -> FactEvent {
        FactEvent(kind: kind, date: day(date), id: id, detail: detail)
    }

    @Test func theLatestVisitReportAndConsentCount() {
        let facts = LedgerFacts.derive(
            from: [
                event(.visit, "2015-03-01", "MLI", "comprehensive"),
                event(.consent, "2017-01-01", "MLI", "pending"),
                event(.reportSubmitted, "2015-09-01", "MLI"),
                event(.visit, "2019-06-10", "MLI", "follow-up"),
                event(.consent, "2019-01-01", "MLI", "given"),
                event(.reportSubmitted, "2019-12-01", "MLI"),
            ].sorted { $0.date < $1.date }, asOf: day("2020-01-01"))
        let mli = facts.facts(of: "MLI")
        #expect(mli.lastVisit == day("2019-06-10"))
        #expect(mli.lastVisitType == .followUp)
        #expect(mli.reportSubmitted == day("2019-12-01"))
        #expect(mli.consent == .given)
        #expect(mli.requestedVisit == false)
    }

    @Test func aStateWithoutEventsIsNeverVisitedWithUnknownConsent() {
        let facts = LedgerFacts.derive(from: [], asOf: day("2020-01-01"))
        #expect(facts.facts(of: "NER") == EngagementFacts())
        #expect(facts.facts(of: "NER").consent == .unknown)
        #expect(facts.facts(of: "NER").lastVisit == nil)
    }

    @Test func aRequestCountsOnlyAfterTheLastVisit() {
        // A request before the visit is answered by it; one after it stands; same-day events
        // apply in the order given (seq order).
        let before = LedgerFacts.derive(
            from: [
                event(.stateRequest, "2018-01-01", "TCD"), event(.visit, "2018-05-01", "TCD", "comprehensive"),
            ], asOf: day("2020-01-01"))
        #expect(before.facts(of: "TCD").requestedVisit == false)
        let after = LedgerFacts.derive(
            from: [
                event(.visit, "2018-05-01", "TCD", "comprehensive"), event(.stateRequest, "2018-05-01", "TCD"),
            ], asOf: day("2020-01-01"))
        #expect(after.facts(of: "TCD").requestedVisit == true)
        let neverVisited = LedgerFacts.derive(
            from: [event(.stateRequest, "2010-01-01", "NER")], asOf: day("2020-01-01"))
        #expect(neverVisited.facts(of: "NER").requestedVisit == true)
    }

    @Test func consentOlderThanItsValidityIsUnknown() {
        let events = [event(.consent, "2015-06-01", "BFA", "given")]
        // 2015-06-01 + 5 years = 2020-06-01, before 2021-01-01: too old.
        #expect(
            LedgerFacts.derive(from: events, asOf: day("2021-01-01"), consentValidYears: 5).facts(of: "BFA").consent
                == .unknown)
        #expect(
            LedgerFacts.derive(from: events, asOf: day("2021-01-01"), consentValidYears: 6).facts(of: "BFA").consent
                == .given)
        #expect(LedgerFacts.derive(from: events, asOf: day("2021-01-01")).facts(of: "BFA").consent == .given)
    }

    @Test func reviewsAreDueUntilConsideredAndOverdueAfterTwelveMonths() {
        let events = [
            event(.reportSubmitted, "2019-09-09", "TCD"),
            event(.reportSubmitted, "2020-03-01", "MLI"),
            event(.followupConsidered, "2020-11-01", "MLI"),
            event(.reportSubmitted, "2020-06-30", "BFA"),
        ]
        let facts = LedgerFacts.derive(from: events, asOf: day("2021-01-01"))
        #expect(facts.reviews.map(\.id) == ["TCD", "BFA"])
        // TCD: review by 2020-09-09; 2020-09-09 → 2021-01-01 is 21 + 31 + 30 + 31 + 1 = 114 days late.
        #expect(facts.reviews[0].overdue && facts.reviews[0].days == 114)
        #expect(facts.reviews[0].reviewBy == day("2020-09-09"))
        // BFA: review by 2021-06-30; from 2021-01-01 that is 31 + 28 + 31 + 30 + 31 + 29 = 180 days.
        #expect(!facts.reviews[1].overdue && facts.reviews[1].days == 180)
    }
}
