import Foundation
import TestSupport
import Testing

@testable import Dataset

#if canImport(Glibc)
import Glibc
#endif

/// Outputs never destroy: `--output` writes only a new path or a regular file, a full or closed
/// standard output is a message and exit 3, and an interrupt says truly what it left.
@Suite struct OutputTests {
    /// The file type of `path` itself (a link is not followed), as `S_IFMT` bits; nil if absent.
    static func fileType(_ path: String) -> mode_t? {
        var status = stat()
        return lstat(path, &status) == 0 ? status.st_mode & S_IFMT : nil
    }

    static let demo = repositoryRoot.appendingPathComponent("datasets/demo-small").path

    @Test func fifoOutputIsRefusedAndKept() throws {
        let folder = try temporaryFolder("fifo")
        defer { try? FileManager.default.removeItem(at: folder) }
        let fifo = folder.appendingPathComponent("scores.csv").path
        #expect(mkfifo(fifo, 0o644) == 0)
        // Before the check, the rename replaced the FIFO with a plain file (exit 0).
        let run = try CLIRunner.run(["score", Self.demo, "--output", fifo], timeout: 20)
        #expect(run.status == 1, "exit \(run.status): \(run.stderr)")
        #expect(run.stderr.contains("\(fifo): refusing to write: it is a FIFO"), "\(run.stderr)")
        #expect(Self.fileType(fifo) == S_IFIFO)
        #expect(contents(of: folder) == ["scores.csv"], "left behind: \(contents(of: folder))")
    }

    /// A symbolic link is refused, neither followed nor replaced: the link and its target stay.
    @Test func symbolicLinkOutputIsRefusedAndKept() throws {
        let folder = try temporaryFolder("link")
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = folder.appendingPathComponent("real.json").path
        let link = folder.appendingPathComponent("latest.json").path
        try Data("old\n".utf8).write(to: URL(fileURLWithPath: target))
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        let run = try CLIRunner.run(["score", Self.demo, "--format", "json", "--output", link], timeout: 20)
        #expect(run.status == 1, "exit \(run.status): \(run.stderr)")
        #expect(
            run.stderr.contains("\(link): refusing to write: it is a symbolic link (to \(target))"), "\(run.stderr)")
        #expect(Self.fileType(link) == S_IFLNK)
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "old\n")
        #expect(contents(of: folder) == ["latest.json", "real.json"])
    }

    /// A device is refused before anything is written: `--output /dev/null` used to replace
    /// /dev/null with a plain file when run as root (only the refusal is checked here, so the
    /// test is the same for any user).
    @Test func deviceOutputIsRefused() throws {
        let run = try CLIRunner.run(["score", Self.demo, "--output", "/dev/null"], timeout: 20)
        #expect(run.status == 1, "exit \(run.status): \(run.stderr)")
        #expect(run.stderr.contains("/dev/null: refusing to write: it is a device"), "\(run.stderr)")
        #expect(Self.fileType("/dev/null") == S_IFCHR)
    }

    @Test func folderOutputIsRefused() throws {
        let folder = try temporaryFolder("dir")
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try CLIRunner.run(["plan", Self.demo, "--output", folder.path], timeout: 20)
        #expect(run.status == 1, "exit \(run.status): \(run.stderr)")
        #expect(run.stderr.contains("refusing to write: it is a folder"), "\(run.stderr)")
        #expect(contents(of: folder).isEmpty)
    }

    /// Standard output redirected by the shell: to /dev/full (every write fails with ENOSPC) or
    /// closed (`>&-`). Each used to crash on a `try!` inside Foundation (exit 132, a backtrace).
    @Test(arguments: [
        (">/dev/full", "No space left on device"),
        (">&-", "Bad file descriptor"),
    ])
    func unwritableStandardOutputExitsThree(_ redirection: String, _ reason: String) throws {
        for command in [["score", Self.demo], ["validate", Self.demo], ["plan", Self.demo, "--format", "json"]] {
            let quoted = ([CLIRunner.binary.path] + command).map { "'\($0)'" }.joined(separator: " ")
            let run = try Self.shell("exec \(quoted) \(redirection)")
            #expect(run.status == 3, "\(command) \(redirection): exit \(run.status): \(run.stderr.prefix(500))")
            #expect(run.stderr == "error: standard output: cannot write: \(reason)\n", "\(run.stderr.prefix(500))")
        }
    }

    /// With both streams gone there is nowhere to say anything, but the exit code still tells.
    @Test func closedStandardOutputAndErrorStillExitThree() throws {
        let quoted = [CLIRunner.binary.path, "score", Self.demo].map { "'\($0)'" }.joined(separator: " ")
        let run = try Self.shell("exec \(quoted) >&- 2>&-", capturingErrors: false)
        #expect(run.status == 3, "exit \(run.status)")
    }

    /// SIGINT at different moments of `score --output`: whatever the moment, the message tells the
    /// truth about the file. Interrupted before the rename, no file and no temporary remain and
    /// the message says nothing was written; after it, the file is complete and the message says
    /// it was written; or the run finished first (exit 0, the file complete).
    @Test(arguments: [0.02, 0.05, 0.08, 0.12, 0.16, 0.25])
    func interruptTellsWhetherTheOutputWasWritten(_ delay: Double) throws {
        let folder = try temporaryFolder("race")
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("scores.json")
        let reference = try CLIRunner.run(["score", Self.demo, "--format", "json"], timeout: 20)
        #expect(reference.status == 0)
        let run = try CLIRunner.run(
            ["score", Self.demo, "--format", "json", "--output", output.path],
            timeout: 20, signal: SIGINT, signalAfter: delay)
        let written = (try? String(contentsOf: output, encoding: .utf8))
        switch run.status {
        case 0:
            #expect(written == reference.stdout)
        case 130:
            if run.stderr.contains("visitplan: interrupted by SIGINT; no output was written") {
                #expect(written == nil)
            } else {
                #expect(
                    run.stderr.contains(
                        "interrupted by SIGINT; the output was written in full before the interrupt: \(output.path)"),
                    "\(run.stderr)")
                #expect(written == reference.stdout)
            }
        default:
            Issue.record("exit \(run.status): \(run.stderr.prefix(500))")
        }
        let names = contents(of: folder)
        #expect(names.isEmpty || names == ["scores.json"], "left behind: \(names)")
    }

    /// The interrupt's bookkeeping: a file counts as written once renamed into place (under the
    /// lock the interrupt takes, so the message cannot miss it); files written inside a staged
    /// folder count as the folder once it is moved into place, and not before.
    @Test func renamedOutputsAreRecordedAsWritten() throws {
        let folder = try temporaryFolder("record")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("scores.csv").path
        try AtomicFile.write("a,b\n", to: file)
        #expect(AtomicFile.writtenOutputs.contains(file))

        let staging = folder.appendingPathComponent(".staging").path
        let target = folder.appendingPathComponent("dataset").path
        try FileManager.default.createDirectory(atPath: staging, withIntermediateDirectories: false)
        AtomicFile.registerTemporary(staging)
        try AtomicFile.write("id\n", to: staging + "/states.csv")
        #expect(AtomicFile.writtenOutputs.contains(staging + "/states.csv"))
        #expect(AtomicFile.moveIntoPlace(staging, target))
        #expect(!AtomicFile.writtenOutputs.contains { $0.hasPrefix(staging + "/") })
        #expect(AtomicFile.writtenOutputs.contains(target))
        #expect(try String(contentsOfFile: target + "/states.csv", encoding: .utf8) == "id\n")
    }

    /// Runs `script` with /bin/sh, its standard error captured in a file when `capturingErrors`.
    static func shell(_ script: String, capturingErrors: Bool = true) throws -> (status: Int32, stderr: String) {
        let folder = try temporaryFolder("sh")
        defer { try? FileManager.default.removeItem(at: folder) }
        let errors = folder.appendingPathComponent("stderr")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", capturingErrors ? script + " 2>>'\(errors.path)'" : script]
        process.currentDirectoryURL = repositoryRoot
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let text = String(decoding: (try? Data(contentsOf: errors)) ?? Data(), as: UTF8.self)
        return (process.terminationStatus, text)
    }
}
