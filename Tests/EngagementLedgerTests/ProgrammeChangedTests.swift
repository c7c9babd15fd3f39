import Dataset
import Foundation
import GRDB
import Testing

@testable import EngagementLedger

/// The `programme-changed` kind (schema v3) and the migration that brings a v2 ledger to it.
@Suite struct ProgrammeChangedTests {
    /// The store's helpers: a fresh folder, a date.
    let store = LedgerStoreTests()
    func folder() throws -> String { try store.folder() }
    func day(_ text: String) -> CalendarDate { store.day(text) }

    /// A ledger as schema v2 wrote it, with three events (the third voids the first): opened by
    /// this build, it keeps the events, their seqs, the correction and the next seq, accepts a
    /// `programme-changed` event, and stays append-only.
    @Test func aVersionTwoLedgerIsMigratedWithItsEvents() throws {
        let path = try folder() + "/ledger.sqlite"
        let queue = try DatabaseQueue(path: path)
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA journal_mode = WAL")
            try db.execute(sql: "PRAGMA application_id = \(LedgerSchema.applicationID)")
        }
        try LedgerSchema.migrator.migrate(queue, upTo: "v2-facts-index")
        try queue.write { db in
            try db.execute(
                sql: """
                    INSERT INTO event (kind, date, id, detail, note, recorded_at, recorded_by) VALUES
                      ('visit', '2020-01-01', 'MLI', 'comprehensive', '', '2020-01-02T00:00:00Z', 'a'),
                      ('consent', '2020-02-01', 'NER', 'given', '', '2020-02-02T00:00:00Z', 'b');
                    INSERT INTO event (kind, date, id, detail, note, recorded_at, recorded_by, voids) VALUES
                      ('correction', '2020-03-01', '', '1', 'wrong State', '2020-03-02T00:00:00Z', 'c', 1);
                    """)
            // v2 refuses the new kind.
            #expect(throws: DatabaseError.self) {
                try db.execute(
                    sql:
                        "INSERT INTO event (kind, date, id, detail, note, recorded_at, recorded_by) VALUES ('programme-changed', '2020-04-01', 'MLI', 'add MLI 2', 'r', 't', 'u')"
                )
            }
        }
        try queue.close()

        let ledger = try Ledger.open(at: path)
        let events = try ledger.events()
        #expect(events.map(\.seq) == [1, 2, 3])
        #expect(events.map(\.kind) == [.visit, .consent, .correction])
        #expect(events[0].voidedBy == 3)
        #expect(events.map(\.recordedBy) == ["a", "b", "c"])
        #expect(try ledger.factEvents(asOf: day("2021-01-01")).map(\.id) == ["NER"])
        let seqs = try ledger.append([
            NewEvent(
                kind: .programmeChanged, date: day("2023-03-01"), id: "MLI",
                detail: "move MLI 1 2", note: "consent pending")
        ])
        #expect(seqs == [4])
        let schema = try DatabaseQueue(path: path).read { db in
            try String.fetchAll(
                db,
                sql:
                    "SELECT name FROM sqlite_master WHERE tbl_name = 'event' AND type IN ('index', 'trigger') ORDER BY name"
            )
        }
        // sqlite_autoindex_event_1 keeps `voids` unique, as in every schema.
        #expect(
            schema == [
                "event_by_date", "event_by_state", "event_facts", "event_is_never_deleted", "event_is_never_updated",
                "sqlite_autoindex_event_1",
            ])
        #expect(throws: DatabaseError.self) {
            try DatabaseQueue(path: path).write { try $0.execute(sql: "DELETE FROM event WHERE seq = 2") }
        }
        #expect(try ledger.integrityProblems().isEmpty)
    }

    /// The detail of a `programme-changed` event: `move ID FROM TO`, `withdraw ID YEAR` or
    /// `add ID YEAR`, naming the event's State; the reason is required.
    @Test func detailsAreChecked() {
        let input = EventInput(knownIDs: ["MLI", "NER"], latestDate: day("2024-01-01"))
        func problems(_ id: String, _ detail: String, note: String = "why") -> [String] {
            switch input.event(date: "2023-03-01", id: id, kind: "programme-changed", detail: detail, note: note) {
            case .success: []
            case .failure(let problems): problems.list.map(\.column)
            }
        }
        #expect(problems("MLI", "move MLI 1 2") == [])
        #expect(problems("MLI", "withdraw MLI 3") == [])
        #expect(problems("", "add NER 2") == [])  // the id is read from the detail
        #expect(problems("MLI", "move MLI 1") == ["detail"])
        #expect(problems("MLI", "add MLI 0") == ["detail"])
        #expect(problems("MLI", "shift MLI 1 2") == ["detail"])
        #expect(problems("MLI", "add NER 2") == ["detail"])
        #expect(problems("MLI", "add MLI 2", note: " ") == ["note"])
        #expect(problems("XXX", "add XXX 2") == ["id"])
    }
}
