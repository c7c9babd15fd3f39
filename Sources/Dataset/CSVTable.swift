import CSV
import Foundation

/// A CSV file read as text, each row knowing the physical line it starts on (SPEC §2).
///
/// Reading accepts UTF-8 with or without a BOM, LF or CRLF line ends and RFC 4180 quoting.
/// Problems are reported as diagnostics at `file:line:column`, the line being the 1-based
/// physical line (the header is line 1) and the column the 1-based field number. CSV.swift does
/// the field splitting; it neither counts lines nor rejects an unterminated quote, so this type
/// counts the line breaks inside quoted fields and checks the quoting in a first pass.
struct CSVTable {
    struct Row {
        /// The physical line on which the row starts.
        var line: Int
        var fields: [String]
    }

    /// The file's name as shown in diagnostics.
    var file: String
    var header: [String]
    /// The data rows, without blank lines; every row has as many fields as the header.
    var rows: [Row]

    /// The 1-based column number of `name` in the header, as printed in diagnostics.
    func columnNumber(of name: String) -> Int { (header.firstIndex(of: name) ?? -1) + 1 }

    /// Reads the CSV file at `path`, reporting problems against the name `file`.
    ///
    /// - Returns: the table (with an empty header when the file is empty), or nil when the file
    ///   is missing, unreadable or too damaged for its rows to be trusted (an unterminated quote).
    static func read(path: String, file: String, diagnostics: inout [Diagnostic]) -> CSVTable? {
        guard let bytes = FileManager.default.contents(atPath: path) else {
            let exists = FileManager.default.fileExists(atPath: path)
            diagnostics.error(file, exists ? "cannot read the file" : "file not found")
            return nil
        }
        var text = decodeUTF8(Array(bytes), file: file, diagnostics: &diagnostics)
        if text.unicodeScalars.first == "\u{FEFF}" { text.unicodeScalars.removeFirst() }
        return parse(text, file: file, diagnostics: &diagnostics)
    }

    /// Splits `text` into a header and rows (the part of `read` that needs no file).
    static func parse(_ text: String, file: String, diagnostics: inout [Diagnostic]) -> CSVTable? {
        guard checkQuoting(text, file: file, diagnostics: &diagnostics) else { return nil }
        guard let reader = try? CSVReader(string: text, hasHeaderRow: false) else {
            diagnostics.error(file, "cannot be read as CSV")
            return nil
        }
        var line = 1
        var firstRow: [String]?
        var rows: [Row] = []
        while let fields = reader.next() {
            let start = line
            // A row spans one physical line plus every line break inside its quoted fields.
            line += 1 + fields.reduce(0) { $0 + lineBreaks(in: $1) }
            if fields == [""] { continue }  // a blank line
            guard let header = firstRow else {
                firstRow = fields
                continue
            }
            guard fields.count == header.count else {
                let column = fields.count > header.count ? header.count + 1 : fields.count + 1  // the first extra or missing field
                diagnostics.error(file, line: start, column: column,
                                  "row has \(fields.count) fields but the header has \(header.count); the row is ignored")
                continue
            }
            rows.append(Row(line: start, fields: fields))
        }
        // An empty file has no header: the loader says what it expected there.
        let header = firstRow ?? []
        var seen: [String: Int] = [:]
        for (index, name) in header.enumerated() {
            if let first = seen[name] {
                diagnostics.error(file, line: 1, column: index + 1,
                                  "column `\(name)` appears twice (also column \(first + 1))")
            } else {
                seen[name] = index
            }
        }
        return CSVTable(file: file, header: header, rows: rows)
    }

    /// Checks the header for the `required` columns, and notes every column that is neither
    /// required nor `optional` (unknown columns are kept and ignored, SPEC §2).
    ///
    /// - Returns: false when a required column is missing.
    func checkColumns(required: [String], optional: [String], diagnostics: inout [Diagnostic]) -> Bool {
        guard !header.isEmpty else {
            diagnostics.error(file, "the file is empty; expected a header row with the columns \(required.joined(separator: ", "))")
            return false
        }
        var complete = true
        for name in required where !header.contains(name) {
            let known = header.filter { !required.contains($0) && !optional.contains($0) }
            diagnostics.error(file, line: 1, "missing required column `\(name)`" + didYouMean(name, among: known))
            complete = false
        }
        for (index, name) in header.enumerated() where !required.contains(name) && !optional.contains(name) {
            let what = name.isEmpty ? "unnamed column" : "unknown column `\(name)`"
            diagnostics.note(file, line: 1, column: index + 1,
                             "\(what) is ignored" + didYouMean(name, among: required + optional))
        }
        return complete
    }

    // MARK: Encoding and quoting

    /// Decodes UTF-8, reporting every line that holds bytes that are not UTF-8 (those bytes
    /// become U+FFFD so that the rest of the file can still be checked).
    private static func decodeUTF8(_ bytes: [UInt8], file: String, diagnostics: inout [Diagnostic]) -> String {
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        // A line feed byte never occurs inside a multi-byte sequence, so lines decode alone.
        var reported = 0
        for (index, line) in bytes.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated()
        where String(validating: line, as: UTF8.self) == nil {
            reported += 1
            if reported <= 10 {
                diagnostics.error(file, line: index + 1, "the line is not valid UTF-8 (save the file as UTF-8)")
            }
        }
        if reported > 10 {
            diagnostics.error(file, "\(reported - 10) more lines are not valid UTF-8")
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Checks RFC 4180 quoting: a quote may only open a field, close it, or be doubled inside
    /// it. CSV.swift accepts an unterminated quote by reading to the end of the file.
    ///
    /// - Returns: false when a quoted field is never closed (the rows cannot be trusted).
    private static func checkQuoting(_ text: String, file: String, diagnostics: inout [Diagnostic]) -> Bool {
        enum Place { case fieldStart, unquoted, quoted, afterQuote }
        var place = Place.fieldStart
        var line = 1, field = 1
        var opened = (line: 0, field: 0)
        var reported = (line: 0, field: 0)
        var previousWasCR = false
        for c in text.unicodeScalars {
            let isBreak = c == "\n" || c == "\r"
            defer { previousWasCR = c == "\r" }
            if isBreak {
                if !(c == "\n" && previousWasCR) { line += 1 }
                if place != .quoted {
                    place = .fieldStart
                    field = 1
                }
                continue
            }
            switch (place, c) {
            case (.fieldStart, "\""):
                place = .quoted
                opened = (line, field)
            case (.fieldStart, ","), (.unquoted, ","), (.afterQuote, ","):
                place = .fieldStart
                field += 1
            case (.fieldStart, _):
                place = .unquoted
            case (.unquoted, "\""):
                // One report per field, however many stray quotes it holds.
                guard reported != (line, field) else { break }
                reported = (line, field)
                diagnostics.error(file, line: line, column: field,
                                  "a quote inside an unquoted field; quote the whole field and double the inner quote (\"\")")
            case (.quoted, "\""):
                place = .afterQuote
            case (.afterQuote, "\""):
                place = .quoted  // a doubled quote stands for one quote
            case (.afterQuote, _):
                diagnostics.error(file, line: line, column: field,
                                  "text after the closing quote of a quoted field")
                place = .unquoted
            case (.unquoted, _), (.quoted, _):
                break
            }
        }
        if place == .quoted {
            diagnostics.error(file, line: opened.line, column: opened.field,
                              "the quoted field that starts here is never closed")
            return false
        }
        return true
    }

    /// The number of physical line breaks in a field (CRLF counts once).
    private static func lineBreaks(in field: String) -> Int {
        var count = 0
        var previousWasCR = false
        for c in field.unicodeScalars {
            if c == "\r" || (c == "\n" && !previousWasCR) { count += 1 }
            previousWasCR = c == "\r"
        }
        return count
    }
}

// MARK: - Collecting diagnostics

extension [Diagnostic] {
    mutating func error(_ file: String, line: Int = 0, column: Int = 0, _ message: String) {
        append(Diagnostic(file: file, line: line, column: column, .error, message))
    }

    mutating func warning(_ file: String, line: Int = 0, column: Int = 0, _ message: String) {
        append(Diagnostic(file: file, line: line, column: column, .warning, message))
    }

    mutating func note(_ file: String, line: Int = 0, column: Int = 0, _ message: String) {
        append(Diagnostic(file: file, line: line, column: column, .note, message))
    }

    var hasErrors: Bool { contains { $0.severity == .error } }
}
