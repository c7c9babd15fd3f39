import Dataset
import Foundation

extension Dataset {
    /// The engagement columns of states.csv that the ledger derives.
    public static let ledgerColumns = [
        "last_visit", "last_visit_type", "report_submitted", "consent", "requested_visit",
    ]

    /// Takes the engagement facts from the folder's ledger, when it has one, as of `asOf`
    /// (default: the model's as_of), and moves the dataset's reference date there.
    ///
    /// A column that states.csv also holds must agree with the ledger as of the model's own
    /// as_of (the date states.csv describes); each disagreement is an error naming both.
    /// Without a ledger, an earlier `asOf` is refused when states.csv records a visit or a
    /// report after it (those facts are the model's as_of's, and cannot be wound back).
    ///
    /// - Returns: the ledger's facts at `asOf`, or nil when the folder has no ledger.
    @discardableResult
    public mutating func applyLedger(directory: String, asOf override: CalendarDate? = nil) throws -> LedgerFacts? {
        let asOf = override ?? model.asOf
        let statesFile = Ledger.path(inDataset: directory).dropLast(Ledger.fileName.count) + "states.csv"
        let ledgerPath = Ledger.path(inDataset: directory)
        guard FileManager.default.fileExists(atPath: ledgerPath) else {
            if asOf < model.asOf {
                let late = states.compactMap { state -> String? in
                    let dates = [state.lastVisit, state.reportSubmitted].compactMap { $0 }.filter { $0 > asOf }
                    return dates.isEmpty ? nil : "\(state.id) (\(dates.map(\.description).joined(separator: ", ")))"
                }
                if !late.isEmpty {
                    throw LedgerError(
                        "error: --as-of \(asOf) is before dates in \(statesFile), which describes "
                            + "\(model.asOf): \(late.prefix(5).joined(separator: "; "))\(late.count > 5 ? "; …" : ""); "
                            + "a dataset needs a ledger (`visitplan ledger`) to be run at an earlier date")
                }
            }
            model.asOf = asOf
            return nil
        }
        let ledger = try Ledger.open(at: ledgerPath)
        let own = LedgerFacts.derive(
            from: try ledger.factEvents(asOf: model.asOf), asOf: model.asOf,
            consentValidYears: model.consentValidYears)
        try checkAgreement(with: own, statesFile: String(statesFile), ledgerPath: ledgerPath)
        let facts =
            asOf == model.asOf
            ? own
            : LedgerFacts.derive(
                from: try ledger.factEvents(asOf: asOf), asOf: asOf,
                consentValidYears: model.consentValidYears)
        for index in states.indices {
            let derived = facts.facts(of: states[index].id)
            states[index].lastVisit = derived.lastVisit
            states[index].lastVisitType = derived.lastVisitType
            states[index].reportSubmitted = derived.reportSubmitted
            states[index].consent = derived.consent
            states[index].requestedVisit = derived.requestedVisit
        }
        model.asOf = asOf
        return facts
    }

    /// Every cell of an engagement column of states.csv that differs from `facts`.
    private func checkAgreement(with facts: LedgerFacts, statesFile: String, ledgerPath: String) throws {
        let records = try CSVRecords.read(path: statesFile, file: statesFile)
        let present = Self.ledgerColumns.filter { records.header.contains($0) }
        guard !present.isEmpty, let idColumn = records.header.firstIndex(of: "id") else { return }
        let loaded = Dictionary(states.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var diagnostics: [Diagnostic] = []
        for row in records.rows {
            guard let state = loaded[row.fields[idColumn]] else { continue }
            let derived = facts.facts(of: state.id)
            for column in present {
                let c = records.columnNumber(of: column)
                let cell = row.fields[c - 1].trimmingCharacters(in: .whitespaces)
                let (written, ledgerSays): (String, String)
                switch column {
                case "last_visit":
                    // A year alone (`2005`) agrees with any date of that year.
                    if cell.count == 4, let year = Int(cell), derived.lastVisit?.year == year { continue }
                    (written, ledgerSays) = (state.lastVisit?.description ?? "", derived.lastVisit?.description ?? "")
                case "last_visit_type":
                    (written, ledgerSays) = (state.lastVisitType?.rawValue ?? "", derived.lastVisitType?.rawValue ?? "")
                case "report_submitted":
                    (written, ledgerSays) = (
                        state.reportSubmitted?.description ?? "", derived.reportSubmitted?.description ?? ""
                    )
                case "consent":
                    (written, ledgerSays) = (state.consent.rawValue, derived.consent.rawValue)
                default:
                    (written, ledgerSays) = (String(state.requestedVisit), String(derived.requestedVisit))
                }
                guard written != ledgerSays else { continue }
                func shown(_ value: String) -> String { value.isEmpty ? "empty" : "`\(value)`" }
                diagnostics.append(
                    Diagnostic(
                        file: statesFile, line: row.line, column: c, .error,
                        "column `\(column)` of `\(state.id)` is \(shown(written)) but \(ledgerPath) says \(shown(ledgerSays)) "
                            + "as of \(facts.asOf); correct one of them, or drop the column from states.csv and let the ledger say"
                    ))
            }
        }
        if diagnostics.count > Self.disagreementsShown {
            let more = diagnostics.count - Self.disagreementsShown
            diagnostics.removeLast(more)
            diagnostics.append(
                Diagnostic(
                    file: statesFile, .error,
                    "and \(more) more cells differ from \(ledgerPath) (the first \(Self.disagreementsShown) are listed)"
                ))
        }
        if !diagnostics.isEmpty { throw DatasetError(diagnostics) }
    }

    /// How many disagreements are listed before a count of the rest.
    static let disagreementsShown = 20
}
