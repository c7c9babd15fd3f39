import CSVReference
import Dataset
import Foundation
import LinearAlgebra
import Scoring
import Testing
import TextOutput

@testable import Formats
@testable import Sensitivity

/// The streamed JSON and CSV of `sensitivity` are byte for byte what JSONEncoder and CSV.swift
/// wrote from the whole document before they were streamed: the encoder path is kept here as the
/// oracle (``SensitivityOracle``), and both run on synthetic datasets with the plan, Sobol and
/// one-at-a-time parts, for every kind of edition, with blocks small enough that the candidates
/// are formatted on several cores.
@Suite struct SensitivityFormatsTests {
    /// A report with every part, on `candidates` synthetic candidates, and some awkward values:
    /// ids whose JSONEncoder order differs by case, digits and underscores, names with commas,
    /// quotes, slashes and line breaks, a candidate without a score.
    static func report(candidates: Int, seed: UInt64) throws -> SensitivityReport {
        let dataset = try synthetic(candidates, seed: seed)
        let analysis = try SensitivityAnalysis(dataset: dataset)
        let distribution = try analysis.rankDistribution(samples: 300, seed: seed, ranks: 12, workers: 2)
        var rng = Xoshiro256(seed: seed)
        let selection = SelectionFrequency(
            samples: 40, selected: (0..<candidates).map { _ in Int.random(in: 0...40, using: &rng) }, infeasible: 3)
        let sobol = try analysis.sobol(baseSamples: 16, seed: seed, resamples: 10, workers: 2)
        let sweeps = try analysis.oneAtATime(visits: 5, gridPoints: 5)
        var report = SensitivityReport(
            analysis: analysis, dataset: dataset, samples: 300, seed: seed, visits: 5, distribution: distribution,
            selection: selection, sobol: sobol, oneAtATime: sweeps)
        let awkward = ["aB", "a_b", "a10", "a9", "AB", "a\u{301}", "b/c"]
        for (k, id) in awkward.enumerated() where k < candidates { report.ids[k] = id }
        report.names[0] = "Côte d'Ivoire, \"the\" /name/\nnext line"
        report.regions[1] = "tab\there, \u{1}"
        report.nominalScores[2] = .nan
        return report
    }

    /// Internal with and without confidential values; public with an audit and withholdings that
    /// leave the pooled results (every statistic printed, the edition's keys added); public
    /// withholding them (the candidates alone).
    static let editions: [Edition] = [
        .internal(holdsConfidential: false),
        .internal(holdsConfidential: true),
        Edition(
            audience: .public, holdsConfidential: true, withholdings: [.listOrders, .dependentValues(states: 2)],
            audit: AuditFigures(cells: 4, facts: 9, smallestInterval: 0.25, smallestCell: "X/y", protection: 0.1)),
        Edition(audience: .public, holdsConfidential: true, withholdings: [.listOrders]),
        Edition(
            audience: .public, holdsConfidential: true, withholdsPooledResults: true,
            withholdings: [.pooledResults(published: 3)],
            audit: AuditFigures(cells: 1, facts: 2, smallestInterval: 1, smallestCell: nil, protection: 0.05)),
    ]

    @Test(arguments: [(40, UInt64(3)), (257, UInt64(8))])
    func streamedJSONIsJSONEncoders(candidates: Int, seed: UInt64) throws {
        var report = try Self.report(candidates: candidates, seed: seed)
        for screened in [
            nil, [], [ScreenedCandidate(id: "Z/1", name: "Zed", region: "R", coverage: 0.25, minCoverage: 0.5)],
        ] {
            report.screened = screened
            for edition in Self.editions {
                let expected = SensitivityOracle.json(report, edition: edition)
                for blockSize in [3, 64, SensitivityReport.jsonBlockCandidates] {
                    let out = OutputBuffer(collectingWithCapacity: 64)
                    report.writeJSON(to: out, edition: edition, blockSize: blockSize)
                    #expect(Array(out.text.utf8) == Array(expected.utf8), "\(edition.audience) block \(blockSize)")
                }
            }
        }
    }

    @Test(arguments: [(40, UInt64(3)), (257, UInt64(8))])
    func streamedCSVIsCSVWriters(candidates: Int, seed: UInt64) throws {
        var report = try Self.report(candidates: candidates, seed: seed)
        for withPlan in [true, false] {
            if !withPlan { report.selection = nil }
            for edition in Self.editions {
                let expected = SensitivityOracle.csv(report, edition: edition)
                for blockRows in [5, 64, SensitivityReport.csvBlockRows] {
                    let out = OutputBuffer(collectingWithCapacity: 64)
                    report.writeCSV(to: out, edition: edition, blockRows: blockRows)
                    #expect(Array(out.text.utf8) == Array(expected.utf8), "\(edition.audience) block \(blockRows)")
                }
            }
        }
    }

    /// The oracle is not vacuous: the JSON holds every candidate's acceptability row, the
    /// Sobol scores and rank ranges of every id, keys in JSONEncoder's order.
    @Test func theDocumentHoldsEveryPart() throws {
        let report = try Self.report(candidates: 40, seed: 3)
        let json = report.json()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect((object["candidates"] as? [Any])?.count == 40)
        #expect(((object["sobol"] as? [String: Any])?["scores"] as? [String: Any])?.count == 40)
        #expect(((object["oat"] as? [[String: Any]])?.first?["rank_range"] as? [String: Any])?.count == 40)
        // "AB" (41 42) < "a10" (61 31 30) < "a9" < "aB" (61 42) < "a_b" (61 5F) < "a\u{301}" (61 CC 81).
        let positions = ["\"AB\":{", "\"a10\":{", "\"a9\":{", "\"aB\":{", "\"a_b\":{", "\"a\u{301}\":{"].map {
            json.range(of: $0)?.lowerBound
        }
        #expect(positions.allSatisfy { $0 != nil })
        #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted())
    }
}

/// The JSON and CSV of `sensitivity` as they were written before streaming: a Codable document
/// through Foundation's JSONEncoder (compact, sorted keys, slashes unescaped) inside
/// `ScreenedDocument(EditionDocument(...))`, and the CSV rows as strings through CSV.swift's writer (`Tabular.csvWriter`).
enum SensitivityOracle {
    struct Document: Encodable {
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
        var acceptability_ranks: Int
        var percentile_error: Double
        var perturbation: String
        var candidates: [Candidate]
        var plan: Plan?
        var sobol: Sobol?
        var oat: [Sweep]?
        var weights: [Weight]
    }

    struct Withheld: Encodable {
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

    static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
    }

    static func withheldStates(_ r: SensitivityReport) -> [State] {
        r.ids.indices.map { State(id: r.ids[$0], name: r.names[$0], region: r.regions[$0]) }.sorted { $0.id < $1.id }
    }

    static func json(_ r: SensitivityReport, edition: Edition) -> String {
        do {
            if edition.isPublic && edition.withholdsPooledResults {
                let document = Withheld(
                    samples: r.samples, seed: r.seed, visits: r.visits,
                    candidates: withheldStates(r).map { .init(id: $0.id, name: $0.name, region: $0.region) })
                return try encode(EditionDocument(document, edition: edition))
            }
            return try encode(ScreenedDocument(EditionDocument(document(r), edition: edition), screened: r.screened))
        } catch {
            Issue.record("JSONEncoder: \(error)")
            return ""
        }
    }

    static func document(_ r: SensitivityReport) -> Document {
        func finite(_ x: Double) -> Double? { x.isFinite ? x : nil }
        let d = r.distribution
        return Document(
            samples: r.samples, seed: r.seed, visits: r.visits, acceptability_ranks: d.ranks,
            percentile_error: d.layout.relativeError, perturbation: r.perturbation,
            candidates: r.byRank.map { c in
                .init(
                    id: r.ids[c], name: r.names[c], region: r.regions[c], score: finite(r.nominalScores[c]),
                    rank: r.nominalRanks[c], rank_mean: d.meanRank(c), rank_sd: d.rankDeviation(c),
                    rank_p05: d.rankPercentile(c, 0.05), rank_p50: d.rankPercentile(c, 0.5),
                    rank_p95: d.rankPercentile(c, 0.95), p_top: d.probabilityInTop(c, r.visits),
                    p_selected: r.selection?.probability(c), acceptability: d.acceptability(c))
            },
            plan: r.selection.map { .init(samples: $0.samples, infeasible: $0.infeasible) },
            sobol: r.sobol.map { sobol in
                .init(
                    base_samples: sobol.baseSamples, evaluations: sobol.baseSamples * (sobol.factors.count + 2),
                    factors: sobol.factors.map(\.description),
                    rank_shift: .init(
                        first: sobol.rankShift.first.map(finite), total: sobol.rankShift.total.map(finite),
                        first_ci: sobol.rankShift.firstInterval.map { [finite($0.low), finite($0.high)] },
                        total_ci: sobol.rankShift.totalInterval.map { [finite($0.low), finite($0.high)] }),
                    scores: Dictionary(
                        uniqueKeysWithValues: r.ids.indices.map { c in
                            (
                                r.ids[c],
                                .init(
                                    first: sobol.scores[c].first.map(finite), total: sobol.scores[c].total.map(finite))
                            )
                        }))
            },
            oat: r.oneAtATime.map { sweeps in
                sweeps.map { sweep in
                    .init(
                        factor: sweep.factor, nominal_weight: sweep.nominalWeight, exact: sweep.exact,
                        thresholds: sweep.thresholds.map { .init(id: $0.id, weight: $0.weight, enters: $0.enters) },
                        rank_range: Dictionary(
                            uniqueKeysWithValues: r.ids.indices.map {
                                (r.ids[$0], [sweep.bestRank[$0], sweep.worstRank[$0]])
                            }))
                }
            },
            weights: r.influence.map {
                .init(id: $0.id, nominal: $0.nominal, effective: $0.effective, r2: $0.correlation, flagged: $0.flagged)
            })
    }

    static func csv(_ r: SensitivityReport, edition: Edition) -> String {
        var header = [
            "rank", "id", "name", "region", "score", "rank_mean", "rank_sd", "rank_p05", "rank_p50", "rank_p95",
            "p_top",
        ]
        if r.selection != nil { header.append("p_selected") }
        if edition.isPublic && edition.withholdsPooledResults {
            let rows = withheldStates(r).map { s in
                ["", s.id, s.name, s.region] + Array(repeating: "", count: header.count - 4)
            }
            return Tabular.csvWriter(header: header, rows: rows)
        }
        let d = r.distribution
        func rank(_ x: Double) -> String { x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : "\(x)" }
        let rows = r.byRank.map { c -> [String] in
            var row = [
                String(r.nominalRanks[c]), r.ids[c], r.names[c], r.regions[c],
                r.nominalScores[c].isNaN ? "" : "\(r.nominalScores[c])",
                "\(d.meanRank(c))", "\(d.rankDeviation(c))", rank(d.rankPercentile(c, 0.05)),
                rank(d.rankPercentile(c, 0.5)), rank(d.rankPercentile(c, 0.95)), "\(d.probabilityInTop(c, r.visits))",
            ]
            if let selection = r.selection { row.append("\(selection.probability(c))") }
            return row
        }
        return Tabular.csvWriter(header: header, rows: rows)
    }
}
