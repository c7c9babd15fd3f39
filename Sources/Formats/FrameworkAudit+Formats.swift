import Dataset
import Foundation
import StatisticalAudit
import TextOutput

// The three renderings of `visitplan audit`: JSON with the keys of SPEC §12, a long CSV with
// one number per row, and a table with the flags in words. An undefined statistic is `null` in
// JSON, an empty cell in CSV and `—` in the table.

/// The JSON document (SPEC §12); optionals are written as `null`, never left out.
private struct AuditDocument: Encodable {
    struct Node: Encodable {
        var id: String
        var cronbachAlpha: Double?
        var pca: PCA?
        var children: [Child]

        enum CodingKeys: String, CodingKey {
            case id, pca, children
            case cronbachAlpha = "cronbach_alpha"
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id, forKey: .id)
            try container.encode(cronbachAlpha, forKey: .cronbachAlpha)
            try container.encode(pca, forKey: .pca)
            try container.encode(children, forKey: .children)
        }
    }

    struct PCA: Encodable {
        var eigenvalues: [Double]
        var explained: [Double]
        var loadings: [Double]
    }

    struct Child: Encodable {
        var id: String
        var rParent: Double?
        var rRoot: Double?

        enum CodingKeys: String, CodingKey {
            case id
            case rParent = "r_parent"
            case rRoot = "r_root"
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id, forKey: .id)
            try container.encode(rParent, forKey: .rParent)
            try container.encode(rRoot, forKey: .rRoot)
        }
    }

    struct Pair: Encodable {
        var a: String
        var b: String
        var r: Double
    }

    struct Negative: Encodable {
        var id: String
        var parent: String
        var r: Double
    }

    var nodes: [Node]
    var collinear: [Pair]
    var negative: [Negative]
}

extension FrameworkAudit {
    /// `nodes`, `collinear` and `negative` (SPEC §12), numbers in full precision, with the
    /// edition's top-level keys (`audience`, and for a public edition `withheld` and `audit`).
    public func json(edition: Edition = .internal(holdsConfidential: false)) -> String {
        let document = AuditDocument(
            nodes: nodes.map { node in
                AuditDocument.Node(
                    id: node.id, cronbachAlpha: node.cronbachAlpha,
                    pca: node.pca.map {
                        .init(eigenvalues: $0.eigenvalues, explained: $0.explained, loadings: $0.loadings)
                    },
                    children: node.children.map { .init(id: $0.id, rParent: $0.rParent, rRoot: $0.rRoot) })
            },
            collinear: collinear.map { .init(a: $0.a, b: $0.b, r: $0.r) },
            negative: negative.map { .init(id: $0.id, parent: $0.parent, r: $0.r) })
        // Every number is finite (undefined statistics are nil).
        return JSONLayout.text(EditionDocument(document, edition: edition))
    }

    /// One number per row, `statistic,node,item,value`: `complete_cases` and `cronbach_alpha`
    /// (item empty), `eigenvalue` and `explained` (item = component 1, 2, …), `loading`, `r_parent`
    /// and `r_root` (item = child), `collinear` (node = leaf a, item = leaf b) and `negative`
    /// (node = parent, item = child). An undefined value is an empty cell.
    public func csv() -> String {
        var rows: [[String]] = []
        func value(_ x: Double?) -> String { x.map { "\($0)" } ?? "" }
        for node in nodes {
            rows.append(["complete_cases", node.id, "", String(node.completeCases)])
            rows.append(["cronbach_alpha", node.id, "", value(node.cronbachAlpha)])
            if let pca = node.pca {
                for (k, v) in pca.eigenvalues.enumerated() {
                    rows.append(["eigenvalue", node.id, String(k + 1), value(v)])
                }
                for (k, v) in pca.explained.enumerated() {
                    rows.append(["explained", node.id, String(k + 1), value(v)])
                }
            }
            for (k, child) in node.children.enumerated() {
                rows.append(["loading", node.id, child.id, value(node.pca?.loadings[k])])
            }
            for child in node.children { rows.append(["r_parent", node.id, child.id, value(child.rParent)]) }
            for child in node.children { rows.append(["r_root", node.id, child.id, value(child.rRoot)]) }
        }
        for pair in collinear { rows.append(["collinear", pair.a, pair.b, value(pair.r)]) }
        for entry in negative { rows.append(["negative", entry.parent, entry.id, value(entry.r)]) }
        return Tabular.csv(header: ["statistic", "node", "item", "value"], rows: rows)
    }

    /// For people: per node its α, the PCA's eigenvalues and shares, and a row per child
    /// (r with the parent, r with the score, first-component loading); then the flags in words.
    public func table(edition: Edition = .internal(holdsConfidential: false)) -> String {
        var text = edition.heading
        for node in nodes {
            let title = node.name == node.id ? node.id : "\(node.name) (\(node.id))"
            text +=
                "\(title): \(node.children.count) children, \(node.completeCases) of \(candidates) candidates complete\n"
            text += "  Cronbach's α: \(statistic(node.cronbachAlpha, 3))\n"
            if let pca = node.pca {
                text +=
                    "  PCA eigenvalues: " + pca.eigenvalues.map { statistic($0, 3) }.joined(separator: ", ")
                    + "; the first component explains \(statistic(100 * (pca.explained.first ?? 0), 1))%\n"
            } else {
                text += "  PCA: —\n"
            }
            let rows = node.children.enumerated().map { k, child in
                [child.id, statistic(child.rParent, 3), statistic(child.rRoot, 3), statistic(node.pca?.loadings[k], 3)]
            }
            let children = Tabular.table(header: ["child", "r parent", "r score", "PC1 loading"], rows: rows)
            text += children.split(separator: "\n").map { "  " + $0 + "\n" }.joined() + "\n"
        }
        text +=
            collinear.isEmpty
            ? "No two leaves correlate beyond ±\(FrameworkAudit.collinearity).\n"
            : "Collinear leaves (|r| > \(FrameworkAudit.collinearity)): "
                + collinear.map { "\($0.a) and \($0.b) (\(statistic($0.r, 3)))" }.joined(separator: "; ") + "\n"
        text +=
            negative.isEmpty
            ? "No child moves against its parent.\n"
            : "Negatively correlated with their parent: "
                + negative.map { "\($0.id) in \($0.parent) (\(statistic($0.r, 3)))" }.joined(separator: "; ") + "\n"
        text += "\nFlags:\n" + (flags.isEmpty ? "  none\n" : flags.map { "  - \($0)\n" }.joined())
        return text
    }
}

/// `digits` decimals (C's `%.<digits>f`), or `—` when undefined (nil).
private func statistic(_ x: Double?, _ digits: Int) -> String {
    x.map { NumberFormat.fixed(digits).text($0) } ?? "—"
}
