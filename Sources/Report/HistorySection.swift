import Dataset
import EngagementLedger
import Foundation

// The record (issue 16, item 4): when the dataset has a ledger, the report shows the list's own
// history (adoption and every change, with its date and reason) and, for each State on or near
// the list, its history of requests, consents, visits, reports and ¶9 reviews, as of the
// dataset's as_of, corrections applied (a voided event is left out).
//
// The public edition (SPEC §8): events hold no indicator values, and states.csv, whose
// engagement columns the events give, is a public input. Four things are still held back:
// - every free-text note, reasons included: the tool cannot audit free text, and a note may
//   quote an assessment or a diplomatic exchange;
// - who recorded an event and when (the audit trail is internal);
// - when scores are withheld, the States near the list (chosen by rank, so they would order
//   withheld scores): the edition shows the States on the list only, by id;
// - for a State whose engagement leaf the edition withholds (a model that marks an engagement
//   feature confidential), the events that feature is derived from.

/// The ledger's events as the report reads them: every event, voided or not, and the ¶9
/// reviews pending at the dataset's as_of.
public struct LedgerHistory: Sendable {
    /// Every event in seq order, each with the correction that voids it (`Ledger.events()`).
    public var events: [RecordedEvent]
    /// The reports awaiting their ¶9 review at as_of (`LedgerFacts.reviews`).
    public var reviews: [PendingReview]

    public init(events: [RecordedEvent], reviews: [PendingReview]) {
        self.events = events
        self.reviews = reviews
    }
}

/// The values the template renders for the record.
struct HistorySection {
    var intro: String
    /// Why notes and the audit trail are not printed, in the public edition.
    var publicNote: String?
    /// False in the public edition: the note and reason columns are left out.
    var showsNotes: Bool
    var listChanges: [ListChangeRow]
    var states: [StateHistory]
}

/// One decision on the list: its adoption or a change.
struct ListChangeRow {
    var date: String
    var change: String
    /// The State withdrawn or added; empty for an adoption.
    var name: String
    var id: String
    var reason: String
    /// Event number, who recorded it and when (internal only; a tooltip).
    var recorded: String
}

/// One State's history.
struct StateHistory {
    var name: String
    var id: String
    /// Where it stands: on the list, or its rank.
    var standing: String
    /// The facts the history gives at as_of, in one line (the summary of a collapsed block).
    var facts: String
    var events: [HistoryEventRow]
    var review: String?
}

struct HistoryEventRow {
    var date: String
    var what: String
    var note: String
    var recorded: String
}

extension HTMLReport {
    /// How many States off the list, next by rank, the record shows besides those on it.
    static let historyNeighbours = 5

    /// The record, or nil when the dataset has no ledger.
    func historySection() -> HistorySection? {
        guard let history = inputs.history else { return nil }
        let asOf = inputs.dataset.model.asOf.description
        let isPublic = edition.isPublic
        // Corrections applied: a voided event is no fact at any date; events after as_of are
        // not yet known.
        let known = history.events.filter { $0.voidedBy == nil && $0.kind != .correction && $0.date <= asOf }
        let voided = history.events.filter { $0.voidedBy != nil && $0.date <= asOf }.count
        let states = inputs.dataset.states
        let index = Dictionary(states.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })

        let listChanges = known.filter { $0.kind == .listAdopted || $0.kind == .listChanged }
            .sorted { ($0.date, $0.seq) < ($1.date, $1.seq) }
            .map { e in
                ListChangeRow(
                    date: e.date, change: words(e), name: index[e.id].map { states[$0].name } ?? "", id: e.id,
                    reason: isPublic ? "" : e.note, recorded: isPublic ? "" : recorded(e))
            }

        let listed = inputs.plan?.selectedIDs ?? table.order.prefix(inputs.visits).map { states[$0].id }
        let onList = Set(listed)
        var shown = edition.withholdsPooledResults ? listed.sorted() : listed
        if !edition.withholdsPooledResults {
            shown += table.order.map { states[$0].id }.filter { !onList.contains($0) }.prefix(Self.historyNeighbours)
        }
        let rows = shown.compactMap { id -> StateHistory? in
            guard let i = index[id] else { return nil }
            let withheldKinds = withheldEventKinds(for: id)
            let events = known.filter { $0.id == id && !withheldKinds.contains($0.kind) }
                .sorted { ($0.date, $0.seq) < ($1.date, $1.seq) }
                .map { e in
                    HistoryEventRow(
                        date: e.date, what: words(e), note: isPublic ? "" : e.note,
                        recorded: isPublic ? "" : recorded(e))
                }
            let review =
                withheldKinds.contains(.reportSubmitted)
                ? nil
                : history.reviews.filter { $0.id == id }.map(reviewWords).joined(separator: "; ")
            let rank = edition.rank(of: id, inField: table.ranks[i])
            var standing =
                onList.contains(id)
                ? (inputs.plan == nil ? "in the ranking's top \(inputs.visits)" : "on the proposed list")
                : rank.map { "rank \($0), not on the list" } ?? "not on the list"
            // The proposed list is the model's; the ledger says what was decided about the adopted one.
            if let decided = known.last(where: { $0.kind == .listChanged && $0.id == id }) {
                let change = if case .withdrawn = decided.decision { "withdrawn from" } else { "added to" }
                standing += "; \(change) the adopted list on \(decided.date)"
            }
            return StateHistory(
                name: states[i].name, id: id, standing: standing,
                facts: withheldKinds.isEmpty ? factWords(states[i]) : "",
                events: events, review: review?.isEmpty == false ? review : nil)
        }
        var intro =
            "From the dataset's ledger (ledger.sqlite), as of \(asOf): the list's adoption and every change "
            + (isPublic ? "with its date" : "with its date and reason")
            + ", then the history of each State on the proposed list"
            + (edition.withholdsPooledResults ? "." : " and of the \(Self.historyNeighbours) next by rank off it.")
        intro +=
            voided == 0
            ? " No event has been corrected."
            : " \(voided) event\(voided == 1 ? " was" : "s were") voided by corrections and \(voided == 1 ? "is" : "are") left out."
        return HistorySection(
            intro: intro,
            publicNote: isPublic
                ? "This edition prints no note or reason (free text that no audit can check) and not who recorded each event; "
                    + "the internal edition and `visitplan ledger history` show them."
                    + (edition.withholdsPooledResults
                        ? " It shows the States on the list only, by id: choosing the States near it would order withheld scores."
                        : "")
                : nil,
            showsNotes: !isPublic, listChanges: listChanges, states: rows)
    }

    /// The event kinds the public edition leaves out of State `id`'s history: those an
    /// engagement leaf is derived from when the edition withholds that leaf's value.
    private func withheldEventKinds(for id: String) -> Set<EventKind> {
        guard edition.isPublic else { return [] }
        var kinds: Set<EventKind> = []
        for node in tree.leafNodes {
            guard let leaf = tree.nodes[node].leaf, case .engagement(let feature) = leaf.source else { continue }
            guard leaf.confidential || !edition.showsValue(of: tree.nodes[node].id, for: id) else { continue }
            switch feature {
            case .neverVisited, .yearsSinceVisit: kinds.formUnion([.visit])
            case .priorRequest: kinds.formUnion([.stateRequest, .visit])
            case .consent: kinds.formUnion([.consent, .requestSent])
            case .followUpDue: kinds.formUnion([.reportSubmitted, .followupConsidered, .visit])
            }
        }
        return kinds
    }

    /// An event in words.
    private func words(_ e: RecordedEvent) -> String {
        switch e.kind {
        case .requestSent: return "consent to a visit requested"
        case .consent: return "consent \(e.detail)"
        case .stateRequest: return "the State asked for a visit"
        case .visit: return "\(e.detail) visit"
        case .reportSubmitted: return "report submitted to the Committee"
        case .followupConsidered: return "¶9 review of the report held"
        case .listAdopted: return "list adopted" + adoptedList(e.detail)
        case .listChanged:
            if case .withdrawn = e.decision { return "withdrawn from the list" }
            return "added to the list"
        case .correction: return "correction of event \(e.detail)"
        case .programmeChanged: return "programme changed: " + programmeChange(e)
        }
    }

    /// `move ID 1 2` → "moved from year 1 to year 2"; `withdraw ID 1` → "withdrawn from year 1";
    /// `add ID 2` → "added in year 2"; a detail of no such form as recorded.
    private func programmeChange(_ e: RecordedEvent) -> String {
        switch e.decision {
        case .moved(_, let from, let to): "moved from year \(from) to year \(to)"
        case .withdrawnFromYear(_, let year): "withdrawn from year \(year)"
        case .addedInYear(_, let year): "added in year \(year)"
        case .withdrawn, .added, nil: e.detail
        }
    }

    /// ": 12 visits (AFG, …)", read from the adopted plan's JSON; empty when it cannot be read.
    private func adoptedList(_ json: String) -> String {
        guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] else { return "" }
        // A revision's JSON holds the plan now adopted under `plan`.
        let plan = (object["plan"] as? [String: Any]) ?? object
        guard let selected = plan["selected"] as? [[String: Any]] else { return "" }
        let ids = selected.compactMap { $0["id"] as? String }
        return ": \(ids.count) visit\(ids.count == 1 ? "" : "s") (\(ids.sorted().joined(separator: ", ")))"
    }

    private func recorded(_ e: RecordedEvent) -> String {
        "event \(e.seq), recorded \(e.recordedAt) by \(e.recordedBy)"
    }

    private func reviewWords(_ r: PendingReview) -> String {
        "report of \(r.reportSubmitted): ¶9 review "
            + (r.overdue
                ? "overdue by \(r.days) day\(r.days == 1 ? "" : "s") (due \(r.reviewBy))"
                : "due by \(r.reviewBy), \(r.days) day\(r.days == 1 ? "" : "s") left")
    }

    /// The engagement facts at as_of in one line.
    private func factWords(_ s: State) -> String {
        var parts = [
            s.lastVisit.map { "last visit \($0)" + (s.lastVisitType.map { " (\($0.rawValue))" } ?? "") }
                ?? "never visited"
        ]
        if let report = s.reportSubmitted { parts.append("report \(report)") }
        parts.append("consent \(s.consent.rawValue)")
        if s.requestedVisit { parts.append("a visit requested") }
        return parts.joined(separator: "; ")
    }
}
