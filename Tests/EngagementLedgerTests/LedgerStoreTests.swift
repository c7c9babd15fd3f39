import Dataset
import Foundation
import GRDB
import TestSupport
import Testing

@testable import EngagementLedger

/// The SQLite file: append-only, all-or-nothing, refusing what it cannot read.
@Suite struct LedgerStoreTests {
    func folder() throws -> String {
        let url = try temporaryFolder("ledger")
        return url.path
    }

    func day(_ text: String) -> CalendarDate { CalendarDate(parsing: text)! }

    @Test func eventsComeBackInSeqOrderWithWhoAndWhen() throws {
        let path = try folder() + "/ledger.sqlite"
        let ledger = try Ledger.create(at: path)
        let seqs = try ledger.append(
            [
                NewEvent(kind: .visit, date: day("2020-02-03"), id: "MLI", detail: "comprehensive", note: "first"),
                NewEvent(kind: .consent, date: day("2019-12-01"), id: "MLI", detail: "given"),
            ], recordedBy: "analyst", at: Date(timeIntervalSince1970: 86_400 * 365 + 3_661))
        #expect(seqs == [1, 2])
        let events = try Ledger.open(at: path).events()
        #expect(events.map(\.seq) == [1, 2])
        #expect(events[0].date == "2020-02-03" && events[0].kind == .visit && events[0].note == "first")
        // 365 days and 1 h 1 min 1 s after the epoch: 1971-01-01T01:01:01Z.
        #expect(events[0].recordedAt == "1971-01-01T01:01:01Z")
        #expect(events[1].recordedBy == "analyst")
        // The file is in WAL mode.
        let mode = try DatabaseQueue(path: path).read { try String.fetchOne($0, sql: "PRAGMA journal_mode") }
        #expect(mode == "wal")
    }

    @Test func updatesAndDeletesAreRefusedBySQLiteItself() throws {
        let path = try folder() + "/ledger.sqlite"
        try Ledger.create(at: path).append([NewEvent(kind: .stateRequest, date: day("2021-01-01"), id: "NER")])
        let queue = try DatabaseQueue(path: path)
        #expect(throws: DatabaseError.self) {
            try queue.write { try $0.execute(sql: "UPDATE event SET date = '2000-01-01'") }
        }
        #expect(throws: DatabaseError.self) { try queue.write { try $0.execute(sql: "DELETE FROM event") } }
        #expect(try Ledger.open(at: path).events().map(\.date) == ["2021-01-01"])
    }

    @Test func aBadCorrectionRecordsNothing() throws {
        let path = try folder() + "/ledger.sqlite"
        let ledger = try Ledger.create(at: path)
        try ledger.append([NewEvent(kind: .visit, date: day("2020-01-01"), id: "MLI", detail: "comprehensive")])
        try ledger.append([NewEvent(kind: .correction, date: day("2020-02-01"), detail: "1", note: "wrong State")])
        // Voiding seq 1 again, a correction, or a seq that does not exist fails, and the good
        // event given with it is not recorded either.
        for target in ["1", "2", "9"] {
            #expect(throws: LedgerError.self) {
                try ledger.append([
                    NewEvent(kind: .visit, date: day("2020-03-01"), id: "NER", detail: "follow-up"),
                    NewEvent(kind: .correction, date: day("2020-03-01"), detail: target, note: "again"),
                ])
            }
        }
        let events = try ledger.events()
        #expect(events.count == 2)
        #expect(events[0].voidedBy == 2)
        // The voided visit does not count.
        #expect(try ledger.factEvents(asOf: day("2021-01-01")).isEmpty)
    }

    @Test func aCorrectionMayVoidAnEventOfTheSameBatch() throws {
        let ledger = try Ledger.create(at: try folder() + "/ledger.sqlite")
        try ledger.append([
            NewEvent(kind: .visit, date: day("2020-01-01"), id: "MLI", detail: "comprehensive"),
            NewEvent(kind: .correction, date: day("2020-01-02"), detail: "1", note: "not MLI"),
        ])
        #expect(try ledger.events()[0].voidedBy == 2)
    }

    @Test func eventsAfterTheDateDoNotCount() throws {
        let ledger = try Ledger.create(at: try folder() + "/ledger.sqlite")
        try ledger.append([
            NewEvent(kind: .visit, date: day("2020-12-31"), id: "MLI", detail: "comprehensive"),
            NewEvent(kind: .visit, date: day("2021-01-02"), id: "MLI", detail: "follow-up"),
        ])
        let facts = LedgerFacts.derive(from: try ledger.factEvents(asOf: day("2021-01-01")), asOf: day("2021-01-01"))
        #expect(facts.facts(of: "MLI").lastVisit == day("2020-12-31"))
        #expect(facts.facts(of: "MLI").lastVisitType == .comprehensive)
    }

    @Test func twoWritersAtOnceLoseNothing() async throws {
        let path = try folder() + "/ledger.sqlite"
        _ = try Ledger.create(at: path)
        // Two connections, as two processes would have, each appending 200 one-event commands.
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in ["a", "b"] {
                group.addTask {
                    let ledger = try Ledger.open(at: path)
                    for n in 0..<200 {
                        try ledger.append(
                            [
                                NewEvent(
                                    kind: .stateRequest, date: CalendarDate(year: 2020, month: 1, day: 1)!,
                                    id: "S\(n)", note: writer)
                            ], recordedBy: writer)
                    }
                }
            }
            try await group.waitForAll()
        }
        let events = try Ledger.open(at: path).events()
        #expect(events.count == 400)
        #expect(events.filter { $0.note == "a" }.count == 200)
        #expect(events.map(\.seq) == Array(1...400))
    }

    @Test func anExistingFileIsNeverOverwrittenByInit() throws {
        let path = try folder() + "/ledger.sqlite"
        try Data("my notes".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: LedgerError.self) { try Ledger.create(at: path) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data("my notes".utf8))
    }

    @Test func aCorruptFileIsRefusedAndLeftAsItIs() throws {
        let path = try folder() + "/ledger.sqlite"
        let bytes = Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        try bytes.write(to: URL(fileURLWithPath: path))
        let error = #expect(throws: LedgerError.self) { try Ledger.open(at: path) }
        #expect(error?.message.contains("not a SQLite database") == true)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes)
    }

    @Test func anotherProgramsDatabaseIsRefusedAndLeftAsItIs() throws {
        let path = try folder() + "/ledger.sqlite"
        try DatabaseQueue(path: path).write {
            try $0.execute(sql: "CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('x')")
        }
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let error = #expect(throws: LedgerError.self) { try Ledger.open(at: path) }
        #expect(error?.message.contains("not a visitplan ledger") == true)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        #expect(
            try DatabaseQueue(path: path).read { try String.fetchAll($0, sql: "SELECT name FROM sqlite_master") } == [
                "contacts"
            ])
    }

    @Test func aLedgerOfANewerSchemaIsRefused() throws {
        let path = try folder() + "/ledger.sqlite"
        try Ledger.create(at: path).append([NewEvent(kind: .stateRequest, date: day("2021-01-01"), id: "NER")])
        // A newer visitplan would have applied a migration this one does not know.
        try DatabaseQueue(path: path).write {
            try $0.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v2-from-the-future')")
        }
        let error = #expect(throws: LedgerError.self) { try Ledger.open(at: path) }
        #expect(error?.message.contains("newer visitplan") == true)
        #expect(error?.message.contains("v2-from-the-future") == true)
    }

    @Test func aLedgerOfAnOlderSchemaIsBroughtUpToDateOnOpen() throws {
        let path = try folder() + "/ledger.sqlite"
        // A ledger as the first schema wrote it: the events table, not the facts index.
        let queue = try DatabaseQueue(path: path)
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA journal_mode = WAL")
            try db.execute(sql: "PRAGMA application_id = \(LedgerSchema.applicationID)")
        }
        try LedgerSchema.migrator.migrate(queue, upTo: "v1-events")
        try queue.write {
            try $0.execute(
                sql:
                    "INSERT INTO event (kind, date, id, detail, note, recorded_at, recorded_by) VALUES ('visit', '2020-01-01', 'MLI', 'comprehensive', '', '2020-01-02T00:00:00Z', 'a')"
            )
        }
        try queue.close()
        let ledger = try Ledger.open(at: path)
        let indexes = try DatabaseQueue(path: path).read {
            try String.fetchAll($0, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND name = 'event_facts'")
        }
        #expect(indexes == ["event_facts"])
        #expect(try ledger.factEvents(asOf: day("2021-01-01")).map(\.id) == ["MLI"])
    }

    @Test func aSoundFileHasNoIntegrityProblems() throws {
        let ledger = try Ledger.create(at: try folder() + "/ledger.sqlite")
        try ledger.append([NewEvent(kind: .stateRequest, date: day("2021-01-01"), id: "NER")])
        #expect(try ledger.integrityProblems().isEmpty)
    }
}
