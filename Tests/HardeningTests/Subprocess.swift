import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs the built `visitplan` binary as a user would, with a time limit, its output captured in
/// files (a pipe left unread could block the child and pass for a hang).
struct Subprocess {
    struct Result {
        /// The exit code, or 128 + the signal's number when a signal ended the process.
        var status: Int32
        var stdout: String
        var stderr: String
        var seconds: Double
        var timedOut: Bool
        /// Whether a signal, not `exit`, ended the process (a crash, unless the test sent it).
        var signalled: Bool
    }

    /// The checkout's root: three levels above this file.
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The binary next to the test bundle (both are products of the same build).
    static let binary: URL = {
        let products = Bundle.main.bundleURL.deletingLastPathComponent()
        for candidate in [products.appendingPathComponent("visitplan"),
                          Bundle.main.bundleURL.appendingPathComponent("visitplan")] {
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return root.appendingPathComponent(".build/debug/visitplan")
    }()

    /// Runs `visitplan arguments…`, killing it after `timeout` seconds.
    ///
    /// - Parameters:
    ///   - environment: variables added to the test's own environment.
    ///   - signal: a signal to send once `signalAfter` seconds have passed.
    static func run(
        _ arguments: [String], timeout: Double = 20, environment: [String: String] = [:],
        signal: Int32? = nil, signalAfter: Double = 1
    ) throws -> Result {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("visitplan-hard-io-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outURL = scratch.appendingPathComponent("stdout"), errURL = scratch.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = root
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        let start = Date()
        try process.run()
        var timedOut = false, sent = false
        while process.isRunning {
            let elapsed = Date().timeIntervalSince(start)
            if let signal, !sent, elapsed >= signalAfter {
                kill(process.processIdentifier, signal)
                sent = true
            }
            if elapsed > timeout {
                timedOut = true
                kill(process.processIdentifier, SIGKILL)
                break
            }
            usleep(10_000)
        }
        process.waitUntilExit()
        try out.close(); try err.close()
        let signalled = process.terminationReason == .uncaughtSignal
        return Result(
            status: signalled ? 128 + process.terminationStatus : process.terminationStatus,
            stdout: (try? String(contentsOf: outURL, encoding: .utf8)) ?? "",
            stderr: String(decoding: (try? Data(contentsOf: errURL)) ?? Data(), as: UTF8.self),
            seconds: Date().timeIntervalSince(start), timedOut: timedOut, signalled: signalled)
    }

    /// A fresh, empty temporary folder.
    static func temporaryFolder(_ purpose: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("visitplan-hard-\(purpose)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// A fresh temporary folder holding a copy of the shipped dataset `name`.
    static func copyOfDataset(_ name: String) throws -> URL {
        let folder = try temporaryFolder("data")
        let source = root.appendingPathComponent("datasets/\(name)")
        for file in try FileManager.default.contentsOfDirectory(atPath: source.path) {
            try FileManager.default.copyItem(at: source.appendingPathComponent(file), to: folder.appendingPathComponent(file))
        }
        return folder
    }

    /// The names in `folder`, hidden ones included.
    static func contents(of folder: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
    }
}
