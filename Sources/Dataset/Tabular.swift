import CSV
import Foundation

/// Plain-text and CSV renderings of rows of cells, shared by every command's output.
public enum Tabular {
    /// RFC 4180 CSV text (quoted where needed, LF line ends) written by CSV.swift's writer.
    public static func csv<Rows: Sequence<[String]>>(header: [String], rows: Rows) -> String {
        let stream = OutputStream(toMemory: ())
        // The writer only fails on a closed stream, which this one is not.
        let writer = try! CSVWriter(stream: stream, newline: .lf)
        try! writer.write(row: header)
        for row in rows { try! writer.write(row: row) }
        writer.stream.close()
        let data = stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
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
