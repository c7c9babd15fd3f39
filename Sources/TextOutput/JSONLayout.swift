import Foundation

/// The layouts of the JSON that visitplan writes, and the one place Foundation's JSONEncoder is
/// set up for them: every command's JSON is either streamed by ``JSONWriter`` or, for small
/// documents, encoded here, with one failure policy.
public enum JSONLayout: Sendable, Equatable {
    /// Pretty-printed (two-space indents), sorted keys, slashes unescaped: the JSON of
    /// `score`, `plan`, `explain`, `programme`, `audit`, `panel`, the ledger.
    case pretty
    /// No whitespace, sorted keys, slashes unescaped: the JSON of `sensitivity`, whose
    /// acceptability rows make large documents.
    case compact
    /// No whitespace, sorted keys, slashes escaped `\/`: the data embedded in the HTML report.
    case compactEscapingSlashes

    /// JSONEncoder's settings for the layout.
    private var formatting: JSONEncoder.OutputFormatting {
        switch self {
        case .pretty: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        case .compact: [.sortedKeys, .withoutEscapingSlashes]
        case .compactEscapingSlashes: [.sortedKeys]
        }
    }

    /// `value` encoded by JSONEncoder in `layout`, without a final line feed.
    ///
    /// Every value reaching JSON is a string, an integer, a Bool or a finite number (undefined
    /// numbers are nil, inputs are bounded at load: Guides/Reliability.md), so JSONEncoder
    /// cannot fail: a failure is a programmer's mistake and stops the program with the type's
    /// name, never a silent `{}`.
    public static func encode<T: Encodable>(_ value: T, layout: JSONLayout) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = layout.formatting
        do {
            return try encoder.encode(value)
        } catch {
            preconditionFailure("JSON of \(T.self): \(error)")
        }
    }

    /// The JSON text of a result: `value` encoded in `layout`, then a line feed.
    public static func text<T: Encodable>(_ value: T, layout: JSONLayout = .pretty) -> String {
        String(decoding: encode(value, layout: layout), as: UTF8.self) + "\n"
    }
}
