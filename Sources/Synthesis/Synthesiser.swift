import Dispatch
import LinearAlgebra

/// Draws the candidates and writes the three CSV files.
///
/// The candidates are cut into blocks of `blockSize`; block b draws from `Xoshiro256(key:
/// stream: b)`. The blocks run in parallel and are joined in order, so the bytes depend on the key
/// and the settings only, not on the number of threads.
struct Synthesiser {
    static let blockSize = 32_768

    let settings: SynthesisSettings
    let columns: [IndicatorColumn]
    private(set) var states: [UInt8] = []
    private(set) var indicators: [UInt8] = []
    private(set) var events: [UInt8] = []
    private(set) var facts: [CandidateFacts] = []
    private(set) var statistics = SynthesisStatistics()

    init(settings: SynthesisSettings) {
        self.settings = settings
        columns = IndicatorColumn.columns(count: settings.indicators)
    }

    mutating func generate(key: (UInt64, UInt64, UInt64, UInt64), progress: (@Sendable (Double) -> Void)?) {
        let n = settings.candidates
        let blockCount = (n + Self.blockSize - 1) / Self.blockSize
        let writer = BlockWriter(settings: settings, columns: columns)
        let blocks = (0..<blockCount).map { b in
            SynthesisBlock(
                candidates: min(Self.blockSize, n - b * Self.blockSize),
                indicators: columns.count, idWidth: settings.idWidth)
        }
        let finished = FinishedBlocks(of: blockCount, progress: progress)
        DispatchQueue.concurrentPerform(iterations: blockCount) { b in
            var stream = Xoshiro256(key: key, stream: UInt64(b))
            let range = (b * Self.blockSize)..<min(n, (b + 1) * Self.blockSize)
            writer.write(range, into: blocks[b], using: &stream)
            finished.add()
        }

        states = ByteWriter.join(
            "id,name,region,subregion,last_visit,last_visit_type,report_submitted,consent,requested_visit\n",
            blocks.map(\.states))
        indicators = ByteWriter.join("id" + columns.map { "," + $0.name }.joined() + "\n", blocks.map(\.indicators))
        events = ByteWriter.join("id,indicator,period,value\n", blocks.map(\.events))
        facts.reserveCapacity(n)
        for block in blocks {
            facts += block.facts
            statistics.add(block.statistics)
        }
    }
}
