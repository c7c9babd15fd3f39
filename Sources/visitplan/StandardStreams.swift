import Dataset
import Foundation
import TextOutput

#if canImport(Glibc)
import Glibc
#endif

/// Standard output and standard error, written with write(2) so that a full or closed stream is
/// an error value, not a crash (Foundation's `FileHandle.write(_:)` traps on any failure).
enum StandardStreams {
    /// Makes sure descriptors 0, 1 and 2 are open before anything else opens a file.
    ///
    /// A stream closed by the caller (`visitplan score >&-`) leaves its number free, and the next
    /// file or pipe opened (an input, dispatch's own descriptors) would take it: results would
    /// then be written into that file. A closed stream is given /dev/null opened read-only, so
    /// that writing to it fails with EBADF, which `write` reports.
    static func reserveClosedStreams() {
        for descriptor in [STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO] where fcntl(descriptor, F_GETFD) == -1 {
            let opened = open("/dev/null", O_RDONLY)
            if opened >= 0, opened != descriptor {
                _ = dup2(opened, descriptor)
                close(opened)
            }
        }
    }

    /// Writes `text` to standard output.
    ///
    /// - Throws: `OutputError` of kind `.failed` naming standard output and the system's reason
    ///   (`No space left on device` for /dev/full, `Bad file descriptor` for a closed stream).
    static func writeOutput(_ text: String) throws {
        if let reason = OutputBuffer.writeAll(Array(text.utf8), to: STDOUT_FILENO) {
            throw OutputError(path: "standard output", reason: reason)
        }
    }

    /// Writes to standard output what `body` appends to the buffer it is given, as it fills.
    ///
    /// - Throws: what `body` throws, or `OutputError` as ``writeOutput(_:)``.
    static func writeOutput(_ body: (OutputBuffer) throws -> Void) throws {
        let buffer = OutputBuffer(descriptor: STDOUT_FILENO)
        try body(buffer)
        if let reason = buffer.finish() {
            throw OutputError(path: "standard output", reason: reason)
        }
    }

    /// Writes `text` to standard error; a failure is ignored, since there is nowhere left to say it.
    static func writeError(_ text: String) {
        _ = OutputBuffer.writeAll(Array(text.utf8), to: STDERR_FILENO)
    }
}
