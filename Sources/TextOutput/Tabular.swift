import Foundation

/// Plain-text and CSV renderings of rows of cells, shared by every command's output.
public enum Tabular {
    /// RFC 4180 CSV text (quoted where needed, LF line ends), byte for byte what CSV.swift's
    /// `CSVWriter` writes: a field is quoted when it holds a quote, a comma, CR or LF, and its
    /// quotes are doubled; rows are separated by LF (an empty row writes nothing) and the text
    /// ends with one LF.
    ///
    /// Written on the fields' UTF-8 bytes instead of through `CSVWriter`, whose per-field
    /// Foundation search dominated `score --format csv` at 10⁶ candidates (40 million fields);
    /// that writer is kept, as `Tabular.csvWriter` in the `CSVReference` target, for the
    /// benchmark and the differential tests that justify the replacement (Benchmarks/Loading,
    /// `csv-write-*`; `TabularTests`).
    public static func csv<Rows: Sequence<[String]>>(header: [String], rows: Rows) -> String {
        let out = OutputBuffer(collectingWithCapacity: 1 << 16)
        write(header: header, rows: rows, to: out)
        return out.text
    }

    /// Appends the CSV text of `csv(header:rows:)` to `out`, row by row.
    public static func write<Rows: Sequence<[String]>>(header: [String], rows: Rows, to out: OutputBuffer) {
        var wrote = !header.isEmpty
        if wrote { out.append(csvRow: header) }
        for row in rows where !row.isEmpty {
            out.append(csvRow: row)
            wrote = true
        }
        if !wrote { out.append(UInt8(ascii: "\n")) }
    }

    /// Columns padded to their widest cell; numbers (cells that parse as Double) right-aligned.
    public static func table(header: [String], rows: [[String]]) -> String {
        let all = [header] + rows
        let columns = all.map(\.count).max() ?? 0
        let widths = (0..<columns).map { c in all.map { c < $0.count ? $0[c].count : 0 }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { c, cell in
                let pad = String(repeating: " ", count: widths[c] - cell.count)
                return Double(cell) != nil ? pad + cell : cell + pad
            }.joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }
        let rule = widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")
        return ([line(header), rule] + rows.map(line)).joined(separator: "\n") + "\n"
    }
}
