/// The entries of a JSON object, each a key and what writes its value, gathered in any order
/// and written by ``JSONWriter/object(_:)-(JSONFields)`` in JSONEncoder's key order: a streamed
/// object needs no hand-sorted list of keys that a new key could put out of order.
public struct JSONFields {
    private var entries: [(key: String, write: (inout JSONWriter) -> Void)] = []

    public init() {}

    /// The entry `key`, whose value `write` writes.
    public mutating func add(_ key: String, _ write: @escaping (inout JSONWriter) -> Void) {
        entries.append((key, write))
    }

    /// The entries in JSONEncoder's key order.
    var sorted: [(key: String, write: (inout JSONWriter) -> Void)] {
        entries.sorted { JSONWriter.keyPrecedes($0.key, $1.key) }
    }
}

extension JSONWriter {
    /// An object of `fields`, keys in JSONEncoder's order.
    public mutating func object(_ fields: JSONFields) {
        openObject()
        for (name, write) in fields.sorted {
            key(name)
            write(&self)
        }
        closeObject()
    }

    /// An object of the fields `build` adds.
    public mutating func object(_ build: (inout JSONFields) -> Void) {
        var fields = JSONFields()
        build(&fields)
        object(fields)
    }

    /// An array of `items`, each written by `write`.
    public mutating func array<Items: Sequence>(_ items: Items, _ write: (inout JSONWriter, Items.Element) -> Void) {
        openArray()
        for element in items {
            item()
            write(&self, element)
        }
        closeArray()
    }

    /// Items `0..<count` of the open container (array items, or entries of an object), each
    /// written by `write(k, writer)` starting with ``item()`` or ``key(_:)``, formatted on every
    /// core in blocks of `blockSize` into buffers of their own and appended in order
    /// (``OutputBuffer/append(count:blockSize:formattedInBlocksBy:)``): the bytes of writing
    /// them one after the other.
    ///
    /// - Parameter write: called concurrently for distinct items; it must read shared values
    ///   only.
    public mutating func items(count: Int, blockSize: Int, _ write: @escaping (Int, inout JSONWriter) -> Void) {
        let container = self
        out.append(count: count, blockSize: blockSize) { block, buffer in
            var writer = container.continuing(into: buffer, afterItems: block.lowerBound > 0)
            for k in block { write(k, &writer) }
        }
        if count > 0 { itemsWritten() }
    }
}
