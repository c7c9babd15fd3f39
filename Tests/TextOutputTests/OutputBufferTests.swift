import Dataset
import Foundation
import LinearAlgebra
import TestSupport
import Testing
import TextOutput

/// The streamed writers give the bytes of the standard library and Foundation: numbers as
/// `description` (and JSONEncoder, `String(format:)`), JSON in JSONEncoder's layout, and the
/// buffer loses nothing when it flushes.
@Suite struct OutputBufferTests {
    /// The text `append(number:)` gives for each value, one per line.
    private func formatted(_ values: [Double], json: Bool = false) -> [Substring] {
        let out = OutputBuffer(collectingWithCapacity: 4096)
        for value in values {
            if json { out.append(jsonNumber: value) } else { out.append(number: value) }
            out.append(UInt8(ascii: "\n"))
        }
        return out.text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
    }

    private func mismatches(_ values: [Double]) -> [String] {
        zip(values, formatted(values)).compactMap { value, text in
            text == value.description ? nil : "\(value.description) written \(text)"
        }
    }

    /// Random bit patterns: every exponent, both signs, subnormals, the fast path's edges.
    @Test(arguments: [1, 2])
    func shortestDigitsOfRandomBitPatternsAreDescription(seed: UInt64) {
        var random = Xoshiro256(seed: seed)
        let values = (0..<500_000).map { _ in Double(bitPattern: random.next()) }.filter(\.isFinite)
        #expect(mismatches(values).prefix(5) == [])
    }

    /// Random values where the data live: normalised values in [0, 1), scores in [0, 100),
    /// values just around the fast path's bounds (2^−13, 2^53) and powers of two and ten.
    @Test(arguments: [3, 4])
    func shortestDigitsOfValuesLikeScoresAreDescription(seed: UInt64) {
        var random = Xoshiro256(seed: seed)
        var values: [Double] = []
        for _ in 0..<400_000 {
            let u = Double(random.next() >> 11) * 0x1p-53
            values += [u, 100 * u, u * 0x1p-12, 0x1p53 * u, (u * 1e6).rounded() / 1e6, (u * 100).rounded() / 100]
        }
        for k in -1074...1023 {
            let p = Double(sign: .plus, exponent: k, significand: 1)
            values += [p, p.nextUp, p.nextDown, -p]
        }
        for k in -30...30 { values += [pow(10, Double(k)), 5 * pow(10, Double(k)), 0.1 * Double(k)] }
        values += [
            0, -0.0, 1, 0.0001, 0.0001.nextDown, 0x1p-13, 0x1p-13.nextDown, 0x1p53, 0x1p53.nextDown,
            9_007_199_254_740_991, 1e15, 1e16, 123_456_789_012_345_680, .greatestFiniteMagnitude,
            .leastNonzeroMagnitude, .leastNormalMagnitude, 0.3, 2.0 / 3,
        ]
        #expect(mismatches(values).prefix(5) == [])
    }

    @Test func nonFiniteValuesAreDescription() {
        #expect(formatted([.nan, .infinity, -.infinity]) == ["nan", "inf", "-inf"])
    }

    /// JSON numbers are JSONEncoder's: the shortest form without a trailing `.0`.
    @Test func jsonNumbersAreJSONEncoders() throws {
        var random = Xoshiro256(seed: 5)
        var values = (0..<20_000).map { _ in Double(bitPattern: random.next()) }.filter(\.isFinite)
        values += (0..<20_000).map { _ in Double(random.next() >> 11) * 0x1p-53 * 100 }
        values += [0, -0.0, 1, 100, 1e15, 1e16, 0.0001, 1e-5, 12.5]
        let encoded = String(decoding: try JSONEncoder().encode(values), as: UTF8.self)
        let expected = encoded.dropFirst().dropLast().split(separator: ",")
        #expect(formatted(values, json: true) == expected)
    }

    /// Fixed decimals are `String(format: "%.Nf")`: rounded half to even on the exact binary value.
    @Test func fixedDecimalsAreStringFormat() {
        var random = Xoshiro256(seed: 6)
        var values: [(Double, Int)] = [
            (0.125, 2), (0.375, 2), (2.5, 0), (3.5, 0), (1.005, 2), (0.145, 2), (-0.5, 0),
            (-1.25, 1), (0, 3), (-0.0, 2), (99.995, 2), (1e300, 2), (1e-300, 4), (0x1p52 + 0.5, 1),
        ]
        for _ in 0..<100_000 {
            let u = Double(random.next() >> 11) * 0x1p-53
            let digits = Int(random.next() % 18)
            values.append(((u * 1e4).rounded() / 1e4 * (random.next() % 2 == 0 ? 1 : -100), digits))
            values.append((u * 100, digits))
        }
        let out = OutputBuffer(collectingWithCapacity: 4096)
        for (value, digits) in values {
            out.append(fixed: value, digits: digits)
            out.append(UInt8(ascii: "\n"))
        }
        let lines = out.text.split(separator: "\n")
        let wrong = zip(values, lines).filter { String(format: "%.\($0.0.1)f", $0.0.0) != $0.1 }
        #expect(wrong.prefix(5).map { "\($0.0) written \($0.1)" } == [])
    }

    /// A buffer far smaller than the output, writing into a file, loses and reorders nothing.
    @Test func smallBufferFlushesEverythingInOrder() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("outputbuffer-\(UUID().uuidString)")
            .path
        defer { try? FileManager.default.removeItem(atPath: path) }
        var expected = ""
        try AtomicFile.write(to: path) { out in
            for k in 0..<5_000 {
                let text = "line \(k): \(Double(k) / 7) " + String(repeating: "é", count: k % 200)
                out.append(text)
                out.append(number: Double(k) / 7)
                out.append(UInt8(ascii: "\n"))
                expected += text + (Double(k) / 7).description + "\n"
            }
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == expected)
    }

    /// A body that throws leaves no file behind.
    @Test func failedBodyLeavesNoFile() throws {
        struct Stop: Error {}
        let folder = try temporaryFolder("outputbuffer")
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(throws: Stop.self) {
            try AtomicFile.write(to: folder.appendingPathComponent("out.csv").path) { out in
                out.append(String(repeating: "x", count: 3 << 20))
                throw Stop()
            }
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == [])
    }

    /// JSONWriter writes what JSONEncoder (pretty, sorted keys, slashes unescaped) writes.
    @Test func jsonWriterMatchesJSONEncoder() throws {
        struct Inner: Encodable { var a: [Int]; var b: [String: Double]; var c: String? }
        struct Document: Encodable {
            var empty: [String]
            var emptyObject: [String: Int]
            var nested: [[Int]]
            var text: String
            var inner: Inner
            var list: [Inner]
        }
        let text = "q\"\\/ \n\t\r\u{8}\u{c}\u{1}\u{1f}\u{7f} é 日 🙂"
        let document = Document(
            empty: [], emptyObject: [:], nested: [[], [1, 2]], text: text,
            inner: Inner(a: [3], b: ["y": 0.5, "x": 1e-7], c: nil),
            list: [Inner(a: [], b: [:], c: "s"), Inner(a: [1], b: ["k": 2], c: nil)])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let expected = String(decoding: try encoder.encode(document), as: UTF8.self) + "\n"

        let out = OutputBuffer(collectingWithCapacity: 64)
        var json = JSONWriter(out)
        json.openObject()
        json.key("empty"); json.openArray(); json.closeArray()
        json.key("emptyObject"); json.openObject(); json.closeObject()
        json.key("inner"); json.encoded(document.inner)
        json.key("list")
        json.openArray()
        json.item(); json.encoded(document.list[0])
        json.item()
        json.openObject()
        json.key("a"); json.openArray(); json.item(); json.integer(1); json.closeArray()
        json.key("b"); json.openObject(); json.key("k"); json.number(2); json.closeObject()
        json.closeObject()
        json.closeArray()
        json.key("nested")
        json.openArray()
        json.item(); json.openArray(); json.closeArray()
        json.item(); json.openArray(); json.item(); json.integer(1); json.item(); json.integer(2); json.closeArray()
        json.closeArray()
        json.key("text"); json.string(text)
        json.closeObject()
        json.finish()
        #expect(Array(out.text.utf8) == Array(expected.utf8))
    }
}
