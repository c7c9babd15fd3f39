import ArgumentParser
import Dataset
import Formats
import Foundation
import Planning
import Scoring
import TextOutput

extension VisitPlan {
    struct Revise: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "revise",
            abstract: "Re-plan after adoption, keeping as many adopted visits as possible.",
            discussion: """
                Takes the JSON written by `visitplan plan` (or by an earlier `visitplan
                revise`), withdraws States (refused or withdrawn consent), forces others in,
                and re-solves with the fewest changes first and the best score second.
                Prints who leaves, who enters and why.

                Revisions chain: the JSON of `revise` is a valid --adopted input, and the
                States withdrawn or added by earlier revisions stay withdrawn or added (add
                a withdrawn State to bring it back).

                The plan records its dataset's fingerprint (SHA-256 of states.csv,
                indicators.csv, events.csv, model.yaml). A plan made on other data is
                refused (exit 1, naming both datasets). When DATASET holds the adopted
                cycle's updated data (new consent facts, new indicator values, a changed
                planning section), say so with --updated-data: the files that changed are
                then printed and recorded in the revision.

                Examples:
                  visitplan plan --format json --output adopted.json
                  visitplan revise --adopted adopted.json --withdraw MLI --format json \\
                      --output rev1.json
                  visitplan revise --adopted rev1.json --withdraw NER
                  visitplan revise datasets/cycle-2023 --adopted adopted.json --updated-data
                """
        )

        @OptionGroup var dataset: DatasetOptions

        @Option(
            name: .customLong("dataset"),
            help: ArgumentHelp("The same as the DATASET argument (kept for older scripts).", valueName: "DIR"))
        var datasetOption: String?

        @Option(
            help: ArgumentHelp(
                "The adopted plan: the JSON written by `visitplan plan` or `visitplan revise`.",
                valueName: "PLAN.json"))
        var adopted: String

        @Option(help: ArgumentHelp("A State to take off the list (repeatable).", valueName: "ID"))
        var withdraw: [String] = []

        @Option(help: ArgumentHelp("A State to force onto the list (repeatable).", valueName: "ID"))
        var add: [String] = []

        @Flag(
            name: .customLong("updated-data"),
            help:
                "DATASET is the adopted plan's data, updated since: revise against it although its fingerprint differs."
        )
        var updatedData = false

        @OptionGroup var ledger: LedgerRecordOptions

        @OptionGroup var output: OutputOptions
        @OptionGroup var audience: AudienceOptions

        func validate() throws {
            try ledger.validate(changes: withdraw.count + add.count)
            if let clash = Set(withdraw).intersection(add).first {
                throw ValidationError("\(clash) is both withdrawn and added; give it once.")
            }
            if let argument = dataset.dataset, let option = datasetOption, argument != option {
                throw ValidationError("Two datasets given (\(argument) and --dataset \(option)); give one.")
            }
        }

        func run() throws {
            var options = dataset
            if let datasetOption { options.dataset = datasetOption }
            let loaded = try options.load()
            let adoptedPlan: Planning.Plan
            do {
                // A regular file only: a FIFO would block and /dev/zero never ends.
                let data = Data(try InputFile.bytes(atPath: adopted))
                adoptedPlan = try JSONDecoder().decode(AdoptedPlan.self, from: data).plan
            } catch let problem as InputFile.Problem {
                throw InputFailure(lines: ["\(adopted): error: \(problem)"])
            } catch let error as DecodingError {
                throw InputFailure(lines: [
                    "\(adopted): error: not a plan written by `visitplan plan --format json` "
                        + "or `visitplan revise --format json`: \(describe(error))"
                ])
            } catch {
                throw InputFailure(lines: ["\(adopted): error: cannot read: \(error.localizedDescription)"])
            }
            let current = try options.fingerprint()
            let updatedFiles = try checkBasis(
                of: adoptedPlan, against: current, options: options,
                asOf: loaded.model.asOf.description, planning: loaded.model.planning)
            let known = Set(loaded.states.map(\.id))
            let unknown = (withdraw + add).filter { !known.contains($0) }
            if !unknown.isEmpty {
                throw InputFailure(
                    lines: unknown.map { "error: no candidate with id `\($0)` in \(options.directory)/states.csv" })
            }
            let problem = try options.planProblem(loaded)
            var revision = try options.solve {
                try revise(adopted: adoptedPlan, problem: problem, withdraw: withdraw, add: add)
            }
            revision.plan.dataset = current
            revision.plan.planning = loaded.model.planning
            revision.updatedFiles = updatedFiles
            let edition = try audience.edition(
                table: try options.score(loaded), dataset: loaded, directory: options.directory,
                format: output.format, list: revisedList(revision, problem: problem, adopted: adoptedPlan))
            let text =
                switch output.format {
                case .json:
                    edition.isPublic
                        ? JSONLayout.text(EditionDocument(revision.published(edition), edition: edition))
                        : JSONLayout.text(EditionDocument(revision, edition: edition))
                case .csv: revision.plan.csv(edition: edition)
                case .table: revision.renderTable(edition: edition)
                }
            try output.emit(text, inputs: options.inputFiles + [adopted])
            // Recorded once the revision is written: a refused destination records nothing.
            try ledger.record(withdraw: withdraw, add: add, in: options)
        }

        /// Refuses a plan made on other data unless --updated-data says the data were updated;
        /// returns the files that differ from the plan's data (empty when they are the same).
        private func checkBasis(
            of plan: Planning.Plan, against current: DatasetFingerprint,
            options: DatasetOptions, asOf: String, planning: PlanningSettings?
        ) throws -> [String] {
            let here = "\(current.path) (\(current.fingerprint))"
            guard let recorded = plan.dataset else {
                if updatedData {
                    VisitPlan.report([
                        "note: \(adopted) records no dataset fingerprint; revising against \(here) as told by --updated-data"
                    ])
                    return []
                }
                throw InputFailure(lines: [
                    "\(adopted): error: the plan records no dataset fingerprint (written before visitplan recorded "
                        + "them), so it cannot be checked against \(here)",
                    "note: run `visitplan plan` again, or pass --updated-data if \(current.path) holds the data it was adopted on, updated",
                ])
            }
            let differing = recorded.differingFiles(from: current)
            if recorded.fingerprint == current.fingerprint { return [] }
            guard updatedData else {
                throw InputFailure(lines: [
                    "\(adopted): error: the plan was made on another dataset: \(recorded.path) (\(recorded.fingerprint)), "
                        + "not \(here); \(differing.joined(separator: ", ")) differ",
                    "note: name the dataset the plan was made on (`visitplan revise \(recorded.path) --adopted \(adopted)`), "
                        + "or, if \(current.path) holds that cycle's updated data, pass --updated-data",
                ])
            }
            var notes = [
                "note: revising against updated data: \(differing.joined(separator: ", ")) changed since the plan "
                    + "was made on \(recorded.path) (\(recorded.fingerprint))"
            ]
            if !plan.asOf.isEmpty && plan.asOf != asOf {
                notes.append("note: as_of moved from \(plan.asOf) to \(asOf)")
            }
            if let before = plan.planning, let now = planning, !before.sameRules(as: now) {
                notes.append("note: the planning section of model.yaml changed since the plan was made")
            }
            VisitPlan.report(notes)
            return differing
        }

        /// The revised list as a reader sees it: withdrawn States excluded, added ones included,
        /// the adopted list known (a revision keeps as much of it as it can).
        private func revisedList(_ revision: Revision, problem: PlanProblem, adopted: Planning.Plan) -> PublishedList {
            var problem = problem
            // Every decision of the chain so far, not only this revision's.
            problem.settings.exclude += revision.plan.decisions.withdrawn
            problem.settings.include += revision.plan.decisions.added
            return PublishedList(
                selected: revision.plan.selectedIDs, problem: problem, adopted: Set(adopted.selectedIDs))
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
