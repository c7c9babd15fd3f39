import Testing

@testable import Dataset

/// panel.yaml (SPEC §11): every problem named by member, node and cell, at its line and column.
@Suite struct PanelLoadingTests {
    /// root → gaps (gap_a, gap_b), threat, engagement.
    static let model: Model = {
        func leaf(_ id: String) -> Criterion { Criterion(id: id, kind: .leaf(Leaf(source: .indicator(id)))) }
        let gaps = Criterion(
            id: "gaps", weight: 40, kind: .node(aggregation: .arithmetic, children: [leaf("gap_a"), leaf("gap_b")]))
        var threat = leaf("threat")
        threat.weight = 35
        var engagement = leaf("engagement")
        engagement.weight = 25
        return Model(
            name: "test", asOf: CalendarDate(year: 2020, month: 1, day: 1)!, criteria: [gaps, threat, engagement])
    }()

    @Test func validPanelReadsFractionsAndCompletesReciprocals() throws {
        let yaml = """
            members:
              - id: member-a
                weights: {gaps: 50, threat: 30, engagement: 20}
              - id: member-b
                name: "Member B (fictional)"
                pairwise:
                  - node: root
                    matrix: [[1, 3, 5], [1/3, 1, 2], [0.2, 0.5, 1]]
            """
        let (panel, diagnostics) = Panel.load(yaml: yaml, file: "panel.yaml", model: Self.model)
        #expect(diagnostics.isEmpty)
        let members = try #require(panel?.members)
        #expect(members.map(\.id) == ["member-a", "member-b"])
        #expect(
            members[0].weights == [
                NodeWeight(node: "gaps", weight: 50), NodeWeight(node: "threat", weight: 30),
                NodeWeight(node: "engagement", weight: 20),
            ])
        let comparison = try #require(members[1].comparisons.first)
        #expect(comparison.children == ["gaps", "threat", "engagement"])
        #expect(comparison.judgements[1][0] == 1.0 / 3 && comparison.judgements[2][1] == 0.5)
    }

    @Test func everyProblemIsReportedWithMemberNodeAndCell() {
        let yaml = """
            members:
              - id: alice
                weights: {gaps: 50, threst: 30}
              - id: bob
                pairwise:
                  - node: root
                    matrix: [[1, 3, 12], [1/3, 1, 2], [1/5, 1/2, 1]]
                  - node: gaps
                    matrix: [[1, 2], [2, 1]]
              - id: carol
                pairwise:
                  - node: root
                    matrix: [[1, 2], [1/2, 1]]
            """
        let (_, diagnostics) = Panel.load(yaml: yaml, file: "panel.yaml", model: Self.model)
        let lines = diagnostics.map(\.description)
        #expect(diagnostics.count == 4)
        // Unknown node, with the nearest id suggested.
        #expect(
            lines.contains {
                $0.hasPrefix("panel.yaml:3:25: error:") && $0.contains("member `alice`")
                    && $0.contains("unknown node `threst`") && $0.contains("did you mean `threat`")
            })
        // Out of Saaty's scale.
        #expect(
            lines.contains {
                $0.hasPrefix("panel.yaml:7:25: error:") && $0.contains("member `bob`, node `root`")
                    && $0.contains("row `gaps` column `engagement`") && $0.contains("out of range")
            })
        // Not reciprocal: m[1][0] = 2 while m[0][1] = 2.
        #expect(
            lines.contains {
                $0.hasPrefix("panel.yaml:9:27: error:") && $0.contains("member `bob`, node `gaps`")
                    && $0.contains("row `gap_b` column `gap_a`") && $0.contains("not reciprocal")
            })
        // Wrong size: two rows for three children.
        #expect(
            lines.contains {
                $0.hasPrefix("panel.yaml:13:17: error:") && $0.contains("member `carol`, node `root`")
                    && $0.contains("wrong size")
            })
    }

    @Test func unknownKeySuggestsTheNearestKnownOne() {
        let yaml = """
            members:
              - id: dora
                wieghts: {gaps: 1}
            """
        let (_, diagnostics) = Panel.load(yaml: yaml, file: "panel.yaml", model: Self.model)
        #expect(diagnostics.contains { $0.line == 3 && $0.message.contains("did you mean `weights`") })
    }
}
