import Dataset

/// Everything `visitplan sensitivity` reports for one dataset (SPEC §6).
public struct SensitivityReport: Sendable {
    public var samples: Int
    public var seed: UInt64
    public var visits: Int
    /// "uniform, spread 0.25" or "dirichlet, concentration 100", and the alternatives.
    public var perturbation: String
    /// Candidate ids, names and regions in dataset order.
    public var ids: [String]
    public var names: [String]
    public var regions: [String]
    public var nominalScores: [Double]
    public var nominalRanks: [Int]
    public var distribution: RankDistribution
    public var selection: SelectionFrequency?
    public var sobol: WeightSobol?
    public var oneAtATime: [OneAtATimeSweep]?
    public var influence: [LeafInfluence]
    /// The candidates `scoring.screening` left out (SPEC §12); nil when the model does not screen.
    public var screened: [ScreenedCandidate]?

    public init(
        analysis: SensitivityAnalysis, dataset: Dataset, samples: Int, seed: UInt64, visits: Int,
        distribution: RankDistribution, selection: SelectionFrequency? = nil, sobol: WeightSobol? = nil,
        oneAtATime: [OneAtATimeSweep]? = nil
    ) {
        self.samples = samples
        self.seed = seed
        self.visits = visits
        let settings = analysis.settings
        var perturbation =
            switch settings.perturbation {
            case .uniform(let spread): "uniform, spread \(spread)"
            case .dirichlet(let concentration): "dirichlet, concentration \(concentration)"
            }
        if !settings.normalisations.isEmpty {
            perturbation += "; normalisation among " + settings.normalisations.map(\.rawValue).joined(separator: ", ")
        }
        if !settings.aggregations.isEmpty {
            perturbation += "; aggregation among " + settings.aggregations.map(\.rawValue).joined(separator: ", ")
        }
        self.perturbation = perturbation
        ids = analysis.ids
        names = dataset.states.map(\.name)
        regions = dataset.states.map(\.region)
        nominalScores = analysis.nominalScores
        nominalRanks = analysis.nominalRanks
        self.distribution = distribution
        self.selection = selection
        self.sobol = sobol
        self.oneAtATime = oneAtATime
        screened = dataset.model.screeningMinCoverage == nil ? nil : dataset.screened
        influence = analysis.weightInfluence()
    }

    /// Candidate indices by nominal rank.
    package var byRank: [Int] { ids.indices.sorted { nominalRanks[$0] < nominalRanks[$1] } }
}
