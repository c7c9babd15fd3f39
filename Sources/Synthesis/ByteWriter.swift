import Dataset

/// A growable byte buffer written through a raw pointer: numbers are formatted in place, without a
/// `String` per cell.
final class ByteWriter {
    private var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private(set) var count = 0

    init(capacity: Int) {
        self.capacity = max(capacity, 64)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    /// The bytes written so far.
    var buffer: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }

    @inline(__always) private func reserve(_ extra: Int) {
        if count + extra > capacity { grow(to: count + extra) }
    }

    @inline(never) private func grow(to needed: Int) {
        let newCapacity = max(needed, capacity * 2)
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBase.update(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }

    @inline(__always) func append(_ byte: UInt8) {
        reserve(1)
        base[count] = byte
        count += 1
    }

    @inline(__always) func append(_ bytes: [UInt8]) {
        reserve(bytes.count)
        bytes.withUnsafeBufferPointer { source in
            guard let address = source.baseAddress else { return }
            (base + count).update(from: address, count: source.count)
        }
        count += bytes.count
    }

    func append(_ text: String) { append(Array(text.utf8)) }

    /// Replaces the byte at `offset` (0-based, below `count`).
    subscript(offset: Int) -> UInt8 {
        get { base[offset] }
        set { base[offset] = newValue }
    }

    /// A non-negative integer, left-padded with zeros to `width` digits.
    @inline(__always) func append(integer value: Int, width: Int = 1) {
        var digits = 1
        var rest = value / 10
        while rest > 0 {
            digits += 1
            rest /= 10
        }
        let length = max(digits, width)
        reserve(length)
        var remaining = value
        var position = count + length - 1
        while position >= count {
            base[position] = UInt8(truncatingIfNeeded: 48 + remaining % 10)
            remaining /= 10
            position -= 1
        }
        count += length
    }

    /// `value` with exactly `decimals` decimals, rounded half away from zero; never `-0`.
    @inline(__always) func append(fixed value: Double, decimals: Int) {
        precondition(value.isFinite, "synthesis: non-finite value \(value)")
        let scale = ByteWriter.powersOfTen[decimals]
        var scaled = Int((value * Double(scale)).rounded(.toNearestOrAwayFromZero))
        if scaled < 0 {
            append(UInt8(ascii: "-"))
            scaled = -scaled
        }
        append(integer: scaled / scale)
        if decimals > 0 {
            append(UInt8(ascii: "."))
            append(integer: scaled % scale, width: decimals)
        }
    }

    func append(date: CalendarDate) {
        append(integer: date.year, width: 4)
        append(UInt8(ascii: "-"))
        append(integer: date.month, width: 2)
        append(UInt8(ascii: "-"))
        append(integer: date.day, width: 2)
    }

    static let powersOfTen = [1, 10, 100, 1000, 10_000, 100_000, 1_000_000]

    /// The concatenation of `head` and every writer's bytes, in order.
    static func join(_ head: String, _ writers: [ByteWriter]) -> [UInt8] {
        var result = Array(head.utf8)
        result.reserveCapacity(result.count + writers.reduce(0) { $0 + $1.count })
        for writer in writers { result.append(contentsOf: writer.buffer) }
        return result
    }
}
