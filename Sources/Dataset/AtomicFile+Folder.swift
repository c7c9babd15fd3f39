import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Whole folders written all or nothing, with the same temporaries, interrupt handling and
// rename(2) as single files.

extension AtomicFile {
    /// Writes `files` (name and bytes, in that order) as the folder `directory`, all or nothing.
    ///
    /// The files are written into a new hidden sibling folder, which is renamed to `directory`
    /// once every file is complete: a failure leaves nothing half-written and the old folder as it
    /// was. An existing empty folder is replaced; a non-empty one only when `replacing` is true, and
    /// only after the new folder is complete.
    ///
    /// - Throws: `FolderOutputError`.
    public static func writeFolder(
        _ files: [(name: String, bytes: [UInt8])], to directory: String,
        replacing: Bool
    ) throws {
        let output = try FolderDestination(directory, replacing: replacing)
        let staging = try output.makeSibling(purpose: "new")
        registerTemporary(staging)
        defer { unregisterTemporary(staging) }
        do {
            for file in files {
                do {
                    try write(file.bytes, to: "\(staging)/\(file.name)")
                } catch let error as OutputError {
                    throw FolderOutputError.cannotWrite(path: output.target, reason: "\(file.name): \(error.reason)")
                }
            }
            guard chmod(staging, 0o755) == 0 else { throw output.systemError() }
            if !output.exists || output.isEmpty {
                // rename(2) replaces an empty folder in one step.
                guard moveIntoPlace(staging, output.target) else { throw output.systemError() }
            } else {
                // Move the old folder aside, move the new one in, then delete the old one.
                let old = try output.makeSibling(purpose: "old")
                guard rename(output.target, old) == 0 else {
                    let error = output.systemError()
                    _ = rmdir(old)
                    throw error
                }
                guard moveIntoPlace(staging, output.target) else {
                    let error = output.systemError()
                    _ = rename(old, output.target)
                    throw error
                }
                try? FileManager.default.removeItem(atPath: old)
            }
        } catch {
            try? FileManager.default.removeItem(atPath: staging)
            throw error
        }
    }

    /// Checks that `directory` can receive a folder before any work is done: it is absent (with an
    /// existing parent folder), an empty folder, or a folder that `replacing` allows to replace.
    ///
    /// - Throws: `FolderOutputError`.
    public static func checkFolderDestination(_ directory: String, replacing: Bool) throws {
        _ = try FolderDestination(directory, replacing: replacing)
    }
}

/// Where a folder is to be written: the path without trailing slashes, its parent and last
/// component, and what is there now.
private struct FolderDestination {
    var target: String
    var parent: String
    var base: String
    var exists: Bool
    var isEmpty: Bool

    /// - Throws: `FolderOutputError` when the folder may not be written there.
    init(_ directory: String, replacing: Bool) throws {
        var target = directory
        while target.count > 1, target.hasSuffix("/") { target.removeLast() }
        let (parent, base) = Self.split(target)
        guard base != "." && base != ".." && !base.isEmpty && target != "/" else {
            throw FolderOutputError.outputNotAFolder(path: directory)
        }
        (self.target, self.parent, self.base) = (target, parent, base)
        var status = stat()
        guard lstat(target, &status) == 0 else {
            var parentStatus = stat()
            guard stat(parent, &parentStatus) == 0 else {
                throw FolderOutputError.cannotWrite(path: target, reason: "the parent folder \(parent) does not exist")
            }
            guard (parentStatus.st_mode & S_IFMT) == S_IFDIR else {
                throw FolderOutputError.cannotWrite(path: target, reason: "\(parent) is not a folder")
            }
            guard access(parent, W_OK | X_OK) == 0 else {
                throw FolderOutputError.cannotWrite(path: target, reason: "the folder \(parent) is not writable")
            }
            (exists, isEmpty) = (false, false)
            return
        }
        guard (status.st_mode & S_IFMT) == S_IFDIR else { throw FolderOutputError.outputNotAFolder(path: target) }
        let entries: [String]
        do {
            entries = try FileManager.default.contentsOfDirectory(atPath: target)
        } catch {
            throw FolderOutputError.cannotWrite(path: target, reason: "the folder cannot be read")
        }
        if !entries.isEmpty && !replacing { throw FolderOutputError.outputNotEmpty(path: target) }
        guard access(parent, W_OK | X_OK) == 0 else {
            throw FolderOutputError.cannotWrite(path: target, reason: "the folder \(parent) is not writable")
        }
        (exists, isEmpty) = (true, entries.isEmpty)
    }

    private static func split(_ path: String) -> (parent: String, base: String) {
        guard let slash = path.lastIndex(of: "/") else { return (".", path) }
        let parent = String(path[..<slash])
        return (parent.isEmpty ? "/" : parent, String(path[path.index(after: slash)...]))
    }

    /// A new empty folder `.<base>.<purpose>-XXXXXX` next to the target.
    func makeSibling(purpose: String) throws -> String {
        let prefix = parent == "/" ? "/" : "\(parent)/"
        var template = Array("\(prefix).\(base).\(purpose)-XXXXXX".utf8CString)
        let made = template.withUnsafeMutableBufferPointer { buffer in buffer.baseAddress.flatMap { mkdtemp($0) } }
        guard made != nil else {
            throw FolderOutputError.cannotWrite(
                path: target, reason: "cannot create a folder in \(parent): \(String(cString: strerror(errno)))")
        }
        return String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    func systemError() -> FolderOutputError {
        .cannotWrite(path: target, reason: String(cString: strerror(errno)))
    }
}
