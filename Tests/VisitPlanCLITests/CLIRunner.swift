import Foundation
import Testing

/// Runs the built `visitplan` binary, as a user would, from the checkout's root.
struct CLIRunner {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The checkout's root: three levels above this file.
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The binary next to the test bundle (both are build products of the same configuration).
    static let binary: URL = {
        let products = Bundle.main.bundleURL.deletingLastPathComponent()
        for candidate in [products.appendingPathComponent("visitplan"),
                          Bundle.main.bundleURL.appendingPathComponent("visitplan")] {
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return root.appendingPathComponent(".build/debug/visitplan")
    }()

    /// - Parameter environment: variables set for the run, on top of this process's.
    static func run(_ arguments: [String], in directory: URL = root, environment: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read both pipes before waiting so that a large output cannot block the child.
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus,
                      stdout: String(decoding: stdout, as: UTF8.self),
                      stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// Runs a step of a scripted session that must succeed, recording an issue naming the
    /// arguments and the error output when it does not.
    static func step(_ arguments: [String]) throws -> Result {
        let result = try run(arguments)
        #expect(result.status == 0, "\(arguments): \(result.stderr)")
        return result
    }

    /// A fresh temporary folder holding a copy of a shipped dataset.
    static func copyOfDataset(_ name: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("visitplan-cli-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: root.appendingPathComponent("datasets/\(name)"), to: folder)
        return folder
    }
}
