import Foundation
import TestSupport
import Testing

@Suite struct HelpCommandTests {
    /// The reference shipped in the binary is the guide in the repository, to the byte.
    @Test func helpFormatsPrintsGuidesFormats() throws {
        let guide = try String(contentsOf: repositoryRoot.appendingPathComponent("Guides/Formats.md"), encoding: .utf8)
        let result = try CLIRunner.run(["help", "formats"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == guide, "Guides/Formats.md changed: run `make guides`")
        #expect(guide.contains("## The revision JSON"))
    }

    @Test func helpOfACommandIsStillItsUsage() throws {
        let result = try CLIRunner.run(["help", "revise"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("USAGE: visitplan revise"))
        #expect(result.stdout.contains("--updated-data"))
        let root = try CLIRunner.run(["help"])
        #expect(root.status == 0 && root.stdout.contains("SUBCOMMANDS"))
    }

    @Test func anUnknownTopicIsAUsageError() throws {
        let result = try CLIRunner.run(["help", "formatz"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("Topics: formats"))
    }
}
