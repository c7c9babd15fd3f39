#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@inline(__always) func _logarithm(_ x: Double) -> Double { log(x) }
@inline(__always) func _exponential(_ x: Double) -> Double { exp(x) }
