import Foundation

// The value axis of the report's bar charts: round tick values, each printed under the plot, and
// the unit named, so that a printed chart can be read without its tooltips (issue 20).

/// A horizontal value axis: where its ticks fall, how each is written, and the unit it measures.
struct ValueAxis {
    /// The tick values, ascending, from `low` to `high`.
    var ticks: [Double]
    /// The axis' ends: round values that take in every value drawn.
    var low: Double
    var high: Double
    /// What the numbers measure, printed under the ticks ("score points", "share of the list").
    var unit: String
    /// How a tick value is written ("40%", "0.2").
    var format: (Double) -> String

    /// An axis from `low` to `high` (widened to round values) with about five steps of 1, 2,
    /// 2.5 or 5 times a power of ten.
    ///
    /// For values up to 0.67 the step is 0.2 (0.67 / 5 = 0.134, the next round step up) and
    /// the axis runs 0, 0.2, …, 0.8.
    init(from low: Double = 0, to high: Double, unit: String, format: @escaping (Double) -> String) {
        let span = high - low
        let step = Self.roundStep(span > 0 && span.isFinite ? span / 5 : 1)
        // A little tolerance so that a value a rounding error past a tick does not add a tick.
        let first = (low / step + 1e-9).rounded(.down) * step
        let last = (high / step - 1e-9).rounded(.up) * step
        let count = Int(((last - first) / step).rounded())
        ticks = (0...max(count, 1)).map { first + Double($0) * step }
        self.low = ticks[0]
        self.high = ticks[ticks.count - 1]
        self.unit = unit
        self.format = format
    }

    /// The smallest of 1, 2, 2.5, 5 × 10^k at least `raw`.
    static func roundStep(_ raw: Double) -> Double {
        let magnitude = pow(10, (log10(raw)).rounded(.down))
        return [1, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= raw * (1 - 1e-9) } ?? 10 * magnitude
    }

    /// The position of `value` on a plot running from `left` over `width` points.
    func position(_ value: Double, left: Double, width: Double) -> Double {
        left + width * (value - low) / max(high - low, 1e-12)
    }

    /// Light grid lines from `top` to `bottom`, a tick label under each at `bottom + 12`, and the
    /// unit under them, centred on the plot.
    func elements(left: Double, width: Double, top: Double, bottom: Double) -> SVGElement {
        var children: [SVGElement] = []
        for tick in ticks {
            let x = position(tick, left: left, width: width)
            children.append(.line(x1: x, y1: top, x2: x, y2: bottom, stroke: tick == 0 ? axisColour : "#E4E4E4"))
            children.append(.label(format(tick), x: x, y: bottom + 12, anchor: "middle", size: 10, fill: "#555"))
        }
        children.append(.line(x1: left, y1: bottom, x2: left + width, y2: bottom, stroke: axisColour))
        children.append(.label(unit, x: left + width / 2, y: bottom + 26, anchor: "middle", size: 10, fill: "#555"))
        return SVGElement("g", ["class": "axis"], children: children)
    }

    /// A share as a tick label: a percentage with up to one decimal ("2.5%", "20%"), since a
    /// round step of 0.025 printed as whole percents would read 2%, 5%, 8%.
    static func percent(_ share: Double) -> String { Format.trimmed(100 * share, 1) + "%" }

    /// The room the tick labels and the unit need under the plot.
    static let height = 32.0
}
