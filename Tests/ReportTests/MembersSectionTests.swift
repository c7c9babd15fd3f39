import Committee
import Dataset
import Foundation
import Planning
import Scoring
import TestSupport
import Testing

@_spi(Testing) @testable import Report

/// Section 6, "Where the members agree", on the shipped cycle's fictional committee
/// (datasets/cycle-2023/panel.yaml: members A, B, C).
@Suite struct MembersSectionTests {
    /// The shipped cycle's report inputs with the committee analysed as `visitplan report` does.
    static let inputs: ReportInputs = {
        var inputs = ShippedFixture.inputs
        let dataset = ShippedFixture.dataset
        let panel = try! #require(
            try Panel.load(
                directory: repositoryRoot.appendingPathComponent("datasets/cycle-2023").path,
                model: dataset.model))
        inputs.panel = try! PanelAnalysis(panel: panel, dataset: dataset, rule: .tolerance(defaultTolerance))
        return inputs
    }()

    /// The visit list `plan` gives when model.yaml's top weights are `weights`.
    static func list(reweighting weights: [String: Double]) throws -> Set<String> {
        var dataset = ShippedFixture.dataset
        dataset.model.criteria = dataset.model.criteria.map { criterion in
            var copy = criterion
            if let weight = weights[criterion.id] { copy.weight = weight }
            return copy
        }
        let table = try Scoring.score(dataset)
        let settings = try #require(dataset.model.planning)
        let problem = PlanProblem(
            candidates: table.candidates.enumerated().map { i, c in
                PlanCandidate(
                    state: dataset.states[i], score: c.score.isNaN ? 0 : c.score, rank: c.rank,
                    drivers: table.driverIDs(of: c))
            },
            settings: settings, asOf: dataset.model.asOf)
        return Set(try makePlan(problem).selectedIDs)
    }

    /// Per State id of the grid, its cells: proposed, member A, B, C, count, consensus.
    static func grid(_ page: String) throws -> [String: [String]] {
        let table = try #require(element("members-grid", in: page))
        var rows: [String: [String]] = [:]
        for row in table.components(separatedBy: "<tr data-id=\"").dropFirst() {
            let id = String(row.prefix { $0 != "\"" })
            let cells = row.components(separatedBy: "<td").dropFirst(2).map { cell in
                String(cell.drop { $0 != ">" }.dropFirst().prefix { $0 != "<" })
            }
            rows[id] = cells
        }
        return rows
    }

    @Test func theGridSetsEachMembersListBesideTheProposedOne() throws {
        let page = HTMLReport(inputs: Self.inputs, audience: .internal).render()
        #expect(page.contains("<h2>6. Where the members agree</h2>"))
        #expect(page.contains("<a href=\"#members\">"))
        let rows = try Self.grid(page)
        // Member A's direct weights (gaps 50, threat 30, engagement 20) written into model.yaml
        // give its list; the proposed list is the model's own plan.
        let listA = try Self.list(reweighting: ["gaps": 50, "threat": 30, "engagement": 20])
        let proposed = Set(try #require(Self.inputs.plan).selectedIDs)
        #expect(listA.count == 12 && proposed.count == 12)
        for id in listA.union(proposed) { #expect(rows[id] != nil, "\(id) missing from the grid") }
        for (id, cells) in rows {
            #expect(cells.count == 6, "\(id): \(cells)")
            #expect(cells[0] == (proposed.contains(id) ? "on" : "off"), "\(id) proposed")
            #expect(cells[1] == (listA.contains(id) ? "on" : "off"), "\(id) member A")
            // The count is the number of member columns that are on; a row is shown only when
            // some list (proposed, a member's, the consensus) holds the State.
            let on = cells[1...3].filter { $0 == "on" }.count
            #expect(cells[4] == "\(on) of 3", "\(id)")
            #expect(cells.contains("on"), "\(id)")
        }
        // Every member's list has the model's 12 visits.
        for member in 1...3 { #expect(rows.values.filter { $0[member] == "on" }.count == 12) }
        // The States on all three lists are named in the consensus line.
        let everywhere = rows.filter { $0.value[1...3].allSatisfy { $0 == "on" } }.keys.sorted()
        #expect(!everywhere.isEmpty)
        let note = try #require(element("members-consensus", in: page, until: "</p>"))
        for id in everywhere { #expect(note.contains(id)) }
    }

    @Test func theMembersConsistencyIsShownWithTheFlaggedMatrix() throws {
        let page = HTMLReport(inputs: Self.inputs, audience: .internal).render()
        let table = try #require(element("members-consistency", in: page))
        // B compares the root, C the root and the engagement leaves; A weighs directly.
        #expect(occurrences(of: "<tr class=", in: table) == 3)
        #expect(!table.contains("Member A"))
        // C's engagement matrix holds a judgement at odds with the others on purpose: flagged,
        // the only one, with that cell named.
        #expect(occurrences(of: "<tr class=\"flagged\">", in: table) == 1)
        // Nodes and leaves by their names (model.yaml), the root as "the top level".
        #expect(
            table.contains("<td>Engagement with the State</td>")
                && table.contains("State requested a visit over Follow-up of recommendations due"))
        #expect(table.contains("<td>the top level</td>") && !table.contains("<td>root</td>"))
        // B's matrix (a = 1/3, b = 2, c = 5): CR = (r + 1/r − 2) / 2 / 0.58, r = (b/(ac))^(1/3).
        let r = pow(2.0 / (5.0 / 3.0), 1.0 / 3)
        #expect(table.contains(">\(String(format: "%.4f", (r + 1 / r - 2) / 2 / 0.58))<"))
    }

    @Test func thePublicEditionWithholdsTheSection() throws {
        let page = HTMLReport(inputs: Self.inputs, audience: .public).render()
        #expect(page.contains("id=\"members-withheld\""))
        #expect(!page.contains("id=\"members-grid\"") && !page.contains("id=\"members-consistency\""))
        for member in Self.inputs.panel!.members { #expect(!page.contains(member.weights.member.name)) }
    }

    @Test func withoutAPanelThereIsNoSection() throws {
        #expect(ShippedFixture.inputs.panel == nil)
        #expect(!ShippedFixture.internalPage.contains("id=\"members\""))
        #expect(!ShippedFixture.internalPage.contains("Where the members agree"))
        // The loader finds no panel.yaml in a folder without one.
        let folder = try ConfidentialFixture.write()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(try Panel.load(directory: folder, model: ConfidentialFixture.dataset.model) == nil)
    }
}
