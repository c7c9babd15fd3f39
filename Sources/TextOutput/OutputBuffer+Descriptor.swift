#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// The one loop that sends bytes to a file descriptor: an output buffer's flushes, the atomic
// output files and the standard streams all go through it.

extension OutputBuffer {
    /// Writes every byte to the open `descriptor`, retrying after a signal or a short write.
    ///
    /// - Returns: nil, or the system's reason for the failure (`No space left on device`).
    public static func writeAll(_ bytes: [UInt8], to descriptor: Int32) -> String? {
        bytes.withUnsafeBytes { writeAll($0, to: descriptor) }
    }

    /// Writes every byte of `buffer` to the open `descriptor`, retrying after a signal or a
    /// short write.
    ///
    /// - Returns: nil, or the system's reason for the failure (`No space left on device`).
    public static func writeAll(_ buffer: UnsafeRawBufferPointer, to descriptor: Int32) -> String? {
        guard let start = buffer.baseAddress else { return nil }
        var written = 0
        while written < buffer.count {
            let n = Glibc.write(descriptor, start + written, buffer.count - written)
            if n < 0 {
                if errno == EINTR { continue }
                return String(cString: strerror(errno))
            }
            written += n
        }
        return nil
    }
}
