#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The bytes of a CSV file and the rules that split them into rows and fields (SPEC §2).
///
/// The rules are those of CSV.swift 2.5.2, which read these files before, byte for byte, so that
/// every row, field and diagnostic stays what it was:
/// - a row ends at LF, CR or CRLF outside quotes, or at the end of the file (a line end at the
///   very end adds no row);
/// - a field that starts with a quote runs to a quote followed by a comma, a line end or the end
///   of the file. Inside it `""` is one quote, and a quote followed by any other character is kept
///   while that character is dropped (CSV.swift's reading of `"ab"cd`, which `CSVTable` reports);
///   an unclosed one runs to the end of the file;
/// - any other field runs to the next comma or line end, quotes included.
///
/// The text is UTF-8 (`CSVTable.read` checks it first), so the four bytes that matter, `,` `"`
/// CR and LF, never occur inside a multi-byte character.
struct CSVText {
    var bytes: [UInt8]

    /// Where one field is in the file.
    struct Field {
        /// The field's first byte: its opening quote when it is quoted.
        var start: Int
        /// The comma, line end or end of file after it.
        var end: Int
        var isQuoted: Bool

        /// Whether the field's text is the empty string: nothing, `""`, or a lone quote at the end
        /// of the file.
        @inline(__always)
        func isEmpty(in p: UnsafeBufferPointer<UInt8>) -> Bool {
            guard isQuoted else { return end == start }
            return end - start == 1 || (end - start == 2 && p[start + 1] == .quote)
        }
    }

    /// What the scan of a row tells besides its fields; the table's first pass listens, the
    /// other readings of a row do not.
    protocol Observer {
        mutating func field(_ field: Field)
        /// A line break inside a quoted field (CRLF is one).
        mutating func lineBreakInQuotes()
        /// A quote inside an unquoted field.
        mutating func quoteInUnquotedField()
        /// A quoted field closed and followed by something other than a comma or a line end.
        mutating func textAfterClosingQuote()
        /// The quoted field that the row ends with runs to the end of the file.
        mutating func unclosedQuote()
    }

    // MARK: Splitting

    /// Reads the row that starts at `start`, which is before the end of the file, telling
    /// `observer` each of its fields.
    ///
    /// - Returns: where the next row starts: after the row's line end, or the end of the file.
    /// - Complexity: O(length of the row).
    @inline(__always)
    static func scanRow<O: Observer>(_ p: UnsafeBufferPointer<UInt8>, from start: Int, _ observer: inout O) -> Int {
        let n = p.count
        var i = start
        fields: while true {
            let fieldStart = i
            // A comma at the very end leaves an empty last field.
            guard i < n else {
                observer.field(Field(start: i, end: i, isQuoted: false))
                return n
            }
            if p[i] == .quote {
                i += 1
                while i < n {
                    let byte = p[i]
                    guard byte == .quote else {
                        // CRLF is one line break.
                        if byte == .carriageReturn || (byte == .lineFeed && p[i - 1] != .carriageReturn) {
                            observer.lineBreakInQuotes()
                        }
                        i += 1
                        continue
                    }
                    guard i + 1 < n else {
                        observer.field(Field(start: fieldStart, end: n, isQuoted: true))
                        return n
                    }
                    switch p[i + 1] {
                    case .quote:
                        i += 2
                    case .comma:
                        observer.field(Field(start: fieldStart, end: i + 1, isQuoted: true))
                        i += 2
                        continue fields
                    case .lineFeed:
                        observer.field(Field(start: fieldStart, end: i + 1, isQuoted: true))
                        return i + 2
                    case .carriageReturn:
                        observer.field(Field(start: fieldStart, end: i + 1, isQuoted: true))
                        return i + 2 < n && p[i + 2] == .lineFeed ? i + 3 : i + 2
                    case let other:
                        observer.textAfterClosingQuote()
                        i = min(n, i + 1 + scalarLength(leadingByte: other))
                    }
                }
                observer.unclosedQuote()
                observer.field(Field(start: fieldStart, end: n, isQuoted: true))
                return n
            } else {
                while i < n {
                    let byte = p[i]
                    // Every byte that ends a field or is reported is at most `,` (0x2C):
                    // digits, letters, `.` and `-` take the first test only.
                    if byte > .comma {
                        i += 1
                        continue
                    }
                    if byte == .comma { break }
                    if byte == .lineFeed {
                        observer.field(Field(start: fieldStart, end: i, isQuoted: false))
                        return i + 1
                    }
                    if byte == .carriageReturn {
                        observer.field(Field(start: fieldStart, end: i, isQuoted: false))
                        return i + 1 < n && p[i + 1] == .lineFeed ? i + 2 : i + 1
                    }
                    if byte == .quote { observer.quoteInUnquotedField() }
                    i += 1
                }
                observer.field(Field(start: fieldStart, end: i, isQuoted: false))
                guard i < n else { return n }
                i += 1  // the comma
            }
        }
    }

    /// The fields of the row that starts at `start`, written into `fields` (reused from row to
    /// row to spare an allocation each).
    func fields(ofRowAt start: Int, into fields: inout [Field]) {
        struct Collect: Observer {
            var fields: [Field]
            mutating func field(_ field: Field) { fields.append(field) }
        }
        var collect = Collect(fields: [])
        swap(&collect.fields, &fields)  // the caller's buffer, to be reused
        collect.fields.removeAll(keepingCapacity: true)
        bytes.withUnsafeBufferPointer { p in _ = Self.scanRow(p, from: start, &collect) }
        fields = collect.fields
    }

    // MARK: A field's text

    /// The text of each field of the row that starts at `start`.
    func strings(ofRowAt start: Int, capacity: Int) -> [String] {
        struct Strings: Observer {
            let bytes: UnsafeBufferPointer<UInt8>
            var strings: [String] = []
            var scratch: [UInt8] = []
            mutating func field(_ field: Field) {
                strings.append(
                    CSVText.withText(of: field, in: bytes, scratch: &scratch) {
                        String(decoding: $0, as: UTF8.self)
                    })
            }
        }
        return bytes.withUnsafeBufferPointer { p in
            var strings = Strings(bytes: p)
            strings.strings.reserveCapacity(capacity)
            _ = Self.scanRow(p, from: start, &strings)
            return strings.strings
        }
    }

    /// Calls `body` with the UTF-8 text of `field`: the bytes themselves when it is unquoted,
    /// else its unquoted text written into `scratch`.
    func withText<R>(of field: Field, scratch: inout [UInt8], _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        bytes.withUnsafeBufferPointer { p in Self.withText(of: field, in: p, scratch: &scratch, body) }
    }

    /// The text of `field`.
    func string(_ field: Field) -> String {
        var scratch: [UInt8] = []
        return withText(of: field, scratch: &scratch) { String(decoding: $0, as: UTF8.self) }
    }

    /// Calls `body` with the UTF-8 text of `field` of the file `p`.
    @inline(__always)
    static func withText<R>(
        of field: Field, in p: UnsafeBufferPointer<UInt8>, scratch: inout [UInt8],
        _ body: (UnsafeBufferPointer<UInt8>) -> R
    ) -> R {
        guard field.isQuoted else { return body(UnsafeBufferPointer(rebasing: p[field.start..<field.end])) }
        scratch.removeAll(keepingCapacity: true)
        var i = field.start + 1
        while i < field.end {
            let byte = p[i]
            guard byte == .quote else {
                scratch.append(byte)
                i += 1
                continue
            }
            if i + 1 == field.end { break }  // the closing quote
            scratch.append(.quote)
            // `""` is one quote; after any other quote CSV.swift drops the character.
            i += p[i + 1] == .quote ? 2 : 1 + scalarLength(leadingByte: p[i + 1])
        }
        return scratch.withUnsafeBufferPointer(body)
    }

    /// The number of bytes of the UTF-8 character that starts with `byte`.
    @inline(__always)
    static func scalarLength(leadingByte byte: UInt8) -> Int {
        byte < 0xC0 ? 1 : byte < 0xE0 ? 2 : byte < 0xF0 ? 3 : 4
    }

    // MARK: Reading and checking the bytes

    /// Whether `bytes` are well-formed UTF-8 (The Unicode Standard, table 3-7): what
    /// `String(validating:as:)` accepts, without making the string.
    ///
    /// - Complexity: O(n); ASCII is checked 8 bytes at a time.
    static func isValidUTF8(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { p in
            let n = p.count
            guard let base = p.baseAddress else { return true }
            let raw = UnsafeRawPointer(base)
            var i = 0
            while i < n {
                if i + 8 <= n {
                    let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                    if word & 0x8080_8080_8080_8080 == 0 {
                        i += 8
                        continue
                    }
                }
                let lead = p[i]
                if lead < 0x80 {
                    i += 1
                    continue
                }
                // The allowed range of the second byte depends on the first; the others are 80…BF.
                let length: Int, second: ClosedRange<UInt8>
                switch lead {
                case 0xC2...0xDF: (length, second) = (2, 0x80...0xBF)
                case 0xE0: (length, second) = (3, 0xA0...0xBF)
                case 0xE1...0xEC, 0xEE...0xEF: (length, second) = (3, 0x80...0xBF)
                case 0xED: (length, second) = (3, 0x80...0x9F)
                case 0xF0: (length, second) = (4, 0x90...0xBF)
                case 0xF1...0xF3: (length, second) = (4, 0x80...0xBF)
                case 0xF4: (length, second) = (4, 0x80...0x8F)
                default: return false
                }
                guard i + length <= n, second.contains(p[i + 1]) else { return false }
                for k in 2..<length where !(0x80...0xBF).contains(p[i + k]) { return false }
                i += length
            }
            return true
        }
    }
}

extension UInt8 {
    static let quote = UInt8(ascii: "\"")
    static let comma = UInt8(ascii: ",")
    static let lineFeed = UInt8(ascii: "\n")
    static let carriageReturn = UInt8(ascii: "\r")
}

extension CSVText.Observer {
    // Only the table's first pass checks the quoting and counts lines.
    func lineBreakInQuotes() {}
    func quoteInUnquotedField() {}
    func textAfterClosingQuote() {}
    func unclosedQuote() {}
}
