import Foundation
import TextOutput

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why an output file could not be written.
public struct OutputError: Error, Sendable, CustomStringConvertible {
    /// Whether the destination was refused before writing, or the writing itself failed.
    public enum Kind: Sendable {
        /// The destination is not something visitplan writes (an input, a device, a FIFO, a
        /// symbolic link, a folder): the user's choice of path, exit 1.
        case refused
        /// The system would not take the bytes (a full disk, a closed standard output): exit 3.
        case failed
    }

    public var path: String
    public var reason: String
    public var kind: Kind

    public init(path: String, reason: String, kind: Kind = .failed) {
        self.path = path
        self.reason = reason
        self.kind = kind
    }

    public var description: String {
        switch kind {
        case .refused: "\(path): refusing to write: \(reason)"
        case .failed: "\(path): cannot write: \(reason)"
        }
    }
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
        try write(to: path, protecting: inputs) { $0.append(bytes) }
    }

    /// Writes to `path` atomically what `body` appends to the buffer it is given: the bytes go
    /// to the temporary file as the buffer fills, so the whole output is never held in memory.
    /// If `body` throws or a write fails, the temporary file is removed and the destination is
    /// as it was.
    ///
    /// - Parameter protecting: input paths that must never be overwritten; writing over one is
    ///   refused (before `body` runs).
    public static func write(
        to path: String, protecting inputs: [String] = [], _ body: (OutputBuffer) throws -> Void
    ) throws {
        try checkDestination(path, protecting: inputs)
        let folder = path.contains("/") ? String(path[..<path.lastIndex(of: "/")!]) : "."
        var template = Array("\(folder.isEmpty ? "/" : folder)/.visitplan-XXXXXX".utf8CString)
        // Created and registered under the lock, so an interrupt always finds it (see
        // `removeTemporaryFiles`).
        let (fd, temporary) = temporaries.withLock { state in
            let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
            let temporary = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
            if fd >= 0 { state.paths.insert(temporary) }
            return (fd, temporary)
        }
        guard fd >= 0 else {
            // A folder that is missing, read-only or not ours is the path's fault, not the system's.
            let refused = [EACCES, EROFS, ENOENT, ENOTDIR, EPERM].contains(errno)
            let reason = errno == ENOENT ? "the folder \(folder) does not exist" : errorText()
            throw OutputError(path: path, reason: reason, kind: refused ? .refused : .failed)
        }
        defer { unregisterTemporary(temporary) }
        let buffer = OutputBuffer(descriptor: fd)
        do {
            try body(buffer)
        } catch {
            close(fd); unlink(temporary)
            throw error
        }
        if let reason = buffer.finish() {
            close(fd); unlink(temporary)
            throw OutputError(path: path, reason: reason)
        }
        fchmod(fd, 0o644)
        guard fsync(fd) == 0, close(fd) == 0 else {
            let reason = errorText()
            unlink(temporary)
            throw OutputError(path: path, reason: reason)
        }
        // Checked again at the last moment: the path may have changed during the work.
        do {
            try checkDestination(path, protecting: inputs)
        } catch {
            unlink(temporary)
            throw error
        }
        guard moveIntoPlace(temporary, path) else {
            let reason = errorText()
            unlink(temporary)
            throw OutputError(path: path, reason: reason)
        }
    }

    /// Checks that `path` may receive an output: a new name in an existing folder, or a regular
    /// file that is not one of `inputs`.
    ///
    /// A symbolic link is refused, not followed: writing through a link would replace whatever
    /// it points to (a link planted in a shared folder could name any file the user can write),
    /// and replacing the link itself would silently cut it. A device, a FIFO, a socket or a folder
    /// is refused because the rename would replace it with a plain file (as root, `--output
    /// /dev/null` would replace /dev/null).
    ///
    /// - Throws: `OutputError` of kind `.refused`.
    public static func checkDestination(_ path: String, protecting inputs: [String] = []) throws {
        func refuse(_ reason: String) -> OutputError { OutputError(path: path, reason: reason, kind: .refused) }
        guard !path.isEmpty else { throw refuse("the path is empty") }
        var status = stat()
        guard lstat(path, &status) == 0 else {
            if errno == ENOENT { return }  // a new file: the folder is checked by mkstemp
            throw OutputError(path: path, reason: errorText())
        }
        switch status.st_mode & S_IFMT {
        case S_IFREG:
            let target = canonical(path)
            if inputs.contains(where: { canonical($0) == target }) {
                throw refuse("it is an input file of the dataset")
            }
        case S_IFLNK:
            let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) ?? "?"
            throw refuse(
                "it is a symbolic link (to \(target)); visitplan neither follows nor replaces links: give the path of the file itself"
            )
        case S_IFDIR: throw refuse("it is a folder; give a file name inside it")
        case S_IFIFO:
            throw refuse("it is a FIFO (named pipe), not a regular file; an output must be a new or regular file")
        case S_IFCHR, S_IFBLK:
            throw refuse("it is a device, not a regular file; an output must be a new or regular file")
        case S_IFSOCK: throw refuse("it is a socket, not a regular file; an output must be a new or regular file")
        default: throw refuse("it is not a regular file; an output must be a new or regular file")
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
    public static func registerTemporary(_ path: String) { temporaries.withLock { _ = $0.paths.insert(path) } }

    /// Forgets a temporary path once it has been renamed into place or removed.
    public static func unregisterTemporary(_ path: String) { temporaries.withLock { _ = $0.paths.remove(path) } }

    /// Renames the registered temporary file or folder `temporary` to `destination` and forgets
    /// it, under the registry's lock: an interrupt then finds either the temporary (and removes
    /// it; the destination is as it was) or the destination written, never something between.
    ///
    /// - Returns: whether rename(2) succeeded (`errno` says why not).
    public static func moveIntoPlace(_ temporary: String, _ destination: String) -> Bool {
        temporaries.withLock { state in
            guard rename(temporary, destination) == 0 else { return false }
            state.paths.remove(temporary)
            // Files written inside a staged folder now live under the destination's name.
            state.written.removeAll { $0.hasPrefix(temporary + "/") }
            state.written.append(destination)
            return true
        }
    }

    /// The outputs renamed into place so far, which an interrupt reports as written (for tests).
    static var writtenOutputs: [String] { temporaries.withLock { $0.written } }

    /// Removes every registered temporary path, and keeps the registry locked so that no writer
    /// can register or rename another one afterwards: call it only on the way out of the process
    /// (from a signal handler that then exits).
    ///
    /// - Returns: the outputs that were completely written (renamed into place) before, which the
    ///   interrupt leaves in place.
    public static func removeTemporaryFiles() -> [String] {
        temporaries.lockForever { state in
            for path in state.paths { try? FileManager.default.removeItem(atPath: path) }
            // A file written inside a temporary folder that is now removed was never an output.
            return state.written.filter { file in !state.paths.contains { file.hasPrefix($0 + "/") } }
        }
    }

    private static func canonical(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    private static func errorText() -> String { String(cString: strerror(errno)) }
}

/// The temporary paths in progress and the outputs written, behind a lock.
private final class LockedPaths: @unchecked Sendable {
    struct State {
        /// Temporary files and folders that an interrupt must remove.
        var paths: Set<String> = []
        /// Destinations renamed into place, in order.
        var written: [String] = []
    }

    private let lock = NSLock()
    private var state = State()

    func withLock<T>(_ body: (inout State) -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body(&state)
    }

    /// Runs `body` and never unlocks: the process is about to exit.
    func lockForever<T>(_ body: (State) -> T) -> T {
        lock.lock()
        return body(state)
    }
}
