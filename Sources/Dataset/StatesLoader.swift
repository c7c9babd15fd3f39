/// states.csv as read: the candidates in file order and where each was written.
struct LoadedStates {
    var states: [State]
    /// The line of each candidate's row.
    var lines: [Int]
    var table: CSVTable
    /// A candidate's position by id.
    var positions: [String: Int]
    /// The known columns whose header is misspelt (`Consent`, ` consent`), already reported.
    var misspelt: Set<String> = []

    /// Whether the header has the column `name`, spelt exactly.
    func hasColumn(_ name: String) -> Bool { table.header.contains(name) }

    /// `; did you mean `X`?` for an id that is not in states.csv.
    ///
    /// - Parameter attempt: how many unknown ids the caller has reported so far; after 20 there
    ///   is no suggestion, as each costs a pass over every candidate.
    func suggestion(for id: String, attempt: Int = 0) -> String {
        attempt < 20 ? didYouMean(id, among: states.lazy.map(\.id)) : ""
    }
}

/// Reads states.csv (SPEC §2): one row per candidate, its identity and engagement facts.
enum StatesLoader {
    static let required = ["id", "name", "region"]
    static let optional =
        [
            "subregion", "last_visit", "last_visit_type", "report_submitted", "consent", "requested_visit",
            "confidential",
        ] + NameLanguage.translatedColumns
    /// Every column name a states.csv header may mean (SPEC §2, and `confidential` of §8): a header
    /// close to one of them is a misspelling, an error, never an ignored column.
    static let known = required + optional + ["confidential"]

    /// Reads every row, reporting each problem; a row without an id, or whose id is taken, is
    /// left out.
    ///
    /// - Returns: the candidates, or nil when the table cannot be used at all (no candidates, or a
    ///   required column missing).
    static func load(_ table: CSVTable, diagnostics: inout [Diagnostic]) -> LoadedStates? {
        let file = table.file
        if table.header.isEmpty || table.rows.isEmpty {
            let why = table.header.isEmpty ? "the file is empty" : "the file has a header but no rows"
            diagnostics.error(
                file, line: table.header.isEmpty ? 0 : 1,
                "no candidates: \(why); a dataset needs at least one row in states.csv")
            return nil
        }
        var misspelt: [Int: String] = [:]
        for (index, name) in table.header.enumerated() {
            misspelt[index] = intendedColumn(for: name, among: known)
        }
        guard table.checkColumns(required: required, optional: optional, misspelt: misspelt, diagnostics: &diagnostics)
        else { return nil }
        let column = Dictionary(
            uniqueKeysWithValues: (required + optional).compactMap { name in
                table.header.firstIndex(of: name).map { (name, $0) }
            })

        // Column numbers looked up once, not per cell.
        let (idColumn, nameColumn, regionColumn) = (column["id"]!, column["name"]!, column["region"]!)
        let (subregionColumn, lastVisitColumn, visitTypeColumn) =
            (column["subregion"], column["last_visit"], column["last_visit_type"])
        let (submittedColumn, consentColumn, requestedColumn) =
            (column["report_submitted"], column["consent"], column["requested_visit"])

        let translatedColumns = NameLanguage.allCases.compactMap { language in
            language == .en ? nil : column[language.column].map { (language, $0) }
        }

        var loaded = LoadedStates(states: [], lines: [], table: table, positions: [:], misspelt: Set(misspelt.values))
        loaded.states.reserveCapacity(table.rows.count)
        loaded.lines.reserveCapacity(table.rows.count)
        loaded.positions.reserveCapacity(table.rows.count)
        for row in table.rows {
            let fields = row.fields
            func cell(_ column: Int?) -> String { column.map { fields[$0] } ?? "" }
            func report(_ name: String, _ message: String) {
                diagnostics.error(file, line: row.line, column: (column[name] ?? -1) + 1, message)
            }

            let id = fields[idColumn]
            let taken = loaded.positions[id]
            if id.trimmingSpaces.isEmpty {
                report("id", "column `id` is empty; every candidate needs an id")
            } else if id != id.trimmingSpaces {
                report("id", "column `id`: `\(id)` has spaces around it")
            } else if let first = taken {
                report("id", "duplicate id `\(id)` (first at line \(loaded.lines[first]))")
            }
            let name = fields[nameColumn], region = fields[regionColumn]
            if name.trimmingSpaces.isEmpty {
                report("name", "column `name` is empty for `\(id)`; it is required")
            }
            if region.trimmingSpaces.isEmpty {
                report("region", "column `region` is empty for `\(id)`; it is required")
            }
            let subregion = cell(subregionColumn)
            for (header, text) in [("id", id), ("name", name), ("region", region), ("subregion", subregion)] {
                if let problem = ControlCharacters.problem(in: text) { report(header, "column `\(header)` \(problem)") }
            }
            var state = State(id: id, name: name, region: region)
            state.subregion = subregion.isEmpty ? nil : subregion
            // `name_fr`, `name_es`: optional; an empty cell means no name in that language.
            for (language, index) in translatedColumns {
                let translated = fields[index]
                if let problem = ControlCharacters.problem(in: translated) {
                    report(language.column, "column `\(language.column)` \(problem)")
                } else if !translated.trimmingSpaces.isEmpty {
                    state.translatedNames[language] = translated
                }
            }

            let lastVisit = cell(lastVisitColumn).trimmingSpaces
            if !lastVisit.isEmpty {
                state.lastVisit = date(lastVisit, yearAlone: (month: 7, day: 1))
                if state.lastVisit == nil {
                    report(
                        "last_visit",
                        "column `last_visit`: `\(lastVisit.excerpt)` is not a date YYYY-MM-DD or a year YYYY that exists in the calendar"
                    )
                }
            }
            let visitType = cell(visitTypeColumn).trimmingSpaces
            if !visitType.isEmpty {
                state.lastVisitType = choice(visitType, column: "last_visit_type", report: report)
                if state.lastVisitType != nil, lastVisit.isEmpty {
                    diagnostics.warning(
                        file, line: row.line, column: (column["last_visit_type"] ?? -1) + 1,
                        "column `last_visit_type` is set but `last_visit` is empty: `\(id)` counts as never visited")
                }
            }
            let submitted = cell(submittedColumn).trimmingSpaces
            if !submitted.isEmpty {
                state.reportSubmitted = date(submitted)
                if state.reportSubmitted == nil {
                    report(
                        "report_submitted",
                        "column `report_submitted`: `\(submitted.excerpt)` is not a date YYYY-MM-DD that exists in the calendar"
                    )
                }
            }
            let consent = cell(consentColumn).trimmingSpaces
            if !consent.isEmpty, let level: Consent = choice(consent, column: "consent", report: report) {
                state.consent = level
            }
            let requested = cell(requestedColumn)
            if !requested.trimmingSpaces.isEmpty {
                if let flag = booleanCell(requested) {
                    state.requestedVisit = flag
                } else {
                    report(
                        "requested_visit",
                        "column `requested_visit`: `\(requested.excerpt)` is not a yes/no value (allowed: true/false, yes/no, 1/0)"
                    )
                }
            }

            state.confidential = confidentialRequest(cell(column["confidential"]))

            // A row with other errors still counts as a candidate, so that the other files'
            // references to it are not reported as unknown ids on top of its own errors.
            guard !id.isEmpty, taken == nil else { continue }
            loaded.positions[id] = loaded.states.count
            loaded.states.append(state)
            loaded.lines.append(row.line)
        }
        return loaded
    }

    /// `CalendarDate(parsing:yearAlone:)`, with the two forms nearly every cell has, `YYYY-MM-DD`
    /// and `YYYY`, read from the bytes (the general parser splits the text into substrings and
    /// checks each character's Unicode properties: 1.6 µs a date, 3 s for a million rows).
    private static func date(_ text: String, yearAlone: (month: Int, day: Int)? = nil) -> CalendarDate? {
        // nil when the text has neither form; else the form's reading, nil for a day that does
        // not exist.
        let read: CalendarDate?? =
            text.utf8.withContiguousStorageIfAvailable { bytes in
                func number(_ range: Range<Int>) -> Int? {
                    var value = 0
                    for i in range {
                        let digit = bytes[i] &- UInt8(ascii: "0")
                        guard digit < 10 else { return nil }
                        value = value * 10 + Int(digit)
                    }
                    return value
                }
                if bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
                    let year = number(0..<4), let month = number(5..<7), let day = number(8..<10)
                {
                    return .some(CalendarDate(year: year, month: month, day: day))
                }
                if bytes.count == 4, let alone = yearAlone, let year = number(0..<4) {
                    return .some(CalendarDate(year: year, month: alone.month, day: alone.day))
                }
                return nil
            } ?? nil
        return read ?? CalendarDate(parsing: text, yearAlone: yearAlone)
    }

    /// The value of an enumeration named in a cell, or an error listing the allowed values.
    private static func choice<E: RawRepresentable & CaseIterable>(
        _ text: String, column: String, report: (String, String) -> Void
    ) -> E? where E.RawValue == String {
        if let value = E(rawValue: text) { return value }
        let allowed = E.allCases.map(\.rawValue)
        report(
            column,
            "column `\(column)`: unknown value `\(text.excerpt)`" + didYouMean(text, among: allowed)
                + " (allowed: \(allowed.joined(separator: ", ")))")
        return nil
    }
}
