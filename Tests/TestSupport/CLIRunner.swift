import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Runs the built `visitplan` binary as a user would, its output captured in files (a pipe left
/// unread could block the child and pass for a hang), optionally with a time limit and a signal.
public enum CLIRunner {
    /// What a run left: exit status, the two streams, and how it ended.
    public struct Result: Sendable {
        /// The exit code, or 128 + the signal's number when a signal ended the process.
        public var status: Int32
        public var stdout: String
        public var stderr: String
        /// Wall-clock seconds from start to exit.
        public var seconds: Double
        /// Whether the time limit ran out and the process was killed.
        public var timedOut: Bool
        /// Whether a signal, not `exit`, ended the process (a crash, unless the test sent it).
        public var signalled: Bool

        public init(
            status: Int32, stdout: String, stderr: String, seconds: Double = 0, timedOut: Bool = false,
            signalled: Bool = false
        ) {
            self.status = status
            self.stdout = stdout
            self.stderr = stderr
            self.seconds = seconds
            self.timedOut = timedOut
            self.signalled = signalled
        }
    }

    /// The binary next to the test bundle (both are build products of the same configuration).
    public static let binary: URL = {
        let products = Bundle.main.bundleURL.deletingLastPathComponent()
        for candidate in [
            products.appendingPathComponent("visitplan"),
            Bundle.main.bundleURL.appendingPathComponent("visitplan"),
        ] {
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return repositoryRoot.appendingPathComponent(".build/debug/visitplan")
    }()

    /// Runs `visitplan arguments…` in `directory` (the checkout's root by default), standard
    /// input empty.
    ///
    /// - Parameters:
    ///   - timeout: seconds after which the process is killed (`timedOut`); no limit by default.
    ///   - environment: variables added to the test's own environment.
    ///   - signal: a signal to send once `signalAfter` seconds have passed.
    public static func run(
        _ arguments: [String], in directory: URL = repositoryRoot, timeout: Double = .infinity,
        environment: [String: String] = [:], signal: Int32? = nil, signalAfter: Double = 1
    ) throws -> Result {
        let scratch = try temporaryFolder("io")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outURL = scratch.appendingPathComponent("stdout"), errURL = scratch.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
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
            stdout: String(decoding: (try? Data(contentsOf: outURL)) ?? Data(), as: UTF8.self),
            stderr: String(decoding: (try? Data(contentsOf: errURL)) ?? Data(), as: UTF8.self),
            seconds: Date().timeIntervalSince(start), timedOut: timedOut, signalled: signalled)
    }

    /// Runs a step of a scripted session that must succeed, recording an issue naming the
    /// arguments and the error output when it does not.
    public static func step(_ arguments: [String]) throws -> Result {
        let result = try run(arguments)
        #expect(result.status == 0, "\(arguments): \(result.stderr)")
        return result
    }
}
