import GRDB

/// The tables of a ledger and their history: each version of the schema is a migration, applied
/// in order by GRDB's `DatabaseMigrator`; a file with a migration this build does not know was
/// written by a newer visitplan and is refused.
enum LedgerSchema {
    /// `PRAGMA application_id` of a visitplan ledger ("VPLG"): a SQLite file without it is not one.
    static let applicationID: Int32 = 0x5650_4C47

    /// `kind IN (…)` of the kinds facts are derived from: the condition of the partial index
    /// `event_facts`, which a query uses only when its WHERE has this very term.
    static let factKindsCondition = "kind IN (" + FactEvent.kinds.map { "'\($0.rawValue)'" }.joined(separator: ", ") + ")"

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-events") { db in
            let kinds = EventKind.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")
            try db.execute(sql: """
                CREATE TABLE event (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    kind TEXT NOT NULL CHECK (kind IN (\(kinds))),
                    date TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
                    id TEXT NOT NULL,
                    detail TEXT NOT NULL,
                    note TEXT NOT NULL,
                    recorded_at TEXT NOT NULL,
                    recorded_by TEXT NOT NULL,
                    voids INTEGER UNIQUE REFERENCES event(seq),
                    CHECK ((kind = 'correction') = (voids IS NOT NULL))
                );
                CREATE INDEX event_by_date ON event(date, seq);
                CREATE INDEX event_by_state ON event(id, date, seq);
                CREATE TRIGGER event_is_never_updated BEFORE UPDATE ON event
                BEGIN SELECT RAISE(ABORT, 'the ledger is append-only: an event is never changed; record a correction'); END;
                CREATE TRIGGER event_is_never_deleted BEFORE DELETE ON event
                BEGIN SELECT RAISE(ABORT, 'the ledger is append-only: an event is never deleted; record a correction'); END;
                """)
        }
        // Deriving facts reads only this index (no table lookups): 100,000 events in a few
        // megabytes, in (date, seq) order.
        migrator.registerMigration("v2-facts-index") { db in
            try db.execute(sql: "CREATE INDEX event_facts ON event(date, seq, kind, id, detail) WHERE \(factKindsCondition)")
        }
        return migrator
    }
}
