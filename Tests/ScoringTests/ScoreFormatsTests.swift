import CSVReference
import Dataset
@_spi(Testing) import Formats
import Foundation
import LinearAlgebra
import Scoring
import Synthesis
import Testing
import TextOutput

/// The streamed CSV and JSON of a score table are byte for byte what the earlier writers gave
/// (CSV.swift's writer over `description` strings; JSONEncoder over ``ScoreDocument``), for every
/// edition; `--columns` and `--precision` shape them as asked.
@Suite struct ScoreFormatsTests {
    static let shipped = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("datasets/cycle-2023").path

    private func shippedTable() throws -> (Dataset, ScoreTable) {
        let dataset = try Dataset.load(directory: Self.shipped)
        return (dataset, try score(dataset))
    }

    /// A public edition that withholds two candidates, a node everywhere and a leaf of one State,
    /// with published ranks and audit figures: every branch of the writers.
    private func publicEdition(_ table: ScoreTable) -> Edition {
        let ids = table.order.map { table.candidates[$0].id }
        var published: [String: Int] = [:]
        for (k, id) in ids.filter({ $0 != ids[1] && $0 != ids[5] }).enumerated() { published[id] = k + 1 }
        return Edition(
            audience: .public, holdsConfidential: true, withheldCandidates: [ids[1], ids[5]],
            withheldNodes: [ids[0]: ["gap_cft"]], withheldEverywhere: ["threat"],
            withholdsPooledResults: false, publishedRanks: published,
            withholdings: [.unmodelledOrders(count: 2)],
            audit: AuditFigures(
                cells: 3, facts: 7, smallestInterval: 0.25, smallestCell: "\(ids[1])/gap_cft", protection: 0.1))
    }

    @Test func streamedJSONIsJSONEncodersForEveryEdition() throws {
        let (dataset, table) = try shippedTable()
        for edition in [
            Edition.internal(holdsConfidential: false), .internal(holdsConfidential: true), publicEdition(table),
        ] {
            let streamed = table.json(model: dataset.model, edition: edition)
            let encoded = table.jsonThroughEncoder(model: dataset.model, edition: edition)
            #expect(Array(streamed.utf8) == Array(encoded.utf8))
        }
    }

    @Test func streamedCSVIsCSVWritersForEveryEdition() throws {
        let (_, table) = try shippedTable()
        let nodeIDs = table.tree.nodes.dropFirst().map(\.id)
        for edition in [Edition.internal(holdsConfidential: false), publicEdition(table)] {
            // The reference: every field as a String (numbers by `description`), through CSV.swift.
            let rows = table.listed(edition).map { i -> [String] in
                let c = table.candidates[i]
                let shows = edition.showsScore(of: c.id)
                return [
                    edition.rank(of: c.id, inField: c.rank).map(String.init) ?? "", c.id, c.name, c.region,
                    shows ? c.score.description : "", shows ? c.coverage.description : "",
                ]
                    + nodeIDs.enumerated().map { k, id in
                        let v = c.nodeValues[k + 1]
                        return edition.showsValue(of: id, for: c.id) && !v.isNaN ? v.description : ""
                    }
            }
            let reference = Tabular.csvWriter(
                header: ["rank", "id", "name", "region", "score", "coverage"] + nodeIDs, rows: rows)
            #expect(Array(table.csv(edition: edition).utf8) == Array(reference.utf8))
            // Blocks of 5 rows formatted on every core (193 rows: 39 blocks, the last of 3) give
            // the same bytes as the reference, whatever the block boundaries.
            for blockRows in [5, 7, 48] {
                let blocks = OutputBuffer(collectingWithCapacity: 64)
                table.writeCSV(to: blocks, edition: edition, blockRows: blockRows)
                #expect(blocks.bytes == Array(reference.utf8), "blocks of \(blockRows) rows")
            }
        }
    }

    /// A synthetic dataset of 3,000 candidates (missing values, names of several words), scored:
    /// larger than many blocks of the sizes below.
    private func syntheticTable() throws -> (Dataset, ScoreTable) {
        var stream = Xoshiro256(seed: 21)
        let synthetic = SyntheticDataset.generate(SynthesisSettings(candidates: 3_000, seed: 21), using: &stream)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("score-blocks-\(UUID().uuidString)")
            .path
        try synthetic.write(to: folder, replacing: false)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let dataset = try Dataset.load(directory: folder)
        return (dataset, try score(dataset))
    }

    /// The JSON formatted in blocks on every core is byte for byte the JSON written one
    /// candidate after the other, whatever the block boundaries, for every edition; and that is
    /// JSONEncoder's document (valid JSON with every candidate once, in rank order).
    @Test func jsonInBlocksIsTheSerialJSON() throws {
        let (dataset, table) = try syntheticTable()
        for edition in [Edition.internal(holdsConfidential: false), publicEdition(table)] {
            let serial = OutputBuffer(collectingWithCapacity: 64)
            table.writeJSON(to: serial, model: dataset.model, edition: edition, blockSize: .max)
            #expect(serial.text == table.jsonThroughEncoder(model: dataset.model, edition: edition))
            // 3,000 candidates: 12 blocks of 256 (the last of 184), 47 of 64, 1 of 3,000 (serial).
            for blockSize in [256, 64, 7, ScoreTable.jsonBlockCandidates] {
                let blocks = OutputBuffer(collectingWithCapacity: 64)
                table.writeJSON(to: blocks, model: dataset.model, edition: edition, blockSize: blockSize)
                #expect(blocks.bytes == serial.bytes, "blocks of \(blockSize) candidates")
            }
            let document = try JSONSerialization.jsonObject(with: Data(serial.bytes)) as! [String: Any]
            let ids = (document["candidates"] as! [[String: Any]]).map { $0["id"] as! String }
            #expect(ids == table.listed(edition).map { table.candidates[$0].id })
        }
    }

    /// The CSV formatted in blocks on every core (the blocks written out while the next ones
    /// are formatted) is byte for byte the CSV written row after row.
    @Test func csvInBlocksIsTheSerialCSV() throws {
        let (_, table) = try syntheticTable()
        let serial = OutputBuffer(collectingWithCapacity: 64)
        table.writeCSV(to: serial, blockRows: .max)
        #expect(serial.text.split(separator: "\n").count == 3_001)
        for blockRows in [512, 100, 9] {
            let blocks = OutputBuffer(collectingWithCapacity: 64)
            table.writeCSV(to: blocks, blockRows: blockRows)
            #expect(blocks.bytes == serial.bytes, "blocks of \(blockRows) rows")
        }
    }

    @Test func columnsChooseTheNodeColumnsInTheirOrder() throws {
        let (dataset, table) = try shippedTable()
        let csv = table.csv(layout: ScoreLayout(columns: ["threat", "gap_cft"]))
        let lines = csv.split(separator: "\n")
        #expect(lines[0] == "rank,id,name,region,score,coverage,threat,gap_cft")
        let first = table.candidates[table.order[0]]
        let threat = table.tree.nodes.firstIndex { $0.id == "threat" }!
        let gap = table.tree.nodes.firstIndex { $0.id == "gap_cft" }!
        #expect(
            lines[1].split(separator: ",", omittingEmptySubsequences: false).suffix(2).map(String.init)
                == [first.nodeValues[threat].description, first.nodeValues[gap].description])
        #expect(
            table.csv(layout: ScoreLayout(columns: [])).split(separator: "\n")[0]
                == "rank,id,name,region,score,coverage")
        let json =
            try JSONSerialization.jsonObject(
                with: Data(table.json(model: dataset.model, layout: ScoreLayout(columns: ["threat"])).utf8))
            as! [String: Any]
        let candidates = json["candidates"] as! [[String: Any]]
        #expect(candidates.allSatisfy { ($0["nodes"] as! [String: Any]).keys.sorted() == ["threat"] })
        #expect(ScoreLayout(columns: ["threat", "thraet"]).unknownColumns(in: table.tree) == ["thraet"])
    }

    @Test func precisionWritesFixedDecimals() throws {
        let (_, table) = try shippedTable()
        let lines = table.csv(layout: ScoreLayout(columns: ["gaps"], precision: 3)).split(separator: "\n")
        let c = table.candidates[table.order[0]]
        let fields = lines[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        #expect(fields[4] == String(format: "%.3f", c.score))
        #expect(fields[5] == String(format: "%.3f", c.coverage))
        #expect(fields[6] == String(format: "%.3f", c.nodeValues[1]))
    }

    /// Scoring a block of weight vectors at once gives each vector's own table.
    @Test func blockOfWeightVectorsEqualsOneAtATime() throws {
        let dataset = try Dataset.load(directory: Self.shipped)
        let engine = try ScoringEngine(dataset: dataset)
        let nominal = engine.tree.nominalWeights
        let vectors = (0..<5).map { s in nominal.enumerated().map { k, w in w * (1 + Double((k * 7 + s * 3) % 5) / 4) }
        }
        let block = try score(dataset, engine: engine, weightVectors: vectors)
        for (weights, table) in zip(vectors, block) {
            let single = try score(dataset, engine: engine, weights: weights)
            #expect(table.order == single.order)
            #expect(zip(table.scores, single.scores).allSatisfy { abs($0 - $1) <= 1e-9 })
            #expect(table.coverage == single.coverage)
        }
    }
}
