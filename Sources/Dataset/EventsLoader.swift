/// Reads events.csv (SPEC §2): time series in long format, `id,indicator,period,value`.
enum EventsLoader {
    static let required = ["id", "indicator", "period", "value"]

    /// Reads every row into one series per (indicator, candidate).
    ///
    /// A row whose value is empty or `NA` is the same as an absent row: the signal's `fill`
    /// decides what it counts as.
    ///
    /// Rows are read in file order, and an id or indicator is looked up only when it differs
    /// from the row before (files usually list one candidate's rows together); each indicator's
    /// rows are then put in candidate and period order by a counting sort, where a repeated
    /// (candidate, period) is reported against its first line.
    ///
    /// - Complexity: O(rows + candidates × indicators), plus sorting each candidate's rows.
    static func load(_ table: CSVTable, states: LoadedStates, diagnostics: inout [Diagnostic]) -> Events {
        let file = table.file
        guard table.checkColumns(required: required, optional: [], diagnostics: &diagnostics) else { return Events() }
        let (idColumn, indicatorColumn, periodColumn, valueColumn) = (
            table.header.firstIndex(of: "id")!, table.header.firstIndex(of: "indicator")!,
            table.header.firstIndex(of: "period")!, table.header.firstIndex(of: "value")!
        )

        var granularity: (kind: Events.Granularity, line: Int)?
        var indicators: [String: Int] = [:]
        var names: [String] = []
        var rowsOf: [[Row]] = []
        var unknownIDs = 0
        var fields: [CSVText.Field] = []
        // The previous row's id and indicator, and what they resolved to.
        var (lastID, lastPosition): (String?, Int?) = (nil, nil)
        var (lastIndicator, lastSeries): (String?, Int) = (nil, 0)
        let rows = table.rows, text = table.text
        for r in rows.indices {
            let line = rows.lines[r]
            func report(_ column: Int, _ message: String) {
                diagnostics.error(file, line: line, column: column + 1, message)
            }
            rows.fields(ofRow: r, into: &fields)
            let id = text.string(fields[idColumn]), indicator = text.string(fields[indicatorColumn])
            let periodText = text.string(fields[periodColumn]).trimmingSpaces
            if id != lastID { (lastID, lastPosition) = (id, states.positions[id]) }
            let position = lastPosition
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
                    granularity = (kind, line)
                }
            } else {
                report(periodColumn, "period `\(periodText)` is neither a year YYYY nor a month YYYY-MM")
            }
            // NaN stands for "no value": a number read is never NaN.
            var value = Double.nan
            let valueText = text.string(fields[valueColumn])
            switch NumericCell(valueText) {
            case .value(let number): value = number
            case .missing: break
            case .invalid(let reason):
                report(valueColumn, "column `value`: `\(valueText.excerpt)` is not a number: \(reason)")
            }
            guard let position, let (kind, index) = period, kind == granularity?.kind, !indicator.isEmpty else {
                continue
            }
            if indicator != lastIndicator {
                lastIndicator = indicator
                if let known = indicators[indicator] {
                    lastSeries = known
                } else {
                    lastSeries = names.count
                    indicators[indicator] = lastSeries
                    names.append(indicator)
                    rowsOf.append([])
                }
            }
            rowsOf[lastSeries].append(
                Row(candidate: Int32(position), period: Events.Series.stored(index), row: Int32(r), value: value))
        }
        var events = Events()
        events.granularity = granularity?.kind ?? .year
        for (k, name) in names.enumerated() {
            events.series[name] = series(
                of: rowsOf[k], candidates: states.states.count,
                duplicate: { row, first in
                    let id = states.states[Int(row.candidate)].id
                    rows.fields(ofRow: Int(row.row), into: &fields)
                    let periodText = text.string(fields[periodColumn]).trimmingSpaces
                    diagnostics.error(
                        file, line: rows.lines[Int(row.row)], column: periodColumn + 1,
                        "duplicate row for `\(id)`, `\(name)`, period `\(periodText)` (first at line \(rows.lines[Int(first.row)]))"
                    )
                })
            rowsOf[k] = []
        }
        return events
    }

    /// One row of an indicator: its candidate (index in states.csv), period, row of the file
    /// (0-based) and value (NaN: none).
    struct Row {
        var candidate: Int32
        var period: Int32
        var row: Int32
        var value: Double
    }

    /// The rows of one indicator as a series: by candidate (a counting sort, which keeps file
    /// order), then by period; of rows with one candidate and period, the first in the file is
    /// kept and each later one given to `duplicate` with that first.
    static func series(of rows: [Row], candidates n: Int, duplicate: (Row, Row) -> Void) -> Events.Series {
        var starts = [Int](repeating: 0, count: n + 1)
        for row in rows { starts[Int(row.candidate) + 1] += 1 }
        for i in 0..<n { starts[i + 1] += starts[i] }
        var next = starts
        var sorted = [Row](repeating: Row(candidate: 0, period: 0, row: 0, value: 0), count: rows.count)
        for row in rows {
            sorted[next[Int(row.candidate)]] = row
            next[Int(row.candidate)] += 1
        }
        var kept = [Int](repeating: 0, count: n + 1)
        var periods: [Int32] = []
        var values: [Double] = []
        periods.reserveCapacity(rows.count)
        values.reserveCapacity(rows.count)
        for i in 0..<n {
            var own = sorted[starts[i]..<starts[i + 1]]
            // Rows are in file order; sort by period only when they are not in period order
            // already, and keep file order among equal periods.
            if !zip(own, own.dropFirst()).allSatisfy({ $0.period < $1.period }) {
                own.sort { ($0.period, $0.row) < ($1.period, $1.row) }
            }
            var first: Row?
            for row in own {
                if let first, first.period == row.period {
                    duplicate(row, first)
                    continue
                }
                first = row
                if !row.value.isNaN {
                    periods.append(row.period)
                    values.append(row.value)
                }
            }
            kept[i + 1] = periods.count
        }
        return Events.Series(starts: kept, periods: periods, values: values)
    }

    /// A period: `YYYY` is a year, `YYYY-MM` a month counted as year × 12 + month − 1.
    static func parsePeriod(_ text: String) -> (Events.Granularity, Events.Period)? {
        var text = text
        return text.withUTF8(parsePeriod(utf8:))
    }

    /// ``parsePeriod(_:)`` of UTF-8 bytes.
    private static func parsePeriod(utf8 bytes: UnsafeBufferPointer<UInt8>) -> (Events.Granularity, Events.Period)? {
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
