import Foundation

/// The checkout's root: three levels above this file (Tests/TestSupport/RepositoryFiles.swift).
public let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// A fresh, empty temporary folder whose name says what it is for.
public func temporaryFolder(_ purpose: String) throws -> URL {
    let folder = FileManager.default.temporaryDirectory
        .appendingPathComponent("visitplan-\(purpose)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder
}

/// A fresh temporary folder holding a copy of the shipped dataset `datasets/<name>`; the caller
/// removes it.
public func copyOfDataset(_ name: String) throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("visitplan-data-\(UUID().uuidString)")
    try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent("datasets/\(name)"), to: folder)
    return folder
}

/// The names in `folder`, hidden ones included, sorted (none when it cannot be read).
public func contents(of folder: URL) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
}
