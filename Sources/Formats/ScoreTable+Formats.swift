import Dataset
import Foundation
import Scoring
import TextOutput

// The three renderings of `visitplan score` (SPEC §4): JSON with fixed keys, CSV with one row
// per candidate, and a table for people.

/// Which node columns and how many decimals the CSV and JSON of a score table show
/// (`score --columns`, `--precision`).
public struct ScoreLayout: Sendable, Equatable {
    /// The node and leaf ids shown, in this order; nil for every node in tree order.
    public var columns: [String]?
    /// Decimals of every number; nil for the shortest round-trip form.
    public var precision: Int?

    public init(columns: [String]? = nil, precision: Int? = nil) {
        self.columns = columns
        self.precision = precision
    }

    /// The ids of `columns` that are not nodes of `tree` (the root excluded).
    public func unknownColumns(in tree: CriteriaTree) -> [String] {
        let known = Set(tree.nodes.dropFirst().map(\.id))
        return (columns ?? []).filter { !known.contains($0) }
    }

    /// The positions in `tree` of the nodes shown (unknown ids are left out).
    func nodes(of tree: CriteriaTree) -> [Int] {
        guard let columns else { return Array(tree.nodes.indices.dropFirst()) }
        return columns.compactMap { id in tree.nodes.indices.dropFirst().first { tree.nodes[$0].id == id } }
    }
}

/// The JSON document of `score`; keys as in SPEC §4. Missing values are `null`.
struct ScoreDocument: Encodable {
    struct Candidate: Encodable {
        /// nil when the edition withholds it (then `null`).
        var rank: Int?
        var id: String
        var name: String
        var region: String
        var score: Double?
        var coverage: Double?
        var nodes: [String: Double?]
        var contributions: [String: Double]
        var drivers: [String]

        private enum CodingKeys: String, CodingKey {
            case rank, id, name, region, score, coverage, nodes, contributions, drivers
        }

        // Written by hand only so that a missing score is `"score": null`, not an absent key
        // (the synthesised encoder skips nil optionals).
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(rank, forKey: .rank)
            try container.encode(id, forKey: .id)
            try container.encode(name, forKey: .name)
            try container.encode(region, forKey: .region)
            try container.encode(score, forKey: .score)
            try container.encode(coverage, forKey: .coverage)
            try container.encode(nodes, forKey: .nodes)
            try container.encode(contributions, forKey: .contributions)
            try container.encode(drivers, forKey: .drivers)
        }
    }

    var model: String
    var as_of: String
    var candidates: [Candidate]
}

extension ScoreTable {
    /// The order an edition lists candidates in: by rank, then (public edition) the candidates
    /// whose scores are withheld, by id, so that their place in the list tells nothing.
    public func listed(_ edition: Edition) -> [Int] {
        guard edition.isPublic, !edition.withheldCandidates.isEmpty else { return order }
        let published = order.filter { edition.showsScore(of: states[$0].id) }
        let withheld = states.indices.filter { !edition.showsScore(of: states[$0].id) }.sorted {
            states[$0].id < states[$1].id
        }
        return published + withheld
    }

    /// Numbers in CSV and JSON are written in full (shortest round-trip form), so that scores can
    /// be checked to 1e-9; the table rounds for reading. A public edition leaves out the values it
    /// withholds (`null` score, rank and coverage; no such node, contribution or driver) and adds
    /// `audience`, `withheld` and `audit` at the top level (``EditionDocument``).
    public func json(
        model: Model, edition: Edition = .internal(holdsConfidential: false),
        layout: ScoreLayout = ScoreLayout()
    ) -> String {
        let out = OutputBuffer(collectingWithCapacity: 1 << 16)
        writeJSON(to: out, model: model, edition: edition, layout: layout)
        return out.text
    }

    /// The JSON of `json(model:edition:)` streamed into `out` candidate by candidate: byte for
    /// byte what JSONEncoder gives for ``ScoreDocument`` (``jsonThroughEncoder(model:edition:)``),
    /// in memory bounded by the buffer.
    ///
    /// - Parameter blockSize: candidates formatted together by one core (tests make it small).
    public func writeJSON(
        to out: OutputBuffer, model: Model, edition: Edition = .internal(holdsConfidential: false),
        layout: ScoreLayout = ScoreLayout(), blockSize: Int = ScoreTable.jsonBlockCandidates
    ) {
        var json = JSONWriter(out)
        json.openObject()
        json.key("as_of"); json.string(model.asOf.description)
        let editionKeys = edition.isPublic || edition.holdsConfidential
        if editionKeys {
            json.key("audience"); json.string(edition.audience.rawValue)
            if edition.isPublic, let audit = edition.audit { json.key("audit"); json.encoded(audit) }
        }
        json.key("candidates")
        writeCandidates(into: &json, edition: edition, layout: layout, blockSize: blockSize)
        json.key("model"); json.string(model.name)
        if let screened { json.key("screened"); json.encoded(screened) }
        if editionKeys && edition.isPublic { json.key("withheld"); json.encoded(edition.statement) }
        json.closeObject()
        json.finish()
    }

    /// The `candidates` array of the score JSON (SPEC §4), one object per candidate in the
    /// edition's order, keys sorted.
    ///
    /// Blocks of `blockSize` candidates are formatted on every core into buffers of their own
    /// and written in order (``OutputBuffer/append(count:blockSize:formattedInBlocksBy:)``):
    /// the same bytes as one candidate after the other, which is what a smaller array gets.
    ///
    /// - Complexity: O(candidates × nodes); one candidate's explanation at a time per core.
    public func writeCandidates(
        into json: inout JSONWriter, edition: Edition, layout: ScoreLayout,
        blockSize: Int = ScoreTable.jsonBlockCandidates
    ) {
        let nodes = layout.nodes(of: tree).sorted { JSONWriter.keyPrecedes(tree.nodes[$0].id, tree.nodes[$1].id) }
        let nodeKeys = nodes.map { JSONWriter.Key(tree.nodes[$0].id) }
        let leafIDs = leafIDs
        let leaves = leafIDs.indices.sorted { JSONWriter.keyPrecedes(leafIDs[$0], leafIDs[$1]) }
        let leafKeys = leaves.map { JSONWriter.Key(leafIDs[$0]) }
        let keys = CandidateKeys()
        let precision = layout.precision
        // An edition that withholds nothing needs no look-up per candidate and value.
        let withholdsNothing =
            edition.withheldCandidates.isEmpty && edition.withheldNodes.isEmpty
            && edition.withheldEverywhere.isEmpty && edition.publishedRanks == nil
        /// One candidate's object, as the next item of the array `json` is in.
        func write(_ i: Int, into json: inout JSONWriter) {
            func number(_ value: Double) {
                if let digits = precision { json.number(value, digits: digits) } else { json.number(value) }
            }
            let c = candidate(i)
            let shows = withholdsNothing || edition.showsScore(of: c.id)
            json.item()
            json.openObject()
            json.key(keys.contributions)
            json.openObject()
            if shows {
                for (k, leaf) in leaves.enumerated() { json.key(leafKeys[k]); number(c.contributions[leaf]) }
            }
            json.closeObject()
            json.key(keys.coverage)
            if shows { number(c.coverage) } else { json.null() }
            json.key(keys.drivers)
            json.openArray()
            if shows {
                for driver in c.drivers { json.item(); json.string(tree.nodes[tree.leafNodes[driver]].id) }
            }
            json.closeArray()
            json.key(keys.id); json.string(c.id)
            json.key(keys.name); json.string(c.name)
            json.key(keys.nodes)
            json.openObject()
            for (k, node) in nodes.enumerated()
            where withholdsNothing || edition.showsValue(of: tree.nodes[node].id, for: c.id) {
                json.key(nodeKeys[k]); number(c.nodeValues[node])
            }
            json.closeObject()
            json.key(keys.rank)
            if let rank = withholdsNothing ? c.rank : edition.rank(of: c.id, inField: c.rank) {
                json.integer(rank)
            } else {
                json.null()
            }
            json.key(keys.region); json.string(c.region)
            json.key(keys.score)
            if shows { number(c.score) } else { json.null() }
            json.closeObject()
        }
        let rows = listed(edition)
        json.openArray()
        json.items(count: rows.count, blockSize: blockSize) { r, writer in write(rows[r], into: &writer) }
        json.closeArray()
    }

    /// Candidates formatted together by one core in `writeCandidates` (about 2.5 kB each with
    /// 32 leaves).
    public static let jsonBlockCandidates = 2048

    /// The keys of a candidate's object, escaped once.
    private struct CandidateKeys {
        let contributions = JSONWriter.Key("contributions"), coverage = JSONWriter.Key("coverage")
        let drivers = JSONWriter.Key("drivers"), id = JSONWriter.Key("id"), name = JSONWriter.Key("name")
        let nodes = JSONWriter.Key("nodes"), rank = JSONWriter.Key("rank"), region = JSONWriter.Key("region")
        let score = JSONWriter.Key("score")
    }

    /// The same document through Foundation's JSONEncoder: the reference for `writeJSON` (the
    /// differential tests), far slower and holding the whole document.
    @_spi(Testing) public func jsonThroughEncoder(model: Model, edition: Edition = .internal(holdsConfidential: false))
        -> String
    {
        let nodeIDs = tree.nodes.dropFirst().map(\.id)
        let document = ScoreDocument(
            model: model.name, as_of: model.asOf.description,
            candidates: listed(edition).map { i in
                let c = candidates[i]
                let shows = edition.showsScore(of: c.id)
                var nodes: [String: Double?] = [:]
                for (k, id) in nodeIDs.enumerated() where edition.showsValue(of: id, for: c.id) {
                    let v = c.nodeValues[k + 1]
                    nodes[id] = v.isNaN ? .some(nil) : v
                }
                return ScoreDocument.Candidate(
                    rank: edition.rank(of: c.id, inField: c.rank), id: c.id, name: c.name, region: c.region,
                    score: c.score.isNaN || !shows ? nil : c.score, coverage: shows ? c.coverage : nil, nodes: nodes,
                    contributions: shows ? Dictionary(uniqueKeysWithValues: zip(leafIDs, c.contributions)) : [:],
                    drivers: shows ? driverIDs(of: c) : [])
            })
        return JSONLayout.text(ScreenedDocument(EditionDocument(document, edition: edition), screened: screened))
    }

    /// `rank,id,name,region,score,coverage` then one column per node id, one row per candidate;
    /// a withheld value is an empty cell (the edition's notes go to standard error).
    public func csv(edition: Edition = .internal(holdsConfidential: false), layout: ScoreLayout = ScoreLayout())
        -> String
    {
        let out = OutputBuffer(collectingWithCapacity: 1 << 16)
        writeCSV(to: out, edition: edition, layout: layout)
        return out.text
    }

    /// The CSV of `csv(edition:)` streamed into `out` row by row.
    ///
    /// - Parameters:
    ///   - leading: fields written before every row's own (`batch` puts the scenario there),
    ///     under the header names `leadingHeader`.
    ///   - trailing: a last field per candidate (dataset index), under `trailingHeader`.
    ///   - header: whether to write the header row.
    ///   - blockRows: rows formatted together by one core when the output is large enough to
    ///     be formatted on every core (tests make it small).
    public func writeCSV(
        to out: OutputBuffer, edition: Edition = .internal(holdsConfidential: false),
        layout: ScoreLayout = ScoreLayout(), leadingHeader: [String] = [], leading: [String] = [],
        trailingHeader: String? = nil, trailing: ((Int) -> String)? = nil, header: Bool = true,
        blockRows: Int = ScoreTable.csvBlockRows
    ) {
        let nodes = layout.nodes(of: tree)
        if header {
            out.append(
                csvRow: leadingHeader + ["rank", "id", "name", "region", "score", "coverage"]
                    + nodes.map { tree.nodes[$0].id }
                    + (trailingHeader.map { [$0] } ?? []))
        }
        let filtered = edition.isPublic
        let precision = layout.precision
        // The numbers of a row: score, coverage, then the nodes shown.
        let columns = [scores, coverage] + nodes.map { nodeColumns[$0] }
        /// One candidate's row into `out`, its numbers in `values` (as `columns`).
        func writeRow(_ i: Int, _ values: UnsafeMutableBufferPointer<Double>, rank: Int, into out: OutputBuffer) {
            func number(_ value: Double) {
                guard !value.isNaN else { return }
                if let digits = precision {
                    out.append(fixed: value, digits: digits)
                } else {
                    out.append(number: value)
                }
            }
            // The State's fields read one by one, not the State copied (it holds a dozen more).
            let id = states[i].id
            for field in leading { out.append(csvField: field); out.append(UInt8(ascii: ",")) }
            let shows = !filtered || edition.showsScore(of: id)
            if !filtered {
                out.append(integer: rank)
            } else if let rank = edition.rank(of: id, inField: rank) {
                out.append(integer: rank)
            }
            out.append(UInt8(ascii: ","))
            out.append(csvField: id); out.append(UInt8(ascii: ","))
            out.append(csvField: states[i].name); out.append(UInt8(ascii: ","))
            out.append(csvField: states[i].region); out.append(UInt8(ascii: ","))
            if shows { number(values[0]) }
            out.append(UInt8(ascii: ","))
            if shows { number(values[1]) }
            for (k, node) in nodes.enumerated() {
                out.append(UInt8(ascii: ","))
                if !filtered || edition.showsValue(of: tree.nodes[node].id, for: id) { number(values[2 + k]) }
            }
            if let trailing { out.append(UInt8(ascii: ",")); out.append(csvField: trailing(i)) }
            out.append(UInt8(ascii: "\n"))
        }
        let rows = listed(edition)
        /// The rows at `block` of `rows` into `out`, a chunk at a time: the chunk's numbers are
        /// first gathered column by column into a small row-major buffer. In rank order every
        /// row reads its own place in each column; at 10^6 candidates those reads, mixed into
        /// the formatting, missed the caches and took most of the process's time, while a loop
        /// doing nothing but them keeps many in flight at once.
        func writeRows(_ block: Range<Int>, into out: OutputBuffer) {
            let width = columns.count
            let chunk = Swift.min(block.count, 1024)
            let values = UnsafeMutableBufferPointer<Double>.allocate(capacity: Swift.max(chunk, 1) * width)
            let chunkRanks = UnsafeMutableBufferPointer<Int>.allocate(capacity: Swift.max(chunk, 1))
            defer { values.deallocate(); chunkRanks.deallocate() }
            var start = block.lowerBound
            while start < block.upperBound {
                let end = Swift.min(start + chunk, block.upperBound)
                for (c, column) in columns.enumerated() {
                    column.withUnsafeBufferPointer { column in
                        for r in start..<end { values[(r - start) * width + c] = column[rows[r]] }
                    }
                }
                for r in start..<end { chunkRanks[r - start] = ranks[rows[r]] }
                for r in start..<end {
                    let row = UnsafeMutableBufferPointer(
                        rebasing: values[(r - start) * width..<(r - start + 1) * width])
                    writeRow(rows[r], row, rank: chunkRanks[r - start], into: out)
                }
                start = end
            }
        }
        // Formatting the numbers is most of the time of a large CSV: blocks of rows are formatted
        // on every core into buffers of their own, then written in order (the same bytes).
        // Only for the internal edition without a trailing field, whose row writer reads
        // immutable values only.
        guard !filtered, trailing == nil else {
            writeRows(0..<rows.count, into: out)
            return
        }
        out.append(count: rows.count, blockSize: blockRows, formattedInBlocksBy: writeRows)
    }

    /// Rows formatted together by one core in `writeCSV` (its `blockRows`).
    public static let csvBlockRows = 8192

    /// The ranked list for people: rank, State, region, score, coverage, top-level criteria,
    /// drivers. `top` limits the rows (nil for all). The edition's notes open the table; a
    /// withheld value is written `withheld` (score) or `·`.
    public func table(top: Int? = nil, edition: Edition = .internal(holdsConfidential: false)) -> String {
        let topLevel = tree.nodes[0].children
        let listed = listed(edition)
        let shown = listed.prefix(top ?? listed.count)
        let rows = shown.map { i -> [String] in
            let c = candidates[i]
            guard edition.showsScore(of: c.id) else {
                return ["·", c.id, c.name, c.region, "withheld", "·"]
                    + topLevel.map {
                        edition.showsValue(of: tree.nodes[$0].id, for: c.id) ? fixed(c.nodeValues[$0], 3) : "·"
                    }
                    + ["·"]
            }
            let rank = edition.rank(of: c.id, inField: c.rank) ?? c.rank
            return [String(rank), c.id, c.name, c.region, fixed(c.score, 2), fixed(c.coverage, 2)]
                + topLevel.map {
                    edition.showsValue(of: tree.nodes[$0].id, for: c.id) ? fixed(c.nodeValues[$0], 3) : "·"
                }
                + [driverIDs(of: c).joined(separator: ", ")]
        }
        let header =
            ["rank", "id", "name", "region", "score", "coverage"]
            + topLevel.map { tree.nodes[$0].id } + ["drivers"]
        var text = edition.heading + Tabular.table(header: header, rows: rows)
        if shown.count < order.count {
            text += "… \(order.count - shown.count) more; --top N or --format csv for all\n"
        }
        return text + screeningNote(screened ?? [])
    }
}
