import Dataset
import Foundation

/// Checks an event as a user typed it (a `record` command line or an import row) against the
/// rules of SPEC §9 and the dataset's States.
public struct EventInput: Sendable {
    /// The ids of states.csv.
    public var knownIDs: Set<String>
    /// Events cannot be dated after this day (today, UTC).
    public var latestDate: CalendarDate

    public init(knownIDs: Set<String>, latestDate: CalendarDate) {
        self.knownIDs = knownIDs
        self.latestDate = latestDate
    }

    /// A problem with one field of an event.
    public struct Problem: Sendable, Equatable {
        /// The CSV column (`date`, `id`, `kind`, `detail`, `note`).
        public var column: String
        public var message: String
    }

    /// Every problem found in the fields of an event.
    public struct Problems: Error, Sendable, Equatable {
        public var list: [Problem]
    }

    /// The event, or every problem found in its fields.
    public func event(date: String, id: String, kind: String, detail: String, note: String) -> Result<
        NewEvent, Problems
    > {
        var problems: [Problem] = []
        func problem(_ column: String, _ message: String) { problems.append(Problem(column: column, message: message)) }

        let day = CalendarDate(parsing: date)
        if day == nil {
            problem("date", "`\(date)` is not a date YYYY-MM-DD that exists in the calendar")
        } else if let day, day > latestDate {
            problem("date", "\(day) is in the future (today is \(latestDate)); the ledger records what happened")
        }
        let allKinds = EventKind.allCases.map(\.rawValue)
        guard let eventKind = EventKind(rawValue: kind) else {
            problem(
                "kind",
                "unknown kind `\(kind)`" + NearestNames.suggestion(for: kind, among: allKinds)
                    + " (allowed: \(allKinds.joined(separator: ", ")))")
            return .failure(Problems(list: problems))
        }
        var state = id
        if eventKind == .listChanged, state.isEmpty, let named = detail.split(separator: " ").last {
            state = String(named)
        }
        if eventKind == .programmeChanged, state.isEmpty, let named = detail.split(separator: " ").dropFirst().first {
            state = String(named)
        }
        if eventKind.needsState {
            if state.isEmpty {
                problem("id", "`\(kind)` concerns a State: the id is empty")
            } else if !knownIDs.contains(state) {
                problem("id", "no State with id `\(state)` in states.csv" + nearestIDs(to: state))
            }
        } else if !state.isEmpty {
            problem("id", "`\(kind)` concerns no single State: leave the id empty (it is `\(state)`)")
        }
        var stored = detail
        switch eventKind.checkedDetail(detail, id: state) {
        case .success(let value): stored = value
        case .failure(let error): problem("detail", error.message)
        }
        if eventKind == .listAdopted, detail.isEmpty {
            problem("detail", "`list-adopted` needs the plan JSON in detail (use `visitplan ledger adopt PLAN.json`)")
        }
        if eventKind.needsReason, note.trimmingCharacters(in: .whitespaces).isEmpty {
            problem("note", "`\(kind)` needs its reason in the note")
        }
        guard problems.isEmpty, let day else { return .failure(Problems(list: problems)) }
        return .success(NewEvent(kind: eventKind, date: day, id: state, detail: stored, note: note))
    }

    /// `; the nearest ids are A, B, C` (up to three, by edit distance), or the usual
    /// "did you mean" when one is close.
    func nearestIDs(to id: String) -> String {
        let close = NearestNames.suggestion(for: id, among: knownIDs.sorted())
        if !close.isEmpty { return close }
        let nearest = knownIDs.sorted().map { ($0, NearestNames.distance(id.uppercased(), $0.uppercased())) }
            .sorted { ($0.1, $0.0) < ($1.1, $1.0) }.prefix(3).map(\.0)
        return nearest.isEmpty ? "" : "; the nearest ids are " + nearest.joined(separator: ", ")
    }
}
