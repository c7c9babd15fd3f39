import ArgumentParser

extension VisitPlan {
    /// `visitplan help [TOPIC | COMMAND]`: a reference page shipped in the binary, or the help of
    /// a command (what ArgumentParser's own `help` does, which this command stands in for).
    struct Help: ParsableCommand {
        /// The reference pages, each the text of a guide embedded at build time.
        enum Topic: String, CaseIterable {
            /// Guides/Formats.md: every file, column and key.
            case formats
            /// Guides/Ledger.md: the ledger's events, commands and rules.
            case ledger

            var text: String {
                switch self {
                case .formats: formatsGuide
                case .ledger: ledgerGuide
                }
            }
        }

        static let configuration = CommandConfiguration(
            commandName: "help",
            abstract: "Show a command's help, or a reference page: `visitplan help formats` prints the file formats.",
            discussion: """
                Topics: \(Topic.allCases.map(\.rawValue).joined(separator: ", ")). The text of
                `visitplan help formats` is Guides/Formats.md: every file a dataset holds, every
                column and key with its default, and the JSON that `plan` and `revise` write.
                `visitplan help ledger` is Guides/Ledger.md: the events of the ledger, the
                `visitplan ledger` commands and how the engagement facts are derived.
                """,
            helpNames: []
        )

        @Argument(help: ArgumentHelp("A topic (formats, ledger) or a command name.", valueName: "TOPIC"))
        var names: [String] = []

        func validate() throws {
            guard let first = names.first, Topic(rawValue: first) == nil else { return }
            if command(named: first) == nil {
                let commands = Self.commands.map { $0._commandName }
                throw ValidationError(
                    "No topic or command `\(first)`. Topics: "
                        + Topic.allCases.map(\.rawValue).joined(separator: ", ")
                        + "; commands: " + commands.joined(separator: ", ") + ".")
            }
        }

        func run() throws {
            guard let first = names.first else {
                print(VisitPlan.helpMessage())
                return
            }
            if let topic = Topic(rawValue: first) {
                // The guide ends with a newline; the embedded text drops it, and print puts it back.
                print(topic.text)
            } else if let command = command(named: first) {
                print(VisitPlan.helpMessage(for: command))
            }
        }

        /// Every command but this one.
        private static var commands: [ParsableCommand.Type] {
            VisitPlan.configuration.subcommands.filter { $0._commandName != "help" }
        }

        private func command(named name: String) -> ParsableCommand.Type? {
            VisitPlan.configuration.subcommands.first { $0._commandName == name }
        }
    }
}
