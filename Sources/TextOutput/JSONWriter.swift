import Foundation

/// Writes JSON into an ``OutputBuffer`` as it goes, in exactly the bytes JSONEncoder writes with
/// the settings of ``JSONLayout`` (sorted keys; pretty-printed or compact): a streamed document
/// is byte for byte the encoded one, without holding the document.
///
/// Pretty: two-space indents, `"key" : value`, empty containers as `[`, a blank line, `]`.
/// Compact: no whitespace at all, `{"key":value}`, `[]`.
///
/// The caller writes the keys of an object in JSONEncoder's order (``sortedKeys(_:)``); the
/// writer places commas, line breaks and indentation.
public struct JSONWriter {
    public let out: OutputBuffer
    public let layout: JSONLayout
    /// Open containers.
    private var depth = 0
    /// Whether the innermost open container has no item yet.
    private var empty = true

    public init(_ out: OutputBuffer, layout: JSONLayout = .pretty) {
        self.out = out
        self.layout = layout
    }

    /// Keys in the order JSONEncoder's `.sortedKeys` writes them (``keyPrecedes(_:_:)``).
    public static func sortedKeys(_ keys: [String]) -> [String] { keys.sorted(by: keyPrecedes) }

    /// Whether key `a` comes before key `b` in JSONEncoder's `.sortedKeys` order: the order of
    /// their UTF-8 bytes as written, not normalised (`"B"` < `"_"` < `"a"`, `"a10"` < `"a9"`,
    /// `"a\u{301}"` < `"b"` < `"á"`). Swift's `<` compares normalised text and differs for
    /// decomposed accents.
    public static func keyPrecedes(_ a: String, _ b: String) -> Bool {
        a.utf8.lexicographicallyPrecedes(b.utf8)
    }

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
        separator()
    }

    /// An object key escaped once and written many times (the keys of a million candidates):
    /// its quoted text, escaped for writers of `layout` (which decides whether slashes are).
    public struct Key: Sendable {
        let bytes: [UInt8]
        let escapesSlashes: Bool

        public init(_ key: String, layout: JSONLayout = .pretty) {
            let out = OutputBuffer(collectingWithCapacity: 64)
            var writer = JSONWriter(out, layout: layout)
            writer.string(key)
            bytes = out.bytes
            escapesSlashes = layout == .compactEscapingSlashes
        }
    }

    /// Starts the entry `key` of the open object; its value follows.
    public mutating func key(_ key: Key) {
        precondition(key.escapesSlashes == (layout == .compactEscapingSlashes), "JSONWriter: a key of another layout")
        item()
        out.append(key.bytes)
        separator()
    }

    /// A writer into `out` that takes up this writer's document where it stands (the same open
    /// containers), for a block of items of the innermost container formatted into a buffer of
    /// its own and appended later; `afterItems` when items of that container come before the
    /// block. ``itemsWritten()`` then tells this writer that the container has items.
    public func continuing(into out: OutputBuffer, afterItems: Bool) -> JSONWriter {
        var writer = JSONWriter(out, layout: layout)
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
        if layout == .pretty { newline(indent: depth) }
    }

    /// A string value, escaped as JSONEncoder escapes it.
    public mutating func string(_ text: String) {
        out.append(UInt8(ascii: "\""))
        // A slash is escaped only in the layout that escapes slashes; no other byte is ≥ 0x20.
        let slash: UInt8 = layout == .compactEscapingSlashes ? 0x2F : 0x22
        var text = text
        text.withUTF8 { bytes in
            var start = 0
            for (k, byte) in bytes.enumerated() where byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == slash {
                out.append(UnsafeBufferPointer(rebasing: bytes[start..<k]))
                start = k + 1
                out.append(UInt8(ascii: "\\"))
                switch byte {
                case 0x22, 0x5C, 0x2F: out.append(byte)
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

    /// A number value (shortest round-trip form, as JSONEncoder), or `null` when NaN. An
    /// infinite value has no JSON form (JSONEncoder refuses it): a programmer's mistake.
    public mutating func number(_ value: Double) {
        if value.isNaN {
            null()
        } else {
            precondition(value.isFinite, "JSONWriter: infinite number")
            out.append(jsonNumber: value)
        }
    }

    /// A number value when finite, `null` otherwise: what JSONEncoder writes for a `Double?`
    /// that holds only finite values.
    public mutating func finiteNumber(_ value: Double) {
        if value.isFinite { out.append(jsonNumber: value) } else { null() }
    }

    /// A number value with exactly `digits` decimals, or `null` when NaN.
    public mutating func number(_ value: Double, digits: Int) {
        if value.isNaN { null() } else { out.append(fixed: value, digits: digits) }
    }

    /// An integer value.
    public mutating func integer(_ value: Int) { out.append(integer: value) }

    /// An unsigned integer value (a seed).
    public mutating func integer(_ value: UInt64) { out.append(String(value)) }

    /// `true` or `false`.
    public mutating func bool(_ value: Bool) { out.append(value ? "true" : "false") }

    /// `null`.
    public mutating func null() { out.append("null") }

    /// A small value encoded by JSONEncoder (this writer's layout) and indented to its place:
    /// for the few keys whose structure is not worth writing by hand (an edition's `withheld`,
    /// `audit`).
    public mutating func encoded<T: Encodable>(_ value: T) {
        let data = JSONLayout.encode(value, layout: layout)
        guard layout == .pretty, depth > 0 else {
            out.append([UInt8](data))
            return
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

    /// What comes between a key and its value.
    private func separator() {
        if layout == .pretty { out.append(" : ") } else { out.append(UInt8(ascii: ":")) }
    }

    private mutating func open(_ bracket: UInt8) {
        out.append(bracket)
        depth += 1
        empty = true
    }

    private mutating func close(_ bracket: UInt8) {
        precondition(depth > 0, "JSONWriter: closing with no container open")
        depth -= 1
        if layout == .pretty {
            // An empty container is written `[`, a blank line, `]`, as JSONEncoder writes it.
            if empty { out.append(UInt8(ascii: "\n")) }
            newline(indent: depth)
        }
        out.append(bracket)
        empty = false
    }

    private func newline(indent: Int) {
        out.reserve(1 + 2 * indent)
        out.append(UInt8(ascii: "\n"))
        for _ in 0..<2 * indent { out.append(UInt8(ascii: " ")) }
    }
}
