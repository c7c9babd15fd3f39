import Dataset
import Foundation
import GRDB
import GRDBSQLite

/// The ledger of a dataset folder: `ledger.sqlite`, an append-only log of engagement events
/// (SPEC §9) kept by SQLite through GRDB.
///
/// - WAL journal, so that readers never block the writer;
/// - each command is one IMMEDIATE transaction: all its events or none, even when the process
///   is killed in the middle;
/// - a busy timeout, so that a second writer waits for the first instead of failing;
/// - triggers that abort any UPDATE or DELETE of an event: mistakes are voided by a
///   `correction`, never erased.
public final class Ledger: @unchecked Sendable {
    /// The ledger's file name in a dataset folder.
    public static let fileName = "ledger.sqlite"
    /// How long a writer waits for another to finish before giving up.
    public static let busyTimeout: TimeInterval = 60

    /// The file, as the user named it (used in messages).
    public let path: String
    private let queue: DatabaseQueue

    private init(path: String, queue: DatabaseQueue) {
        self.path = path
        self.queue = queue
    }

    /// `DIR/ledger.sqlite`.
    public static func path(inDataset directory: String) -> String {
        var folder = directory
        while folder.count > 1, folder.hasSuffix("/") { folder.removeLast() }
        return folder.isEmpty ? fileName : "\(folder)/\(fileName)"
    }

    private static var configuration: Configuration {
        var configuration = Configuration()
        configuration.busyMode = .timeout(busyTimeout)
        configuration.label = "ledger"
        // 32 MB of page cache: a derivation reads the whole facts index.
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA cache_size = -32768") }
        return configuration
    }

    /// Creates an empty ledger at `path`; never touches an existing file.
    public static func create(at path: String) throws -> Ledger {
        if FileManager.default.fileExists(atPath: path) {
            throw LedgerError("\(path): error: a file of that name already exists; it was left as it is")
        }
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            try queue.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA journal_mode = WAL")
                try db.execute(sql: "PRAGMA application_id = \(LedgerSchema.applicationID)")
            }
            try LedgerSchema.migrator.migrate(queue)
            return Ledger(path: path, queue: queue)
        } catch let error as DatabaseError {
            throw LedgerError("\(path): error: cannot create the ledger: \(error.message ?? "\(error)")")
        }
    }

    /// Opens the ledger at `path`, checking that it is one and that this build can read it.
    ///
    /// - Throws: `LedgerError` when the file is missing, is not SQLite (corrupt or foreign), is
    ///   a SQLite file of another program, or was written by a newer visitplan. The file is
    ///   not changed in any of these cases.
    public static func open(at path: String) throws -> Ledger {
        guard FileManager.default.fileExists(atPath: path) else {
            throw LedgerError("\(path): error: no ledger; create one with `visitplan ledger init`")
        }
        let magic = Array("SQLite format 3\0".utf8)
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw LedgerError("\(path): error: cannot read the file")
        }
        let head = (try? handle.read(upToCount: magic.count)) ?? nil
        try? handle.close()
        guard let head, Array(head) == magic else {
            throw LedgerError(
                "\(path): error: not a visitplan ledger (not a SQLite database: a corrupt or foreign file); "
                    + "it was left as it is; move it away or restore the ledger from a backup")
        }
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            try queue.read { db in
                let application = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
                guard application == LedgerSchema.applicationID else {
                    throw LedgerError(
                        "\(path): error: a SQLite database, but not a visitplan ledger "
                            + "(application_id \(application)); it was left as it is")
                }
                let migrator = LedgerSchema.migrator
                if try migrator.hasBeenSuperseded(db) {
                    let unknown = try migrator.appliedIdentifiers(db).subtracting(migrator.migrations).sorted()
                    throw LedgerError(
                        "\(path): error: the ledger was written by a newer visitplan (schema "
                            + "\(unknown.joined(separator: ", ")), which this one does not know); "
                            + "it was left as it is; use a newer visitplan")
                }
            }
            // An older schema is brought up to date (one transaction); a current one is left alone.
            if try !queue.read({ try LedgerSchema.migrator.hasCompletedMigrations($0) }) {
                try LedgerSchema.migrator.migrate(queue)
            }
            return Ledger(path: path, queue: queue)
        } catch let error as DatabaseError {
            throw LedgerError(
                "\(path): error: cannot open the ledger: \(error.message ?? "\(error)"); it was left as it is")
        }
    }

    // MARK: Writing

    /// Appends `events` in one transaction: every one or, on any error, none.
    ///
    /// A correction must void an event recorded before it (earlier in `events` or in the
    /// ledger), not itself a correction and not already voided.
    ///
    /// - Returns: the seq of each event, in order.
    @discardableResult
    public func append(
        _ events: [NewEvent], recordedBy: String = Ledger.currentUser,
        at time: Date = Date()
    ) throws -> [Int64] {
        let recordedAt = Self.timestamp(time)
        var seqs: [Int64] = []
        do {
            try queue.inTransaction(.immediate) { db in
                let next =
                    (try Int64.fetchOne(db, sql: "SELECT seq FROM sqlite_sequence WHERE name = 'event'") ?? 0) + 1
                var corrected: [Int64: Int] = [:]
                for (index, event) in events.enumerated() {
                    guard let target = event.voids else { continue }
                    let position = "event \(index + 1) (a correction)"
                    if target >= next {
                        guard target < next + Int64(index) else {
                            throw LedgerError("\(position): voids seq \(target), which is not recorded before it")
                        }
                        if events[Int(target - next)].kind == .correction {
                            throw LedgerError("\(position): seq \(target) is a correction; corrections are not voided")
                        }
                    } else {
                        let row = try Row.fetchOne(
                            db,
                            sql:
                                "SELECT kind, (SELECT seq FROM event c WHERE c.voids = e.seq) FROM event e WHERE seq = ?",
                            arguments: [target])
                        guard let row else {
                            throw LedgerError(
                                "\(position): there is no event with seq \(target) (the last is \(next - 1))")
                        }
                        if (row[0] as String) == EventKind.correction.rawValue {
                            throw LedgerError("\(position): seq \(target) is a correction; corrections are not voided")
                        }
                        if let by = row[1] as Int64? {
                            throw LedgerError("\(position): seq \(target) is already voided by seq \(by)")
                        }
                    }
                    if let earlier = corrected[target] {
                        throw LedgerError("\(position): seq \(target) is already voided by event \(earlier + 1)")
                    }
                    corrected[target] = index
                }
                let insert = try db.makeStatement(
                    sql: """
                        INSERT INTO event (kind, date, id, detail, note, recorded_at, recorded_by, voids)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        """)
                seqs.reserveCapacity(events.count)
                for event in events {
                    insert.setUncheckedArguments([
                        event.kind.rawValue, event.date.description, event.id, event.detail,
                        event.note, recordedAt, recordedBy, event.voids,
                    ])
                    try insert.execute()
                    seqs.append(db.lastInsertedRowID)
                }
                return .commit
            }
            return seqs
        } catch let error as DatabaseError {
            throw LedgerError("\(path): error: nothing was recorded: \(error.message ?? "\(error)")")
        } catch let error as LedgerError {
            throw LedgerError("\(path): error: nothing was recorded: \(error.message)")
        }
    }

    // MARK: Reading

    /// Every event in seq order, or those of one State, each with the correction voiding it.
    public func events(id: String? = nil) throws -> [RecordedEvent] {
        let filter = id == nil ? "" : "WHERE e.id = ?"
        return try read { db in
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT e.seq, e.kind, e.date, e.id, e.detail, e.note, e.recorded_at, e.recorded_by,
                           (SELECT c.seq FROM event c WHERE c.voids = e.seq)
                    FROM event e \(filter) ORDER BY e.seq
                    """, arguments: id.map { [$0] } ?? [])
            var events: [RecordedEvent] = []
            while let row = try rows.next() {
                events.append(
                    RecordedEvent(
                        seq: row[0], kind: EventKind(rawValue: row[1]) ?? .requestSent, date: row[2], id: row[3],
                        detail: row[4], note: row[5], recordedAt: row[6], recordedBy: row[7], voidedBy: row[8]))
            }
            return events
        }
    }

    /// The events that engagement facts are derived from, dated on or before `asOf`, in
    /// (date, seq) order, without those a correction voids (whatever the correction's date: a
    /// corrected mistake is not a fact at any date).
    public func factEvents(asOf: CalendarDate) throws -> [FactEvent] {
        try read { db in
            let voided = Set(try Int64.fetchAll(db, sql: "SELECT voids FROM event WHERE voids IS NOT NULL"))
            // The kind as its position in `FactEvent.kinds`, the columns read straight from
            // SQLite: the derivation reads one row per event.
            let code =
                "CASE kind "
                + FactEvent.kinds.enumerated().map { "WHEN '\($1.rawValue)' THEN \($0)" }
                .joined(separator: " ") + " END"
            let statement = try db.makeStatement(
                sql: """
                    SELECT seq, \(code), date, id, detail FROM event
                    WHERE \(LedgerSchema.factKindsCondition) AND date <= ?
                    ORDER BY date, seq
                    """)
            statement.setUncheckedArguments([asOf.description])
            let rows = try Row.fetchCursor(statement)
            let sqlite = statement.sqliteStatement
            func text(_ column: Int32) -> String {
                sqlite3_column_text(sqlite, column).map { String(cString: $0) } ?? ""
            }
            var events: [FactEvent] = []
            while try rows.next() != nil {
                if !voided.isEmpty, voided.contains(sqlite3_column_int64(sqlite, 0)) { continue }
                let kind = FactEvent.kinds[Int(sqlite3_column_int(sqlite, 1))]
                let date = text(2)
                guard let day = CalendarDate(isoDate: date) else {
                    throw LedgerError("\(path): error: an event has the date `\(date)`, which is not YYYY-MM-DD")
                }
                // Only a visit's and a consent's detail bear on the facts.
                let detail = kind == .visit || kind == .consent ? text(4) : ""
                events.append(FactEvent(kind: kind, date: day, id: text(3), detail: detail))
            }
            return events
        }
    }

    /// `PRAGMA integrity_check`: empty when the file is sound, else SQLite's findings.
    public func integrityProblems() throws -> [String] {
        try read { db in
            let lines = try String.fetchAll(db, sql: "PRAGMA integrity_check")
            return lines == ["ok"] ? [] : lines
        }
    }

    private func read<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try queue.read(body)
        } catch let error as DatabaseError {
            throw LedgerError("\(path): error: cannot read the ledger: \(error.message ?? "\(error)")")
        }
    }

    // MARK: Who and when

    /// The OS user running the process.
    public static var currentUser: String {
        if let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name { return String(cString: name) }
        return ProcessInfo.processInfo.environment["USER"] ?? "uid \(geteuid())"
    }

    /// `YYYY-MM-DDTHH:MM:SSZ` in UTC.
    static func timestamp(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func pad(_ n: Int32, _ width: Int = 2) -> String {
            let s = String(n)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(pad(parts.tm_year + 1900, 4))-\(pad(parts.tm_mon + 1))-\(pad(parts.tm_mday))"
            + "T\(pad(parts.tm_hour)):\(pad(parts.tm_min)):\(pad(parts.tm_sec))Z"
    }
}
