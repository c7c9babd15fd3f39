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
        let (idColumn, indicatorColumn, periodColumn, valueColumn) = (
            table.header.firstIndex(of: "id")!, table.header.firstIndex(of: "indicator")!,
            table.header.firstIndex(of: "period")!, table.header.firstIndex(of: "value")!
        )

        var events = Events()
        var granularity: (kind: Events.Granularity, line: Int)?
        // The line of every (indicator, candidate, period) read, to name both lines of a duplicate.
        var lines: [String: [[Events.Period: Int]]] = [:]
        var unknownIDs = 0
        for row in table.rows {
            func report(_ column: Int, _ message: String) {
                diagnostics.error(file, line: row.line, column: column + 1, message)
            }
            let id = row.fields[idColumn], indicator = row.fields[indicatorColumn]
            let periodText = row.fields[periodColumn].trimmingSpaces, valueText = row.fields[valueColumn]
            let position = states.positions[id]
            if position == nil {
                report(idColumn, "id `\(id)` is not in states.csv" + states.suggestion(for: id, attempt: unknownIDs))
                unknownIDs += 1
            }
            if indicator.trimmingSpaces.isEmpty {
                report(indicatorColumn, "column `indicator` is empty")
            }
            let period = parsePeriod(periodText)
            if let (kind, _) = period {
                if let first = granularity, first.kind != kind {
                    report(
                        periodColumn,
                        "period `\(periodText.excerpt)` is a \(kind.rawValue), but line \(first.line) has a \(first.kind.rawValue); one granularity per file"
                    )
                } else if granularity == nil {
                    granularity = (kind, row.line)
                }
            } else {
                report(periodColumn, "period `\(periodText)` is neither a year YYYY nor a month YYYY-MM")
            }
            var value: Double?
            switch NumericCell(valueText) {
            case .value(let number): value = number
            case .missing: break
            case .invalid(let reason):
                report(valueColumn, "column `value`: `\(valueText.excerpt)` is not a number: \(reason)")
            }
            guard let position, let (kind, index) = period, kind == granularity?.kind, !indicator.isEmpty else {
                continue
            }
            if lines[indicator] == nil {
                lines[indicator] = Array(repeating: [:], count: states.states.count)
                events.series[indicator] = Array(repeating: [:], count: states.states.count)
            }
            if let first = lines[indicator]![position][index] {
                report(
                    periodColumn,
                    "duplicate row for `\(id)`, `\(indicator)`, period `\(periodText)` (first at line \(first))")
                continue
            }
            lines[indicator]![position][index] = row.line
            if let value { events.series[indicator]![position][index] = value }
        }
        events.granularity = granularity?.kind ?? .year
        return events
    }

    /// A period: `YYYY` is a year, `YYYY-MM` a month counted as year × 12 + month − 1.
    static func parsePeriod(_ text: String) -> (Events.Granularity, Events.Period)? {
        let bytes = Array(text.utf8)
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for byte in bytes[range] {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        switch bytes.count {
        case 4:
            return number(0..<4).map { (.year, $0) }
        case 7 where bytes[4] == UInt8(ascii: "-"):
            guard let year = number(0..<4), let month = number(5..<7), (1...12).contains(month) else { return nil }
            return (.month, year * 12 + month - 1)
        default:
            return nil
        }
    }
}
