/// The candidates of one block, generated with the block's own stream, and the rows they wrote.
final class SynthesisBlock: @unchecked Sendable {
    // @unchecked: each block is written by one thread, then read after every thread has finished.
    var states: ByteWriter
    var indicators: ByteWriter
    var events: ByteWriter
    var facts: [CandidateFacts] = []
    var statistics = SynthesisStatistics()

    init(candidates: Int, indicators columns: Int, idWidth: Int) {
        states = ByteWriter(capacity: candidates * 110)
        indicators = ByteWriter(capacity: candidates * (idWidth + 2 + 7 * columns))
        events = ByteWriter(capacity: candidates * 15 * (idWidth + 20))
        facts.reserveCapacity(candidates)
    }
}
