import Dataset
import LinearAlgebra
import Planning
import Scoring

/// How often each candidate is selected by the planner when the weights are perturbed.
public struct SelectionFrequency: Sendable, Equatable {
    public let samples: Int
    /// Per candidate (dataset order): the samples whose optimal list selects it.
    public let selected: [Int]
    /// Samples for which no list satisfies the constraints (they select nobody).
    public let infeasible: Int

    /// The probability that candidate c is on the list.
    public func probability(_ c: Int) -> Double {
        Double(selected[c]) / Double(Swift.max(samples, 1))
    }
}

extension SensitivityAnalysis {
    /// Re-solves the visit list for the first `samples` Monte Carlo weight vectors (the same
    /// draws as ``rankDistribution(samples:seed:blockSize:workers:progress:)``): the planning
    /// problem is kept, only the candidates' scores and ranks change.
    ///
    /// - Parameter problem: the planning problem of the nominal scores, candidates in dataset
    ///   order.
    /// - Complexity: one `scores` call and `samples` CBC solves (sequential: CBC keeps
    ///   process-wide state).
    public func selectionFrequency(
        problem: PlanProblem, samples: Int, seed: UInt64, progress: ProgressHandler? = nil
    ) throws -> SelectionFrequency {
        precondition(problem.candidates.map(\.state.id) == ids, "plan candidates must be in dataset order")
        let n = candidates
        var selected = [Int](repeating: 0, count: n)
        var infeasible = 0
        let index = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, $0) })
        for block in blocks(of: samples, size: 256) {
            let (weights, variants) = draw(samples: block, seed: seed)
            let scores = try methods.scores(weights: weights, variants: variants)
            for s in 0..<block.count {
                let column = scores.column(s)
                let ranks = descendingRanks(scores: column, ids: ids)
                var perturbed = problem
                for i in 0..<n {
                    perturbed.candidates[i].score = column[i].isNaN ? 0 : column[i]
                    perturbed.candidates[i].rank = ranks[i]
                }
                if let list = try selectedIDs(perturbed) {
                    for id in list { selected[index[id]!] += 1 }
                } else {
                    infeasible += 1
                }
                if let progress { progress(Double(block.lowerBound + s + 1) / Double(samples)) }
            }
        }
        return SelectionFrequency(samples: samples, selected: selected, infeasible: infeasible)
    }
}
