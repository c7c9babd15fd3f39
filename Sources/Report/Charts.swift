import Foundation

// The report's charts, drawn as SVG from numbers the page builder has already decided to show.
// Each chart reads without colour alone: every bar has a value label or a tooltip.

/// Colours that stay distinct for colour-blind readers (Okabe & Ito 2008).
let palette = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#555555"]

let listColour = "#0072B2"
let topColour = "#B9C6D2"
let axisColour = "#888888"

/// One row of a chart: a label and its tooltip-sized detail.
struct ChartRow {
    var label: String
    var detail: String
}

enum Charts {
    /// Two bars per group side by side (e.g. a region's share of the list and of the ranking's top).
    ///
    /// - Parameters:
    ///   - values: per group, the two fractions in [0, 1].
    ///   - labels: per group, the two value labels printed after the bars.
    static func pairedBars(
        groups: [String], values: [(Double, Double)], labels: [(String, String)], legend: (String, String),
        colours: (String, String) = (listColour, topColour), unit: String, title: String
    ) -> String {
        let (labelWidth, barWidth, valueWidth) = (150.0, 330.0, 160.0)
        let rowHeight = 40.0, top = 30.0
        let bottom = top + rowHeight * Double(groups.count) + 4
        var chart = SVGChart(width: labelWidth + barWidth + valueWidth, height: bottom + ValueAxis.height, label: title)
        chart.add(legendItems([(legend.0, colours.0), (legend.1, colours.1)], x: labelWidth, y: 14))
        let axis = ValueAxis(
            to: max(values.map { max($0.0, $0.1) }.max() ?? 1, 0.01), unit: unit, format: ValueAxis.percent)
        chart.add(axis.elements(left: labelWidth, width: barWidth, top: top, bottom: bottom))
        func width(_ share: Double) -> Double { axis.position(share, left: 0, width: barWidth) }
        for (g, group) in groups.enumerated() {
            let y = top + rowHeight * Double(g)
            chart.add(.label(group, x: labelWidth - 8, y: y + 21, anchor: "end"))
            let (a, b) = values[g]
            chart.add(
                SVGElement.rect(
                    x: labelWidth, y: y + 4, width: width(a), height: 14,
                    fill: colours.0
                ).titled("\(group): \(legend.0) \(labels[g].0)"))
            chart.add(
                SVGElement.rect(
                    x: labelWidth, y: y + 20, width: width(b), height: 14,
                    fill: colours.1
                ).titled("\(group): \(legend.1) \(labels[g].1)"))
            chart.add(.label(labels[g].0, x: labelWidth + width(a) + 5, y: y + 15, size: 11))
            chart.add(
                .label(
                    labels[g].1, x: labelWidth + width(b) + 5, y: y + 31, size: 11,
                    fill: "#555"))
        }
        return chart.markup
    }

    /// One stacked bar per row (contributions per criterion summing to the score), with a
    /// coverage gauge at the right of each row.
    ///
    /// - Parameters:
    ///   - segments: per row, one contribution per series (nil when withheld); negative ones are
    ///     drawn left of zero.
    ///   - coverage: per row, the coverage in [0, 1].
    static func stackedBars(
        rows: [ChartRow], segments: [[Double?]], totals: [String], coverage: [Double], series: [String],
        title: String
    ) -> String {
        let (labelWidth, barWidth, totalWidth, gaugeWidth) = (190.0, 360.0, 55.0, 110.0)
        let rowHeight = 22.0, top = 34.0
        let bottom = top + rowHeight * Double(rows.count) + 2
        var chart = SVGChart(
            width: labelWidth + barWidth + totalWidth + gaugeWidth,
            height: bottom + ValueAxis.height, label: title)
        chart.add(
            legendItems(
                series.enumerated().map { ($1, palette[$0 % palette.count]) }, x: 0, y: 12,
                width: labelWidth + barWidth))
        let gaugeX = labelWidth + barWidth + totalWidth
        chart.add(.label("coverage", x: gaugeX + 4, y: top - 6, size: 11, fill: "#555"))
        let positive = segments.map { $0.reduce(0) { $0 + max($1 ?? 0, 0) } }.max() ?? 1
        let negative = segments.map { $0.reduce(0) { $0 + min($1 ?? 0, 0) } }.min() ?? 0
        let axis = ValueAxis(
            from: min(negative, 0), to: max(positive, 1e-9), unit: "score points", format: { Format.trimmed($0, 2) })
        chart.add(axis.elements(left: labelWidth, width: barWidth, top: top - 2, bottom: bottom))
        let span = axis.high - axis.low
        let zero = axis.position(0, left: labelWidth, width: barWidth)
        for (r, row) in rows.enumerated() {
            let y = top + rowHeight * Double(r)
            chart.add(
                SVGElement.label(row.label, x: labelWidth - 8, y: y + 15, anchor: "end", size: 11)
                    .titled(row.detail))
            var right = zero, left = zero
            for (k, value) in segments[r].enumerated() {
                guard let value, value != 0 else { continue }
                let width = barWidth * abs(value) / span
                let x = value > 0 ? right : left - width
                if value > 0 { right += width } else { left -= width }
                chart.add(
                    SVGElement.rect(
                        x: x, y: y + 3, width: width, height: rowHeight - 6,
                        fill: palette[k % palette.count]
                    )
                    .titled("\(row.label): \(series[k]) \(Format.score(value)) points"))
            }
            chart.add(.label(totals[r], x: labelWidth + barWidth + 6, y: y + 15, size: 11, weight: "bold"))
            let share = min(max(coverage[r], 0), 1)
            chart.add(SVGElement.rect(x: gaugeX + 4, y: y + 7, width: 60, height: 8, fill: "#E3E3E3"))
            chart.add(
                SVGElement.rect(
                    x: gaugeX + 4, y: y + 7, width: 60 * share, height: 8,
                    fill: share >= 0.9 ? "#009E73" : share >= 0.7 ? "#E69F00" : "#D55E00"
                )
                .titled("\(row.label): coverage \(Format.percent(share))"))
            chart.add(.label(Format.percent(share), x: gaugeX + 70, y: y + 15, size: 11))
        }
        return chart.markup
    }

    /// Rank intervals: a line from the 5th to the 95th percentile rank, a dot at the model's rank,
    /// a tick at the median, the top `visits` boundary dashed; probabilities printed at the right.
    static func rankIntervals(
        rows: [ChartRow], low: [Int], median: [Int], high: [Int], nominal: [Int], visits: Int,
        probabilities: [[String]], probabilityHeaders: [String], title: String
    ) -> String {
        let (labelWidth, plotWidth, columnWidth) = (190.0, 330.0, 78.0)
        let rowHeight = 20.0, top = 40.0
        let columns = Double(probabilityHeaders.count)
        var chart = SVGChart(
            width: labelWidth + plotWidth + 14 + columnWidth * columns,
            height: top + rowHeight * Double(rows.count) + 10, label: title)
        let maxRank = max(high.max() ?? 1, visits + 1, 2)
        func x(_ rank: Double) -> Double { labelWidth + plotWidth * (rank - 1) / Double(maxRank - 1) }
        for tick in axisTicks(upTo: maxRank) {
            chart.add(
                .line(
                    x1: x(Double(tick)), y1: top - 6, x2: x(Double(tick)), y2: chart.height - 8,
                    stroke: "#EEEEEE"))
            chart.add(.label("\(tick)", x: x(Double(tick)), y: top - 10, anchor: "middle", size: 10, fill: "#555"))
        }
        chart.add(
            .label(
                "rank (5th–95th percentile; dot: the model's rank)", x: labelWidth, y: 12, size: 11,
                fill: "#555"))
        let boundary = x(Double(visits) + 0.5)
        chart.add(
            .line(
                x1: boundary, y1: top - 6, x2: boundary, y2: chart.height - 8, stroke: "#D55E00",
                dash: "4 3"))
        for (k, header) in probabilityHeaders.enumerated() {
            chart.add(
                .label(
                    header, x: labelWidth + plotWidth + 14 + columnWidth * (Double(k) + 0.5), y: top - 10,
                    anchor: "middle", size: 10, weight: "bold"))
        }
        for (r, row) in rows.enumerated() {
            let y = top + rowHeight * Double(r) + rowHeight / 2
            chart.add(
                SVGElement.label(row.label, x: labelWidth - 8, y: y + 4, anchor: "end", size: 11)
                    .titled(row.detail))
            chart.add(
                SVGElement.line(
                    x1: x(Double(low[r])), y1: y, x2: x(Double(high[r])), y2: y, stroke: "#0072B2",
                    width: 4
                )
                .titled("\(row.label): ranks \(low[r])–\(high[r]) in 90% of samples, median \(median[r])"))
            chart.add(
                .line(
                    x1: x(Double(median[r])), y1: y - 6, x2: x(Double(median[r])), y2: y + 6,
                    stroke: "#003D63", width: 2))
            chart.add(
                SVGElement.circle(cx: x(Double(nominal[r])), cy: y, r: 4, fill: "#D55E00")
                    .titled("\(row.label): rank \(nominal[r]) with the model's weights"))
            for (k, text) in probabilities[r].enumerated() {
                chart.add(
                    .label(
                        text, x: labelWidth + plotWidth + 14 + columnWidth * (Double(k) + 0.5), y: y + 4,
                        anchor: "middle", size: 11))
            }
        }
        return chart.markup
    }

    /// Horizontal bars in pairs per row (e.g. first-order and total Sobol indices, or nominal and
    /// effective weights), on a common scale starting at 0.
    static func barPairs(
        rows: [ChartRow], values: [(Double, Double)], labels: [(String, String)], legend: (String, String),
        highlight: [Bool] = [], unit: String, tickFormat: @escaping (Double) -> String, title: String
    ) -> String {
        let (labelWidth, barWidth, valueWidth) = (230.0, 300.0, 150.0)
        let rowHeight = 30.0, top = 30.0
        let bottom = top + rowHeight * Double(rows.count) + 2
        var chart = SVGChart(width: labelWidth + barWidth + valueWidth, height: bottom + ValueAxis.height, label: title)
        // From the left edge: the label column is empty on the legend's row, and the two items
        // need more than the plot's width.
        chart.add(legendItems([(legend.0, "#0072B2"), (legend.1, "#E69F00")], x: 8, y: 14, width: chart.width - 16))
        let finite = values.flatMap { [$0.0, $0.1] }.filter(\.isFinite)
        let axis = ValueAxis(to: max(finite.max() ?? 1, 1e-9), unit: unit, format: tickFormat)
        chart.add(axis.elements(left: labelWidth, width: barWidth, top: top, bottom: bottom))
        // Negative estimates (Sobol noise around zero) draw no bar; their label says the value.
        func width(_ v: Double) -> Double { v.isFinite ? axis.position(max(v, 0), left: 0, width: barWidth) : 0 }
        for (r, row) in rows.enumerated() {
            let y = top + rowHeight * Double(r)
            let flagged = r < highlight.count && highlight[r]
            chart.add(
                SVGElement.label(
                    fitted(row.label, 36), x: labelWidth - 8, y: y + 17, anchor: "end", size: 11,
                    weight: flagged ? "bold" : nil
                ).titled(row.detail))
            let (wa, wb) = (width(values[r].0), width(values[r].1))
            chart.add(
                SVGElement.rect(x: labelWidth, y: y + 3, width: wa, height: 11, fill: "#0072B2")
                    .titled("\(row.label): \(legend.0) \(labels[r].0)"))
            chart.add(
                SVGElement.rect(x: labelWidth, y: y + 15, width: wb, height: 11, fill: "#E69F00")
                    .titled("\(row.label): \(legend.1) \(labels[r].1)"))
            chart.add(.label(labels[r].0, x: labelWidth + wa + 4, y: y + 12, size: 10))
            chart.add(.label(labels[r].1, x: labelWidth + wb + 4, y: y + 24, size: 10, fill: "#555"))
        }
        return chart.markup
    }

    /// `text` cut to `limit` characters with an ellipsis: a chart's label column has a fixed
    /// width (the whole text stays in the row's tooltip).
    static func fitted(_ text: String, _ limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
    }

    /// A row of legend swatches, wrapping onto a second line when wider than `width`.
    static func legendItems(_ items: [(String, String)], x: Double, y: Double, width: Double = 600) -> SVGElement {
        var children: [SVGElement] = []
        var (cx, cy) = (x, y)
        for (name, colour) in items {
            let itemWidth = 22 + Double(name.count) * 6.2
            if cx + itemWidth > x + width, cx > x { cx = x; cy += 14 }
            children.append(.rect(x: cx, y: cy - 9, width: 10, height: 10, fill: colour))
            children.append(.label(name, x: cx + 14, y: cy, size: 11))
            cx += itemWidth + 10
        }
        return SVGElement("g", ["class": "legend"], children: children)
    }

    /// Axis ticks at 1 and round steps up to `maxRank`.
    static func axisTicks(upTo maxRank: Int) -> [Int] {
        let step = [1, 2, 5, 10, 20, 25, 50, 100].first { maxRank / $0 <= 8 } ?? 200
        return [1] + stride(from: step, through: maxRank, by: step).filter { $0 > 1 }
    }
}
