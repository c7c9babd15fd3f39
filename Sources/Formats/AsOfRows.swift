import Dataset
import TextOutput

/// Rows of text at a date, as `ledger facts` and `ledger reviews` print them: a titled table,
/// CSV, or JSON `{"as_of": …, KEY: [{column: value}]}`.
public struct AsOfRows: Encodable {
    public var asOf: CalendarDate
    /// The JSON key of the rows.
    public var key: String
    public var header: [String]
    public var rows: [[String]]

    public init(asOf: CalendarDate, key: String, header: [String], rows: [[String]]) {
        self.asOf = asOf
        self.key = key
        self.header = header
        self.rows = rows
    }

    /// `{"as_of": …, KEY: [{column: value}]}`.
    public func json() -> String { JSONLayout.text(self) }

    public func csv() -> String { Tabular.csv(header: header, rows: rows) }

    /// The table for people under `title`.
    public func table(title: String) -> String { title + "\n\n" + Tabular.table(header: header, rows: rows) }

    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(asOf.description, forKey: Key(stringValue: "as_of"))
        try container.encode(
            rows.map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }, forKey: Key(stringValue: key))
    }
}
