#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// The two elementary functions the random generators need, without importing Foundation.
@inline(__always) func _log(_ x: Double) -> Double { log(x) }
@inline(__always) func _pow(_ x: Double, _ y: Double) -> Double { pow(x, y) }
