import Foundation

/// Counts the blocks drawn, for the progress of `generate`.
final class FinishedBlocks: @unchecked Sendable {
    private let lock = NSLock()
    private let total: Int
    private let progress: (@Sendable (Double) -> Void)?
    private var count = 0

    init(of total: Int, progress: (@Sendable (Double) -> Void)?) {
        self.total = total
        self.progress = progress
    }

    func add() {
        guard let progress else { return }
        lock.lock()
        count += 1
        let fraction = Double(count) / Double(total)
        lock.unlock()
        progress(fraction)
    }
}
