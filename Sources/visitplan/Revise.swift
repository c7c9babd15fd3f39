import ArgumentParser
import Dataset
import Foundation
import Planning
import Scoring

extension VisitPlan {
    struct Revise: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Re-plan after adoption, keeping as many adopted visits as possible.",
            discussion: """
                Takes the JSON written by `visitplan plan`, withdraws States (refused or withdrawn
                consent), forces others in, and re-solves with the fewest changes first and the best
                score second. Prints who leaves, who enters and why. --dataset re-plans on updated data.

                Examples:
                  visitplan plan --format json --output adopted.json
                  visitplan revise --adopted adopted.json --withdraw MLI
                  visitplan revise --adopted adopted.json --withdraw MLI --add NER --format json
                """
        )

        @Option(help: ArgumentHelp("The adopted plan: the JSON written by `visitplan plan`.", valueName: "PLAN.json"))
        var adopted: String

        @Option(help: ArgumentHelp("A State to take off the list (repeatable).", valueName: "ID"))
        var withdraw: [String] = []

        @Option(help: ArgumentHelp("A State to force onto the list (repeatable).", valueName: "ID"))
        var add: [String] = []

        @Option(name: .customLong("dataset"), help: ArgumentHelp("Updated dataset folder (default: the shipped cycle).", valueName: "DIR"))
        var datasetFolder: String?

        @OptionGroup var output: OutputOptions
        @OptionGroup var audience: AudienceOptions

        func validate() throws {
            if let clash = Set(withdraw).intersection(add).first {
                throw ValidationError("\(clash) is both withdrawn and added; give it once.")
            }
        }

        func run() throws {
            let options = try DatasetOptions.parse(datasetFolder.map { [$0] } ?? [])
            let loaded = try options.load()
            let adoptedPlan: Planning.Plan
            do {
                let data = try Data(contentsOf: URL(fileURLWithPath: adopted))
                adoptedPlan = try JSONDecoder().decode(Planning.Plan.self, from: data)
            } catch let error as DecodingError {
                throw InputFailure(lines: ["\(adopted): error: not a plan written by `visitplan plan --format json`: \(describe(error))"])
            } catch {
                throw InputFailure(lines: ["\(adopted): error: cannot read: \(error.localizedDescription)"])
            }
            let known = Set(loaded.states.map(\.id))
            let unknown = (withdraw + add).filter { !known.contains($0) }
            if !unknown.isEmpty {
                throw InputFailure(lines: unknown.map { "error: no candidate with id `\($0)` in \(options.directory)/states.csv" })
            }
            let problem = try options.planProblem(loaded)
            let revision = try options.solve { try revise(adopted: adoptedPlan, problem: problem, withdraw: withdraw, add: add) }
            let edition = try audience.edition(table: try options.score(loaded), dataset: loaded, directory: options.directory,
                                               format: output.format, list: revisedList(revision, problem: problem, adopted: adoptedPlan))
            let text = switch output.format {
            case .json: edition.isPublic ? encodeForOutput(EditionDocument(revision.published(edition), edition: edition))
                : encodeForOutput(EditionDocument(revision, edition: edition))
            case .csv: revision.plan.csv(edition: edition)
            case .table: revision.renderTable(edition: edition)
            }
            try output.emit(text, inputs: options.inputFiles + [adopted])
        }

        /// The revised list as a reader sees it: withdrawn States excluded, added ones included,
        /// the adopted list known (a revision keeps as much of it as it can).
        private func revisedList(_ revision: Revision, problem: PlanProblem, adopted: Planning.Plan) -> PublishedList {
            var problem = problem
            problem.settings.exclude += withdraw
            problem.settings.include += add
            return PublishedList(selected: revision.plan.selectedIDs, problem: problem, adopted: Set(adopted.selectedIDs))
        }

        private func describe(_ error: DecodingError) -> String {
            switch error {
            case .keyNotFound(let key, let context):
                return "missing key `\(key.stringValue)` at \(path(context))"
            case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
                return "\(context.debugDescription) at \(path(context))"
            @unknown default:
                return "\(error)"
            }
        }

        private func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return keys.isEmpty ? "the top level" : keys
        }
    }
}
