import ArgumentParser

@main
struct VisitPlan: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "visitplan")
}
