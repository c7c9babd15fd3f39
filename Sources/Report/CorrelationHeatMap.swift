import Foundation
import TextOutput

// The audit's heat map: leaves × leaves, each cell coloured by Pearson's r on a diverging scale
// (blue for −1, near-white for 0, red for +1; the ends of ColorBrewer's RdBu, which stays
// readable for colour-blind readers) with its value printed in it, rows labelled with the
// leaves' names and columns with their numbers, and a legend of the scale with values.

/// The colour of r on the diverging scale; grey where r is undefined.
func divergingColour(_ r: Double?) -> String {
    guard let r else { return "#BDBDBD" }
    let white = (247.0, 247.0, 247.0)
    let end = r < 0 ? (33.0, 102.0, 172.0) : (178.0, 24.0, 43.0)
    let t = min(1, abs(r))
    func channel(_ a: Double, _ b: Double) -> Int { Int((a + (b - a) * t).rounded()) }
    return String(format: "#%02X%02X%02X", channel(white.0, end.0), channel(white.1, end.1), channel(white.2, end.2))
}

/// r in two decimals without the leading zero, so it fits a cell: `.91`, `−.53`, `1`.
func cellValue(_ r: Double) -> String {
    let text = NumberFormat.fixed(2).text(abs(r))
    let short = text == "1.00" ? "1" : String(text.dropFirst())
    return (r < 0 && text != "0.00" ? "−" : "") + short
}

extension Charts {
    /// The correlation matrix of the leaves as a heat map.
    ///
    /// - Parameters:
    ///   - names: the leaves' names, in leaf order.
    ///   - correlations: `names.count × names.count`, nil where undefined or withheld.
    static func correlationHeatMap(names: [String], correlations: [[Double?]], title: String) -> String {
        let p = names.count
        let cell = 30.0, labelWidth = 300.0, top = 24.0
        let legendTop = top + cell * Double(p) + 22
        var chart = SVGChart(width: labelWidth + cell * Double(max(p, 8)) + 10, height: legendTop + 48, label: title)
        for (j, _) in names.enumerated() {
            chart.add(
                .label(
                    String(j + 1), x: labelWidth + cell * (Double(j) + 0.5), y: top - 8, anchor: "middle", size: 10,
                    fill: "#555"))
        }
        for (i, name) in names.enumerated() {
            let y = top + cell * Double(i)
            let shown = name.count > 44 ? String(name.prefix(43)) + "…" : name
            chart.add(
                SVGElement.label("\(i + 1). \(shown)", x: labelWidth - 6, y: y + cell / 2 + 4, anchor: "end", size: 11)
                    .titled(name))
            for j in 0..<p {
                let r = correlations[i][j]
                let x = labelWidth + cell * Double(j)
                let detail = "\(name) × \(names[j]): " + (r.map { "r = " + Format.fixed($0, 3) } ?? "undefined")
                chart.add(
                    SVGElement.rect(x: x, y: y, width: cell - 1, height: cell - 1, fill: divergingColour(r))
                        .titled(detail))
                if let r {
                    chart.add(
                        .label(
                            cellValue(r), x: x + cell / 2 - 0.5, y: y + cell / 2 + 3, anchor: "middle", size: 9,
                            fill: abs(r) > 0.6 ? "#FFFFFF" : "#222"))
                }
            }
        }
        // The legend: nine steps of 0.25 from −1 to 1, every other one labelled, and grey.
        let step = 28.0
        chart.add(.label("r", x: labelWidth - 6, y: legendTop + 14, anchor: "end", size: 11))
        for k in 0...8 {
            let r = -1 + 0.25 * Double(k)
            let x = labelWidth + step * Double(k)
            chart.add(
                SVGElement.rect(x: x, y: legendTop, width: step, height: 18, fill: divergingColour(r))
                    .titled("r = " + Format.fixed(r, 2)))
            if k % 2 == 0 {
                let text = r == 0 ? "0" : (r < 0 ? "−" : "") + NumberFormat.wholeOrShortest.text(abs(r))
                chart.add(.label(text, x: x + step / 2, y: legendTop + 32, anchor: "middle", size: 10))
            }
        }
        let greyX = labelWidth + step * 9 + 16
        chart.add(SVGElement.rect(x: greyX, y: legendTop, width: step, height: 18, fill: divergingColour(nil)))
        chart.add(.label("undefined or withheld", x: greyX + step + 6, y: legendTop + 14, size: 10))
        return chart.markup
    }
}
