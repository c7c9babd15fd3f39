import Foundation

/// Writes JSON into an ``OutputBuffer`` as it goes, in exactly the layout of the JSONEncoder
/// settings every command uses (`encodeJSON`: pretty-printed with two-space indents, `"key" :
/// value`, sorted keys, slashes unescaped, empty containers as `[`, a blank line, `]`): a
/// streamed document is byte for byte the encoded one, without holding the document.
///
/// The caller writes the keys of an object in sorted order (``sortedKeys(_:)``); the writer
/// places commas, line breaks and indentation.
public struct JSONWriter {
    public let out: OutputBuffer
    /// Open containers.
    private var depth = 0
    /// Whether the innermost open container has no item yet.
    private var empty = true

    public init(_ out: OutputBuffer) { self.out = out }

    /// Keys in the order JSONEncoder's `.sortedKeys` writes them.
    public static func sortedKeys(_ keys: [String]) -> [String] { keys.sorted() }

    /// Opens an object (as a value: after ``key(_:)``, ``item()`` or at the top).
    public mutating func openObject() { open(UInt8(ascii: "{")) }
    /// Opens an array.
    public mutating func openArray() { open(UInt8(ascii: "[")) }
    /// Closes the innermost object.
    public mutating func closeObject() { close(UInt8(ascii: "}")) }
    /// Closes the innermost array.
    public mutating func closeArray() { close(UInt8(ascii: "]")) }

    /// Starts the entry `key` of the open object; its value follows.
    public mutating func key(_ key: String) {
        item()
        string(key)
        out.append(" : ")
    }

    /// An object key escaped once and written many times (the keys of a million candidates):
    /// its quoted text and the ` : ` after it.
    public struct Key: Sendable {
        let bytes: [UInt8]

        public init(_ key: String) {
            let out = OutputBuffer(collectingWithCapacity: 64)
            var writer = JSONWriter(out)
            writer.string(key)
            out.append(" : ")
            bytes = out.bytes
        }
    }

    /// Starts the entry `key` of the open object; its value follows.
    public mutating func key(_ key: Key) {
        item()
        out.append(key.bytes)
    }

    /// A writer into `out` that takes up this writer's document where it stands (the same open
    /// containers), for a block of items of the innermost container formatted into a buffer of
    /// its own and appended later; `afterItems` when items of that container come before the
    /// block. ``itemsWritten()`` then tells this writer that the container has items.
    public func continuing(into out: OutputBuffer, afterItems: Bool) -> JSONWriter {
        var writer = JSONWriter(out)
        writer.depth = depth
        writer.empty = empty && !afterItems
        return writer
    }

    /// Notes that items were written into the innermost container by writers ``continuing(into:afterItems:)``
    /// this one.
    public mutating func itemsWritten() { empty = false }

    /// Starts the next item of the open array; its value follows.
    public mutating func item() {
        if !empty { out.append(UInt8(ascii: ",")) }
        empty = false
        newline(indent: depth)
    }

    /// A string value, escaped as JSONEncoder escapes it.
    public mutating func string(_ text: String) {
        out.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { bytes in
            var start = 0
            for (k, byte) in bytes.enumerated() where byte < 0x20 || byte == 0x22 || byte == 0x5C {
                out.append(UnsafeBufferPointer(rebasing: bytes[start..<k]))
                start = k + 1
                out.append(UInt8(ascii: "\\"))
                switch byte {
                case 0x22, 0x5C: out.append(byte)
                case 0x08: out.append(UInt8(ascii: "b"))
                case 0x0C: out.append(UInt8(ascii: "f"))
                case 0x0A: out.append(UInt8(ascii: "n"))
                case 0x0D: out.append(UInt8(ascii: "r"))
                case 0x09: out.append(UInt8(ascii: "t"))
                default:
                    let hex = Array("0123456789abcdef".utf8)
                    out.append("u00")
                    out.append(hex[Int(byte >> 4)])
                    out.append(hex[Int(byte & 0xF)])
                }
            }
            out.append(UnsafeBufferPointer(rebasing: bytes[start...]))
        }
        out.append(UInt8(ascii: "\""))
    }

    /// A number value (shortest round-trip form, as JSONEncoder), or `null` when NaN.
    public mutating func number(_ value: Double) {
        if value.isNaN { null() } else { out.append(jsonNumber: value) }
    }

    /// A number value with exactly `digits` decimals, or `null` when NaN.
    public mutating func number(_ value: Double, digits: Int) {
        if value.isNaN { null() } else { out.append(fixed: value, digits: digits) }
    }

    /// An integer value.
    public mutating func integer(_ value: Int) { out.append(integer: value) }

    /// `null`.
    public mutating func null() { out.append("null") }

    /// A small value encoded by JSONEncoder (same settings) and indented to its place: for the
    /// few keys whose structure is not worth writing by hand (an edition's `withheld`, `audit`).
    public mutating func encoded<T: Encodable>(_ value: T) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data: Data
        do {
            data = try encoder.encode(value)
        } catch {
            // Only finite numbers and strings reach here: a failure is a programmer's mistake.
            preconditionFailure("JSON of \(T.self): \(error)")
        }
        let indent = [UInt8](repeating: UInt8(ascii: " "), count: 2 * depth)
        var previous: UInt8 = 0
        for byte in data {
            // Lines of the nested value move right by the current depth; blank lines stay blank.
            if previous == 0x0A && byte != 0x0A { out.append(indent) }
            out.append(byte)
            previous = byte
        }
    }

    /// Ends the document (a line feed after the top-level value).
    public mutating func finish() {
        precondition(depth == 0, "JSONWriter: \(depth) containers still open")
        out.append(UInt8(ascii: "\n"))
    }

    private mutating func open(_ bracket: UInt8) {
        out.append(bracket)
        depth += 1
        empty = true
    }

    private mutating func close(_ bracket: UInt8) {
        precondition(depth > 0, "JSONWriter: closing with no container open")
        depth -= 1
        // An empty container is written `[`, a blank line, `]`, as JSONEncoder writes it.
        if empty { out.append(UInt8(ascii: "\n")) }
        newline(indent: depth)
        out.append(bracket)
        empty = false
    }

    private func newline(indent: Int) {
        out.reserve(1 + 2 * indent)
        out.append(UInt8(ascii: "\n"))
        for _ in 0..<2 * indent { out.append(UInt8(ascii: " ")) }
    }
}
