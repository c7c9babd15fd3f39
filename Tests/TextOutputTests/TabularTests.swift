import CSVReference
import Dataset
import LinearAlgebra
import Testing
import TextOutput

/// `Tabular.csv` writes on bytes what CSV.swift's `CSVWriter` writes; these check it against
/// hand-worked texts and, on random rows full of the characters that need quoting, against the
/// writer itself (`Tabular.csvWriter`).
@Suite struct TabularTests {
    @Test func quotesOnlyWhatNeedsQuoting() {
        let text = Tabular.csv(
            header: ["id", "name"],
            rows: [
                ["A", "plain"], ["B", "a,b"], ["C", "say \"hi\""], ["D", "two\nlines"], ["E", "cr\r"], ["F", ""],
            ])
        #expect(
            Array(text.utf8)
                == Array("id,name\nA,plain\nB,\"a,b\"\nC,\"say \"\"hi\"\"\"\nD,\"two\nlines\"\nE,\"cr\r\"\nF,\n".utf8))
    }

    @Test func emptyRowsWriteNothing() {
        #expect(Tabular.csv(header: [], rows: [["x"], [], ["y", "z"]]) == "x\ny,z\n")
        #expect(Tabular.csv(header: [], rows: [[String]]()) == "\n")
    }

    @Test(arguments: [1, 2, 3])
    func matchesCSVWriterOnRandomRows(seed: UInt64) {
        var random = Xoshiro256(seed: seed)
        let alphabet: [String] = ["a", "Z", "0", " ", ",", "\"", "\n", "\r", "\r\n", "é", "日", "🙂", ";", "\t"]
        func field() -> String {
            let length = Int(random.next() % 6)
            return (0..<length).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }.joined()
        }
        let header = (0..<Int(random.next() % 4)).map { _ in field() }
        let rows = (0..<300).map { _ in (0..<Int(random.next() % 5)).map { _ in field() } }
        // Bytes, not String ==, which compares Unicode-canonically.
        #expect(
            Array(Tabular.csv(header: header, rows: rows).utf8)
                == Array(Tabular.csvWriter(header: header, rows: rows).utf8))
    }

    /// The planner's tables, worked out by hand: widths 1 and 2, two spaces apart and two in
    /// front; the first column right-aligned, the last left-aligned without trailing spaces.
    @Test func indentedTableAlignsAsAsked() {
        let text = Tabular.indentedTable(header: ["a", "bb"], rows: [["1", "x"], ["", "yy"]], rightAligned: [0])
        #expect(text == "  a  bb\n  -  --\n  1  x\n     yy\n")
        #expect(Tabular.indentedTable(header: ["a"], rows: [], rightAligned: [], none: "(none)") == "  (none)\n")
        #expect(Tabular.indentedTable(header: ["a"], rows: [], rightAligned: []) == "  a\n  -\n")
    }
}
