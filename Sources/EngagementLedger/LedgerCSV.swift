import Dataset

/// The CSV form of the ledger (SPEC §9): `date,id,kind,detail,note`, read by `ledger import`
/// and written by `ledger export` (its text is written by the `Formats` module).
public enum LedgerCSV {
    public static let columns = ["date", "id", "kind", "detail", "note"]

    /// Reads every row of the CSV file at `path` into events.
    ///
    /// - Throws: `DatasetError` listing every bad row at `file:line:column`; then nothing is to
    ///   be recorded.
    public static func read(path: String, file: String, input: EventInput) throws -> [NewEvent] {
        let records = try CSVRecords.read(
            path: path, file: file, required: ["date", "id", "kind"], optional: ["detail", "note"])
        let index = Dictionary(
            uniqueKeysWithValues: columns.compactMap { name in
                records.header.firstIndex(of: name).map { (name, $0) }
            })
        var events: [NewEvent] = []
        events.reserveCapacity(records.rows.count)
        var diagnostics: [Diagnostic] = []
        for row in records.rows {
            func cell(_ name: String) -> String { index[name].map { row.fields[$0] } ?? "" }
            switch input.event(
                date: cell("date"), id: cell("id"), kind: cell("kind"), detail: cell("detail"), note: cell("note"))
            {
            case .success(let event):
                events.append(event)
            case .failure(let problems):
                for problem in problems.list {
                    diagnostics.append(
                        Diagnostic(
                            file: file, line: row.line, column: records.columnNumber(of: problem.column),
                            .error, "column `\(problem.column)`: \(problem.message)"))
                }
            }
        }
        if events.isEmpty && diagnostics.isEmpty {
            diagnostics.append(Diagnostic(file: file, line: 1, .error, "no events: the file has a header but no rows"))
        }
        if !diagnostics.isEmpty { throw DatasetError(diagnostics) }
        return events
    }
}
