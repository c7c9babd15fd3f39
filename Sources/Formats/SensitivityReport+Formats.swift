import Dataset
import Foundation
import Sensitivity
import TextOutput

// The three renderings of `visitplan sensitivity` (SPEC §6): JSON with fixed keys, CSV with one
// row per candidate, and a table with summaries in words.

extension SensitivityReport {
    /// Rows formatted together by one core in ``writeCSV(to:edition:blockRows:)``.
    public static let csvBlockRows = 8192

    /// One row per candidate, by nominal rank: `rank,id,name,region,score,rank_mean,rank_sd,
    /// rank_p05,rank_p50,rank_p95,p_top` (and `p_selected` with the plan).
    public func csv(edition: Edition = .internal(holdsConfidential: false)) -> String {
        let out = OutputBuffer(collectingWithCapacity: 1 << 16)
        writeCSV(to: out, edition: edition)
        return out.text
    }

    /// The CSV of ``csv(edition:)`` streamed into `out`, blocks of `blockRows` rows formatted on
    /// every core (the bytes of `Tabular.csv` over the rows' description strings).
    public func writeCSV(
        to out: OutputBuffer, edition: Edition = .internal(holdsConfidential: false),
        blockRows: Int = SensitivityReport.csvBlockRows
    ) {
        if withholdsEverything(edition) {
            withheld.writeCSV(to: out)
            return
        }
        let d = distribution
        let visits = visits
        let selection = selection
        out.append(csvRow: SensitivityReport.csvHeader(withPlan: selection != nil))
        let rows = byRank
        out.append(count: rows.count, blockSize: blockRows) { block, out in
            for r in block {
                let c = rows[r]
                out.append(integer: nominalRanks[c])
                for text in [ids[c], names[c], regions[c]] {
                    out.append(UInt8(ascii: ","))
                    out.append(csvField: text)
                }
                out.append(UInt8(ascii: ","))
                if !nominalScores[c].isNaN { out.append(number: nominalScores[c]) }
                out.append(UInt8(ascii: ",")); out.append(number: d.meanRank(c))
                out.append(UInt8(ascii: ",")); out.append(number: d.rankDeviation(c))
                for p in [0.05, 0.5, 0.95] {
                    out.append(UInt8(ascii: ","))
                    out.append(rank: d.rankPercentile(c, p))
                }
                out.append(UInt8(ascii: ",")); out.append(number: d.probabilityInTop(c, visits))
                if let selection { out.append(UInt8(ascii: ",")); out.append(number: selection.probability(c)) }
                out.append(UInt8(ascii: "\n"))
            }
        }
    }

    /// The CSV's header row.
    static func csvHeader(withPlan: Bool) -> [String] {
        [
            "rank", "id", "name", "region", "score", "rank_mean", "rank_sd", "rank_p05", "rank_p50", "rank_p95",
            "p_top",
        ] + (withPlan ? ["p_selected"] : [])
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
                "\(NumberFormat.wholeOrShortest.text(d.rankPercentile(c, 0.05)))–\(NumberFormat.wholeOrShortest.text(d.rankPercentile(c, 0.95)))",
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
                            ? "\(t.id) leaves the top \(visits) if the weight of \(sweep.factor) falls below \(weight(t.weight)) (now \(weight(w0)))."
                            : "\(t.id) enters the top \(visits) if the weight of \(sweep.factor) falls below \(weight(t.weight)) (now \(weight(w0)))."
                    )
                }
                for t in above {
                    sentences.append(
                        t.enters
                            ? "\(t.id) enters the top \(visits) if the weight of \(sweep.factor) rises above \(weight(t.weight)) (now \(weight(w0)))."
                            : "\(t.id) leaves the top \(visits) if the weight of \(sweep.factor) rises above \(weight(t.weight)) (now \(weight(w0)))."
                    )
                }
                if sweep.thresholds.isEmpty {
                    sentences.append(
                        "The top \(visits) does not change over the weight of \(sweep.factor) from 0 to \(weight(2 * w0))."
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

extension OutputBuffer {
    /// Appends `rank` as `NumberFormat.wholeOrShortest` writes it: a whole number, or with
    /// ".5" for the mid-rank of a tie.
    func append(rank: Double) {
        if rank == rank.rounded() && abs(rank) < 1e15 { append(integer: Int(rank)) } else { append(number: rank) }
    }
}

/// A weight as a person reads it: 3 decimals at most.
private func weight(_ value: Double) -> String { NumberFormat.trimmed(3).text(value) }

/// A fraction as a percentage, or `—` when undefined.
private func percent(_ value: Double) -> String { NumberFormat.percent.text(value, undefined: "—") }
