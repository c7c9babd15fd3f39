// The CSV reading of `Dataset.load`, opened to the Loading benchmarks (Benchmarks/Loading), which
// time it against CSV.swift's reader on the same files. Not part of the API: `@_spi(Benchmarks)`.

@_spi(Benchmarks)
public enum CSVReading {
    /// The header and rows of the CSV file at `path`, every field as text, read as `Dataset.load`
    /// reads them; empty when the file cannot be read.
    ///
    /// For a well-formed file this is what CSV.swift's `CSVReader` returns, less blank lines.
    public static func fields(path: String) -> [[String]] {
        var diagnostics: [Diagnostic] = []
        guard let table = CSVTable.read(path: path, file: path, diagnostics: &diagnostics) else { return [] }
        return [table.header] + table.rows.map(\.fields)
    }

    /// Every column of the CSV file at `path` but the first, as numbers read the way the
    /// indicators loader reads them: straight from the file's bytes, NaN for an empty cell, `NA`
    /// or text that is not a number.
    public static func numericColumns(path: String) -> [[Double]] {
        var diagnostics: [Diagnostic] = []
        guard let table = CSVTable.read(path: path, file: path, diagnostics: &diagnostics) else { return [] }
        let text = table.text
        var columns = [[Double]](repeating: [], count: max(table.header.count - 1, 0))
        for c in columns.indices { columns[c].reserveCapacity(table.rows.count) }
        var fields: [CSVText.Field] = []
        var scratch: [UInt8] = []
        for r in table.rows.indices {
            table.rows.fields(ofRow: r, into: &fields)
            for c in columns.indices {
                let cell = text.withText(of: fields[c + 1], scratch: &scratch, NumericCell.init(utf8:))
                if case .value(let value) = cell {
                    columns[c].append(value)
                } else {
                    columns[c].append(.nan)
                }
            }
        }
        return columns
    }
}
