import Dataset
import Foundation
import Planning
import Testing

@testable import Report

/// What a reader of the robustness and model sections sees in words (issue 20): names, not ids;
/// headings that say "ranking" or "list" exactly; no "-0.00"; a sentence on negative Sobol
/// estimates and one on effective weights against Sobol indices.
@Suite struct ReportWordingTests {
    let page = ShippedFixture.internalPage
    let inputs = ShippedFixture.inputs

    @Test func aValueThatRoundsToZeroHasNoSign() {
        #expect(Format.fixed(-0.004, 2) == "0.00")
        #expect(Format.fixed(-0.0, 1) == "0.0")
        #expect(Format.fixed(-0.006, 2) == "-0.01")
        #expect(Format.fixed(0.004, 2) == "0.00")
        // A signed zero ("-0.00", "−0.0"), not a small negative value such as "r = -0.003".
        let signedZero = try! NSRegularExpression(pattern: "[-−]0\\.0+(?![0-9])")
        let matches = signedZero.matches(in: page, range: NSRange(page.startIndex..., in: page))
        #expect(
            matches.isEmpty, "\(matches.prefix(3).compactMap { Range($0.range, in: page).map { String(page[$0]) } })")
    }

    @Test func sobolSaysWhatANegativeEstimateIsAndHowItDiffersFromEffectiveWeights() throws {
        let sobol = try #require(element("sobol-chart", in: page, until: "</figure>"))
        #expect(sobol.contains("An index cannot be negative, but its estimate can"))
        #expect(
            sobol.contains(
                "an interval that crosses zero, is the estimator&#39;s sampling noise around an index of zero"))
        #expect(sobol.contains("Effective weights and Sobol indices answer different questions"))
        let weights = try #require(element("weights-chart", in: page, until: "</figure>"))
        #expect(weights.contains("The Sobol indices of section 3 answer another question"))
    }

    @Test func chartsAndThresholdsNameEachWeightByItsName() throws {
        let tree = inputs.table.tree
        let sobol = try #require(element("sobol-chart", in: page, until: "</figure>"))
        let weights = try #require(element("weights-chart", in: page, until: "</figure>"))
        let thresholds = try #require(element("thresholds", in: page, until: "</section>"))
        let factors = try #require(inputs.sensitivity.sobol).factors
        var named = 0
        for node in tree.nodes.dropFirst() where node.name != node.id {
            // An id is no chart label (it stays in the tooltip, "Name (id)").
            for (chart, text) in [("sobol", sobol), ("weights", weights)] {
                #expect(!text.contains(">\(node.id)<"), "\(chart) chart labels \(node.id) by its id")
            }
            if factors.contains(.weight(node: node.id)) && sobol.contains("(\(node.id))</title>") {
                named += 1
                #expect(sobol.contains(escapeMarkup(Charts.fitted(node.name, 36)) + "</text>"), "\(node.id)")
            }
            // A threshold group is headed by the name, the id in small print.
            if thresholds.contains("<span class=\"code\">\(node.id)</span>, weight") {
                #expect(
                    thresholds.contains("<h4>\(escapeMarkup(node.name)) <span class=\"code\">\(node.id)</span>, weight")
                )
            }
        }
        #expect(named == min(12, factors.count))
    }

    @Test func robustnessHeadingsSayRankingOrListExactly() throws {
        let plan = try #require(inputs.plan)
        // The shipped cycle has high-ranked States that cannot be on the list (consent refused,
        // cooldown): they belong to the ranking, not to the list.
        let barred = plan.excluded.filter { $0.kind == .ineligible || $0.kind == .excludedByDecision }
        #expect(!barred.isEmpty)
        #expect(page.contains("<h3>Where the ranking&#39;s top 12 changes (one weight at a time)</h3>"))
        #expect(page.contains("<h3>The ranking&#39;s leaders: rank intervals, P(top 12) and P(selected)</h3>"))
        #expect(!page.contains("Where the list changes"))
        let intervals = try #require(element("interval-chart", in: page, until: "</figure>"))
        // Each of them shown in the chart has a dash for P(selected), never a probability.
        let shown = barred.filter { intervals.contains("(\($0.id))</title>") }
        #expect(!shown.isEmpty)
        #expect(occurrences(of: ">—</text>", in: intervals) == shown.count)
        #expect(intervals.contains("— marks a State that cannot be on the list"))
        // The heading about the list shows the States on it, and only those.
        let firmness = try #require(element("firmness-table", in: page))
        #expect(page.contains("<h3>How firm each place on the list is</h3>"))
        let rows = firmness.components(separatedBy: "<tr data-id=\"").dropFirst().map {
            String($0.prefix { $0 != "\"" })
        }
        #expect(rows == plan.selectedIDs)
        for state in barred { #expect(!firmness.contains(state.id)) }
    }

    @Test func theFirmnessTableGivesEachListedStatesRankIntervalAndProbabilities() throws {
        let plan = try #require(inputs.plan)
        let s = inputs.sensitivity
        let firmness = try #require(element("firmness-table", in: page))
        let c = try #require(s.ids.firstIndex(of: plan.selected[0].id))
        // Counted here from the Monte Carlo ranks: the share of samples in the top 12.
        let top = s.distribution.probabilityInTop(c, 12)
        let row = try #require(
            firmness.components(separatedBy: "<tr data-id=\"\(plan.selected[0].id)\">").dropFirst().first)
        #expect(row.contains(">\(Format.probability(top))<"))
        #expect(row.contains(">\(Format.probability(try #require(s.selection).probability(c)))<"))
        // The public edition of the shipped cycle withholds it: it pools withheld scores.
        let published = HTMLReport(inputs: inputs, audience: .public).render()
        #expect(!published.contains("id=\"firmness-table\""))
    }
}
