import Dataset
import Foundation
import LinearAlgebra
import Testing
import TextOutput

/// JSONWriter writes, in each ``JSONLayout``, the bytes Foundation's JSONEncoder writes with
/// that layout's settings: JSONEncoder is the oracle, on generated documents.
@Suite struct JSONLayoutTests {
    /// A JSON value, encoded by JSONEncoder through Encodable or written by JSONWriter.
    indirect enum Value: Encodable {
        case object([String: Value])
        case array([Value])
        case string(String)
        case number(Double)
        case integer(Int)
        case bool(Bool)
        case null

        struct Key: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }

        func encode(to encoder: any Encoder) throws {
            switch self {
            case .object(let entries):
                var container = encoder.container(keyedBy: Key.self)
                for (key, value) in entries { try container.encode(value, forKey: Key(stringValue: key)) }
            case .array(let items):
                var container = encoder.unkeyedContainer()
                for item in items { try container.encode(item) }
            case .string(let text):
                var container = encoder.singleValueContainer()
                try container.encode(text)
            case .number(let value):
                var container = encoder.singleValueContainer()
                try container.encode(value)
            case .integer(let value):
                var container = encoder.singleValueContainer()
                try container.encode(value)
            case .bool(let value):
                var container = encoder.singleValueContainer()
                try container.encode(value)
            case .null:
                var container = encoder.singleValueContainer()
                try container.encodeNil()
            }
        }

        /// The value through JSONWriter, object keys in ``JSONWriter/sortedKeys(_:)`` order.
        func write(_ json: inout JSONWriter) {
            switch self {
            case .object(let entries):
                json.openObject()
                for key in JSONWriter.sortedKeys(Array(entries.keys)) {
                    json.key(key)
                    entries[key]?.write(&json)
                }
                json.closeObject()
            case .array(let items):
                json.array(items) { json, item in item.write(&json) }
            case .string(let text): json.string(text)
            case .number(let value): json.number(value)
            case .integer(let value): json.integer(value)
            case .bool(let value): json.bool(value)
            case .null: json.null()
            }
        }
    }

    /// Strings that need every kind of escape, slashes, non-ASCII (composed and decomposed)
    /// and keys whose order depends on case, digits, underscores and accents.
    static let texts = [
        "", "a", "a_b", "aB", "ab", "Ab", "AB", "B", "b", "_a", "a-b", "a.b", "a1", "a10", "a9", "A1", "FRA", "fra",
        "x/y", "</script>", "q\"", "back\\slash", "tab\there", "line\nfeed", "cr\rx", "\u{8}\u{c}", "\u{1}\u{1f}",
        "\u{7f}", "é", "e\u{301}", "a\u{301}", "ä", "ß", "日本", "中", "🙂", "\u{FF01}", "\u{E000}", "İ", "ı",
        "\u{2028}", " lead", "trail ", "0", "00", "1.5",
    ]

    /// Doubles of every form JSONEncoder writes: negative zero, integral values, tiny and huge
    /// ones (exponent forms), subnormals, shortest round-trip fractions.
    static let numbers: [Double] = [
        0, -0.0, 1, -1, 100, 0.1, 0.25, -2.5, 1.0 / 3, 2.0 / 3, 1e-5, 1e-7, 1.5e-300, 5e-324, 2.2250738585072014e-308,
        1e15, 1e16, 1e17, 1e21, 1e22, 123_456_789_012_345_680, 1.7976931348623157e308, -1e300, 0x1p53, 0x1p-13, 0x1p-14,
        0.1 + 0.2, 9_007_199_254_740_993, 4.35, 1234.5678,
    ]

    /// A random value of at most `depth` levels.
    static func generate(_ rng: inout Xoshiro256, depth: Int) -> Value {
        let kind = Int.random(in: 0..<(depth > 0 ? 9 : 6), using: &rng)
        switch kind {
        case 0: return .string(texts.randomElement(using: &rng) ?? "")
        case 1, 2: return .number(numbers.randomElement(using: &rng) ?? 0)
        case 3: return .integer([0, 1, -1, 42, Int.max, Int.min, 1_000_000].randomElement(using: &rng) ?? 0)
        case 4: return .bool(Bool.random(using: &rng))
        case 5: return .null
        case 6, 7:
            let count = Int.random(in: 0...5, using: &rng)
            var entries: [String: Value] = [:]
            for _ in 0..<count {
                entries[texts.randomElement(using: &rng) ?? ""] = generate(&rng, depth: depth - 1)
            }
            return .object(entries)
        default:
            return .array((0..<Int.random(in: 0...4, using: &rng)).map { _ in generate(&rng, depth: depth - 1) })
        }
    }

    /// JSONEncoder's bytes for `value` in `layout`, and JSONWriter's.
    static func both(_ value: Value, _ layout: JSONLayout, capacity: Int = 64) -> (encoder: String, writer: String) {
        let out = OutputBuffer(collectingWithCapacity: capacity)
        var json = JSONWriter(out, layout: layout)
        value.write(&json)
        json.finish()
        return (JSONLayout.text(value, layout: layout), out.text)
    }

    @Test(arguments: [JSONLayout.pretty, .compact, .compactEscapingSlashes])
    func writerWritesJSONEncodersBytes(layout: JSONLayout) {
        var rng = Xoshiro256(seed: 2026)
        for _ in 0..<400 {
            // A top-level object or array, as every command's document.
            let value: Value =
                Bool.random(using: &rng)
                ? .object(
                    Dictionary(
                        Self.texts.shuffled(using: &rng).prefix(6).map { ($0, Self.generate(&rng, depth: 3)) },
                        uniquingKeysWith: { first, _ in first }))
                : .array((0..<3).map { _ in Self.generate(&rng, depth: 3) })
            let (encoder, writer) = Self.both(value, layout)
            #expect(Array(writer.utf8) == Array(encoder.utf8))
            if writer != encoder { return }
        }
    }

    /// Every key and every number alone, and empty containers, in each layout.
    @Test(arguments: [JSONLayout.pretty, .compact, .compactEscapingSlashes])
    func everyKeyAndNumber(layout: JSONLayout) {
        let value = Value.object([
            // "é" and "e\u{301}" are one key to a Swift dictionary: the first is kept.
            "keys": .object(
                Dictionary(Self.texts.enumerated().map { ($1, .integer($0)) }, uniquingKeysWith: { a, _ in a })),
            "numbers": .array(Self.numbers.map { .number($0) }),
            "strings": .array(Self.texts.map { .string($0) }),
            "empty": .array([.array([]), .object([:]), .array([.object([:])])]),
        ])
        let (encoder, writer) = Self.both(value, layout)
        #expect(Array(writer.utf8) == Array(encoder.utf8))
    }

    /// JSONEncoder's `.sortedKeys` on Linux orders keys by their UTF-8 bytes as written (not
    /// normalised, not case-folded, digits not read as numbers): worked out by hand from the
    /// byte values, `"1"` 0x31 < `"9"` 0x39 < `"A"` 0x41 < `"_"` 0x5F < `"a"` 0x61, `"a\u{301}"` (61 CC 81) after `"ab"`
    /// (61 62) and before `"b"`, `"é"` (C3 A9) after every ASCII key, U+FF01 (EF BC 81) before
    /// U+1F642 (F0 9F 99 82).
    @Test func sortedKeysIsJSONEncodersOrder() throws {
        let keys = ["b", "a\u{301}", "ab", "_a", "é", "\u{1F642}", "\u{FF01}", "a10", "a9", "A1", "a_b", "aB", "a"]
        let expected = ["A1", "_a", "a", "a10", "a9", "aB", "a_b", "ab", "a\u{301}", "b", "é", "\u{FF01}", "\u{1F642}"]
        #expect(
            JSONWriter.sortedKeys(keys).map { Array($0.unicodeScalars) } == expected.map { Array($0.unicodeScalars) })
        // And that is JSONEncoder's order.
        let encoded = JSONLayout.text(
            Value.object(Dictionary(uniqueKeysWithValues: keys.map { ($0, .null) })), layout: .compact)
        let written = expected.map { "\"\($0)\":null" }.joined(separator: ",")
        #expect(Array(encoded.utf8) == Array("{\(written)}\n".utf8))
    }

    /// A writer into a small buffer flushes as it goes: the document is complete and equal,
    /// and the buffer never holds more than its capacity (the bytes reach the destination in
    /// pieces of at most 64 bytes).
    @Test func smallBufferFlushes() throws {
        var rng = Xoshiro256(seed: 7)
        let value = Value.array((0..<200).map { _ in Self.generate(&rng, depth: 3) })
        let (encoder, writer) = Self.both(value, .compact, capacity: 64)
        #expect(encoder.utf8.count > 64 * 20)
        #expect(Array(writer.utf8) == Array(encoder.utf8))
        // Into a file: once more than the capacity is appended, the first bytes are in the file
        // and at most the capacity waits in the buffer.
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("json-\(UUID().uuidString)").path
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        #expect(descriptor >= 0)
        defer { close(descriptor); unlink(path) }
        let out = OutputBuffer(descriptor: descriptor, capacity: 64)
        var json = JSONWriter(out, layout: .compact)
        json.openArray()
        json.item(); json.string(String(repeating: "x", count: 40))
        json.item(); json.string(String(repeating: "y", count: 40))
        let appended = 1 + 42 + 1 + 42
        let written = Int(lseek(descriptor, 0, SEEK_CUR))
        #expect(written > 0 && appended - written <= 64)
        json.closeArray()
        json.finish()
        #expect(out.finish() == nil)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text == "[\"\(String(repeating: "x", count: 40))\",\"\(String(repeating: "y", count: 40))\"]\n")
    }
}
