import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Reading an input file of a dataset (states.csv, indicators.csv, events.csv, model.yaml).
///
/// An input must be a regular file, or a symbolic link to one: a FIFO would block the reader
/// until someone writes to it, and a device such as /dev/zero or /dev/urandom never ends.
public enum InputFile {
    /// Why an input file could not be read; `description` completes "file: …".
    public enum Problem: Error, CustomStringConvertible {
        case missing
        /// A FIFO, a device, a socket or a folder, named as `kind`.
        case notRegular(kind: String)
        case unreadable(reason: String)

        public var description: String {
            switch self {
            case .missing: "file not found"
            case .notRegular(let kind):
                "the file is \(kind), not a regular file; an input must be a regular file (a FIFO would block and a device such as /dev/zero never ends)"
            case .unreadable(let reason): "cannot read the file: \(reason)"
            }
        }
    }

    /// The bytes of the regular file at `path`, or nil with the reason added to `diagnostics`
    /// against the name `file` (for a loader that reports every problem before failing).
    static func bytes(atPath path: String, file: String, diagnostics: inout [Diagnostic]) -> [UInt8]? {
        do {
            return try bytes(atPath: path)
        } catch {
            diagnostics.error(file, error.description)
            return nil
        }
    }

    /// The bytes of the regular file at `path` (a symbolic link is followed to its target).
    ///
    /// The file is opened without blocking, so a FIFO is refused at once instead of waiting for
    /// a writer, and checked with fstat(2) on the open descriptor, so what is read is what was
    /// checked.
    public static func bytes(atPath path: String) throws(Problem) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw errno == ENOENT ? .missing : .unreadable(reason: String(cString: strerror(errno)))
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw .unreadable(reason: String(cString: strerror(errno))) }
        switch status.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw .notRegular(kind: "a folder")
        case S_IFIFO: throw .notRegular(kind: "a FIFO (named pipe)")
        case S_IFCHR, S_IFBLK: throw .notRegular(kind: "a device")
        case S_IFSOCK: throw .notRegular(kind: "a socket")
        default: throw .notRegular(kind: "something else")
        }
        // A regular file ignores O_NONBLOCK; cleared anyway so reads behave as usual.
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) & ~O_NONBLOCK)
        var failure: Int32 = 0
        /// Reads into `buffer` until it is full or the file ends; the number of bytes read.
        func fill(_ buffer: UnsafeMutableBufferPointer<UInt8>) -> Int {
            var count = 0
            while count < buffer.count {
                let got = read(descriptor, buffer.baseAddress! + count, buffer.count - count)
                if got < 0, errno == EINTR { continue }
                if got <= 0 {
                    if got < 0 { failure = errno }
                    break
                }
                count += got
            }
            return count
        }
        // One byte more than the size, to see the end of the file; not zeroed first.
        let size = max(Int(status.st_size), 0)
        var bytes = [UInt8](unsafeUninitializedCapacity: size + 1) { buffer, count in count = fill(buffer) }
        // A file that grew since `fstat` is read to its end.
        var chunk = [UInt8](repeating: 0, count: bytes.count > size ? 1 << 16 : 0)
        while failure == 0, !chunk.isEmpty {
            let got = chunk.withUnsafeMutableBufferPointer { fill($0) }
            bytes += chunk[..<got]
            if got < chunk.count { break }
        }
        guard failure == 0 else { throw .unreadable(reason: String(cString: strerror(failure))) }
        return bytes
    }
}
