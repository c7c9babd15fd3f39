import Foundation

/// A CSV file, each row knowing the physical line it starts on (SPEC §2).
///
/// Reading accepts UTF-8 with or without a BOM, LF or CRLF line ends and RFC 4180 quoting.
/// Problems are reported as diagnostics at `file:line:column`, the line being the 1-based
/// physical line (the header is line 1) and the column the 1-based field number.
///
/// The table keeps the file's bytes and where each row starts, not a string per field: a row
/// becomes text when it is visited, and a loader that needs only some cells reads just those
/// (`Rows.fields(ofRow:into:)`). For 1,000,000 rows of 33 numbers that is the file's size plus
/// 16 bytes a row, where strings would take several times the file.
struct CSVTable {
    struct Row {
        /// The physical line on which the row starts.
        var line: Int
        var fields: [String]
    }

    /// The data rows, without blank lines; every row has as many fields as the header.
    struct Rows: RandomAccessCollection {
        var text: CSVText
        /// Where each row starts in `text`.
        var starts: [Int] = []
        /// The physical line on which each row starts.
        var lines: [Int] = []
        /// The number of fields of every row.
        var columnCount = 0

        var startIndex: Int { 0 }
        var endIndex: Int { starts.count }

        subscript(index: Int) -> Row {
            Row(line: lines[index], fields: text.strings(ofRowAt: starts[index], capacity: columnCount))
        }

        /// Where the fields of row `index` are in `text`, written into `fields` (reused from
        /// row to row), for a loader that makes text or numbers of only the cells it needs.
        func fields(ofRow index: Int, into fields: inout [CSVText.Field]) {
            text.fields(ofRowAt: starts[index], into: &fields)
        }
    }

    /// The file's name as shown in diagnostics.
    var file: String
    var header: [String]
    var rows: Rows

    /// The file's bytes, which `rows` point into.
    var text: CSVText { rows.text }

    /// The 1-based column number of `name` in the header, as printed in diagnostics.
    func columnNumber(of name: String) -> Int { (header.firstIndex(of: name) ?? -1) + 1 }

    /// Reads the CSV file at `path`, reporting problems against the name `file`.
    ///
    /// - Returns: the table (with an empty header when the file is empty), or nil when the file
    ///   is missing, unreadable or too damaged for its rows to be trusted (an unterminated quote).
    static func read(path: String, file: String, diagnostics: inout [Diagnostic]) -> CSVTable? {
        guard var bytes = InputFile.bytes(atPath: path, file: file, diagnostics: &diagnostics) else { return nil }
        if !CSVText.isValidUTF8(bytes) {
            bytes = Array(decodeUTF8(bytes, file: file, diagnostics: &diagnostics).utf8)
        }
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        return parse(
            CSVText(bytes: bytes), from: bytes.starts(with: bom) ? bom.count : 0,
            file: file, diagnostics: &diagnostics)
    }

    /// Splits `text` into a header and rows (the part of `read` that needs no file).
    static func parse(_ text: String, file: String, diagnostics: inout [Diagnostic]) -> CSVTable? {
        parse(CSVText(bytes: Array(text.utf8)), from: 0, file: file, diagnostics: &diagnostics)
    }

    /// Splits the UTF-8 `text` from byte `start` on into a header and rows.
    ///
    /// One pass finds the rows, their lines and their numbers of fields, and checks the quoting
    /// on the way; only a file with text after a closing quote, where CSV.swift's reading and
    /// the check part ways, is checked again on its own (`checkQuoting`).
    ///
    /// - Complexity: O(n) for n bytes.
    static func parse(_ text: CSVText, from start: Int, file: String, diagnostics: inout [Diagnostic]) -> CSVTable? {
        var rows = Rows(text: text)
        var headerStart: Int?
        var headerCount = 0
        var quoting: [Diagnostic] = []
        var problems: [Diagnostic] = []
        var unclosed: (line: Int, column: Int)?
        var diverged = false
        text.bytes.withUnsafeBufferPointer { p in
            var pass = FirstPass(bytes: p, file: file)
            var i = start
            while i < p.count {
                pass.startRow()
                let next = CSVText.scanRow(p, from: i, &pass)
                defer {
                    pass.line += 1  // the row's line end
                    i = next
                }
                if pass.fieldCount == 1 && pass.firstFieldIsEmpty { continue }  // a blank line
                guard headerStart != nil else {
                    (headerStart, headerCount) = (i, pass.fieldCount)
                    rows.columnCount = headerCount
                    continue
                }
                guard pass.fieldCount == headerCount else {
                    let count = pass.fieldCount
                    // The column is that of the first extra or missing field.
                    problems.error(
                        file, line: pass.rowLine, column: min(count, headerCount) + 1,
                        "row has \(count) fields but the header has \(headerCount); the row is ignored")
                    continue
                }
                rows.starts.append(i)
                rows.lines.append(pass.rowLine)
            }
            quoting = pass.quoting
            unclosed = pass.unclosed
            diverged = pass.diverged
            if diverged {
                quoting = []
                unclosed = nil
                checkQuoting(p, from: start, file: file, diagnostics: &quoting, unclosed: &unclosed)
            }
        }
        diagnostics += quoting
        if let unclosed {
            diagnostics.error(
                file, line: unclosed.line, column: unclosed.column,
                "the quoted field that starts here is never closed")
            return nil
        }
        diagnostics += problems

        // An empty file has no header: the loader says what it expected there.
        let header =
            headerStart.map { Rows(text: text, starts: [$0], lines: [1], columnCount: rows.columnCount)[0].fields }
            ?? []
        var seen: [String: Int] = [:]
        for (index, name) in header.enumerated() {
            if let first = seen[name] {
                diagnostics.error(
                    file, line: 1, column: index + 1,
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
    /// - Parameter misspelt: header position → the known column that header stands for (see
    ///   `intendedColumn(for:among:)`). Each is an error, not a note: ignoring it would read the
    ///   column it stands for as absent (SPEC §7). A required column named there is not reported
    ///   missing a second time.
    /// - Returns: false when a required column is missing.
    ///
    /// - Complexity: O(header + required + optional): the names are looked up in sets, so an
    ///   indicators.csv of 100,000 columns (all of them `optional`) is checked in one pass.
    func checkColumns(
        required: [String], optional: [String], misspelt: [Int: String] = [:], diagnostics: inout [Diagnostic]
    ) -> Bool {
        guard !header.isEmpty else {
            diagnostics.error(
                file, "the file is empty; expected a header row with the columns \(required.joined(separator: ", "))")
            return false
        }
        let known = Set(required).union(optional)
        let present = Set(header)
        var complete = true
        let misspeltColumns = Set(misspelt.values)
        for name in required where !present.contains(name) {
            complete = false
            guard !misspeltColumns.contains(name) else { continue }
            let unknown = header.filter { !known.contains($0) }
            diagnostics.error(file, line: 1, "missing required column `\(name)`" + didYouMean(name, among: unknown))
        }
        for (index, name) in header.enumerated() where !known.contains(name) {
            if let intended = misspelt[index] {
                let exactly =
                    name.trimmingSpaces.lowercased() == intended
                    ? " (names are matched exactly: case and surrounding spaces count)" : ""
                diagnostics.error(
                    file, line: 1, column: index + 1,
                    "column `\(name)` is not a column of this file, so it would be ignored\(exactly); did you mean `\(intended)`?"
                )
                continue
            }
            let what = name.isEmpty ? "unnamed column" : "unknown column `\(name)`"
            diagnostics.note(
                file, line: 1, column: index + 1,
                "\(what) is ignored" + didYouMean(name, among: required + optional))
        }
        return complete
    }

    // MARK: The first pass

    /// Counts lines and fields row by row, and checks RFC 4180 quoting: a quote may only open a
    /// field, close it, or be doubled inside it.
    private struct FirstPass: CSVText.Observer {
        let bytes: UnsafeBufferPointer<UInt8>
        let file: String
        /// The physical line being read.
        var line = 1
        /// The line on which the current row starts.
        var rowLine = 1
        var fieldCount = 0
        var firstFieldIsEmpty = false
        /// The line on which the field being read starts.
        var fieldLine = 1
        /// The field of the row whose stray quote was reported: one report per field.
        var reportedField = 0
        var quoting: [Diagnostic] = []
        var unclosed: (line: Int, column: Int)?
        /// Text after a closing quote: from there CSV.swift reads on inside the quotes while
        /// the check reads an unquoted field, so `checkQuoting` says what the check says.
        var diverged = false

        init(bytes: UnsafeBufferPointer<UInt8>, file: String) {
            self.bytes = bytes
            self.file = file
        }

        mutating func startRow() {
            (rowLine, fieldLine) = (line, line)
            (fieldCount, reportedField) = (0, 0)
        }

        @inline(__always)
        mutating func field(_ field: CSVText.Field) {
            fieldCount += 1
            if fieldCount == 1 { firstFieldIsEmpty = field.isEmpty(in: bytes) }
            fieldLine = line
        }

        mutating func lineBreakInQuotes() { line += 1 }

        mutating func quoteInUnquotedField() {
            guard reportedField != fieldCount + 1 else { return }
            reportedField = fieldCount + 1
            quoting.error(
                file, line: line, column: fieldCount + 1,
                "a quote inside an unquoted field; quote the whole field and double the inner quote (\"\")")
        }

        mutating func textAfterClosingQuote() { diverged = true }

        mutating func unclosedQuote() { unclosed = (fieldLine, fieldCount + 1) }
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

    /// Checks RFC 4180 quoting on its own, the way the first pass does until text follows a
    /// closing quote: after it, this reads the rest of the field as unquoted where CSV.swift (and
    /// so the rows) read on inside the quotes.
    ///
    /// - Parameter unclosed: set to where a quoted field that is never closed starts.
    private static func checkQuoting(
        _ p: UnsafeBufferPointer<UInt8>, from start: Int, file: String,
        diagnostics: inout [Diagnostic], unclosed: inout (line: Int, column: Int)?
    ) {
        enum Place { case fieldStart, unquoted, quoted, afterQuote }
        var place = Place.fieldStart
        var line = 1, field = 1
        var opened = (line: 0, field: 0)
        var reported = (line: 0, field: 0)
        var previousWasCR = false
        // Bytes of multi-byte characters are all "other" here, as the character was.
        for c in p[start...] {
            let isBreak = c == .lineFeed || c == .carriageReturn
            defer { previousWasCR = c == .carriageReturn }
            if isBreak {
                if !(c == .lineFeed && previousWasCR) { line += 1 }
                if place != .quoted {
                    place = .fieldStart
                    field = 1
                }
                continue
            }
            switch (place, c) {
            case (.fieldStart, .quote):
                place = .quoted
                opened = (line, field)
            case (.fieldStart, .comma), (.unquoted, .comma), (.afterQuote, .comma):
                place = .fieldStart
                field += 1
            case (.fieldStart, _):
                place = .unquoted
            case (.unquoted, .quote):
                // One report per field, however many stray quotes it holds.
                guard reported != (line, field) else { break }
                reported = (line, field)
                diagnostics.error(
                    file, line: line, column: field,
                    "a quote inside an unquoted field; quote the whole field and double the inner quote (\"\")")
            case (.quoted, .quote):
                place = .afterQuote
            case (.afterQuote, .quote):
                place = .quoted  // a doubled quote stands for one quote
            case (.afterQuote, _):
                diagnostics.error(
                    file, line: line, column: field,
                    "text after the closing quote of a quoted field")
                place = .unquoted
            case (.unquoted, _), (.quoted, _):
                break
            }
        }
        if place == .quoted { unclosed = (opened.line, opened.field) }
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
