import LinearAlgebra
import Testing

@testable import Sensitivity

/// The per-sample ranking of the re-plans orders candidates as `descendingOrder` does, on scores
/// with NaN, ±0, exact ties and neighbours one bit apart (which share the key's high bits, and
/// are ties to 12 significant digits, SPEC §12, put in id order).
/// Both ways: the CRanking kernel (where the processor has it) and the portable key sort.
@Test(arguments: 0..<20, [true, false])
func sampleRankingEqualsDescendingOrder(seed: UInt64, kernel: Bool) throws {
    var generator = Xoshiro256(seed: seed, stream: 3)
    let n = 1 + Int(generator.nextUnit() * 300)
    let ids = (0..<n).map { "S\(($0 * 7919) % 1000)-\($0)" }
    let base = [0.0, -0.0, 1.5, 1.5.nextUp, 1.5.nextDown, .nan, 42, -3, 1e-300]
    let scores = (0..<n).map { _ in
        generator.nextUnit() < 0.5 ? base[Int(generator.nextUnit() * Double(base.count))] : generator.nextUnit() * 100
    }
    var ranking = SampleRanking(ids: ids, allowKernel: kernel)
    var clean = [Double](repeating: 1, count: n)
    var byRank = Array((0..<n).reversed())
    scores.withUnsafeBufferPointer { ranking.rank($0.baseAddress!, scores: &clean, byRank: &byRank) }
    #expect(byRank == descendingOrder(scores: scores, ids: ids))
    #expect(clean == scores.map { $0.isNaN ? 0 : $0 })
}
