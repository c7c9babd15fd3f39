import Dataset
import Foundation

// The three renderings of `visitplan score` (SPEC §4): JSON with fixed keys, CSV with one row
// per candidate, and a table for people.

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
    func listed(_ edition: Edition) -> [Int] {
        guard edition.isPublic, !edition.withheldCandidates.isEmpty else { return order }
        let published = order.filter { edition.showsScore(of: states[$0].id) }
        let withheld = states.indices.filter { !edition.showsScore(of: states[$0].id) }.sorted { states[$0].id < states[$1].id }
        return published + withheld
    }

    /// Numbers in CSV and JSON are written in full (shortest round-trip form), so that scores can
    /// be checked to 1e-9; the table rounds for reading. A public edition leaves out the values it
    /// withholds (`null` score, rank and coverage; no such node, contribution or driver) and adds
    /// `audience`, `withheld` and `audit` at the top level (``EditionDocument``).
    public func json(model: Model, edition: Edition = .internal(holdsConfidential: false)) -> String {
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
    public func csv(edition: Edition = .internal(holdsConfidential: false)) -> String {
        let nodeIDs = tree.nodes.dropFirst().map(\.id)
        let filtered = edition.isPublic
        // Rows are made one at a time as they are written, never all held at once.
        let rows = listed(edition).lazy.map { i -> [String] in
            let state = states[i]
            guard filtered else {
                return [String(ranks[i]), state.id, state.name, state.region, number(scores[i]), number(coverage[i])]
                    + nodeColumns.dropFirst().map { number($0[i]) }
            }
            let shows = edition.showsScore(of: state.id)
            return [edition.rank(of: state.id, inField: ranks[i]).map(String.init) ?? "", state.id, state.name, state.region,
                    shows ? number(scores[i]) : "", shows ? number(coverage[i]) : ""]
                + zip(nodeIDs, nodeColumns.dropFirst()).map { id, column in
                    edition.showsValue(of: id, for: state.id) ? number(column[i]) : ""
                }
        }
        return Tabular.csv(header: ["rank", "id", "name", "region", "score", "coverage"] + nodeIDs, rows: rows)
    }

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
