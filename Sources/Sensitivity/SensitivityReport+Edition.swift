import Dataset
import Foundation

// The sensitivity results for a public edition (SPEC §8). Every statistic here (rank
// distributions, top-`visits` and selection probabilities, Sobol indices, one-at-a-time ranges
// and thresholds, effective weights) is computed from every candidate's score at once: a
// candidate's rank under perturbed weights counts the withheld scores above it. When an edition
// withholds any score, these results are withheld as a whole and the edition lists the
// candidates alone.

/// What a public edition prints of a sensitivity analysis when it withholds scores: the
/// candidates by id, the settings, no statistic. Built from the dataset alone, so the analysis
/// need not run.
public struct WithheldSensitivity: Sendable {
    public var states: [State]
    public var samples: Int
    public var seed: UInt64
    public var visits: Int
    /// Whether the analysis would have re-solved the plan (the CSV then has `p_selected`).
    public var withPlan: Bool

    public init(states: [State], samples: Int, seed: UInt64, visits: Int, withPlan: Bool) {
        self.states = states
        self.samples = samples
        self.seed = seed
        self.visits = visits
        self.withPlan = withPlan
    }

    private var byID: [State] { states.sorted { $0.id < $1.id } }

    private struct Document: Encodable {
        struct Candidate: Encodable {
            var id: String
            var name: String
            var region: String
        }

        var samples: Int
        var seed: UInt64
        var visits: Int
        var candidates: [Candidate]
    }

    public func json(edition: Edition) -> String {
        let document = Document(
            samples: samples, seed: seed, visits: visits,
            candidates: byID.map { .init(id: $0.id, name: $0.name, region: $0.region) })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(EditionDocument(document, edition: edition)) else { return "{}\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// The candidates, by id, with every statistic empty.
    public func csv() -> String {
        let header =
            [
                "rank", "id", "name", "region", "score", "rank_mean", "rank_sd", "rank_p05", "rank_p50", "rank_p95",
                "p_top",
            ]
            + (withPlan ? ["p_selected"] : [])
        let rows = byID.map { s in ["", s.id, s.name, s.region] + Array(repeating: "", count: header.count - 4) }
        return Tabular.csv(header: header, rows: rows)
    }

    public func table(edition: Edition) -> String {
        edition.heading
            + "The sensitivity results are withheld in this edition: rank distributions, probabilities, Sobol indices and "
            + "one-at-a-time thresholds are computed from every State's score, including the \(edition.withheldCandidates.count) "
            + "withheld ones, and would narrow them.\n"
    }
}

extension SensitivityReport {
    func withholdsEverything(_ edition: Edition) -> Bool {
        edition.isPublic && edition.withholdsPooledResults
    }

    private var withheld: WithheldSensitivity {
        let states = ids.indices.map { State(id: ids[$0], name: names[$0], region: regions[$0]) }
        return WithheldSensitivity(
            states: states, samples: samples, seed: seed, visits: visits, withPlan: selection != nil)
    }

    func withheldJSON(edition: Edition) -> String { withheld.json(edition: edition) }

    func withheldCSV() -> String { withheld.csv() }

    func withheldTable(edition: Edition) -> String { withheld.table(edition: edition) }
}
