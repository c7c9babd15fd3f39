import Foundation

// Large outputs formatted on every core: items (rows of a CSV, candidates of a JSON array) are
// formatted a block at a time into buffers of their own, and the blocks are appended in order,
// so the bytes are those of formatting every item in turn.

extension OutputBuffer {
    /// Appends items `0..<count`, each block of `blockSize` items written by `write(block, buffer)`
    /// into a memory buffer of its own on one of the cores, the blocks in order: byte for byte
    /// `write(0..<count, self)`, which is what runs on one core or for fewer than four blocks.
    ///
    /// Blocks go in waves of two per core. While a wave is formatted, the one before it is written
    /// to this buffer's destination by one of the same workers, so that the cores do not wait
    /// for the file system. Memory: two waves of block buffers, reused, whatever `count`.
    ///
    /// - Parameter write: called concurrently for distinct blocks; it must read shared values
    ///   only and write only into the buffer it is given.
    public func append(
        count: Int, blockSize: Int, formattedInBlocksBy write: @escaping (Range<Int>, OutputBuffer) -> Void
    ) {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        guard cores > 1, blockSize > 0, blockSize <= count / 4 else {
            write(0..<count, self)
            return
        }
        let wave = 2 * cores
        // Two sets of buffers: one formatted into while the other is written out.
        let sets = (0..<2).map { _ in (0..<wave).map { _ in OutputBuffer(collectingWithCapacity: Self.blockCapacity) } }
        nonisolated(unsafe) let shared = sets
        nonisolated(unsafe) let format = write
        nonisolated(unsafe) let destination = self
        var previous: (set: Int, blocks: Int)?
        var start = 0
        var current = 0
        while start < count {
            let blocks = stride(from: start, to: min(start + wave * blockSize, count), by: blockSize)
                .map { $0..<min($0 + blockSize, count) }
            let waiting = previous
            let into = current
            // Iteration 0 writes out the previous wave (when there is one); the others format.
            let first = waiting == nil ? 1 : 0
            DispatchQueue.concurrentPerform(iterations: blocks.count + 1 - first) { k in
                let k = k + first
                if k == 0, let waiting {
                    for buffer in shared[waiting.set].prefix(waiting.blocks) { destination.append(contentsOf: buffer) }
                } else {
                    format(blocks[k - 1], shared[into][k - 1])
                }
            }
            previous = (into, blocks.count)
            current = 1 - current
            start += wave * blockSize
        }
        if let previous {
            for buffer in sets[previous.set].prefix(previous.blocks) { append(contentsOf: buffer) }
        }
    }

    /// The memory of each block buffer of ``append(count:blockSize:formattedInBlocksBy:)``
    /// (8 MiB, touched only as used): a block larger than that spills into a growing array.
    static let blockCapacity = 8 << 20
}
