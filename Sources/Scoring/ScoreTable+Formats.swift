import Dataset
import Foundation

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
        let withheld = states.indices.filter { !edition.showsScore(of: states[$0].id) }.sorted { states[$0].id < states[$1].id }
        return published + withheld
    }

    /// Numbers in CSV and JSON are written in full (shortest round-trip form), so that scores can
    /// be checked to 1e-9; the table rounds for reading. A public edition leaves out the values it
    /// withholds (`null` score, rank and coverage; no such node, contribution or driver) and adds
    /// `audience`, `withheld` and `audit` at the top level (``EditionDocument``).
    public func json(model: Model, edition: Edition = .internal(holdsConfidential: false),
                     layout: ScoreLayout = ScoreLayout()) -> String {
        let out = OutputBuffer(collectingWithCapacity: 1 << 16)
        writeJSON(to: out, model: model, edition: edition, layout: layout)
        return out.text
    }

    /// The JSON of `json(model:edition:)` streamed into `out` candidate by candidate: byte for
    /// byte what JSONEncoder gives for ``ScoreDocument`` (``jsonThroughEncoder(model:edition:)``),
    /// in memory bounded by the buffer.
    public func writeJSON(to out: OutputBuffer, model: Model, edition: Edition = .internal(holdsConfidential: false),
                          layout: ScoreLayout = ScoreLayout()) {
        var json = JSONWriter(out)
        json.openObject()
        json.key("as_of"); json.string(model.asOf.description)
        let editionKeys = edition.isPublic || edition.holdsConfidential
        if editionKeys {
            json.key("audience"); json.string(edition.audience.rawValue)
            if edition.isPublic, let audit = edition.audit { json.key("audit"); json.encoded(audit) }
        }
        json.key("candidates")
        writeCandidates(into: &json, edition: edition, layout: layout)
        json.key("model"); json.string(model.name)
        if let screened { json.key("screened"); json.encoded(screened) }
        if editionKeys && edition.isPublic { json.key("withheld"); json.encoded(edition.statement) }
        json.closeObject()
        json.finish()
    }

    /// The `candidates` array of the score JSON (SPEC §4), one object per candidate in the
    /// edition's order, keys sorted.
    ///
    /// - Complexity: O(candidates × nodes); one candidate's explanation at a time.
    public func writeCandidates(into json: inout JSONWriter, edition: Edition, layout: ScoreLayout) {
        let nodes = layout.nodes(of: tree).sorted { tree.nodes[$0].id < tree.nodes[$1].id }
        let leaves = leafIDs.indices.sorted { leafIDs[$0] < leafIDs[$1] }
        func number(_ value: Double) {
            if let digits = layout.precision { json.number(value, digits: digits) } else { json.number(value) }
        }
        json.openArray()
        for i in listed(edition) {
            let c = candidates[i]
            let shows = edition.showsScore(of: c.id)
            json.item()
            json.openObject()
            json.key("contributions")
            json.openObject()
            if shows {
                for leaf in leaves { json.key(leafIDs[leaf]); number(c.contributions[leaf]) }
            }
            json.closeObject()
            json.key("coverage")
            if shows { number(c.coverage) } else { json.null() }
            json.key("drivers")
            json.openArray()
            if shows {
                for driver in driverIDs(of: c) { json.item(); json.string(driver) }
            }
            json.closeArray()
            json.key("id"); json.string(c.id)
            json.key("name"); json.string(c.name)
            json.key("nodes")
            json.openObject()
            for node in nodes where edition.showsValue(of: tree.nodes[node].id, for: c.id) {
                json.key(tree.nodes[node].id); number(c.nodeValues[node])
            }
            json.closeObject()
            json.key("rank")
            if let rank = edition.rank(of: c.id, inField: c.rank) { json.integer(rank) } else { json.null() }
            json.key("region"); json.string(c.region)
            json.key("score")
            if shows { number(c.score) } else { json.null() }
            json.closeObject()
        }
        json.closeArray()
    }

    /// The same document through Foundation's JSONEncoder: the reference for `writeJSON` (the
    /// differential tests), far slower and holding the whole document.
    @_spi(Testing) public func jsonThroughEncoder(model: Model, edition: Edition = .internal(holdsConfidential: false)) -> String {
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
        return encodeJSON(ScreenedDocument(EditionDocument(document, edition: edition), screened: screened))
    }

    /// `rank,id,name,region,score,coverage` then one column per node id, one row per candidate;
    /// a withheld value is an empty cell (the edition's notes go to standard error).
    public func csv(edition: Edition = .internal(holdsConfidential: false), layout: ScoreLayout = ScoreLayout()) -> String {
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
    public func writeCSV(to out: OutputBuffer, edition: Edition = .internal(holdsConfidential: false),
                         layout: ScoreLayout = ScoreLayout(), leadingHeader: [String] = [], leading: [String] = [],
                         trailingHeader: String? = nil, trailing: ((Int) -> String)? = nil, header: Bool = true,
                         blockRows: Int = ScoreTable.csvBlockRows) {
        let nodes = layout.nodes(of: tree)
        if header {
            out.append(csvRow: leadingHeader + ["rank", "id", "name", "region", "score", "coverage"] + nodes.map { tree.nodes[$0].id }
                + (trailingHeader.map { [$0] } ?? []))
        }
        let filtered = edition.isPublic
        let precision = layout.precision
        /// One candidate's row into `out`.
        func writeRow(_ i: Int, into out: OutputBuffer) {
            func number(_ value: Double) {
                guard !value.isNaN else { return }
                if let digits = precision { out.append(fixed: value, digits: digits) } else { out.append(number: value) }
            }
            let state = states[i]
            for field in leading { out.append(csvField: field); out.append(UInt8(ascii: ",")) }
            let shows = !filtered || edition.showsScore(of: state.id)
            if !filtered {
                out.append(integer: ranks[i])
            } else if let rank = edition.rank(of: state.id, inField: ranks[i]) {
                out.append(integer: rank)
            }
            out.append(UInt8(ascii: ","))
            out.append(csvField: state.id); out.append(UInt8(ascii: ","))
            out.append(csvField: state.name); out.append(UInt8(ascii: ","))
            out.append(csvField: state.region); out.append(UInt8(ascii: ","))
            if shows { number(scores[i]) }
            out.append(UInt8(ascii: ","))
            if shows { number(coverage[i]) }
            for node in nodes {
                out.append(UInt8(ascii: ","))
                if !filtered || edition.showsValue(of: tree.nodes[node].id, for: state.id) { number(nodeColumns[node][i]) }
            }
            if let trailing { out.append(UInt8(ascii: ",")); out.append(csvField: trailing(i)) }
            out.append(UInt8(ascii: "\n"))
        }
        let rows = listed(edition)
        let cores = ProcessInfo.processInfo.activeProcessorCount
        // Formatting the numbers is most of the time of a large CSV: blocks of rows are formatted
        // on every core into buffers of their own, then written in order (the same bytes).
        // Only for the internal edition without a trailing field, whose row writer reads
        // immutable values only.
        guard cores > 1, !filtered, trailing == nil, rows.count >= 4 * blockRows else {
            for i in rows { writeRow(i, into: out) }
            return
        }
        let wave = 2 * cores
        var start = 0
        while start < rows.count {
            let blocks = stride(from: start, to: min(start + wave * blockRows, rows.count), by: blockRows)
                .map { $0 ..< min($0 + blockRows, rows.count) }
            let buffers = blocks.map { _ in OutputBuffer(collectingWithCapacity: 1 << 20) }
            nonisolated(unsafe) let shared = buffers
            nonisolated(unsafe) let write = writeRow
            DispatchQueue.concurrentPerform(iterations: blocks.count) { k in
                for r in blocks[k] { write(rows[r], shared[k]) }
            }
            for buffer in buffers { out.append(buffer.bytes) }
            start += wave * blockRows
        }
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
                    + topLevel.map { edition.showsValue(of: tree.nodes[$0].id, for: c.id) ? fixed(c.nodeValues[$0], 3) : "·" }
                    + ["·"]
            }
            let rank = edition.rank(of: c.id, inField: c.rank) ?? c.rank
            return [String(rank), c.id, c.name, c.region, fixed(c.score, 2), fixed(c.coverage, 2)]
                + topLevel.map { edition.showsValue(of: tree.nodes[$0].id, for: c.id) ? fixed(c.nodeValues[$0], 3) : "·" }
                + [driverIDs(of: c).joined(separator: ", ")]
        }
        let header = ["rank", "id", "name", "region", "score", "coverage"]
            + topLevel.map { tree.nodes[$0].id } + ["drivers"]
        var text = edition.heading + Tabular.table(header: header, rows: rows)
        if shown.count < order.count {
            text += "… \(order.count - shown.count) more; --top N or --format csv for all\n"
        }
        return text + screeningNote(screened ?? [])
    }
}

/// A number in full precision, or empty when missing.
func number(_ value: Double) -> String { value.isNaN ? "" : "\(value)" }

/// A number rounded to `digits` decimals for reading, or `—` when missing.
func fixed(_ value: Double, _ digits: Int) -> String {
    value.isNaN ? "—" : String(format: "%.\(digits)f", value)
}

/// Deterministic, human-diffable JSON: sorted keys, two-space indent.
func encodeJSON<T: Encodable>(_ value: T) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    // Every value is finite or encoded as null before it gets here (inputs are bounded at
    // load, Guides/Reliability.md), so a failure is a programmer's mistake.
    do {
        return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
    } catch {
        preconditionFailure("JSON of a score table: \(error)")
    }
}
