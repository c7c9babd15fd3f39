import Testing

@testable import EngagementLedger

/// The decision a `list-changed` or `programme-changed` event records is read from its detail
/// once, and written back as the same detail (SPEC §9: `withdraw ID`, `add ID`, `move ID FROM TO`,
/// `withdraw ID YEAR`, `add ID YEAR`).
@Suite struct LedgerDecisionTests {
    static let wellFormed: [(EventKind, String, LedgerDecision)] = [
        (.listChanged, "withdraw MLI", .withdrawn("MLI")),
        (.listChanged, "add NER", .added("NER")),
        (.programmeChanged, "move MLI 1 2", .moved("MLI", from: 1, to: 2)),
        (.programmeChanged, "withdraw MLI 3", .withdrawnFromYear("MLI", year: 3)),
        (.programmeChanged, "add NER 2", .addedInYear("NER", year: 2)),
    ]

    @Test(arguments: wellFormed)
    func detailsReadAndWriteBack(kind: EventKind, detail: String, decision: LedgerDecision) {
        #expect(LedgerDecision(kind: kind, detail: detail) == decision)
        #expect(decision.description == detail)
        #expect(decision.id == detail.split(separator: " ")[1].description)
    }

    /// A detail of another form, or of the other kind's form, records no decision; nor does an
    /// event of another kind.
    static let malformed: [(EventKind, String)] = [
        (.listChanged, "withdraw"), (.listChanged, "remove MLI"), (.listChanged, "withdraw MLI 2"),
        (.programmeChanged, "add MLI"), (.programmeChanged, "move MLI 1"), (.programmeChanged, "add MLI 0"),
        (.programmeChanged, "move MLI 1 two"), (.programmeChanged, "shift MLI 1 2"),
        (.visit, "withdraw MLI"), (.correction, "12"),
    ]

    @Test(arguments: malformed)
    func otherDetailsRecordNoDecision(kind: EventKind, detail: String) {
        #expect(LedgerDecision(kind: kind, detail: detail) == nil)
    }

    /// A recorded event offers its decision.
    @Test func recordedEventsOfferTheirDecision() {
        let event = RecordedEvent(
            seq: 3, kind: .listChanged, date: "2023-03-01", id: "MLI", detail: "withdraw MLI", note: "consent refused",
            recordedAt: "2023-03-01T09:00:00Z", recordedBy: "clerk")
        #expect(event.decision == .withdrawn("MLI"))
    }
}
