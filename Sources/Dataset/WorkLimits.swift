/// The largest counts visitplan accepts, checked before any work starts.
///
/// Each bound keeps a run within memory or a working day on the build machine (Linux x86_64,
/// 2 cores, 23 GB), and says so: a count past it is a typing slip (an extra zero, a
/// 2⁶³ − 1), not a plan. The figures behind each reason are in Guides/Reliability.md.
public enum WorkLimit: Sendable, CaseIterable {
    /// Monte Carlo weight samples (`--samples`, `sensitivity.samples`).
    case samples
    /// Weight samples re-solved by the planner (`--plan-samples`).
    case planSamples
    /// Base samples of the Sobol design (`--sobol-samples`).
    case sobolSamples
    /// Bootstrap resamples of the Sobol intervals (`--resamples`).
    case resamples
    /// Grid points of the one-at-a-time sweep (`--oat-points`).
    case oatPoints
    /// Worker threads (`--workers`).
    case workers
    /// Candidates of a synthetic dataset (`synth --candidates`).
    case syntheticCandidates
    /// Candidates × indicator columns of a synthetic dataset (`synth --candidates --indicators`).
    case syntheticCells

    /// The largest accepted value.
    public var maximum: Int {
        switch self {
        case .samples: 100_000_000
        case .planSamples: 100_000_000
        case .sobolSamples: 1_000_000
        case .resamples: 10_000
        case .oatPoints: 10_001
        case .workers: 256
        case .syntheticCandidates: 10_000_000
        case .syntheticCells: 320_000_000
        }
    }

    /// Why the maximum is there, as a person would weigh it.
    public var reason: String {
        switch self {
        case .samples:
            "the most whose tied-rank shares are counted exactly in 63 bits; about 70 s on the shipped 193 candidates at the 1.46 million samples a second of a release build, longer with more candidates"
        case .planSamples:
            "as many as --samples: a re-plan on the grouped planner takes about 12 µs of CPU on the shipped dataset, so 10⁸ take about 20 minutes"
        case .sobolSamples:
            "N × (weights + 2) score evaluations and as many rank shifts kept in memory: 240 MB for 28 weights"
        case .resamples:
            "each resample recomputes every index over the N base samples"
        case .oatPoints:
            "weights × points score vectors are held at once: 10,001 points took 0.8 GB and 48 s on the shipped 193 candidates"
        case .workers:
            "more threads than cores only share them"
        case .syntheticCandidates:
            "about 14 GB of memory at the 1.4 GB measured for 1,000,000 candidates"
        case .syntheticCells:
            "candidates × indicators cells: about 14 GB of memory at the 1.4 GB measured for 1,000,000 × 32"
        }
    }

    /// The memory one table of an analysis may take, whatever the counts that size it: 4 GB,
    /// a sixth of the build machine's 23 GB, which others share.
    public static let memoryBudget = 4_000_000_000.0

    /// The sentence that refuses `value` given for `name`, or nil when it is within the bound.
    public func check(_ value: Int, for name: String) -> String? {
        value <= maximum ? nil : "\(name) must be at most \(maximum) (\(reason)), got \(value)."
    }
}
