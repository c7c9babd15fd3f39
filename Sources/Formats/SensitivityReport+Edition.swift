import Dataset
import Sensitivity
import TextOutput

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

    /// The JSON: the settings, the candidates by id (`id`, `name`, `region`) and the edition's
    /// keys (``EditionDocument``), compact with sorted keys as the full report's.
    public func json(edition: Edition) -> String {
        let out = OutputBuffer(collectingWithCapacity: 1 << 16)
        writeJSON(to: out, edition: edition)
        return out.text
    }

    /// The JSON of ``json(edition:)`` streamed into `out`.
    public func writeJSON(to out: OutputBuffer, edition: Edition) {
        var fields = JSONFields()
        fields.add("samples") { $0.integer(samples) }
        fields.add("seed") { $0.integer(seed) }
        fields.add("visits") { $0.integer(visits) }
        fields.add("candidates") { json in
            json.array(byID) { json, state in
                json.object { fields in
                    fields.add("id") { $0.string(state.id) }
                    fields.add("name") { $0.string(state.name) }
                    fields.add("region") { $0.string(state.region) }
                }
            }
        }
        fields.addEdition(edition)
        var json = JSONWriter(out, layout: .compact)
        json.object(fields)
        json.finish()
    }

    /// The candidates, by id, with every statistic empty.
    public func csv() -> String {
        let out = OutputBuffer(collectingWithCapacity: 1 << 16)
        writeCSV(to: out)
        return out.text
    }

    /// The CSV of ``csv()`` streamed into `out`.
    public func writeCSV(to out: OutputBuffer) {
        let header = SensitivityReport.csvHeader(withPlan: withPlan)
        out.append(csvRow: header)
        for s in byID {
            out.append(csvRow: ["", s.id, s.name, s.region] + Array(repeating: "", count: header.count - 4))
        }
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

    /// What a public edition prints when it withholds everything.
    var withheld: WithheldSensitivity {
        let states = ids.indices.map { State(id: ids[$0], name: names[$0], region: regions[$0]) }
        return WithheldSensitivity(
            states: states, samples: samples, seed: seed, visits: visits, withPlan: selection != nil)
    }

    func withheldTable(edition: Edition) -> String { withheld.table(edition: edition) }
}
