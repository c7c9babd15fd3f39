import Foundation
import Testing

@testable import Dataset

/// The byte scanner under `CSVTable`: rows, fields and physical lines of small files whose
/// reading is worked out by hand, and the number and UTF-8 readers checked against the
/// standard library's.
@Suite struct CSVTextTests {
    /// The table of `text` (no file involved) and what it reported.
    func parse(_ text: String) -> (table: CSVTable?, diagnostics: [String]) {
        var diagnostics: [Diagnostic] = []
        let table = CSVTable.parse(text, file: "t.csv", diagnostics: &diagnostics)
        return (table, diagnostics.map(\.description))
    }

    /// The table of a file holding `bytes`, read as the loader reads it.
    func read(_ bytes: [UInt8]) throws -> (table: CSVTable?, diagnostics: [String]) {
        let path = FileManager.default.temporaryDirectory.path + "/visitplan-csv-\(UUID().uuidString).csv"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        var diagnostics: [Diagnostic] = []
        let table = CSVTable.read(path: path, file: "t.csv", diagnostics: &diagnostics)
        return (table, diagnostics.map(\.description))
    }

    /// Each row as its line and its fields.
    func rows(_ table: CSVTable?) -> [Row] {
        table?.rows.map { Row(line: $0.line, fields: $0.fields) } ?? []
    }

    struct Row: Equatable, CustomStringConvertible {
        var line: Int
        var fields: [String]
        var description: String { "\(line): \(fields)" }
    }

    // MARK: Rows, fields and lines

    @Test func quotedFieldsHoldCommasDoubledQuotesAndLineBreaks() {
        // Line 2 opens a quoted name that closes on line 3, so the next row starts on line 4.
        let (table, diagnostics) = parse("id,name\n1,\"Smith, \"\"Jo\"\"\nJunior\"\n2,Lee\n")
        #expect(diagnostics.isEmpty)
        #expect(table?.header == ["id", "name"])
        #expect(
            rows(table) == [Row(line: 2, fields: ["1", "Smith, \"Jo\"\nJunior"]), Row(line: 4, fields: ["2", "Lee"])])
    }

    @Test func crlfEndsOneLineAndLeavesNoCarriageReturnInFields() {
        let (table, diagnostics) = parse("a,b\r\n1,2\r\n\"x\r\ny\",3\r\n4,5\r\n")
        #expect(diagnostics.isEmpty)
        // The quoted x⏎y spans lines 3 and 4, so `4,5` is on line 5.
        #expect(
            rows(table) == [
                Row(line: 2, fields: ["1", "2"]), Row(line: 3, fields: ["x\r\ny", "3"]),
                Row(line: 5, fields: ["4", "5"]),
            ])
    }

    @Test func aLoneCarriageReturnEndsALineToo() {
        #expect(rows(parse("a\r1\r2").table) == [Row(line: 2, fields: ["1"]), Row(line: 3, fields: ["2"])])
    }

    @Test func theLastRowNeedsNoLineEnd() {
        let withEnd = rows(parse("a,b\n1,2\n").table), withoutEnd = rows(parse("a,b\n1,2").table)
        #expect(withEnd == [Row(line: 2, fields: ["1", "2"])])
        #expect(withoutEnd == withEnd)
    }

    @Test func blankLinesAreSkippedButCounted() {
        let (table, diagnostics) = parse("\na,b\n\n1,2\n\n\n3,4\n\n")
        #expect(diagnostics.isEmpty)
        #expect(table?.header == ["a", "b"])
        #expect(rows(table) == [Row(line: 4, fields: ["1", "2"]), Row(line: 7, fields: ["3", "4"])])
    }

    @Test func emptyFieldsAtTheEndsOfARowAreFields() {
        #expect(
            rows(parse("a,b,c\n,,\n1,,\"\"").table) == [
                Row(line: 2, fields: ["", "", ""]), Row(line: 3, fields: ["1", "", ""]),
            ])
    }

    @Test func aBOMIsNotPartOfTheFirstColumnName() throws {
        let (table, diagnostics) = try read([0xEF, 0xBB, 0xBF] + Array("id,x\nA,1\n".utf8))
        #expect(diagnostics.isEmpty)
        #expect(table?.header == ["id", "x"])
        #expect(rows(table) == [Row(line: 2, fields: ["A", "1"])])
    }

    @Test func anEmptyFileHasNoHeader() throws {
        let (table, diagnostics) = try read([])
        #expect(diagnostics.isEmpty)
        #expect(table?.header == [] && table?.rows.isEmpty == true)
    }

    @Test func aMegabyteFieldIsReadWhole() {
        let long = String(repeating: "x", count: 1 << 20)
        let (table, _) = parse("a,b\n1,\"\(long)\"\n2,y\n")
        #expect(rows(table).map(\.fields) == [["1", long], ["2", "y"]])
    }

    // MARK: What is reported

    @Test func reportsARowWithTooFewOrTooManyFieldsAtTheFirstMissingOrExtraOne() {
        let (table, diagnostics) = parse("a,b,c\n1,2\n1,2,3,4\n5,6,7\n")
        #expect(
            diagnostics == [
                "t.csv:2:3: error: row has 2 fields but the header has 3; the row is ignored",
                "t.csv:3:4: error: row has 4 fields but the header has 3; the row is ignored",
            ])
        #expect(rows(table) == [Row(line: 4, fields: ["5", "6", "7"])])
    }

    @Test func reportsAStrayQuoteOncePerField() {
        let (table, diagnostics) = parse("a,b\n1,x\"y\"z\n")
        #expect(
            diagnostics == [
                "t.csv:2:2: error: a quote inside an unquoted field; quote the whole field and double the inner quote (\"\")"
            ])
        #expect(rows(table) == [Row(line: 2, fields: ["1", "x\"y\"z"])])  // kept as written
    }

    @Test func reportsTextAfterAClosingQuote() {
        // RFC 4180 has nothing after a closing quote. The reading (CSV.swift's, kept so that
        // every later message stays the same) keeps the quote, drops the `y` and reads on inside
        // the quotes to the end of the file: one field where the header has two.
        let (table, diagnostics) = parse("a,b\n\"x\"y,2\n")
        #expect(
            diagnostics == [
                "t.csv:2:1: error: text after the closing quote of a quoted field",
                "t.csv:2:2: error: row has 1 fields but the header has 2; the row is ignored",
            ])
        #expect(rows(table).isEmpty)
    }

    @Test func reportsWhereAnUnclosedQuoteOpens() {
        let (table, diagnostics) = parse("a,b\n1,2\n3,\"x\n4,5\n")
        #expect(table == nil)
        #expect(diagnostics == ["t.csv:3:2: error: the quoted field that starts here is never closed"])
    }

    @Test func reportsAColumnNameThatAppearsTwice() {
        #expect(parse("x,y,x\n1,2,3\n").diagnostics == ["t.csv:1:3: error: column `x` appears twice (also column 1)"])
    }

    @Test func reportsTheLinesThatAreNotUTF8AndReadsTheRest() throws {
        // Line 3 holds a Latin-1 é (E9), line 4 a byte UTF-8 never uses (FF).
        let bytes = Array("id,name\nA,ok\nB,".utf8) + [0xE9] + Array("\nC,".utf8) + [0xFF] + Array("\nD,fine\n".utf8)
        let (table, diagnostics) = try read(bytes)
        #expect(
            diagnostics == [
                "t.csv:3: error: the line is not valid UTF-8 (save the file as UTF-8)",
                "t.csv:4: error: the line is not valid UTF-8 (save the file as UTF-8)",
            ])
        #expect(rows(table).map(\.fields) == [["A", "ok"], ["B", "\u{FFFD}"], ["C", "\u{FFFD}"], ["D", "fine"]])
    }

    @Test(arguments: [
        [0xC0, 0x80] as [UInt8],  // an overlong NUL
        [0xED, 0xA0, 0x80],  // a surrogate, U+D800
        [0xF4, 0x90, 0x80, 0x80],  // past U+10FFFF
        [0xE2, 0x82],  // a character cut short
        [0x80],  // a lone continuation byte
    ])
    func rejectsWhatUTF8Forbids(_ bad: [UInt8]) {
        #expect(!CSVText.isValidUTF8(Array("abcdefgh".utf8) + bad))
        #expect(CSVText.isValidUTF8(Array("abcdefgh€😀é".utf8)))
    }

    @Test func acceptsTheSameBytesAsTheStandardLibrary() {
        var random = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            // Mostly ASCII, some bytes of multi-byte characters, some anything.
            let bytes = (0..<Int.random(in: 0..<24, using: &random)).map { _ -> UInt8 in
                switch Int.random(in: 0..<4, using: &random) {
                case 0: UInt8.random(in: 0x80...0xBF, using: &random)
                case 1: UInt8.random(in: 0xC0...0xFF, using: &random)
                default: UInt8.random(in: 0x20...0x7E, using: &random)
                }
            }
            #expect(CSVText.isValidUTF8(bytes) == (String(validating: bytes, as: UTF8.self) != nil), "\(bytes)")
        }
    }

    // MARK: Numbers from bytes

    func number(_ text: String) -> NumericCell {
        Array(text.utf8).withUnsafeBufferPointer(NumericCell.init(utf8:))
    }

    @Test func readsNumbersMissingValuesAndRejectsText() {
        #expect(number(" 2.5\t") == .value(2.5))
        #expect(number("-0.1064") == .value(-0.1064))
        #expect(number("3.0e2") == .value(300))
        #expect(number("+.5") == .value(0.5))
        #expect(number("") == .missing && number("  ") == .missing && number("NA") == .missing)
        #expect(number("1,5") == .invalid(reason: "a decimal comma; write the number with a decimal point"))
        #expect(number("1e400") == .invalid(reason: "out of range (it overflows a 64-bit floating-point number)"))
        // 1e100 is the largest magnitude accepted: minmax then subtracts, and z-scores square and sum.
        #expect(number("1e100") == .value(1e100) && number("-1e100") == .value(-1e100))
        for text in ["1e101", "-1e308", "1.0000001e100"] {
            guard case .invalid(let reason) = number(text) else { Issue.record("\(text) accepted"); continue }
            #expect(reason.hasPrefix("out of range: the largest magnitude accepted is 1e100"))
        }
        #expect(
            number("na") == .invalid(reason: "expected a decimal number such as 2, -1.5 or 3.0e2, an empty cell or NA"))
        if case .value(let zero) = number("-0") {
            #expect(zero == 0 && zero.sign == .minus)
        } else {
            Issue.record("-0")
        }
    }

    @Test func readsEveryDecimalToTheSameBitsAsTheStandardLibrary() {
        var random = SystemRandomNumberGenerator()
        // Short decimals take the exact fast path; long ones, tiny and huge exponents the general one.
        for _ in 0..<50_000 {
            var text = Bool.random(using: &random) ? "-" : ""
            text += String(
                UInt64.random(in: 0...UInt64.max, using: &random) >> UInt64.random(in: 0..<64, using: &random))
            if Bool.random(using: &random) {
                text += "." + String(UInt64.random(in: 0...999_999_999_999, using: &random))
            }
            if Int.random(in: 0..<4, using: &random) == 0 {
                text += "e" + String(Int.random(in: -340...320, using: &random))
            }
            // Values past 1e100 in magnitude are refused (NumericCell.largestMagnitude).
            let expected = Double(text).flatMap { $0.isFinite && $0.magnitude <= 1e100 ? $0 : nil }
            guard case .value(let value) = number(text) else {
                #expect(expected == nil, "\(text)")
                continue
            }
            #expect(value.bitPattern == expected?.bitPattern, "\(text)")
        }
    }
}
