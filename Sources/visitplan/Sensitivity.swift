import ArgumentParser
import Committee
import Dataset
import Formats
import Foundation
import Planning
import Report
import Scoring
import Sensitivity

extension VisitPlan {
    struct Sensitivity: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sensitivity",
            abstract:
                "How robust the ranking and the visit list are to the weights: Monte Carlo (SMAA), Sobol, one-at-a-time.",
            discussion: """
                Samples every weight of the criteria tree (the model's `sensitivity`
                settings: uniform with a spread, or Dirichlet with a concentration, and
                the method `alternatives`) and reports, per candidate, the mean rank, its
                standard deviation, the 5th/50th/95th rank percentiles, the probability of
                ranking within the top `visits`, and in JSON the rank acceptability of
                ranks 1 … K (SMAA-2; K = sensitivity.acceptability_ranks, by default
                max(2 × visits, 50)). Candidates tied in a sample share the tied ranks, so
                no statistic depends on an id. Results are identical for the same --seed
                and --samples whatever the number of threads.

                --plan re-solves the visit list for every weight sample (or the first
                --plan-samples): the probability of being selected by the planner. Each
                re-plan is exact and gives CBC's list, by a flow over (region, visit class)
                groups: 10^6 samples of the shipped cycle take a few seconds.
                --sobol: first-order (Saltelli 2010) and total (Jansen 1999) indices of
                each weight on each score and on the mean absolute rank shift, with
                bootstrap intervals.
                --oat sweeps each weight from 0 to twice its value: rank ranges and the
                exact weights at which membership of the top `visits` changes.
                --weights panel draws the Monte Carlo (and --plan) weights from the
                committee of panel.yaml: sample s around member s mod m's weights,
                perturbed as above (internal audience only; not with --sobol or --oat).

                Examples:
                  visitplan sensitivity
                  visitplan sensitivity --samples 100000 --seed 7 --format csv > ranks.csv
                  visitplan sensitivity --plan --sobol --oat --format json --output s.json
                  visitplan sensitivity datasets/demo-small --visits 5 --oat
                """
        )

        @OptionGroup var dataset: DatasetOptions
        @OptionGroup var output: OutputOptions
        @OptionGroup var audience: AudienceOptions
        @OptionGroup var progressBar: ProgressOptions

        @Option(help: "Monte Carlo weight samples (default: the model's sensitivity.samples).")
        var samples: Int?

        @Option(help: "Random seed (default: the model's sensitivity.seed).")
        var seed: UInt64?

        @Option(help: "The size of the list whose membership is measured (default: planning.visits).")
        var visits: Int?

        @Flag(help: "Re-solve the visit list per sample: the probability of being selected.")
        var plan = false

        @Option(help: "Samples re-solved with --plan (default: every sample).")
        var planSamples: Int?

        @Flag(help: "Sobol indices of every weight on each score and on the rank shift.")
        var sobol = false

        @Option(help: "Base samples N of the Sobol design (N × (factors + 2) evaluations).")
        var sobolSamples = 1024

        @Option(help: "Bootstrap resamples for the Sobol confidence intervals.")
        var resamples = 200

        @Flag(help: "Sweep each weight from 0 to twice its value: rank ranges and membership thresholds.")
        var oat = false

        @Option(help: "Grid points of the one-at-a-time sweep.")
        var oatPoints = 41

        @Option(help: "Worker threads (default: the number of cores, at most 8).")
        var workers: Int?

        @Option(help: "Rows of the table (table format only).")
        var top = 25

        @Option(help: "Where the Monte Carlo weights come from: model (model.yaml) or panel (panel.yaml's members).")
        var weights: WeightSource = .model

        func validate() throws {
            if let samples, samples < 1 { throw ValidationError("--samples must be at least 1, got \(samples).") }
            if let visits, visits < 1 { throw ValidationError("--visits must be at least 1, got \(visits).") }
            if let planSamples, planSamples < 1 {
                throw ValidationError("--plan-samples must be at least 1, got \(planSamples).")
            }
            if sobolSamples < 2 { throw ValidationError("--sobol-samples must be at least 2, got \(sobolSamples).") }
            if resamples < 0 { throw ValidationError("--resamples cannot be negative, got \(resamples).") }
            if oatPoints < 3 { throw ValidationError("--oat-points must be at least 3, got \(oatPoints).") }
            if let workers, workers < 1 { throw ValidationError("--workers must be at least 1, got \(workers).") }
            if top < 1 { throw ValidationError("--top must be at least 1, got \(top).") }
            let limits: [(WorkLimit, Int?, String)] = [
                (.samples, samples, "--samples"), (.planSamples, planSamples, "--plan-samples"),
                (.sobolSamples, sobolSamples, "--sobol-samples"), (.resamples, resamples, "--resamples"),
                (.oatPoints, oatPoints, "--oat-points"), (.workers, workers, "--workers"),
            ]
            try checkLimits(limits)
            if weights == .panel && (sobol || oat) {
                throw ValidationError(
                    "--weights panel applies to the Monte Carlo and --plan only; --sobol and --oat measure the model's weights: run them without --weights panel."
                )
            }
        }

        func run() throws {
            // A refused destination fails now, not after minutes of sampling.
            if let path = output.output { try AtomicFile.checkDestination(path, protecting: dataset.inputFiles) }
            var loaded = try dataset.load()
            let members = try panelWeights(loaded)
            // Decided and audited first: a refused public edition costs no sampling.
            let edition = try audience.edition(
                table: try dataset.score(loaded), dataset: loaded,
                directory: dataset.directory, format: output.format)
            var settings = loaded.model.sensitivity
            if let samples { settings.samples = samples }
            if let seed { settings.seed = seed }
            guard let visits = visits ?? loaded.model.planning?.visits else {
                throw ValidationError(
                    "the model has no `planning.visits`; pass --visits K for the top-K probabilities.")
            }
            if edition.isPublic && edition.withholdsPooledResults {
                // Every statistic would be withheld: the analysis is not run.
                let withheld = WithheldSensitivity(
                    states: loaded.states, samples: settings.samples, seed: settings.seed,
                    visits: visits, withPlan: plan)
                return switch output.format {
                case .json: try output.emit(inputs: dataset.inputFiles) { withheld.writeJSON(to: $0, edition: edition) }
                case .csv: try output.emit(inputs: dataset.inputFiles) { withheld.writeCSV(to: $0) }
                case .table:
                    try output.emit(
                        "\(loaded.model.name), as of \(loaded.model.asOf)\n" + withheld.table(edition: edition),
                        inputs: dataset.inputFiles)
                }
            }
            let analysis: SensitivityAnalysis
            do {
                analysis = try SensitivityAnalysis(dataset: loaded, settings: settings, members: members)
            } catch let error as ScoringError {
                throw InputFailure(lines: [error.diagnostic(modelFile: dataset.directory + "/model.yaml").description])
            }
            // Candidates that a geometric node sends to 0 tie there in every sample: say so.
            let modelFile = dataset.directory + "/model.yaml"
            let zeros = GeometricZero.diagnostics(try analysis.geometricZeros(), modelFile: modelFile).map(
                \.description)
            if !zeros.isEmpty { VisitPlan.report(zeros) }
            let workers = workers ?? defaultWorkers
            try checkSize(analysis)
            let problem = plan ? try dataset.planProblem(loaded) : nil
            // The engines and the plan problem hold what they need of the values; the rest of
            // the run reads the states and the model (450 MB fewer at 10⁶ candidates).
            loaded = loaded.withoutValues()
            let distribution: RankDistribution
            do {
                let stage = ProgressBar.Stage("Monte Carlo", total: settings.samples, unit: "samples")
                distribution = try progressBar.run(stage) { progress in
                    try analysis.rankDistribution(
                        samples: settings.samples, seed: settings.seed,
                        ranks: analysis.acceptabilityRanks(visits: visits),
                        workers: workers, progress: progress)
                }
            } catch let limit as SensitivityLimit {
                // Too many ranks asked of too many candidates (`acceptability_ranks: all`): the user's to change.
                throw InputFailure(lines: ["\(modelFile): error: \(limit.description)"])
            }
            var selection: SelectionFrequency?
            if let problem {
                let plans = planSamples ?? settings.samples
                selection = try dataset.solve {
                    try progressBar.run(.init("Plans", total: plans, unit: "plans")) { progress in
                        try analysis.selectionFrequency(
                            samples: plans, seed: settings.seed,
                            planning: SamplePlanning(try SampleSelector(problem)),
                            workers: workers, progress: progress)
                    }
                }
                if case .cbc(let reason) = selection?.planner {
                    FileHandle.standardError.write(
                        Data("note: --plan re-solved each sample with CBC (\(reason))\n".utf8))
                }
            }
            let indices =
                sobol
                ? try progressBar.run(
                    .init(
                        "Sobol", total: sobolSamples * (analysis.sobolFactors.count + 2),
                        unit: "evaluations")
                ) { progress in
                    try analysis.sobol(
                        baseSamples: sobolSamples, seed: settings.seed, resamples: resamples,
                        workers: workers, progress: progress)
                }
                : nil
            let sweeps =
                oat
                ? try progressBar.run(.init("One at a time")) { _ in
                    try analysis.oneAtATime(visits: visits, gridPoints: oatPoints)
                }
                : nil
            let report = SensitivityReport(
                analysis: analysis, dataset: loaded, samples: settings.samples, seed: settings.seed,
                visits: visits, distribution: distribution, selection: selection, sobol: indices,
                oneAtATime: sweeps)
            if output.format == .csv, let note = screeningSummary(loaded.screened) { VisitPlan.report([note]) }
            // CSV and JSON are streamed to their destination: memory bounded by the buffer.
            switch output.format {
            case .json: try output.emit(inputs: dataset.inputFiles) { report.writeJSON(to: $0, edition: edition) }
            case .csv: try output.emit(inputs: dataset.inputFiles) { report.writeCSV(to: $0, edition: edition) }
            case .table:
                let text =
                    "\(loaded.model.name), as of \(loaded.model.asOf)\n"
                    + (members.isEmpty
                        ? ""
                        : "Weights drawn from the \(members.count) members of panel.yaml (sample s around member s mod \(members.count)).\n")
                    + report.table(top: top, edition: edition)
                try output.emit(text, inputs: dataset.inputFiles)
            }
        }
    }
}

/// Where `sensitivity` draws its Monte Carlo weights from.
enum WeightSource: String, ExpressibleByArgument, CaseIterable {
    case model, panel
}

extension VisitPlan.Sensitivity {
    /// With `--weights panel`, the weight vector of every member of panel.yaml (after a note on
    /// standard error); empty with `--weights model`.
    /// - Throws: `InputFailure` for the public audience (the members' views are internal, as in
    ///   `visitplan panel`) and for a dataset without panel.yaml.
    func panelWeights(_ loaded: Dataset) throws -> [[Double]] {
        guard weights == .panel else { return [] }
        if audience.audience == .public {
            throw InputFailure(lines: [
                "error: --weights panel has no public edition: the members' weights are the committee's internal deliberation (as for `visitplan panel`); use --audience internal"
            ])
        }
        guard let panel = try CommitteePanel.load(directory: dataset.directory, model: loaded.model) else {
            throw InputFailure(lines: [
                "\(dataset.directory)/panel.yaml: error: file not found; --weights panel draws the weights from the committee's members (format: `visitplan help formats`)"
            ])
        }
        let tree: CriteriaTree
        do { tree = try ScoringEngine(dataset: loaded).tree } catch let error as ScoringError {
            throw InputFailure(lines: [error.diagnostic(modelFile: dataset.directory + "/model.yaml").description])
        }
        let vectors = try panel.members.map { member in
            guard let weights = MemberWeights(member: member, tree: tree) else {
                throw PanelError.eigensolverFailed(member: member.id)
            }
            return weights.vector
        }
        guard !vectors.isEmpty else {
            throw InputFailure(lines: [
                "\(dataset.directory)/panel.yaml: error: the panel has no members to draw weights from"
            ])
        }
        VisitPlan.report([
            "note: weights drawn from the \(vectors.count) members of panel.yaml (sample s around member s mod \(vectors.count))"
        ])
        return vectors
    }
    /// Refuses a dataset or a sweep whose tables would not fit in memory, before any sampling:
    /// each worker counts ranks in a candidates × candidates table, and the one-at-a-time sweep
    /// holds candidates × weights × points scores at once.
    /// The one-at-a-time sweep holds one factor's grid of score vectors at a time.
    func checkSize(_ analysis: SensitivityAnalysis) throws {
        let n = Double(analysis.candidates)
        if oat {
            try checkMemory(
                n * Double(oatPoints) * 8,
                for: "--oat-points \(oatPoints) over \(analysis.candidates) candidates",
                largest: "--oat-points at most \(Int(WorkLimit.memoryBudget / (n * 8))) for this dataset")
        }
    }
}
