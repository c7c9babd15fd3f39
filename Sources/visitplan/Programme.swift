import ArgumentParser
import Dataset
import EngagementLedger
import Formats
import Foundation
import Planning
import Scoring
import TextOutput

extension VisitPlan {
    struct Programme: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "programme",
            abstract: "Plan several years at once: each State at most once, exact (COIN-OR CBC), explained.",
            discussion: """
                One exact 0-1 program over H years (`programme.years` in model.yaml, default
                3): every year satisfies the planning section's constraints at that year's
                date (as_of + y - 1 years), each State is visited at most once, and the sum
                over years of discount^(y-1) x the year's selected scores is maximised
                (`programme.discount`, default 0.85). A State's score in year y is the model
                with its engagement facts (years since visit, follow-up due...) aged to that
                date; indicators and signals stay at as_of. Explains every year's list, every
                State deferred to a later year (the constraint or the discount that put it
                there and the exact cost of moving it earlier), and what year 1 changes
                compared with `visitplan plan`. The model is written out in
                Guides/Programme.md; formats: `visitplan help formats`.

                With --adopted, keeps as many adopted assignments (State, year) as possible
                first, then maximises the discounted scores. With --record --reason TEXT
                --decided DATE as well, appends each change from the adopted programme to the
                dataset's ledger as a `programme-changed` event (`move ID FROM TO`,
                `withdraw ID YEAR`, `add ID YEAR`), once the output is written.

                Examples:
                  visitplan programme
                  visitplan programme --years 5 --format json --output programme.json
                  visitplan programme --adopted programme.json
                  visitplan programme --adopted programme.json --record --reason "consent withdrawn" --decided 2023-03-01
                """
        )

        @OptionGroup var dataset: DatasetOptions

        @Option(help: ArgumentHelp("Years in the programme (default: programme.years, else 3).", valueName: "H"))
        var years: Int?

        @Option(
            help: ArgumentHelp(
                "An adopted programme (the JSON of `visitplan programme`) to keep as far as possible.",
                valueName: "PROGRAMME.json"))
        var adopted: String?

        @OptionGroup var ledger: LedgerRecordOptions

        @OptionGroup var output: OutputOptions
        @OptionGroup var progressBar: ProgressOptions

        func validate() throws {
            if let years, !(1...50).contains(years) {
                throw ValidationError("--years must be from 1 to 50, got \(years).")
            }
            if ledger.record && adopted == nil {
                throw ValidationError(
                    "--record needs --adopted PROGRAMME.json: it records what changed from the adopted programme.")
            }
        }

        func run() throws {
            let loaded = try dataset.load()
            // Opened first: a missing ledger stops the command before anything is written.
            let store = try ledger.ledger(of: dataset)
            var problem = try dataset.programmeProblem(loaded, years: years)
            if let adopted {
                problem.adopted = try readAdopted(adopted)
            }
            let modelFile = dataset.directory + "/model.yaml"
            var programme: Planning.Programme
            do {
                programme = try dataset.solve {
                    try progressBar.run(.init("Programme")) { _ in try makeProgramme(problem) }
                }
            } catch let error as ProgrammeError {
                throw InputFailure(lines: error.diagnostics(modelFile: modelFile).map(\.description))
            }
            programme.dataset = try dataset.fingerprint()
            let text =
                switch output.format {
                case .json: JSONLayout.text(ScreenedDocument(programme, dataset: loaded))
                case .csv: programme.csv()
                case .table:
                    "\(loaded.model.name), as of \(loaded.model.asOf)\n\n" + programme.renderTable()
                        + screeningNote(loaded.screened)
                }
            if output.format == .csv, let note = screeningSummary(loaded.screened) { VisitPlan.report([note]) }
            var inputs = dataset.inputFiles
            if let adopted { inputs.append(adopted) }
            try output.emit(text, inputs: inputs)
            // Recorded once the programme is written: a refused destination records nothing.
            if let store, let reason = ledger.reason, let decided = ledger.decided {
                let events = (programme.revision?.changes ?? []).compactMap { change in
                    change.ledgerDecision.map {
                        NewEvent(
                            kind: .programmeChanged, date: decided, id: change.id, detail: $0.description, note: reason)
                    }
                }
                try ledger.append(events, to: store, in: dataset)
            }
        }

        func readAdopted(_ path: String) throws -> [String: Int] {
            do {
                let data = try Data(contentsOf: URL(fileURLWithPath: path))
                return try JSONDecoder().decode(AdoptedProgramme.self, from: data).assignments
            } catch let error as DecodingError {
                let detail =
                    switch error {
                    case .keyNotFound(let key, _): "no `\(key.stringValue)` key"
                    case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
                        context.debugDescription
                    @unknown default: "\(error)"
                    }
                throw InputFailure(lines: [
                    "\(path): error: not a programme written by `visitplan programme --format json`: "
                        + detail
                ])
            } catch {
                throw InputFailure(lines: ["\(path): error: cannot read: \(error.localizedDescription)"])
            }
        }
    }
}

extension DatasetOptions {
    /// The programme problem of a dataset: per year, its candidates scored with the engagement
    /// facts at that year's date, and the planning settings with that year's include/exclude.
    func programmeProblem(_ loaded: Dataset, years override: Int?) throws -> ProgrammeProblem {
        let oneYear = try planProblem(loaded)
        let settings = loaded.model.programme ?? ProgrammeSettings()
        let horizon = override ?? settings.years
        let asOf = loaded.model.asOf
        var years: [PlanProblem] = []
        for y in 1...horizon {
            let date = ProgrammeProblem.date(ofYear: y, asOf: asOf)
            // Year 1 is scored at as_of, as the one-year plan is: its candidates are the plan's.
            var candidates = oneYear.candidates
            if y > 1 {
                var aged = loaded
                aged.engagementDate = date
                let table = try score(aged)
                candidates = table.candidates.enumerated().map { i, c in
                    PlanCandidate(
                        state: loaded.states[i], score: c.score.isNaN ? 0 : c.score, rank: c.rank,
                        drivers: table.driverIDs(of: c))
                }
            }
            let yearSettings = ProgrammeProblem.settings(ofYear: y, planning: oneYear.settings, programme: settings)
            years.append(PlanProblem(candidates: candidates, settings: yearSettings, asOf: date))
        }
        var problem = ProgrammeProblem(
            years: years, discount: settings.discount,
            neverVisitedWithin: settings.neverVisitedWithin, oneYearPlan: oneYear)
        problem.programmeLocations = settings.locations
        return problem
    }
}

extension ProgrammeRevision.Change {
    /// What its `programme-changed` event records: `move ID FROM TO`, `withdraw ID YEAR` or
    /// `add ID YEAR` (nil for a change with neither year, which a revision never makes).
    var ledgerDecision: LedgerDecision? {
        switch (adoptedYear, year) {
        case let (from?, to?): .moved(id, from: from, to: to)
        case let (from?, nil): .withdrawnFromYear(id, year: from)
        case let (nil, to?): .addedInYear(id, year: to)
        case (nil, nil): nil
        }
    }
}
