import Dataset
import Foundation

// The three renderings of `visitplan sensitivity` (SPEC §6): JSON with fixed keys, CSV with one
// row per candidate, and a table with summaries in words.

/// The JSON document; keys as in SPEC §6, plus `perturbation`, `plan`, `weights` and per-factor
/// OAT details. Numbers that are undefined (an index of an output that does not vary) are null.
struct SensitivityDocument: Encodable {
    struct Candidate: Encodable {
        var id: String
        var name: String
        var region: String
        var score: Double?
        var rank: Int
        var rank_mean: Double
        var rank_sd: Double
        var rank_p05: Double
        var rank_p50: Double
        var rank_p95: Double
        var p_top: Double
        var p_selected: Double?
        var acceptability: [Double]
    }

    struct Indices: Encodable {
        var first: [Double?]
        var total: [Double?]
    }

    struct RankShift: Encodable {
        var first: [Double?]
        var total: [Double?]
        var first_ci: [[Double?]]
        var total_ci: [[Double?]]
    }

    struct Sobol: Encodable {
        var base_samples: Int
        var evaluations: Int
        var factors: [String]
        var rank_shift: RankShift
        var scores: [String: Indices]
    }

    struct Threshold: Encodable {
        var id: String
        var weight: Double
        var enters: Bool
    }

    struct Sweep: Encodable {
        var factor: String
        var nominal_weight: Double
        var exact: Bool
        var thresholds: [Threshold]
        /// id → [best rank, worst rank] over the sweep (mid-ranks for ties).
        var rank_range: [String: [Double]]
    }

    struct Plan: Encodable {
        var samples: Int
        var infeasible: Int
    }

    struct Weight: Encodable {
        var id: String
        var nominal: Double
        var effective: Double
        var r2: Double
        var flagged: Bool
    }

    var samples: Int
    var seed: UInt64
    var visits: Int
    /// K: `acceptability` holds ranks 1 … K.
    var acceptability_ranks: Int
    /// The largest relative error of the rank percentiles (0: exact).
    var percentile_error: Double
    var perturbation: String
    var candidates: [Candidate]
    var plan: Plan?
    var sobol: Sobol?
    var oat: [Sweep]?
    var weights: [Weight]
}

extension SensitivityReport {
    /// SPEC §6's JSON: candidates by nominal rank, numbers in full precision. A public edition
    /// that withholds pooled results lists the candidates' ids alone (``withheldJSON(edition:)``).
    public func json(edition: Edition = .internal(holdsConfidential: false)) -> String {
        if withholdsEverything(edition) { return withheldJSON(edition: edition) }
        func finite(_ x: Double) -> Double? { x.isFinite ? x : nil }
        let d = distribution
        let document = SensitivityDocument(
            samples: samples, seed: seed, visits: visits, acceptability_ranks: d.ranks,
            percentile_error: d.layout.relativeError, perturbation: perturbation,
            candidates: byRank.map { c in
                .init(
                    id: ids[c], name: names[c], region: regions[c], score: finite(nominalScores[c]),
                    rank: nominalRanks[c], rank_mean: d.meanRank(c), rank_sd: d.rankDeviation(c),
                    rank_p05: d.rankPercentile(c, 0.05), rank_p50: d.rankPercentile(c, 0.5),
                    rank_p95: d.rankPercentile(c, 0.95), p_top: d.probabilityInTop(c, visits),
                    p_selected: selection?.probability(c), acceptability: d.acceptability(c))
            },
            plan: selection.map { .init(samples: $0.samples, infeasible: $0.infeasible) },
            sobol: sobol.map { sobol in
                .init(
                    base_samples: sobol.baseSamples, evaluations: sobol.baseSamples * (sobol.factors.count + 2),
                    factors: sobol.factors.map(\.description),
                    rank_shift: .init(
                        first: sobol.rankShift.first.map(finite), total: sobol.rankShift.total.map(finite),
                        first_ci: sobol.rankShift.firstInterval.map { [finite($0.low), finite($0.high)] },
                        total_ci: sobol.rankShift.totalInterval.map { [finite($0.low), finite($0.high)] }),
                    scores: Dictionary(
                        uniqueKeysWithValues: ids.indices.map { c in
                            (
                                ids[c],
                                .init(
                                    first: sobol.scores[c].first.map(finite), total: sobol.scores[c].total.map(finite))
                            )
                        }))
            },
            oat: oneAtATime.map { sweeps in
                sweeps.map { sweep in
                    .init(
                        factor: sweep.factor, nominal_weight: sweep.nominalWeight, exact: sweep.exact,
                        thresholds: sweep.thresholds.map { .init(id: $0.id, weight: $0.weight, enters: $0.enters) },
                        rank_range: Dictionary(
                            uniqueKeysWithValues: ids.indices.map {
                                (ids[$0], [sweep.bestRank[$0], sweep.worstRank[$0]])
                            }))
                }
            },
            weights: influence.map {
                .init(id: $0.id, nominal: $0.nominal, effective: $0.effective, r2: $0.correlation, flagged: $0.flagged)
            })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Every number is finite or null by now, so a failure is a programmer's mistake.
        do {
            return String(
                decoding: try encoder.encode(
                    ScreenedDocument(EditionDocument(document, edition: edition), screened: screened)), as: UTF8.self)
                + "\n"
        } catch {
            preconditionFailure("JSON of a sensitivity report: \(error)")
        }
    }

    /// One row per candidate, by nominal rank: `rank,id,name,region,score,rank_mean,rank_sd,
    /// rank_p05,rank_p50,rank_p95,p_top` (and `p_selected` with the plan).
    public func csv(edition: Edition = .internal(holdsConfidential: false)) -> String {
        if withholdsEverything(edition) { return withheldCSV() }
        let d = distribution
        var header = [
            "rank", "id", "name", "region", "score", "rank_mean", "rank_sd",
            "rank_p05", "rank_p50", "rank_p95", "p_top",
        ]
        if selection != nil { header.append("p_selected") }
        let rows = byRank.map { c -> [String] in
            var row = [
                String(nominalRanks[c]), ids[c], names[c], regions[c],
                nominalScores[c].isNaN ? "" : "\(nominalScores[c])",
                "\(d.meanRank(c))", "\(d.rankDeviation(c))", rankText(d.rankPercentile(c, 0.05)),
                rankText(d.rankPercentile(c, 0.5)), rankText(d.rankPercentile(c, 0.95)),
                "\(d.probabilityInTop(c, visits))",
            ]
            if let selection { row.append("\(selection.probability(c))") }
            return row
        }
        return Tabular.csv(header: header, rows: rows)
    }

    /// The report for people: the top `top` candidates with their rank interval and top-`visits`
    /// probability, then weights, Sobol and one-at-a-time summaries in words.
    public func table(top: Int = 25, edition: Edition = .internal(holdsConfidential: false)) -> String {
        if withholdsEverything(edition) { return withheldTable(edition: edition) }
        let d = distribution
        var text =
            edition.heading
            + "\(samples) weight samples (\(perturbation)), seed \(seed); top \(visits) = the visit list's size\n\n"
        var header = ["rank", "id", "name", "score", "mean rank", "90% of ranks", "P(top \(visits))"]
        if selection != nil { header.append("P(selected)") }
        let shown = byRank.prefix(top)
        let rows = shown.map { c -> [String] in
            var row = [
                String(nominalRanks[c]), ids[c], names[c], fixed(nominalScores[c], 2),
                fixed(d.meanRank(c), 1),
                "\(rankText(d.rankPercentile(c, 0.05)))–\(rankText(d.rankPercentile(c, 0.95)))",
                fixed(d.probabilityInTop(c, visits), 3),
            ]
            if let selection { row.append(fixed(selection.probability(c), 3)) }
            return row
        }
        text += Tabular.table(header: header, rows: rows)
        if shown.count < ids.count { text += "… \(ids.count - shown.count) more; --format csv or json for all\n" }
        let sure = ids.indices.filter { d.probabilityInTop($0, visits) >= 0.95 }.count
        let borderline = ids.indices.filter { (0.05..<0.95).contains(d.probabilityInTop($0, visits)) }.count
        text +=
            "\n\(sure) candidates are in the top \(visits) in at least 95% of samples; "
            + "\(borderline) more are there in 5–95% of them.\n"
        if let selection {
            text +=
                "Plan re-solved for \(selection.samples) samples"
                + (selection.infeasible > 0 ? " (\(selection.infeasible) infeasible)" : "") + ".\n"
        }

        text += "\nWeights: nominal share vs effective share (r² of the leaf with the score, normalised)\n"
        let weightRows = influence.map { leaf -> [String] in
            [
                leaf.id, fixed(leaf.nominal, 3), fixed(leaf.effective, 3),
                leaf.flagged
                    ? (leaf.ratio > 1 ? "more influence than its weight" : "less influence than its weight") : "",
            ]
        }
        text += Tabular.table(header: ["leaf", "nominal", "effective", ""], rows: weightRows)

        if let sobol {
            text +=
                "\nSobol indices on the mean absolute rank shift (\(sobol.baseSamples) base samples, "
                + "\(sobol.baseSamples * (sobol.factors.count + 2)) evaluations, 95% bootstrap intervals)\n"
            let s = sobol.rankShift
            let order = sobol.factors.indices.sorted {
                (s.total[$0].isNaN ? -1 : s.total[$0]) > (s.total[$1].isNaN ? -1 : s.total[$1])
            }
            let sobolRows = order.prefix(12).map { i -> [String] in
                [
                    sobol.factors[i].description, fixed(s.first[i], 3),
                    s.firstInterval.isEmpty
                        ? "" : "\(fixed(s.firstInterval[i].low, 3))–\(fixed(s.firstInterval[i].high, 3))",
                    fixed(s.total[i], 3),
                    s.totalInterval.isEmpty
                        ? "" : "\(fixed(s.totalInterval[i].low, 3))–\(fixed(s.totalInterval[i].high, 3))",
                ]
            }
            text += Tabular.table(header: ["factor", "first", "95% CI", "total", "95% CI"], rows: sobolRows)
            if let lead = order.first, !s.total[lead].isNaN {
                text +=
                    "The weight of \(sobol.factors[lead]) accounts for \(percent(s.first[lead])) of the rank "
                    + "shift's variance alone and \(percent(s.total[lead])) with its interactions.\n"
            }
        }

        if let oneAtATime {
            text += "\nOne weight at a time, from 0 to twice its value (top \(visits) membership)\n"
            var sentences: [String] = []
            for sweep in oneAtATime {
                let w0 = sweep.nominalWeight
                // The changes nearest the nominal weight on each side matter most.
                let below = sweep.thresholds.filter { $0.weight < w0 }.sorted { $0.weight > $1.weight }.prefix(2)
                let above = sweep.thresholds.filter { $0.weight >= w0 }.sorted { $0.weight < $1.weight }.prefix(2)
                for t in below {
                    sentences.append(
                        t.enters
                            ? "\(t.id) leaves the top \(visits) if the weight of \(sweep.factor) falls below \(number(t.weight)) (now \(number(w0)))."
                            : "\(t.id) enters the top \(visits) if the weight of \(sweep.factor) falls below \(number(t.weight)) (now \(number(w0)))."
                    )
                }
                for t in above {
                    sentences.append(
                        t.enters
                            ? "\(t.id) enters the top \(visits) if the weight of \(sweep.factor) rises above \(number(t.weight)) (now \(number(w0)))."
                            : "\(t.id) leaves the top \(visits) if the weight of \(sweep.factor) rises above \(number(t.weight)) (now \(number(w0)))."
                    )
                }
                if sweep.thresholds.isEmpty {
                    sentences.append(
                        "The top \(visits) does not change over the weight of \(sweep.factor) from 0 to \(number(2 * w0))."
                    )
                }
            }
            text += sentences.joined(separator: "\n") + "\n"
            if oneAtATime.contains(where: { !$0.exact }) {
                text += "(Thresholds located on a grid and refined by bisection: the tree is not arithmetic.)\n"
            }
        }
        return text + screeningNote(screened ?? [])
    }
}

/// A number rounded to `digits` decimals, or `—` when undefined.
func fixed(_ value: Double, _ digits: Int) -> String {
    value.isFinite ? String(format: "%.\(digits)f", value) : "—"
}

/// A rank as a whole number, or with ".5" for the mid-rank of a tie.
func rankText(_ rank: Double) -> String {
    rank == rank.rounded() && abs(rank) < 1e15 ? String(Int(rank)) : "\(rank)"
}

/// A weight as a person reads it: 3 significant decimals at most.
func number(_ value: Double) -> String {
    var text = String(format: "%.3f", value)
    while text.hasSuffix("0") { text.removeLast() }
    if text.hasSuffix(".") { text.removeLast() }
    return text
}

/// A fraction as a percentage.
func percent(_ value: Double) -> String {
    value.isFinite ? String(format: "%.0f%%", 100 * value) : "—"
}
