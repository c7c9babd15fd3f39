import Dataset
import Foundation

// The sensitivity results for a public edition (SPEC §8). Every statistic here (rank
// distributions, top-`visits` and selection probabilities, Sobol indices, one-at-a-time ranges
// and thresholds, effective weights) is computed from every candidate's score at once: a
// candidate's rank under perturbed weights counts the withheld scores above it. When an edition
// withholds any score, these results are withheld as a whole and the edition lists the
// candidates alone.

extension SensitivityReport {
    func withholdsEverything(_ edition: Edition) -> Bool {
        edition.isPublic && edition.withholdsPooledResults
    }

    private struct WithheldDocument: Encodable {
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

    /// The candidates, by id, with the edition's keys; no statistic.
    func withheldJSON(edition: Edition) -> String {
        let document = WithheldDocument(
            samples: samples, seed: seed, visits: visits,
            candidates: ids.indices.sorted { ids[$0] < ids[$1] }.map { .init(id: ids[$0], name: names[$0], region: regions[$0]) })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(EditionDocument(document, edition: edition)) else { return "{}\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// The candidates, by id, with every statistic empty.
    func withheldCSV() -> String {
        let header = ["rank", "id", "name", "region", "score", "rank_mean", "rank_sd", "rank_p05", "rank_p50", "rank_p95", "p_top"]
            + (selection != nil ? ["p_selected"] : [])
        let rows = ids.indices.sorted { ids[$0] < ids[$1] }.map { c in
            ["", ids[c], names[c], regions[c]] + Array(repeating: "", count: header.count - 4)
        }
        return Tabular.csv(header: header, rows: rows)
    }

    func withheldTable(edition: Edition) -> String {
        edition.heading
            + "The sensitivity results are withheld in this edition: rank distributions, probabilities, Sobol indices and "
            + "one-at-a-time thresholds are computed from every State's score, including the \(edition.withheldCandidates.count) "
            + "withheld ones, and would narrow them.\n"
    }
}
