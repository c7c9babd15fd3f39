import Confidentiality
import Dataset
import Formats
import Foundation
import Planning
import Scoring
import TestSupport
import Testing

/// The public edition against the tool's own audit and against an attacker written apart
/// (``Attacker``): subtraction from the published numbers, and an LP over the orders the list
/// implies.
@Suite struct DisclosureAuditTests {
    /// What a public edition of `dataset` prints: the score JSON and the plan JSON, with the
    /// audit's result.
    struct Published {
        var dataset: Dataset
        var table: ScoreTable
        var edition: Edition
        /// Nil for the internal edition, which is not audited.
        var audit: DisclosureAudit.Result!
        var scoreJSON: String
        var planJSON: String
    }

    static func publish(_ folder: String, audience: Audience = .public) throws -> Published {
        let dataset = try Dataset.load(directory: folder)
        let table = try Scoring.score(dataset)
        let problem = PlanProblem(
            candidates: table.candidates.enumerated().map { i, c in
                PlanCandidate(state: dataset.states[i], score: c.score, rank: c.rank, drivers: table.driverIDs(of: c))
            },
            settings: dataset.model.planning!, asOf: dataset.model.asOf)
        let plan = try makePlan(problem)
        var edition = Disclosure.edition(audience, table: table, dataset: dataset)
        let audit =
            audience == .public
            ? try DisclosureAudit.run(
                edition: edition, table: table, dataset: dataset,
                list: PublishedList(selected: plan.selectedIDs, problem: problem))
            : nil
        edition.audit = audit?.figures
        let encoder = JSONEncoder()
        let planJSON = String(
            decoding: try encoder.encode(EditionDocument(plan.published(edition), edition: edition)), as: UTF8.self)
        return Published(
            dataset: dataset, table: table, edition: edition, audit: audit,
            scoreJSON: table.json(model: dataset.model, edition: edition), planJSON: planJSON)
    }

    /// The confidential cells that exist, found from the files: every present value of a leaf
    /// marked confidential, and of each leaf whose indicator a State listed.
    static func targets(_ dataset: Dataset, requests: [String: [String]]) -> [Attacker.Cell] {
        var cells = Set<Attacker.Cell>()
        func walk(_ criteria: [Criterion]) {
            for c in criteria {
                switch c.kind {
                case .node(_, let children): walk(children)
                case .leaf(let leaf):
                    guard case .indicator(let column) = leaf.source else { continue }
                    for (i, s) in dataset.states.enumerated() where !dataset.indicators.columns[column]![i].isNaN {
                        if leaf.confidential || requests[s.id]?.contains(column) == true {
                            cells.insert(.init(id: s.id, leaf: c.id))
                        }
                    }
                }
            }
        }
        walk(dataset.model.criteria)
        return cells.sorted()
    }

    static let requests = RequestsFixture.requests.mapValues {
        $0.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
    }

    @Test func theShippedCycleWithRequestsPassesTheAuditAndResistsBothAttacks() throws {
        let published = try Self.publish(RequestsFixture.write())
        let dataset = published.dataset
        let targets = Self.targets(dataset, requests: Self.requests)
        // 185 human-rights ratings (8 States have none), plus KGZ's cft, BLR's cft and incitement,
        // AFG's border rating: 189 cells.
        #expect(targets.count == 189)
        #expect(published.audit.figures.cells == targets.count)
        #expect(published.audit.figures.smallestInterval >= 0.10)
        #expect(published.audit.figures.facts > 0, "the list's order facts are modelled")

        let attacker = try Attacker(
            dataset: dataset, targets: targets, scoreJSON: published.scoreJSON,
            planJSON: published.planJSON)
        // (a) Nothing published lets the attacker compute a confidential value.
        let recovered = attacker.subtract()
        #expect(recovered.isEmpty, "recovered from the public edition: \(recovered.keys.sorted().prefix(5))")
        // (b) The orders the list implies narrow no value below the protection width …
        let intervals = attacker.narrow()
        #expect(intervals.count == targets.count)
        let narrowest = intervals.min {
            $0.value.upperBound - $0.value.lowerBound < $1.value.upperBound - $1.value.lowerBound
        }!
        #expect(narrowest.value.upperBound - narrowest.value.lowerBound >= 0.10, "\(narrowest)")
        // … and the attacker's LP, formulated apart, finds the audit's intervals.
        let table = published.table
        for (cell, found) in published.audit.intervals {
            let key = Attacker.Cell(id: dataset.states[cell.candidate].id, leaf: table.leafIDs[cell.leaf])
            let theirs = try #require(intervals[key])
            #expect(
                abs(theirs.lowerBound - found.lowerBound) < 1e-6 && abs(theirs.upperBound - found.upperBound) < 1e-6,
                "\(key): attacker \(theirs), audit \(found)")
        }
        // Every target holds its true value inside its interval.
        for cell in targets {
            let v = attacker.truth(cell)
            #expect(intervals[cell]!.lowerBound - 1e-6 <= v && v <= intervals[cell]!.upperBound + 1e-6, "\(cell)")
        }
    }

    @Test func theSameSubtractionRecoversEveryValueFromTheInternalEdition() throws {
        // The attack of the test above can fail: on the internal edition it recovers every cell.
        let published = try Self.publish(RequestsFixture.write(), audience: .internal)
        let targets = Self.targets(published.dataset, requests: Self.requests)
        let attacker = try Attacker(
            dataset: published.dataset, targets: targets, scoreJSON: published.scoreJSON, planJSON: nil)
        let recovered = attacker.subtract()
        for cell in targets {
            let values = try #require(recovered[cell], "\(cell) not recovered")
            #expect(
                values.allSatisfy { abs($0 - attacker.truth(cell)) < 1e-9 },
                "\(cell): \(values) vs \(attacker.truth(cell))")
        }
    }

    @Test func aListThatPinsAValueIsRefusedNamingTheCells() throws {
        // Worked by hand in LeakyListFixture: SSS in [0.975, 1], UUU in [0, 0.025] (each end within
        // 5e-6: the order holds within the planner's quantum, 1e-4 points over 20 points a unit).
        let folder = try LeakyListFixture.write()
        #expect {
            _ = try Self.publish(folder)
        } throws: { error in
            guard let error = error as? DisclosureError else { return false }
            let cells = Dictionary(uniqueKeysWithValues: error.cells.map { ($0.cell, $0.interval) })
            return cells.count == 2
                && abs(cells["SSS/secret"]!.lowerBound - 0.975) < 1e-5
                && abs(cells["SSS/secret"]!.upperBound - 1) < 1e-9
                && abs(cells["UUU/secret"]!.lowerBound) < 1e-9 && abs(cells["UUU/secret"]!.upperBound - 0.025) < 1e-5
                && error.description.contains("SSS/secret") && error.description.contains("UUU/secret")
        }
        // The attacker, on what an edition with a smaller protection (0.02) prints, finds the
        // same interval: the list and the public threat values are enough.
        let published = try Self.publish(LeakyListFixture.write(protection: 0.02))
        let dataset = published.dataset
        let attacker = try Attacker(
            dataset: dataset, targets: Self.targets(dataset, requests: [:]),
            scoreJSON: published.scoreJSON, planJSON: published.planJSON)
        #expect(attacker.subtract().isEmpty)
        let intervals = attacker.narrow()
        let s = try #require(intervals[.init(id: "SSS", leaf: "secret")])
        #expect(abs(s.lowerBound - 0.975) < 1e-5 && abs(s.upperBound - 1) < 1e-9)
    }

    @Test func aWiderProtectionSettingDecidesTheSameCase() throws {
        // With protection 0.02 the 0.025-wide intervals pass, and the audit reports them.
        let published = try Self.publish(LeakyListFixture.write(protection: 0.02))
        #expect(abs(published.audit.figures.smallestInterval - 0.025) < 1e-5)
        #expect(published.audit.figures.protection == 0.02)
        #expect(published.planJSON.contains("\"audit\""))
    }

    @Test func anEditionThatPublishesAScoreIsRefused() throws {
        // Deliberately leaky: Mali's score printed in the public edition of the shipped cycle.
        let dataset = try Dataset.load(directory: RequestsFixture.write())
        let table = try Scoring.score(dataset)
        var edition = Disclosure.edition(.public, table: table, dataset: dataset)
        edition.withheldCandidates.remove("MLI")
        #expect {
            _ = try DisclosureAudit.run(edition: edition, table: table, dataset: dataset)
        } throws: { error in
            (error as? DisclosureError).map { $0.cells.map(\.cell) == ["MLI/gap_human_rights"] } ?? false
        }
        // So is one that prints its gaps criterion, from which the rating is a subtraction away.
        var nodes = Disclosure.edition(.public, table: table, dataset: dataset)
        nodes.withheldNodes["MLI"]?.remove("gaps")
        #expect(throws: DisclosureError.self) {
            _ = try DisclosureAudit.run(edition: nodes, table: table, dataset: dataset)
        }
        // Unchanged, it passes: every interval is the whole range.
        let clean = try DisclosureAudit.run(
            edition: Disclosure.edition(.public, table: table, dataset: dataset),
            table: table, dataset: dataset)
        #expect(clean.figures.smallestInterval == 1)
    }

    @Test func aRequestOfEveryIndicatorWithholdsWhatIsPooledOverTheField() throws {
        // MAR asks for `all`: its human-hazard rating is imputed into its region-mates' missing
        // values (region-mean), so those values, and every score, would reveal it.
        let published = try Self.publish(RequestsFixture.write(extra: ["MAR": "all"]))
        let document = try JSONSerialization.jsonObject(with: Data(published.scoreJSON.utf8)) as! [String: Any]
        let candidates = document["candidates"] as! [[String: Any]]
        #expect(candidates.allSatisfy { $0["score"] is NSNull })
        #expect(candidates.allSatisfy { ($0["nodes"] as! [String: Any])["human_hazard"] == nil })
        #expect(
            published.edition.withholdings.contains(.pooledLeaf(id: "human_hazard", reason: .imputation(.regionMean))))
        #expect(
            (document["withheld"] as! [String]).contains { $0.contains("human_hazard") && $0.contains("region-mean") })
        #expect(published.audit.figures.smallestInterval >= 0.10)
    }

    /// The State with the largest `wgi_pv_2021` in the shipped indicators.csv, read from the file.
    static func largestStability() throws -> String {
        let text = try String(
            contentsOf: repositoryRoot.appendingPathComponent("datasets/cycle-2023/indicators.csv"), encoding: .utf8)
        let rows = text.split(separator: "\n").map {
            $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
        let column = rows[0].firstIndex(of: "wgi_pv_2021")!
        return rows.dropFirst().filter { !$0[column].isEmpty }.max { Double($0[column])! < Double($1[column])! }![0]
    }

    @Test func aRequestOnAMinmaxIndicatorWithholdsTheFieldOnlyWhenTheValueIsAnExtreme() throws {
        // political_stability is minmax over wgi_pv_2021. A State in the middle asking for it:
        // the public values still reach 0 and 1, so the others' values are published.
        let middle = try Self.publish(RequestsFixture.write(extra: ["MNE": "wgi_pv_2021"]))
        let withheld = middle.edition.withheldEverywhere
        #expect(!withheld.contains("political_stability"))
        #expect(middle.edition.withheldNodes["MNE"]?.contains("political_stability") == true)
        // The State with the largest value asking for it: every other value is (x − min)/(its
        // value − min), so each would reveal it; the leaf is withheld for every State.
        let top = try Self.largestStability()
        let extreme = try Self.publish(RequestsFixture.write(extra: [top: "wgi_pv_2021"]))
        #expect(extreme.edition.withheldEverywhere.contains("political_stability"))
        #expect(extreme.edition.withheldCandidates.count == extreme.dataset.states.count)
        #expect(extreme.edition.withholdings.contains(.pooledLeaf(id: "political_stability", reason: .extreme)))
        #expect(!extreme.scoreJSON.contains("\"political_stability\""))
    }
}
