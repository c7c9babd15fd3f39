import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Inputs read outside the dataset folder are held to the same rule as its four files (the
/// corpus cases `input-*`): a regular file, or a link to one.
@Suite struct InputFileTests {
    /// `revise --adopted` given a FIFO nobody writes to (it used to wait forever) or a link to
    /// /dev/zero (read until memory ran out): refused at once, exit 1, the file named.
    @Test(arguments: ["fifo", "devzero"])
    func adoptedPlanMustBeARegularFile(_ kind: String) throws {
        let folder = try temporaryFolder("adopted")
        defer { try? FileManager.default.removeItem(at: folder) }
        let plan = folder.appendingPathComponent("adopted.json").path
        if kind == "fifo" {
            #expect(mkfifo(plan, 0o644) == 0)
        } else {
            try FileManager.default.createSymbolicLink(atPath: plan, withDestinationPath: "/dev/zero")
        }
        let run = try CLIRunner.run(["revise", "--adopted", plan, "--dataset", "datasets/demo-small"], timeout: 20)
        #expect(!run.timedOut && run.status == 1, "exit \(run.status): \(run.stderr.prefix(500))")
        let what = kind == "fifo" ? "a FIFO (named pipe)" : "a device"
        #expect(
            run.stderr.contains("\(plan): error: the file is \(what), not a regular file"), "\(run.stderr.prefix(500))")
    }
}
