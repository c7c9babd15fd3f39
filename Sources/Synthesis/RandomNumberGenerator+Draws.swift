import Foundation
import LinearAlgebra

extension RandomNumberGenerator {
    /// A uniform integer in 0..<bound.
    mutating func below(_ bound: Int) -> Int {
        Int(next(upperBound: UInt64(bound)))
    }

    /// A Poisson deviate by Knuth's multiplication method: O(mean), fine for the small means here.
    mutating func poisson(mean: Double) -> Int {
        let limit = exp(-mean)
        var count = 0
        var product = nextUnit()
        while product > limit {
            count += 1
            product *= nextUnit()
        }
        return count
    }
}
