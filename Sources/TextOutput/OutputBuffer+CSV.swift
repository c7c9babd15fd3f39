// CSV fields and rows written straight into an ``OutputBuffer``, byte for byte what
// `Tabular.csv` (and CSV.swift's `CSVWriter`) write: RFC 4180, LF line ends.

extension OutputBuffer {
    /// Appends `field` as one CSV field: quoted when it holds a quote, a comma, CR or LF, its
    /// quotes doubled.
    public func append(csvField field: String) {
        var field = field
        field.withUTF8 { bytes in
            guard bytes.contains(where: { $0 == 0x22 || $0 == 0x2C || $0 == 0x0A || $0 == 0x0D }) else {
                append(bytes)
                return
            }
            append(UInt8(ascii: "\""))
            for byte in bytes {
                append(byte)
                if byte == 0x22 { append(byte) }
            }
            append(UInt8(ascii: "\""))
        }
    }

    /// Appends `row` as one CSV line (fields separated by commas, then LF).
    public func append(csvRow row: [String]) {
        for (k, field) in row.enumerated() {
            if k > 0 { append(UInt8(ascii: ",")) }
            append(csvField: field)
        }
        append(UInt8(ascii: "\n"))
    }
}
