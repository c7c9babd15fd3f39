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
        let padded = Padded(header: header, rows: rows) { _, cell in Double(cell) != nil }
        func line(_ cells: [String]) -> String {
            padded.line(cells).replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }
        return ([line(header), padded.rule] + rows.map(line)).joined(separator: "\n") + "\n"
    }

    /// The tables of the planner (`plan`, `revise`, `programme`): columns padded to their widest
    /// cell, two spaces apart, every line indented by two spaces; the columns of `rightAligned`
    /// right-aligned, the others left. With `none`, that line (`  (none)`) in place of a table
    /// without rows.
    public static func indentedTable(
        header: [String], rows: [[String]], rightAligned: Set<Int>, none: String? = nil
    ) -> String {
        if rows.isEmpty, let none { return "  \(none)\n" }
        let padded = Padded(header: header, rows: rows) { c, _ in rightAligned.contains(c) }
        func line(_ cells: [String]) -> String {
            var text = padded.line(cells)
            while text.hasSuffix(" ") { text.removeLast() }
            return "  " + text + "\n"
        }
        return line(header) + "  " + padded.rule + "\n" + rows.map(line).joined()
    }

    /// The cells of a table padded to their column's widest cell (counted in Characters).
    private struct Padded {
        let widths: [Int]
        /// Whether the cell in column `c` is right-aligned.
        let isRightAligned: (Int, String) -> Bool

        init(header: [String], rows: [[String]], isRightAligned: @escaping (Int, String) -> Bool) {
            let all = [header] + rows
            let columns = all.map(\.count).max() ?? 0
            widths = (0..<columns).map { c in all.map { c < $0.count ? $0[c].count : 0 }.max() ?? 0 }
            self.isRightAligned = isRightAligned
        }

        /// The cells padded and joined two spaces apart, trailing spaces kept.
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { c, cell in
                let pad = String(repeating: " ", count: widths[c] - cell.count)
                return isRightAligned(c, cell) ? pad + cell : cell + pad
            }.joined(separator: "  ")
        }

        /// A line of dashes under each column.
        var rule: String { widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") }
    }
}
