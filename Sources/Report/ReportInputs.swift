import Committee
import Dataset
import Planning
import Scoring
import Sensitivity

/// How much work the robustness section does: sample counts of each analysis.
public struct ReportSettings: Sendable, Equatable {
    /// Monte Carlo weight samples (rank intervals, top-`visits` probabilities).
    public var samples: Int
    public var seed: UInt64
    /// Samples re-planned for the selection probability: every Monte Carlo sample unless capped
    /// (the grouped planner takes microseconds a sample, SPEC §6).
    public var planSamples: Int
    /// Base samples N of the Sobol design (N × (factors + 2) evaluations).
    public var sobolSamples: Int
    /// Bootstrap resamples of the Sobol intervals.
    public var resamples: Int
    /// Grid points of the one-at-a-time sweeps.
    public var oatPoints: Int
    public var workers: Int

    /// The model's `sensitivity` samples and seed, and modest counts for the rest: the report
    /// should be written in seconds, not minutes.
    public init(
        model: Model, samples: Int? = nil, seed: UInt64? = nil, planSamples: Int? = nil,
        sobolSamples: Int = 256, resamples: Int = 100, oatPoints: Int = 41, workers: Int = defaultWorkers
    ) {
        self.samples = samples ?? model.sensitivity.samples
        self.seed = seed ?? model.sensitivity.seed
        self.planSamples = planSamples ?? self.samples
        self.sobolSamples = sobolSamples
        self.resamples = resamples
        self.oatPoints = oatPoints
        self.workers = workers
    }
}

/// Everything a report shows, computed by the modules: the scores, the plan and the robustness
/// analyses. Building it is the slow part; rendering it for each audience is cheap.
public struct ReportInputs: Sendable {
    public var dataset: Dataset
    public var table: ScoreTable
    /// Nil when the model has no `planning` section.
    public var plan: Plan?
    /// The size of the list whose membership the robustness section measures.
    public var visits: Int
    public var sensitivity: SensitivityReport
    public var settings: ReportSettings
    /// The committee's analysis (panel.yaml, `visitplan panel` at its defaults); nil without a
    /// panel or without a plan.
    public var panel: PanelAnalysis?
    // MARK: Programme grid (issue 17)
    /// The multi-year programme (SPEC §10) the report shows year by year; nil when the model has
    /// no `programme` section. Set by the caller: `compute` does not plan it.
    public var programme: Programme? = nil
    // MARK: End of programme grid
    /// The dataset's ledger (issue 16), for the record of the list and of each State near it;
    /// nil when the dataset has none. Set by the caller, as `programme` is.
    public var history: LedgerHistory? = nil

    public init(
        dataset: Dataset, table: ScoreTable, plan: Plan?, visits: Int, sensitivity: SensitivityReport,
        settings: ReportSettings, panel: PanelAnalysis? = nil
    ) {
        self.panel = panel
        self.dataset = dataset
        self.table = table
        self.plan = plan
        self.visits = visits
        self.sensitivity = sensitivity
        self.settings = settings
    }

    /// Scores, plans and analyses `dataset` for a report.
    ///
    /// - Parameters:
    ///   - table: the nominal scores of `dataset`.
    ///   - problem: the planning problem built from `table`; nil when the model has no `planning`.
    ///   - panel: the committee of panel.yaml, analysed with the default tolerance rule when the
    ///     model has a `planning` section.
    /// - Throws: `ScoringError` (a method alternative cannot be scored) or `PlanningError`
    ///   (an infeasible plan).
    /// - Complexity: `samples` score evaluations, `planSamples` re-plans (on the grouped planner) and one CBC solve (plus the plan's
    ///   explanations), `sobolSamples × (factors + 2)` evaluations and the sweeps' grid.
    public static func compute(
        dataset: Dataset, table: ScoreTable, problem: PlanProblem?, settings: ReportSettings, panel: Panel? = nil,
        progress: (@Sendable (String, Double) -> Void)? = nil
    ) throws -> ReportInputs {
        let plan = try problem.map(makePlan)
        // Without a plan the robustness section measures a top 10 (or every candidate when fewer).
        let visits = problem?.settings.visits ?? min(10, dataset.states.count)
        var sensitivitySettings = dataset.model.sensitivity
        sensitivitySettings.samples = settings.samples
        sensitivitySettings.seed = settings.seed
        let analysis = try SensitivityAnalysis(dataset: dataset, settings: sensitivitySettings)
        func stage(_ name: String) -> ProgressHandler? {
            guard let progress else { return nil }
            return { fraction in progress(name, fraction) }
        }
        let distribution = try analysis.rankDistribution(
            samples: settings.samples, seed: settings.seed, ranks: analysis.acceptabilityRanks(visits: visits),
            workers: settings.workers, progress: stage("Monte Carlo"))
        let selection = try problem.map {
            try analysis.selectionFrequency(
                samples: settings.planSamples, seed: settings.seed,
                planning: SamplePlanning(try SampleSelector($0)), progress: stage("Plans"))
        }
        let sobol = try analysis.sobol(
            baseSamples: settings.sobolSamples, seed: settings.seed, resamples: settings.resamples,
            workers: settings.workers, progress: stage("Sobol"))
        let sweeps = try analysis.oneAtATime(visits: visits, gridPoints: settings.oatPoints)
        let sensitivity = SensitivityReport(
            analysis: analysis, dataset: dataset, samples: settings.samples, seed: settings.seed, visits: visits,
            distribution: distribution, selection: selection, sobol: sobol, oneAtATime: sweeps)
        let committee = try panel.flatMap { panel in
            try problem.map { _ in try PanelAnalysis(panel: panel, dataset: dataset, rule: .tolerance(defaultTolerance))
            }
        }
        return ReportInputs(
            dataset: dataset, table: table, plan: plan, visits: visits, sensitivity: sensitivity,
            settings: settings, panel: committee)
    }
}

/// The consensus tolerance of the report's committee section: `visitplan panel`'s default.
@_spi(Testing) public let defaultTolerance = 5.0

extension SamplePlanning {
    /// The planner of `selector` for the sensitivity engine: what the report and
    /// `visitplan sensitivity --plan` re-plan every sample with.
    public init(_ selector: SampleSelector) {
        self.init(
            planner: selector.cbcReason.map { .cbc(reason: $0) } ?? .grouped, makeSelect: { selector.makeSelect() })
    }
}
