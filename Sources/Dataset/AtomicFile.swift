import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why an output file could not be written.
public struct OutputError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var reason: String

    public var description: String { "\(path): cannot write: \(reason)" }
}

/// Writes whole files atomically: a temporary file in the same folder, flushed to disk, then
/// renamed over the destination. A reader never sees a half-written file, and a failure leaves
/// the destination as it was.
public enum AtomicFile {
    /// Writes `bytes` to `path` atomically.
    ///
    /// - Parameter protecting: input paths that must never be overwritten; writing over one is
    ///   refused.
    public static func write(_ bytes: [UInt8], to path: String, protecting inputs: [String] = []) throws {
        let target = canonical(path)
        if inputs.contains(where: { canonical($0) == target }) {
            throw OutputError(path: path, reason: "refusing to overwrite an input file")
        }
        let folder = path.contains("/") ? String(path[..<path.lastIndex(of: "/")!]) : "."
        var template = Array("\(folder.isEmpty ? "/" : folder)/.visitplan-XXXXXX".utf8CString)
        // Created and registered under the lock, so an interrupt always finds it (see
        // `removeTemporaryFiles`).
        let (fd, temporary) = temporaries.withLock { paths in
            let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
            let temporary = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
            if fd >= 0 { paths.insert(temporary) }
            return (fd, temporary)
        }
        guard fd >= 0 else { throw OutputError(path: path, reason: errorText()) }
        defer { unregisterTemporary(temporary) }
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBufferPointer { buffer in
                Glibc.write(fd, buffer.baseAddress! + written, buffer.count - written)
            }
            if n < 0 {
                if errno == EINTR { continue }
                let reason = errorText()
                close(fd); unlink(temporary)
                throw OutputError(path: path, reason: reason)
            }
            written += n
        }
        fchmod(fd, 0o644)
        guard fsync(fd) == 0, close(fd) == 0 else {
            let reason = errorText()
            unlink(temporary)
            throw OutputError(path: path, reason: reason)
        }
        guard rename(temporary, path) == 0 else {
            let reason = errorText()
            unlink(temporary)
            throw OutputError(path: path, reason: reason)
        }
    }

    /// Writes `text` as UTF-8 to `path` atomically.
    public static func write(_ text: String, to path: String, protecting inputs: [String] = []) throws {
        try write(Array(text.utf8), to: path, protecting: inputs)
    }

    // MARK: Interrupts

    /// Temporary files and folders in progress, removed by `removeTemporaryFiles` on an interrupt.
    private static let temporaries = LockedPaths()

    /// Records a temporary file or folder that an interrupt must remove (a folder with its
    /// contents).
    public static func registerTemporary(_ path: String) { temporaries.withLock { _ = $0.insert(path) } }

    /// Forgets a temporary path once it has been renamed into place or removed.
    public static func unregisterTemporary(_ path: String) { temporaries.withLock { _ = $0.remove(path) } }

    /// Removes every registered temporary path, and keeps the registry locked so that no writer
    /// can register or rename another one afterwards: call it only on the way out of the process
    /// (from a signal handler that then exits).
    public static func removeTemporaryFiles() {
        temporaries.lockForever { paths in
            for path in paths { try? FileManager.default.removeItem(atPath: path) }
        }
    }

    private static func canonical(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    private static func errorText() -> String { String(cString: strerror(errno)) }
}

/// A set of paths behind a lock.
private final class LockedPaths: @unchecked Sendable {
    private let lock = NSLock()
    private var paths: Set<String> = []

    func withLock<T>(_ body: (inout Set<String>) -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body(&paths)
    }

    /// Runs `body` and never unlocks: the process is about to exit.
    func lockForever(_ body: (Set<String>) -> Void) {
        lock.lock()
        body(paths)
    }
}
