import Dataset
import Scoring

/// One scenario's results in a batch run (SPEC §13).
public struct ScenarioResult: Sendable {
    public var id: String
    /// The model with the scenario's changes.
    public var model: Model
    /// The ranked list, as `score` gives it on the changed model.
    public var table: ScoreTable
    /// The planned list (with `--plan`), as `plan` selects it on the changed model, by rank.
    public var visits: [ScenarioVisit]?
}

/// One visit of a scenario's planned list: the candidate and what the planner decided of its
/// visit (the rest, its id, name, score, rank and drivers, is the scenario's table's).
public struct ScenarioVisit: Sendable, Equatable {
    /// The candidate's position in the scenario's table (dataset order).
    public var candidate: Int
    public var visitType: VisitType
    public var cost: Double

    public init(candidate: Int, visitType: VisitType, cost: Double) {
        self.candidate = candidate
        self.visitType = visitType
        self.cost = cost
    }
}

/// Plans one scenario for `--plan`, supplied by the caller (the batch engine does not plan):
/// given the dataset at the scenario's date, its model and its scores, the visits by rank.
/// A problem of the user's (no `planning` section, no feasible list) is thrown as a
/// ``ScenarioPlanningFailure``, which the batch puts at the scenario's line.
public typealias ScenarioPlanner = (_ dataset: Dataset, _ model: Model, _ table: ScoreTable) throws -> [ScenarioVisit]

/// Why a scenario cannot be planned, as a sentence: "the plan is infeasible: …".
public struct ScenarioPlanningFailure: Error, Sendable {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }
}

/// Runs the scenarios of a scenarios file over one dataset loaded once (`visitplan batch`).
///
/// Scenarios that change only weights share one scoring engine (the leaf pipelines run once)
/// and are evaluated together: the tree once for a `nodes × S` weight matrix (one gemm per node
/// for all of them). A scenario that changes `normalisation`, `aggregation`, `as_of` or
/// `planning` gets the model read again with its changes (``Dataset/applying(_:modelYAML:modelFile:scenariosFile:)``)
/// and is scored on its own. Each result equals a single `score` (and `plan`) run on the changed
/// model.
public enum ScenarioBatch {
    /// Where a batch finds what it needs besides the dataset.
    public struct Sources {
        /// The text of model.yaml and its path (as messages name it).
        public var modelYAML: String
        public var modelFile: String
        /// The scenarios file's path (as messages name it).
        public var scenariosFile: String
        /// The dataset at a date: the ledger's facts at that date when the folder has one (nil:
        /// the model's own as_of). Given by the caller, which owns the ledger.
        public var atDate: (Dataset, CalendarDate?) throws -> Dataset

        public init(
            modelYAML: String, modelFile: String, scenariosFile: String,
            atDate: @escaping (Dataset, CalendarDate?) throws -> Dataset
        ) {
            self.modelYAML = modelYAML
            self.modelFile = modelFile
            self.scenariosFile = scenariosFile
            self.atDate = atDate
        }
    }

    /// Every scenario's results, in the file's order.
    ///
    /// - Parameters:
    ///   - dataset: the dataset as loaded (before any ledger is applied).
    ///   - plan: the planner of every scenario's list (`--plan`); nil: no plans.
    /// - Throws: `DatasetError` naming the scenario and its place in the scenarios file, for a
    ///   change the model does not accept, a model that cannot be scored, or an infeasible plan.
    /// - Complexity: one engine and one block evaluation for the weight-only scenarios; one model
    ///   reading, engine and evaluation per other scenario; one planning solve per scenario.
    public static func run(dataset: Dataset, scenarios: [Scenario], plan: ScenarioPlanner?, sources: Sources) throws
        -> [ScenarioResult]
    {
        var results = [ScenarioResult?](repeating: nil, count: scenarios.count)
        let base = try sources.atDate(dataset, nil)
        let weightOnly = scenarios.indices.filter { scenarios[$0].changesOnlyWeights }
        if !weightOnly.isEmpty {
            let engine = try scored(scenarios[weightOnly[0]], sources) { try ScoringEngine(dataset: base) }
            let tree = engine.tree
            let position = Dictionary(
                tree.nodes.indices.map { (tree.nodes[$0].id, $0) }, uniquingKeysWith: { a, _ in a })
            let vectors = weightOnly.map { k in
                var weights = tree.nominalWeights
                for change in scenarios[k].weights {
                    if let node = position[change.id] { weights[node] = change.weight }
                }
                return weights
            }
            let tables = try scored(scenarios[weightOnly[0]], sources) {
                try Scoring.score(base, engine: engine, weightVectors: vectors)
            }
            for (k, table) in zip(weightOnly, tables) {
                var model = base.model
                for change in scenarios[k].weights { model = model.replacingWeight(of: change.id, with: change.weight) }
                results[k] = ScenarioResult(id: scenarios[k].id, model: model, table: table)
            }
        }
        for k in scenarios.indices where !scenarios[k].changesOnlyWeights {
            let scenario = scenarios[k]
            let changed = try dataset.applying(
                scenario, modelYAML: sources.modelYAML, modelFile: sources.modelFile,
                scenariosFile: sources.scenariosFile)
            let dated = try located(scenario, sources) { try sources.atDate(changed, scenario.asOf) }
            let table = try scored(scenario, sources) { try Scoring.score(dated) }
            results[k] = ScenarioResult(id: scenario.id, model: dated.model, table: table)
        }
        var finished = results.map { $0! }
        if let plan {
            for k in finished.indices {
                do {
                    finished[k].visits = try plan(base, finished[k].model, finished[k].table)
                } catch let error as ScenarioPlanningFailure {
                    throw failure(scenarios[k], sources, error.message)
                }
            }
        }
        return finished
    }

    private static func failure(_ scenario: Scenario, _ sources: Sources, _ message: String) -> DatasetError {
        DatasetError([
            Diagnostic(
                file: sources.scenariosFile, line: scenario.location.line, column: scenario.location.column,
                .error, "scenario `\(scenario.id)`: \(message)")
        ])
    }

    /// Runs `body`, turning a scoring failure into an error at the scenario.
    private static func scored<T>(_ scenario: Scenario, _ sources: Sources, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as ScoringError {
            throw failure(scenario, sources, error.diagnostic(modelFile: sources.modelFile).message)
        }
    }

    /// Runs `body`, putting the scenario's name and place before any dataset error it throws.
    private static func located<T>(_ scenario: Scenario, _ sources: Sources, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DatasetError {
            throw failure(scenario, sources, error.diagnostics.map(\.description).joined(separator: "; "))
        }
    }
}
