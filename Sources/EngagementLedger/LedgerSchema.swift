import GRDB

/// The tables of a ledger and their history: each version of the schema is a migration, applied
/// in order by GRDB's `DatabaseMigrator`; a file with a migration this build does not know was
/// written by a newer visitplan and is refused.
enum LedgerSchema {
    /// `PRAGMA application_id` of a visitplan ledger ("VPLG"): a SQLite file without it is not one.
    static let applicationID: Int32 = 0x5650_4C47

    /// `kind IN (…)` of the kinds facts are derived from: the condition of the partial index
    /// `event_facts`, which a query uses only when its WHERE has this very term.
    static let factKindsCondition =
        "kind IN (" + FactEvent.kinds.map { "'\($0.rawValue)'" }.joined(separator: ", ") + ")"

    /// The kinds of the first schema: a migration describes the file as it was, whatever kinds
    /// came later.
    static let firstKinds = [
        "request-sent", "consent", "state-request", "visit", "report-submitted",
        "followup-considered", "list-adopted", "list-changed", "correction",
    ]

    /// The event table accepting `kinds`, under `name`.
    static func eventTable(_ name: String, kinds: [String]) -> String {
        """
        CREATE TABLE \(name) (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            kind TEXT NOT NULL CHECK (kind IN (\(kinds.map { "'\($0)'" }.joined(separator: ", ")))),
            date TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
            id TEXT NOT NULL,
            detail TEXT NOT NULL,
            note TEXT NOT NULL,
            recorded_at TEXT NOT NULL,
            recorded_by TEXT NOT NULL,
            voids INTEGER UNIQUE REFERENCES event(seq),
            CHECK ((kind = 'correction') = (voids IS NOT NULL))
        );
        """
    }

    /// The indexes and the append-only triggers of the event table.
    static let eventIndexesAndTriggers = """
        CREATE INDEX event_by_date ON event(date, seq);
        CREATE INDEX event_by_state ON event(id, date, seq);
        CREATE TRIGGER event_is_never_updated BEFORE UPDATE ON event
        BEGIN SELECT RAISE(ABORT, 'the ledger is append-only: an event is never changed; record a correction'); END;
        CREATE TRIGGER event_is_never_deleted BEFORE DELETE ON event
        BEGIN SELECT RAISE(ABORT, 'the ledger is append-only: an event is never deleted; record a correction'); END;
        """

    /// Deriving facts reads only this index (no table lookups): 100,000 events in a few
    /// megabytes, in (date, seq) order.
    static let factsIndex = "CREATE INDEX event_facts ON event(date, seq, kind, id, detail) WHERE \(factKindsCondition)"

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-events") { db in
            try db.execute(sql: eventTable("event", kinds: firstKinds) + eventIndexesAndTriggers)
        }
        migrator.registerMigration("v2-facts-index") { db in
            try db.execute(sql: factsIndex)
        }
        // `programme-changed` (`programme --adopted … --record`). SQLite cannot change a CHECK, so
        // the table is rebuilt as SQLite's documentation says (new table, copy, drop, rename; the
        // migrator turns foreign keys off and checks them at the end), in one transaction: the
        // events, their seqs and the next seq are kept. Dropping a table fires no DELETE trigger.
        migrator.registerMigration("v3-programme-changed") { db in
            try db.execute(
                sql: eventTable("event_v3", kinds: EventKind.allCases.map(\.rawValue)) + """
                    INSERT INTO event_v3 (seq, kind, date, id, detail, note, recorded_at, recorded_by, voids)
                        SELECT seq, kind, date, id, detail, note, recorded_at, recorded_by, voids FROM event;
                    DROP TABLE event;
                    ALTER TABLE event_v3 RENAME TO event;
                    """ + eventIndexesAndTriggers + factsIndex)
        }
        return migrator
    }
}
