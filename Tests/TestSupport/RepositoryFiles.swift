import Foundation

/// The checkout's root: three levels above this file (Tests/TestSupport/RepositoryFiles.swift).
public let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// A fresh, empty temporary folder whose name says what it is for; removed when the test
/// process exits, if the test has not removed it.
public func temporaryFolder(_ purpose: String) throws -> URL {
    let folder = FileManager.default.temporaryDirectory
        .appendingPathComponent("visitplan-\(purpose)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    LeftBehind.shared.add(folder)
    return folder
}

/// A fresh temporary folder holding a copy of the shipped dataset `datasets/<name>`; removed
/// when the test process exits, if the test has not removed it.
public func copyOfDataset(_ name: String) throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("visitplan-data-\(UUID().uuidString)")
    try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent("datasets/\(name)"), to: folder)
    LeftBehind.shared.add(folder)
    return folder
}

/// The temporary folders made by these helpers, removed when the test process exits: a test
/// that fails half-way (or forgets its `defer`) leaves nothing in the system's temporary folder.
private final class LeftBehind: @unchecked Sendable {
    static let shared = LeftBehind()
    private let lock = NSLock()
    private var folders: [URL] = []

    private init() {
        atexit { LeftBehind.shared.removeAll() }
    }

    func add(_ folder: URL) {
        lock.lock()
        defer { lock.unlock() }
        folders.append(folder)
    }

    private func removeAll() {
        lock.lock()
        let all = folders
        folders = []
        lock.unlock()
        for folder in all { try? FileManager.default.removeItem(at: folder) }
    }
}

/// The names in `folder`, hidden ones included, sorted (none when it cannot be read).
public func contents(of folder: URL) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
}
