import Dataset
import Formats
import Foundation
import Scoring
import StatisticalAudit
import TestSupport
import Testing

/// What the audit does where a statistic does not exist, and the JSON it writes.
@Suite struct EdgeCaseTests {
    /// A constant child: its correlations are null, its parent's PCA is null (the correlation
    /// matrix has an undefined row), α still exists, and a flag says why.
    @Test func constantChildHasNullCorrelations() throws {
        let columns: [String: [Double]] = [
            "a": [0.1, 0.4, 0.3, 0.9], "b": [0.5, 0.5, 0.5, 0.5], "c": [0.2, 0.6, 0.1, 0.8],
        ]
        let dataset = auditDataset(columns: columns, criteria: [node("g", [leaf("a"), leaf("b"), leaf("c")])])
        let audit = FrameworkAudit(table: try score(dataset), states: dataset.states)
        #expect(audit.child("b", of: "g").rParent == nil && audit.child("b", of: "g").rRoot == nil)
        #expect(audit.leafCorrelations[1].allSatisfy { $0 == nil })
        #expect(audit.node("g").pca == nil)
        // α with b constant, by hand: a and c both have mean 0.425; their sums of squared
        // deviations are 0.3475 and 0.3275, their cross products (−0.325)(−0.225) +
        // (−0.025)(0.175) + (−0.125)(−0.325) + (0.475)(0.375) = 0.2875; b adds nothing. So
        // α = 3/2 · (1 − 0.675 / (0.675 + 2 · 0.2875)) = 3/2 · (1 − 0.675/1.25) = 0.69 (numpy agrees).
        let alpha = 0.69
        #expect(abs(audit.node("g").cronbachAlpha! - alpha) < 1e-12)
        #expect(audit.flags.contains { if case .constant(let child, _) = $0 { child.id == "b" } else { false } })
        let json = try JSONSerialization.jsonObject(with: Data(audit.json().utf8)) as! [String: Any]
        let g = (json["nodes"] as! [[String: Any]]).first { $0["id"] as? String == "g" }!
        #expect(g["pca"] is NSNull)
        let b = (g["children"] as! [[String: Any]]).first { $0["id"] as? String == "b" }!
        #expect(b["r_parent"] is NSNull && b["r_root"] is NSNull)
    }

    /// Fewer than 3 candidates with every child: α and PCA are null; pairwise correlations over
    /// 3 or more shared rows still exist.
    @Test func tooFewCompleteCases() throws {
        let columns: [String: [Double]] = [
            "a": [0.1, 0.4, 0.3, 0.9, nan],
            "b": [0.2, nan, nan, 0.7, 0.5],
        ]
        let dataset = auditDataset(columns: columns, criteria: [node("g", [leaf("a"), leaf("b")])])
        let audit = FrameworkAudit(table: try score(dataset), states: dataset.states)
        let g = audit.node("g")
        #expect(g.completeCases == 2)
        #expect(g.cronbachAlpha == nil && g.pca == nil)
        #expect(audit.flags.contains(.tooFewCases(node: AuditLabel(id: "g", name: "g"), cases: 2)))
        // a and g share the 4 rows where a exists (g = a or the mean of a and b there).
        #expect(audit.child("a", of: "g").rParent != nil)
        #expect(audit.leafCorrelations[0][1] == nil)
    }

    /// One child: α and PCA are undefined (null), the child's r with its parent is 1.
    @Test func singleChildNode() throws {
        let columns: [String: [Double]] = ["a": [0.1, 0.4, 0.3, 0.9], "b": [0.2, 0.6, 0.1, 0.8]]
        let dataset = auditDataset(columns: columns, criteria: [node("g", [leaf("a")]), node("h", [leaf("b")])])
        let audit = FrameworkAudit(table: try score(dataset), states: dataset.states)
        #expect(audit.node("g").cronbachAlpha == nil && audit.node("g").pca == nil)
        #expect(abs(audit.child("a", of: "g").rParent! - 1) < 1e-12)
        #expect(audit.flags.contains(.singleChild(node: AuditLabel(id: "g", name: "g"))))
    }

    /// The JSON has exactly the keys of SPEC §12 at every level.
    @Test func jsonKeysAreTheSpecs() throws {
        let dataset = auditDataset(columns: tenColumns, criteria: tenCriteria)
        let audit = FrameworkAudit(table: try score(dataset), states: dataset.states)
        let json = try JSONSerialization.jsonObject(with: Data(audit.json().utf8)) as! [String: Any]
        #expect(Set(json.keys) == ["nodes", "collinear", "negative"])
        let nodes = json["nodes"] as! [[String: Any]]
        #expect(nodes.map { $0["id"] as! String } == ["root", "g", "h"])
        for node in nodes {
            #expect(Set(node.keys) == ["id", "cronbach_alpha", "pca", "children"])
            let pca = node["pca"] as! [String: Any]
            #expect(Set(pca.keys) == ["eigenvalues", "explained", "loadings"])
            for child in node["children"] as! [[String: Any]] {
                #expect(Set(child.keys) == ["id", "r_parent", "r_root"])
            }
        }
        for pair in json["collinear"] as! [[String: Any]] { #expect(Set(pair.keys) == ["a", "b", "r"]) }
        let negative = json["negative"] as! [[String: Any]]
        #expect(!negative.isEmpty)
        for entry in negative { #expect(Set(entry.keys) == ["id", "parent", "r"]) }
    }

    /// The CSV holds one number per row; a null is an empty cell.
    @Test func csvRows() throws {
        let dataset = auditDataset(columns: tenColumns, criteria: tenCriteria)
        let audit = FrameworkAudit(table: try score(dataset), states: dataset.states)
        let lines = audit.csv().split(separator: "\n").map(String.init)
        #expect(lines[0] == "statistic,node,item,value")
        #expect(lines.contains("complete_cases,g,,6"))
        #expect(lines.contains { $0.hasPrefix("collinear,a,d,0.9993") })
        #expect(lines.contains { $0.hasPrefix("negative,h,f,-0.968") })
        #expect(lines.allSatisfy { $0.split(separator: ",", omittingEmptySubsequences: false).count == 4 })
    }
}
