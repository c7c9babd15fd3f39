import Dataset
import Sensitivity
import TextOutput

// The JSON of `visitplan sensitivity` (SPEC §6) streamed into an OutputBuffer: compact, keys
// sorted, byte for byte what JSONEncoder (`[.sortedKeys, .withoutEscapingSlashes]`) writes for
// the document, in memory bounded by the buffer. At 10⁶ candidates × 50 acceptability ranks the
// document is gigabytes; through JSONEncoder it took ten times that in memory.
//
// The document: `samples`, `seed`, `visits`, `acceptability_ranks`, `percentile_error`,
// `perturbation`, `candidates` (by nominal rank), `plan`, `sobol`, `oat` (each when asked),
// `weights`; the edition's `audience`, `withheld`, `audit` (``EditionDocument``) and `screened`
// (``ScreenedDocument``) beside them. Numbers that are undefined (an index of an output that
// does not vary) are null; a candidate without a finite score has no `score` key.

extension SensitivityReport {
    /// Candidates formatted together by one core (about 1 kB each with 50 acceptability ranks).
    public static let jsonBlockCandidates = 2048

    /// SPEC §6's JSON: candidates by nominal rank, numbers in full precision. A public edition
    /// that withholds pooled results lists the candidates' ids alone (``WithheldSensitivity``).
    public func json(edition: Edition = .internal(holdsConfidential: false)) -> String {
        let out = OutputBuffer(collectingWithCapacity: 1 << 16)
        writeJSON(to: out, edition: edition)
        return out.text
    }

    /// The JSON of ``json(edition:)`` streamed into `out`.
    ///
    /// - Parameter blockSize: candidates (and ids of the per-candidate objects) formatted
    ///   together by one core; tests make it small.
    /// - Complexity: O(candidates × (acceptability ranks + Sobol factors + sweeps)) time; memory
    ///   of the buffer and of two waves of blocks, whatever the candidates.
    public func writeJSON(
        to out: OutputBuffer, edition: Edition = .internal(holdsConfidential: false),
        blockSize: Int = SensitivityReport.jsonBlockCandidates
    ) {
        if withholdsEverything(edition) {
            withheld.writeJSON(to: out, edition: edition)
            return
        }
        var fields = JSONFields()
        fields.add("samples") { $0.integer(samples) }
        fields.add("seed") { $0.integer(seed) }
        fields.add("visits") { $0.integer(visits) }
        fields.add("acceptability_ranks") { $0.integer(distribution.ranks) }
        fields.add("percentile_error") { $0.number(distribution.layout.relativeError) }
        fields.add("perturbation") { $0.string(perturbation) }
        fields.add("candidates") { writeCandidates(into: &$0, blockSize: blockSize) }
        if let selection {
            fields.add("plan") { json in
                json.object { fields in
                    fields.add("samples") { $0.integer(selection.samples) }
                    fields.add("infeasible") { $0.integer(selection.infeasible) }
                }
            }
        }
        // The keys of the per-candidate objects of `sobol` and `oat`, sorted once.
        let idOrder = sobol != nil || oneAtATime != nil ? byID : []
        if let sobol { fields.add("sobol") { writeSobol(sobol, byID: idOrder, into: &$0, blockSize: blockSize) } }
        if let oneAtATime {
            fields.add("oat") { json in
                json.array(oneAtATime) { json, sweep in
                    writeSweep(sweep, byID: idOrder, into: &json, blockSize: blockSize)
                }
            }
        }
        fields.add("weights") { json in
            json.array(influence) { json, leaf in
                json.object { fields in
                    fields.add("id") { $0.string(leaf.id) }
                    fields.add("nominal") { $0.number(leaf.nominal) }
                    fields.add("effective") { $0.number(leaf.effective) }
                    fields.add("r2") { $0.number(leaf.correlation) }
                    fields.add("flagged") { $0.bool(leaf.flagged) }
                }
            }
        }
        fields.addEdition(edition)
        if let screened { fields.add("screened") { $0.encoded(screened) } }
        var json = JSONWriter(out, layout: .compact)
        json.object(fields)
        json.finish()
    }

    /// The `candidates` array, by nominal rank, formatted in blocks on every core.
    private func writeCandidates(into json: inout JSONWriter, blockSize: Int) {
        let d = distribution
        let visits = visits
        let selection = selection
        let fields = CandidateField.allCases.filter { $0 != .p_selected || selection != nil }.sorted {
            JSONWriter.keyPrecedes($0.rawValue, $1.rawValue)
        }
        let keys = fields.map { JSONWriter.Key($0.rawValue, layout: .compact) }
        let rows = byRank
        json.openArray()
        json.items(count: rows.count, blockSize: blockSize) { r, json in
            let c = rows[r]
            json.item()
            json.openObject()
            for (k, field) in fields.enumerated() {
                if field == .score && !nominalScores[c].isFinite { continue }
                json.key(keys[k])
                switch field {
                case .acceptability:
                    json.openArray()
                    for share in d.acceptability(c) { json.item(); json.number(share) }
                    json.closeArray()
                case .id: json.string(ids[c])
                case .name: json.string(names[c])
                case .p_selected: json.number(selection?.probability(c) ?? .nan)
                case .p_top: json.number(d.probabilityInTop(c, visits))
                case .rank: json.integer(nominalRanks[c])
                case .rank_mean: json.number(d.meanRank(c))
                case .rank_p05: json.number(d.rankPercentile(c, 0.05))
                case .rank_p50: json.number(d.rankPercentile(c, 0.5))
                case .rank_p95: json.number(d.rankPercentile(c, 0.95))
                case .rank_sd: json.number(d.rankDeviation(c))
                case .region: json.string(regions[c])
                case .score: json.number(nominalScores[c])
                }
            }
            json.closeObject()
        }
        json.closeArray()
    }

    /// The keys of a candidate's object.
    private enum CandidateField: String, CaseIterable {
        case acceptability, id, name, p_selected, p_top, rank, rank_mean, rank_p05, rank_p50, rank_p95, rank_sd
        case region, score
    }

    /// The candidates' positions in JSONEncoder's order of their ids (the keys of `scores` and
    /// `rank_range`).
    private var byID: [Int] { ids.indices.sorted { JSONWriter.keyPrecedes(ids[$0], ids[$1]) } }

    private func writeSobol(_ sobol: WeightSobol, byID order: [Int], into json: inout JSONWriter, blockSize: Int) {
        func indices(_ values: [Double], _ json: inout JSONWriter) {
            json.array(values) { json, value in json.finiteNumber(value) }
        }
        func intervals(_ values: [(low: Double, high: Double)], _ json: inout JSONWriter) {
            json.array(values) { json, interval in
                json.array([interval.low, interval.high]) { json, value in json.finiteNumber(value) }
            }
        }
        let ids = ids
        json.object { fields in
            fields.add("base_samples") { $0.integer(sobol.baseSamples) }
            fields.add("evaluations") { $0.integer(sobol.baseSamples * (sobol.factors.count + 2)) }
            fields.add("factors") { json in
                json.array(sobol.factors) { json, factor in json.string(factor.description) }
            }
            fields.add("rank_shift") { json in
                json.object { fields in
                    fields.add("first") { indices(sobol.rankShift.first, &$0) }
                    fields.add("total") { indices(sobol.rankShift.total, &$0) }
                    fields.add("first_ci") { intervals(sobol.rankShift.firstInterval, &$0) }
                    fields.add("total_ci") { intervals(sobol.rankShift.totalInterval, &$0) }
                }
            }
            fields.add("scores") { json in
                let (first, total) = (
                    JSONWriter.Key("first", layout: .compact), JSONWriter.Key("total", layout: .compact)
                )
                json.openObject()
                json.items(count: order.count, blockSize: blockSize) { k, json in
                    let c = order[k]
                    json.key(ids[c])
                    json.openObject()
                    json.key(first)
                    indices(sobol.scores[c].first, &json)
                    json.key(total)
                    indices(sobol.scores[c].total, &json)
                    json.closeObject()
                }
                json.closeObject()
            }
        }
    }

    private func writeSweep(_ sweep: OneAtATimeSweep, byID order: [Int], into json: inout JSONWriter, blockSize: Int) {
        let ids = ids
        json.object { fields in
            fields.add("factor") { $0.string(sweep.factor) }
            fields.add("nominal_weight") { $0.number(sweep.nominalWeight) }
            fields.add("exact") { $0.bool(sweep.exact) }
            fields.add("thresholds") { json in
                json.array(sweep.thresholds) { json, threshold in
                    json.object { fields in
                        fields.add("id") { $0.string(threshold.id) }
                        fields.add("weight") { $0.number(threshold.weight) }
                        fields.add("enters") { $0.bool(threshold.enters) }
                    }
                }
            }
            // id → [best rank, worst rank] over the sweep (mid-ranks for ties).
            fields.add("rank_range") { json in
                json.openObject()
                // Small entries: more of them per block.
                json.items(count: order.count, blockSize: 8 * blockSize) { k, json in
                    let c = order[k]
                    json.key(ids[c])
                    json.openArray()
                    json.item(); json.number(sweep.bestRank[c])
                    json.item(); json.number(sweep.worstRank[c])
                    json.closeArray()
                }
                json.closeObject()
            }
        }
    }
}
