import Dispatch
import Foundation
import LinearAlgebra

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs `body(worker)` once per worker, each on its own thread, and returns the results in
/// worker order.
///
/// Work is split into blocks that workers take from a shared ``BlockQueue`` as they finish
/// the previous one, so a worker slowed by another process does not hold the others back.
/// Every random draw depends only on the sample's index, and floating-point partial results are
/// merged in block order, so the results depend neither on `workers` nor on which worker took
/// which block.
/// OpenBLAS is held at one thread for the duration, whatever the workers: the workers' gemm
/// calls run side by side instead of queueing for its thread pool, and no sum is split over
/// BLAS threads, whose partition (and so the rounding of a score) would depend on their count.
func concurrently<T>(workers: Int, _ body: @escaping @Sendable (Int) throws -> T) throws -> [T] {
    precondition(workers >= 1, "workers: \(workers)")
    return try withBLASThreads(1) { workers == 1 ? [try body(0)] : try run(workers: workers, body) }
}

/// `concurrently` with OpenBLAS already held at one thread.
private func run<T>(workers: Int, _ body: @escaping @Sendable (Int) throws -> T) throws -> [T] {
    let slots = Slots<Result<T, any Error>>(count: workers)
    // One thread per extra worker (libdispatch's concurrentPerform was seen to run iterations
    // one after another on the calling thread); worker 0 runs on the calling thread.
    let finished = DispatchSemaphore(value: 0)
    for worker in 1..<workers {
        let thread = Thread {
            slots.set(worker, Result { try body(worker) })
            finished.signal()
        }
        thread.stackSize = 8 << 20
        thread.start()
    }
    slots.set(0, Result { try body(0) })
    for _ in 1..<workers { finished.wait() }
    return try slots.takeValues().map { try $0.get() }
}

/// Hands out block indices 0, 1, 2, … to whichever worker asks next.
final class BlockQueue: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0
    private let count: Int

    init(count: Int) { self.count = count }

    /// The next block to work on, or nil when every block has been taken.
    func take() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard next < count else { return nil }
        next += 1
        return next - 1
    }
}

/// One result slot per worker; each worker writes only its own, and the caller reads them all
/// after every worker has signalled.
private final class Slots<Value>: @unchecked Sendable {
    private let storage: UnsafeMutablePointer<Value?>
    private let count: Int

    init(count: Int) {
        self.count = count
        storage = .allocate(capacity: count)
        storage.initialize(repeating: nil, count: count)
    }

    deinit {
        storage.deinitialize(count: count)
        storage.deallocate()
    }

    func set(_ index: Int, _ value: Value) { storage[index] = value }

    /// The values, moved out: a worker thread's closure may outlive the run, and a value left
    /// here would then keep a second reference to a result (a tally's histogram copied on the
    /// caller's first write).
    func takeValues() -> [Value] { (0..<count).map { storage[$0].take()! } }
}

/// The blocks of `count` items of at most `size` each: block b covers `ranges[b]`.
func blocks(of count: Int, size: Int) -> [Range<Int>] {
    precondition(size >= 1, "block size \(size)")
    return stride(from: 0, to: count, by: size).map { $0..<Swift.min($0 + size, count) }
}

/// Reports progress from worker 0 only (the workers advance in step), as a fraction in [0, 1].
public typealias ProgressHandler = @Sendable (Double) -> Void

/// The number of workers to use by default: the machine's cores, at most 8.
public var defaultWorkers: Int {
    let online = Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
    return Swift.max(1, Swift.min(online, 8))
}

/// Merges per-block results in block order, whichever worker finishes which block first:
/// a block's result waits only until the blocks before it are merged, so at most about one
/// result per worker is held at a time, and floating-point sums are added in one fixed order.
final class OrderedMerge<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0
    private var waiting: [Int: Value] = [:]
    private let merge: (Value) -> Void

    /// - Parameter merge: called with each block's result in block order, under the lock.
    init(_ merge: @escaping (Value) -> Void) { self.merge = merge }

    /// Hands over block `index`'s result; merges it and every waiting one that follows.
    func deliver(_ index: Int, _ value: Value) {
        lock.lock()
        defer { lock.unlock() }
        waiting[index] = value
        while let ready = waiting.removeValue(forKey: next) {
            merge(ready)
            next += 1
        }
    }
}
