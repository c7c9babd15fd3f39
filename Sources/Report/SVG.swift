import Foundation
import TextOutput

/// A small SVG element tree, serialised with every attribute value and text escaped.
///
/// Charts are built as values (`SVGElement("rect", ["x": …])`) rather than as strings, so that a
/// State's name containing `<` or `&` can never break the markup.
struct SVGElement: Sendable {
    var name: String
    /// In the order written: attribute order is kept so that the output is reproducible.
    var attributes: [(String, String)]
    var children: [SVGElement]
    var text: String?

    init(
        _ name: String, _ attributes: KeyValuePairs<String, String> = [:], children: [SVGElement] = [],
        text: String? = nil
    ) {
        self.name = name
        self.attributes = attributes.map { ($0.key, $0.value) }
        self.children = children
        self.text = text
    }

    /// Sets or adds one attribute.
    func with(_ key: String, _ value: String) -> SVGElement {
        var copy = self
        if let k = copy.attributes.firstIndex(where: { $0.0 == key }) {
            copy.attributes[k].1 = value
        } else {
            copy.attributes.append((key, value))
        }
        return copy
    }

    /// Adds a `<title>` child: the tooltip a browser shows, read aloud by screen readers.
    func titled(_ title: String) -> SVGElement {
        var copy = self
        copy.children.insert(SVGElement("title", text: title), at: 0)
        return copy
    }

    /// The markup of this element and its children.
    var markup: String {
        var out = "<" + name
        for (key, value) in attributes { out += " \(key)=\"\(escapeMarkup(value))\"" }
        if children.isEmpty && text == nil { return out + "/>" }
        out += ">"
        for child in children { out += child.markup }
        if let text { out += escapeMarkup(text) }
        return out + "</\(name)>"
    }
}

/// A whole chart: an `<svg>` that scales to its container's width, with an accessible label.
struct SVGChart: Sendable {
    var width: Double
    var height: Double
    var label: String
    var elements: [SVGElement] = []

    mutating func add(_ element: SVGElement) { elements.append(element) }

    var markup: String {
        SVGElement(
            "svg",
            [
                "xmlns": "http://www.w3.org/2000/svg",
                "viewBox": "0 0 \(coordinate(width)) \(coordinate(height))",
                "width": coordinate(width),
                "height": coordinate(height),
                "role": "img",
                "aria-label": label,
                "class": "chart",
                "preserveAspectRatio": "xMinYMin meet",
            ], children: [SVGElement("title", text: label)] + elements
        ).markup
    }
}

/// Escapes the five characters that are special in XML and HTML text and attribute values.
func escapeMarkup(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for c in text {
        switch c {
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "&": out += "&amp;"
        case "\"": out += "&quot;"
        case "'": out += "&#39;"
        default: out.append(c)
        }
    }
    return out
}

/// A coordinate with at most two decimals: small output, no visible rounding.
func coordinate(_ x: Double) -> String {
    guard x.isFinite else { return "0" }
    let rounded = (x * 100).rounded() / 100
    if rounded == rounded.rounded() { return String(Int(rounded)) }
    return NumberFormat.fixed(2).text(rounded)
}

// Shorthands for the shapes the charts use.
extension SVGElement {
    static func rect(
        x: Double, y: Double, width: Double, height: Double, fill: String,
        className: String? = nil
    ) -> SVGElement {
        var e = SVGElement(
            "rect",
            [
                "x": coordinate(x), "y": coordinate(y),
                "width": coordinate(max(0, width)), "height": coordinate(max(0, height)), "fill": fill,
            ])
        if let className { e = e.with("class", className) }
        return e
    }

    static func line(
        x1: Double, y1: Double, x2: Double, y2: Double, stroke: String, width: Double = 1,
        dash: String? = nil
    ) -> SVGElement {
        var e = SVGElement(
            "line",
            [
                "x1": coordinate(x1), "y1": coordinate(y1), "x2": coordinate(x2), "y2": coordinate(y2),
                "stroke": stroke, "stroke-width": coordinate(width),
            ])
        if let dash { e = e.with("stroke-dasharray", dash) }
        return e
    }

    static func circle(cx: Double, cy: Double, r: Double, fill: String) -> SVGElement {
        SVGElement("circle", ["cx": coordinate(cx), "cy": coordinate(cy), "r": coordinate(r), "fill": fill])
    }

    /// Text; `anchor` is start, middle or end.
    static func label(
        _ text: String, x: Double, y: Double, anchor: String = "start", size: Double = 12,
        weight: String? = nil, fill: String = "#222"
    ) -> SVGElement {
        var e = SVGElement(
            "text",
            [
                "x": coordinate(x), "y": coordinate(y), "text-anchor": anchor, "font-size": coordinate(size),
                "fill": fill,
            ], text: text)
        if let weight { e = e.with("font-weight", weight) }
        return e
    }
}
