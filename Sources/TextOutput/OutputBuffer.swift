#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Bytes on their way to a file descriptor (an output file being written atomically, standard
/// output) or to memory, through a buffer of fixed size: the writers of large outputs (CSV and
/// JSON of `score`, `batch`, `sensitivity`, `plan`) append into it and it flushes whenever it is
/// full, so memory is bounded by the buffer, never by the size of the output.
///
/// The first write failure (a full disk, a closed pipe) is kept and later bytes are dropped;
/// ``finish()`` reports it. Numbers are written by ``append(number:)`` and friends
/// (`OutputBuffer+Numbers.swift`).
public final class OutputBuffer {
    /// Where the bytes go.
    enum Destination {
        case descriptor(Int32)
        case memory
    }

    @usableFromInline let storage: UnsafeMutablePointer<UInt8>
    @usableFromInline let capacity: Int
    /// Bytes waiting in `storage`. Only ever touched by this buffer's own methods, one at a time.
    @usableFromInline @exclusivity(unchecked) var count = 0
    let destination: Destination
    /// Everything flushed so far, for a buffer writing to memory.
    private var collected: [UInt8] = []
    /// The system's reason for the first failed write.
    public private(set) var failure: String?

    /// The default size of the buffer: 1 MiB.
    public static let defaultCapacity = 1 << 20

    /// A buffer writing to the open file `descriptor` (not closed by the buffer).
    public init(descriptor: Int32, capacity: Int = OutputBuffer.defaultCapacity) {
        precondition(capacity >= 64, "OutputBuffer: capacity \(capacity) below 64 bytes")
        self.capacity = capacity
        storage = .allocate(capacity: capacity)
        destination = .descriptor(descriptor)
    }

    /// A buffer collecting everything in memory (``bytes`` after ``finish()``): for tests and for
    /// the callers that need the whole text.
    public init(collectingWithCapacity capacity: Int = 1 << 16) {
        precondition(capacity >= 64, "OutputBuffer: capacity \(capacity) below 64 bytes")
        self.capacity = capacity
        storage = .allocate(capacity: capacity)
        destination = .memory
    }

    deinit { storage.deallocate() }

    /// Everything written so far to a memory buffer (flushed first).
    public var bytes: [UInt8] {
        flush()
        return collected
    }

    /// Everything written so far to a memory buffer, as UTF-8 text.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// Makes room for `needed` more bytes (at most the capacity), flushing if necessary.
    @inlinable @inline(__always)
    public func reserve(_ needed: Int) {
        if count + needed > capacity { flush() }
    }

    @inlinable @inline(__always)
    public func append(_ byte: UInt8) {
        if count == capacity { flush() }
        storage[count] = byte
        count += 1
    }

    /// Appends the bytes of `buffer`, in pieces when it is larger than the room left.
    @inlinable
    public func append(_ buffer: UnsafeBufferPointer<UInt8>) {
        guard var source = buffer.baseAddress else { return }
        var remaining = buffer.count
        while remaining > 0 {
            if count == capacity { flush() }
            let piece = Swift.min(remaining, capacity - count)
            (storage + count).update(from: source, count: piece)
            count += piece
            source += piece
            remaining -= piece
        }
    }

    /// Appends the UTF-8 bytes of `text`.
    @inlinable
    public func append(_ text: String) {
        var text = text
        text.withUTF8 { append($0) }
    }

    /// Appends `bytes`.
    @inlinable
    public func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { append($0) }
    }

    /// Sends the waiting bytes to the destination. After a failure, bytes are dropped.
    public func flush() {
        defer { count = 0 }
        guard count > 0 else { return }
        switch destination {
        case .memory:
            collected.append(contentsOf: UnsafeBufferPointer(start: storage, count: count))
        case .descriptor(let descriptor):
            guard failure == nil else { return }
            failure = OutputBuffer.writeAll(UnsafeRawBufferPointer(start: storage, count: count), to: descriptor)
        }
    }

    /// Moves everything written to the memory buffer `block` into this buffer, and empties
    /// `block` for reuse (keeping its memory). A buffer writing to a file descriptor sends
    /// `block`'s bytes straight to it, without copying them into its own storage first.
    public func append(contentsOf block: OutputBuffer) {
        precondition(block !== self, "OutputBuffer: appending a buffer to itself")
        guard case .memory = block.destination else {
            preconditionFailure("OutputBuffer: appending a buffer that writes to a file")
        }
        let pending = UnsafeBufferPointer(start: block.storage, count: block.count)
        switch destination {
        case .memory:
            block.collected.withUnsafeBufferPointer { append($0) }
            append(pending)
        case .descriptor(let descriptor):
            flush()
            if failure == nil, !block.collected.isEmpty {
                failure = block.collected.withUnsafeBytes { OutputBuffer.writeAll($0, to: descriptor) }
            }
            if failure == nil, block.count > 0 {
                failure = OutputBuffer.writeAll(UnsafeRawBufferPointer(pending), to: descriptor)
            }
        }
        block.collected.removeAll(keepingCapacity: true)
        block.count = 0
    }

    /// Flushes and reports the first failure.
    ///
    /// - Returns: nil, or the system's reason (`No space left on device`).
    public func finish() -> String? {
        flush()
        return failure
    }
}
