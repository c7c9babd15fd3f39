import Foundation
import Testing

@testable import Report

/// Every bar chart has tick values on its axis and names its unit (issue 20).
@Suite struct ChartAxisTests {
    @Test func ticksAreRoundStepsThatTakeInEveryValue() {
        // 0.67 / 5 = 0.134: the next of 1, 2, 2.5, 5 × 10^k up is 0.2, so 0 … 0.8.
        let shares = ValueAxis(to: 0.67, unit: "share", format: Format.percent)
        #expect(shares.ticks.map { ($0 * 10).rounded() / 10 } == [0, 0.2, 0.4, 0.6, 0.8])
        #expect(shares.ticks.map(shares.format) == ["0%", "20%", "40%", "60%", "80%"])
        // -3 … 47: span 50, step 10, widened to -10 … 50.
        let points = ValueAxis(from: -3, to: 47, unit: "score points", format: { Format.trimmed($0, 2) })
        #expect(points.ticks == [-10, 0, 10, 20, 30, 40, 50])
        // 0 … 1: step 0.2 exactly, no tick past 1.
        #expect(ValueAxis(to: 1, unit: "", format: { "\($0)" }).ticks.count == 6)
        // A step of 2.5% keeps its decimal (whole percents would print 2%, 5%, 8%).
        #expect(
            ValueAxis(to: 0.12, unit: "", format: ValueAxis.percent).ticks.map(ValueAxis.percent)
                == ["0%", "2.5%", "5%", "7.5%", "10%", "12.5%"])
        #expect(ValueAxis.roundStep(0.3) == 0.5 && ValueAxis.roundStep(2.2) == 2.5 && ValueAxis.roundStep(7) == 10)
    }

    /// The tick labels and the unit written in a chart's axis group.
    func axis(of chart: String) throws -> (ticks: [String], unit: String) {
        let start = try #require(chart.range(of: "<g class=\"axis\">"))
        let end = try #require(chart.range(of: "</g>", range: start.upperBound..<chart.endIndex))
        let group = String(chart[start.upperBound..<end.lowerBound])
        let texts = group.components(separatedBy: "<text").dropFirst().compactMap { piece -> String? in
            guard let open = piece.firstIndex(of: ">"), let close = piece.range(of: "</text>") else { return nil }
            return String(piece[piece.index(after: open)..<close.lowerBound])
        }
        return (Array(texts.dropLast()), texts.last ?? "")
    }

    @Test func theRegionChartHasPercentTicksAndItsUnit() throws {
        let inputs = ConfidentialFixture.inputs
        let page = HTMLReport(inputs: inputs).render()
        let figure = try #require(element("region-chart", in: page, until: "</figure>"))
        let plan = try #require(inputs.plan)
        // Shares of a list of 3, of the ranking's top 3: the largest is 1/3, 2/3 or 1.
        let largest =
            ["North", "South"].map { region in
                max(
                    plan.selected.filter { $0.region == region }.count,
                    inputs.table.order.prefix(3).filter { inputs.dataset.states[$0].region == region }.count)
            }.max() ?? 0
        // 1/3: step 0.1 (0.0667 → 0.1), to 40%; 2/3: step 0.2, to 80%; 1: step 0.2, to 100%.
        let expected = [
            1: ["0%", "10%", "20%", "30%", "40%"], 2: ["0%", "20%", "40%", "60%", "80%"],
            3: ["0%", "20%", "40%", "60%", "80%", "100%"],
        ][largest]
        let (ticks, unit) = try axis(of: figure)
        #expect(ticks == expected)
        #expect(unit == "share of the list, and of the ranking&#39;s top 3")
    }

    @Test func everyBarChartOfTheShippedPageHasAnAxisWithValuesAndAUnit() throws {
        let page = ShippedFixture.internalPage
        let units = [
            "region-chart": "share of the list, and of the ranking&#39;s top 12",
            "contribution-chart": "score points",
            "sobol-chart": "Sobol index: share of the variance of the mean absolute rank shift (0–1)",
            "weights-chart": "share of the score (%)",
        ]
        for (id, expected) in units {
            let figure = try #require(element(id, in: page, until: "</figure>"), "\(id)")
            let (ticks, unit) = try axis(of: figure)
            #expect(unit == expected, "\(id)")
            #expect(ticks.count >= 3, "\(id): \(ticks)")
            // Ticks are numbers, increasing, starting at zero or below.
            let values = ticks.map { Double($0.replacingOccurrences(of: "%", with: "")) ?? .nan }
            #expect(values.allSatisfy(\.isFinite) && values == values.sorted() && values[0] <= 0, "\(id): \(ticks)")
        }
        // The rank chart keeps its rank ticks and names them.
        let intervals = try #require(element("interval-chart", in: page, until: "</figure>"))
        #expect(intervals.contains("rank (5th–95th percentile; dot: the model&#39;s rank)"))
    }
}
