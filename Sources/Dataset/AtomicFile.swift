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
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw OutputError(path: path, reason: errorText()) }
        let temporary = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
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

    private static func canonical(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    private static func errorText() -> String { String(cString: strerror(errno)) }
}
