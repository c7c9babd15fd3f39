import CSV
import Foundation
import TextOutput

// CSV.swift's writer, the reference the byte-level CSV of `Tabular` and `OutputBuffer` is
// compared against by the tests and the Loading benchmarks. Nothing in the tool links it.

extension Tabular {
    /// The same text through CSV.swift's `CSVWriter`: the reference for `csv(header:rows:)`.
    public static func csvWriter<Rows: Sequence<[String]>>(header: [String], rows: Rows) -> String {
        let stream = OutputStream(toMemory: ())
        // The writer only fails on a closed stream, which this one is not: a failure is a
        // programmer's mistake.
        do {
            let writer = try CSVWriter(stream: stream, newline: .lf)
            try writer.write(row: header)
            for row in rows { try writer.write(row: row) }
            writer.stream.close()
        } catch {
            preconditionFailure("CSVWriter to memory: \(error)")
        }
        let data = stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
