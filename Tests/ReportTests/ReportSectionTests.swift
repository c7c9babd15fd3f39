import Dataset
import Foundation
import Planning
import Scoring
import Testing

@testable import Report

@Suite struct ReportSectionTests {
    let inputs = ConfidentialFixture.inputs
    var page: String { HTMLReport(inputs: inputs, audience: .internal).render() }

    @Test func theListShowsEachVisitWithTypeScoreRankAndReasons() throws {
        let plan = try #require(inputs.plan)
        #expect(plan.selected.count == 3)
        let table = try #require(element("selected-table", in: page))
        #expect(occurrences(of: "<tr data-id=", in: table) == 3)
        for visit in plan.selected {
            #expect(table.contains("<tr data-id=\"\(visit.id)\">"))
            #expect(table.contains(">\(visit.visitType.rawValue)<"))
            #expect(table.contains(">\(String(format: "%.2f", visit.score))<"))
            #expect(table.contains(">\(visit.rank)<"))
        }
        // The never-visited minimum of 1 is served by one of the two never-visited States.
        #expect(table.contains("never visited"))
    }

    @Test func theListShowsTheReserveAndEveryConstraintWithWhetherItBinds() throws {
        let plan = try #require(inputs.plan)
        let reserve = try #require(element("reserve-table", in: page))
        #expect(plan.reserve.count == 2)
        for entry in plan.reserve { #expect(reserve.contains("<tr data-id=\"\(entry.id)\">")) }
        let constraints = try #require(element("constraints-table", in: page))
        #expect(occurrences(of: "<tr class=", in: constraints) == plan.constraints.count)
        #expect(occurrences(of: "<tr class=\"binds\">", in: constraints) == plan.constraints.filter(\.binds).count)
        // `visits` is an equality: it always binds.
        #expect(constraints.contains("<td>visits</td><td class=\"num\">= 3</td>"))
    }

    @Test func theRegionChartSetsTheListBesideTheTopOfTheRanking() throws {
        let plan = try #require(inputs.plan)
        let figure = try #require(element("region-chart", in: page, until: "</figure>"))
        #expect(figure.contains("<svg"))
        let table = inputs.table
        for region in ["North", "South"] {
            let listed = plan.selected.filter { $0.region == region }.count
            let top = table.order.prefix(3).filter { inputs.dataset.states[$0].region == region }.count
            // Shares of a list of 3: 0, 33, 67 or 100%.
            let percent = ["0%", "33%", "67%", "100%"]
            #expect(figure.contains(">\(listed) (\(percent[listed]))<"))
            #expect(figure.contains(">\(top) (\(percent[top]))<"))
            #expect(figure.contains(">\(region)<"))
        }
        #expect(figure.contains("on the proposed list") && figure.contains("in the ranking&#39;s top 3"))
    }

    @Test func contributionsAreStackedPerCriterionWithCoverage() throws {
        let figure = try #require(element("contribution-chart", in: page, until: "</figure>"))
        for name in ["Implementation gaps", "Threat", "Engagement"] { #expect(figure.contains(">\(name)<")) }
        // Every State is shown (8 < 20): one coverage gauge each.
        #expect(occurrences(of: ": coverage ", in: figure) == 8)
        // CCC has no threat value: the threat leaf carries 35% of the weight, so coverage is 65%.
        #expect(page.contains("Charlie <span class=\"code\">CCC</span>: score"))
        let charlie = try #require(
            element(
                "CCC", in: page.replacingOccurrences(of: "data-id=\"CCC\"", with: "id=\"CCC\""),
                until: "</details>"))
        #expect(charlie.contains("coverage 65%"))
        #expect(charlie.contains("missing"))
    }

    @Test func theInternalEditionShowsEachIndicatorsValueAndContribution() throws {
        let marked = page.replacingOccurrences(of: "<details data-id=\"AAA\"", with: "<details id=\"AAA\"")
        let alpha = try #require(element("AAA", in: marked, until: "</details>"))
        // secret: raw 7.654321, normalised 0.7654321, contribution 2 × 7.654321 = 15.308642.
        #expect(alpha.contains(">7.6543<"))
        #expect(alpha.contains(">0.765<"))
        #expect(alpha.contains(">15.31<"))
    }

    @Test func robustnessShowsRankIntervalsSelectionSobolAndThresholds() throws {
        let intervals = try #require(element("interval-chart", in: page, until: "</figure>"))
        #expect(intervals.contains(">P(top 3)<") && intervals.contains(">P(selected)<"))
        #expect(occurrences(of: "in 90% of samples", in: intervals) == 8)
        let sobol = try #require(element("sobol-chart", in: page, until: "</figure>"))
        #expect(sobol.contains("Saltelli") && sobol.contains("Jansen"))
        // Each weight labelled by its name, the id in the tooltip.
        for (id, name) in [("gaps", "Implementation gaps"), ("threat", "Threat"), ("engagement", "Engagement")] {
            #expect(sobol.contains("<title>\(name) (\(id))</title>\(name)</text>"))
        }
        let thresholds = try #require(element("thresholds", in: page, until: "</section>"))
        // One group per weight: 3 top-level criteria and 4 leaves.
        #expect(occurrences(of: "<div class=\"threshold\">", in: thresholds) == 7)
        let sweeps = try #require(inputs.sensitivity.oneAtATime)
        for sweep in sweeps where !sweep.thresholds.isEmpty {
            #expect(thresholds.contains("the top 3 if the weight of"))
        }
    }

    @Test func oneAtATimeThresholdsReadAsSentences() throws {
        let sweeps = try #require(ShippedFixture.inputs.sensitivity.oneAtATime)
        let threat = try #require(sweeps.first { $0.factor == "threat" })
        let below = try #require(threat.thresholds.filter { $0.weight < 35 }.max { $0.weight < $1.weight })
        let name = try #require(ShippedFixture.dataset.states.first { $0.id == below.id }?.name)
        let verb = below.enters ? "leaves" : "enters"
        let weight = String(format: "%.3f", below.weight)
            .replacingOccurrences(of: #"0+$"#, with: "", options: .regularExpression)
        #expect(
            ShippedFixture.internalPage.contains(
                "\(name) \(verb) the top 12 if the weight of Threat level and emerging trends falls below \(weight) (now 35)."
            ))
    }

    @Test func theModelShowsTheTreeWithWeightsRationaleMethodsAndSources() throws {
        let table = try #require(element("criteria-table", in: page))
        for id in ["gaps", "gap_open", "secret", "threat", "threat_index", "engagement", "never_visited"] {
            #expect(table.contains("data-id=\"\(id)\""))
        }
        #expect(table.contains("Gaps &lt;matter&gt; &amp; count"))
        #expect(table.contains("indicators.csv: secret"))
        #expect(table.contains("states.csv: never-visited"))
        #expect(table.contains("goalposts [0, 10]"))
        #expect(occurrences(of: "<span class=\"badge\">confidential</span>", in: table) == 1)
        // gap_open: 40% of the score × half of gaps = 20.0%.
        #expect(table.contains("<td class=\"num\">1</td><td class=\"num\">50%</td><td class=\"num\">20.0%</td>"))
        let weights = try #require(element("weights-chart", in: page, until: "</figure>"))
        #expect(weights.contains("nominal share of the weight") && weights.contains("effective share"))
        #expect(weights.contains(">20.0%<"))
    }

    @Test func theWhatIfEmbedsTopLevelValuesAndPresence() throws {
        let panel = try #require(element("whatif-panel", in: page, until: ">"))
        #expect(occurrences(of: "type=\"range\"", in: page) == 3)
        #expect(page.contains("id=\"whatif-reset\""))
        let attribute = try #require(panel.range(of: #"data-model="[^"]*""#, options: .regularExpression))
        let json = String(panel[attribute].dropFirst(12).dropLast())
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
        let data = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let criteria = try #require(data["criteria"] as? [[String: Any]])
        #expect(criteria.map { $0["id"] as? String } == ["gaps", "threat", "engagement"])
        #expect(criteria.map { $0["weight"] as? Double } == [40, 35, 25])
        let candidates = try #require(data["candidates"] as? [[String: Any]])
        #expect(candidates.count == 8)
        let charlie = try #require(candidates.first { $0["id"] as? String == "CCC" })
        #expect(charlie["present"] as? [Bool] == [true, false, true])
        // gaps of CCC: (3.3 / 5 + 5.271935 / 10) / 2; never visited: 0 (visited in 2012).
        let values = try #require(charlie["values"] as? [Any])
        #expect(abs((values[0] as? Double ?? 0) - (0.66 + 0.5271935) / 2) < 1e-12)
        #expect(values[1] is NSNull)
        #expect(values[2] as? Double == 0)
    }

    @Test func theWhatIfSaysSoWhenTheTopLevelIsNotAWeightedMean() throws {
        let folder = try ConfidentialFixture.write()
        let model = ConfidentialFixture.model.replacingOccurrences(
            of: "scoring:\n  criteria:", with: "scoring:\n  aggregation: geometric\n  criteria:")
        try model.write(toFile: folder + "/model.yaml", atomically: true, encoding: .utf8)
        let inputs = try analyse(Dataset.load(directory: folder))
        let page = HTMLReport(inputs: inputs).render()
        #expect(!page.contains("id=\"whatif-panel\""))
        #expect(page.contains("id=\"whatif-unavailable\""))
        #expect(page.contains("weighted geometric mean, not a weighted mean"))
    }

    @Test func textFromTheDataIsEscaped() {
        #expect(!page.contains("<b>"))
        #expect(page.contains("Alpha &lt;b&gt;&amp; &quot;Co&quot;&lt;/b&gt;"))
        #expect(!page.contains("Gaps <matter>"))
    }

    @Test func thePageIsSelfContainedAndLaidOutForPrintAndPhones() {
        let page = ShippedFixture.internalPage
        let addresses = page.components(separatedBy: "http").dropFirst().map { String($0.prefix(30)) }
        #expect(addresses.allSatisfy { $0.hasPrefix("://www.w3.org/2000/svg\"") }, "network addresses: \(addresses)")
        #expect(!page.contains("<link") && !page.contains(" src="))
        #expect(page.contains("@media print") && page.contains("size: A4"))
        #expect(page.contains("@media (max-width: 640px)"))
        #expect(page.contains("<meta name=\"viewport\""))
    }

    @Test func theTemplateOnlyLeavesChartsStyleAndScriptUnescaped() {
        let triple = ReportTemplate.pageSource.components(separatedBy: "{{{").dropFirst().map {
            $0.prefix { $0 != "}" }
        }
        // auditSection is the audit template's own rendering (AuditSectionTests checks that template).
        #expect(
            Set(triple) == [
                "style", "regionChart", "chart", "intervalChart", "sobolChart", "weightsChart", "script",
                "auditSection",
            ])
        #expect(!ReportTemplate.style.contains("{{") && !ReportTemplate.script.contains("{{"))
    }
}

@Suite struct SVGTests {
    @Test func attributesAndTextAreEscaped() {
        let e = SVGElement.label("A < B & \"C\"", x: 1.25, y: 2).titled("it's")
        #expect(
            e.markup == "<text x=\"1.25\" y=\"2\" text-anchor=\"start\" font-size=\"12\" fill=\"#222\">"
                + "<title>it&#39;s</title>A &lt; B &amp; &quot;C&quot;</text>")
    }

    @Test func coordinatesHaveAtMostTwoDecimals() {
        #expect(coordinate(12) == "12")
        #expect(coordinate(1 / 3) == "0.33")
        #expect(coordinate(.nan) == "0")
    }
}
