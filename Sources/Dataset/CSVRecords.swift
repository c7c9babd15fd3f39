// The CSV reading of the dataset loaders, opened to other modules (the ledger's import): the same
// RFC 4180 rules, the same `file:line:column` diagnostics.

/// A CSV file read as the dataset's files are: a header and rows, each row with its physical line.
public struct CSVRecords: Sendable {
    /// One data row and the line it starts on.
    public struct Row: Sendable {
        public var line: Int
        public var fields: [String]
    }

    /// The file's name as shown in diagnostics.
    public var file: String
    public var header: [String]
    public var rows: [Row]

    /// The 1-based column number of `name`, as printed in diagnostics; 0 when absent.
    public func columnNumber(of name: String) -> Int { (header.firstIndex(of: name) ?? -1) + 1 }

    /// Reads the CSV file at `path`, naming it `file` in diagnostics.
    ///
    /// - Throws: `DatasetError` listing every problem, when the file is missing, unreadable, not
    ///   UTF-8 or badly quoted, or lacks one of the `required` columns.
    public static func read(path: String, file: String, required: [String] = [], optional: [String] = []) throws
        -> CSVRecords
    {
        var diagnostics: [Diagnostic] = []
        guard let table = CSVTable.read(path: path, file: file, diagnostics: &diagnostics) else {
            throw DatasetError(diagnostics)
        }
        if table.header.isEmpty {
            diagnostics.error(file, "the file is empty; it needs a header row")
        } else if !required.isEmpty {
            _ = table.checkColumns(required: required, optional: optional, diagnostics: &diagnostics)
        }
        if diagnostics.hasErrors { throw DatasetError(diagnostics) }
        return CSVRecords(
            file: file, header: table.header, rows: table.rows.map { Row(line: $0.line, fields: $0.fields) })
    }
}

/// "Did you mean …?" for names typed by a user, as the dataset loaders suggest them.
public enum NearestNames {
    /// `; did you mean `X`?` when a known name is close to `name`, else the empty string.
    public static func suggestion(for name: String, among known: some Sequence<String>) -> String {
        didYouMean(name, among: known)
    }
}

extension NearestNames {
    /// The edit distance between two names (insertions, deletions, substitutions and adjacent
    /// transpositions each count 1).
    public static func distance(_ a: String, _ b: String) -> Int { editDistance(a, b) }
}
