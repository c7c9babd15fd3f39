/// Reads events.csv (SPEC §2): time series in long format, `id,indicator,period,value`.
enum EventsLoader {
    static let required = ["id", "indicator", "period", "value"]

    /// Reads every row into one series per (indicator, candidate).
    ///
    /// A row whose value is empty or `NA` is the same as an absent row: the signal's `fill`
    /// decides what it counts as.
    static func load(_ table: CSVTable, states: LoadedStates, diagnostics: inout [Diagnostic]) -> Events {
        let file = table.file
        guard table.checkColumns(required: required, optional: [], diagnostics: &diagnostics) else { return Events() }
        let column = Dictionary(uniqueKeysWithValues: required.map { ($0, table.header.firstIndex(of: $0)!) })

        var events = Events()
        var granularity: (kind: Events.Granularity, line: Int)?
        var seen: [String: Int] = [:]  // "id|indicator|period" → line
        for row in table.rows {
            func cell(_ name: String) -> String { row.fields[column[name]!] }
            func report(_ name: String, _ message: String) {
                diagnostics.error(file, line: row.line, column: column[name]! + 1, message)
            }
            let id = cell("id"), indicator = cell("indicator"), periodText = cell("period").trimmingSpaces
            let position = states.positions[id]
            if position == nil {
                report("id", "id `\(id)` is not in states.csv" + states.suggestion(for: id))
            }
            if indicator.trimmingSpaces.isEmpty {
                report("indicator", "column `indicator` is empty")
            }
            let period = parsePeriod(periodText)
            if let (kind, _) = period {
                if let first = granularity, first.kind != kind {
                    report("period", "period `\(periodText)` is a \(kind.rawValue), but line \(first.line) has a \(first.kind.rawValue); one granularity per file")
                } else if granularity == nil {
                    granularity = (kind, row.line)
                }
            } else {
                report("period", "period `\(periodText)` is neither a year YYYY nor a month YYYY-MM")
            }
            var value: Double?
            switch NumericCell(cell("value")) {
            case .value(let number): value = number
            case .missing: break
            case .invalid(let reason): report("value", "column `value`: `\(cell("value"))` is not a number: \(reason)")
            }
            guard let position, let (kind, index) = period, kind == granularity?.kind, !indicator.isEmpty else { continue }
            let key = "\(id)|\(indicator)|\(index)"
            if let first = seen[key] {
                report("period", "duplicate row for `\(id)`, `\(indicator)`, period `\(periodText)` (first at line \(first))")
                continue
            }
            seen[key] = row.line
            guard let value else { continue }
            events.series[indicator, default: Array(repeating: [:], count: states.states.count)][position][index] = value
        }
        events.granularity = granularity?.kind ?? .year
        return events
    }

    /// A period: `YYYY` is a year, `YYYY-MM` a month counted as year × 12 + month − 1.
    static func parsePeriod(_ text: String) -> (Events.Granularity, Events.Period)? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              parts[0].count == 4, let year = Int(parts[0])
        else { return nil }
        if parts.count == 1 { return (.year, year) }
        guard parts.count == 2, parts[1].count == 2, let month = Int(parts[1]), (1...12).contains(month) else { return nil }
        return (.month, year * 12 + month - 1)
    }
}
