import Confidentiality
import Dataset
import Formats
import Foundation
import Scoring
import StatisticalAudit
import TestSupport
import Testing

/// The public edition computes on published values only (Guides/Audit.md): nothing in it moves
/// when a confidential value does, and its figures are those of the published values.
@Suite struct PublicEditionTests {
    private func audit(
        _ columns: [String: [Double]], requests: [Int: ConfidentialRequest] = [:],
        criteria: [Criterion] = tenCriteria, audience: Audience
    ) throws -> (FrameworkAudit, Edition) {
        let dataset = auditDataset(columns: columns, criteria: criteria, requests: requests)
        let table = try score(dataset)
        let edition = Disclosure.edition(audience, table: table, dataset: dataset)
        return (FrameworkAudit(table: table, states: dataset.states, edition: edition), edition)
    }

    /// S00 asked to keep its value of a confidential: its a, g and score are withheld, and the
    /// public figures are numpy's on the other rows (scipy.stats.pearsonr with row 0 of a, g and
    /// root set to NaN; α on the 5 complete rows left).
    @Test func stateRequestUsesPublishedValuesOnly() throws {
        let (audit, edition) = try audit(tenColumns, requests: [0: .indicators(["a"])], audience: .public)
        #expect(edition.isPublic)
        func near(_ x: Double?, _ y: Double) -> Bool { x.map { abs($0 - y) < 1e-12 } ?? false }
        #expect(near(audit.child("b", of: "g").rParent, 0.835528448669309))
        #expect(near(audit.child("a", of: "g").rParent, 0.932397909590240))
        #expect(near(audit.child("h", of: "root").rRoot, 0.269990292348526))
        #expect(near(audit.child("e", of: "h").rRoot, 0.238790686354668))
        #expect(audit.node("g").completeCases == 5)
        #expect(near(audit.node("g").cronbachAlpha, 0.775779614951182))
        #expect(near(audit.node("root").cronbachAlpha, -2.269988984692520))
        // h rests on no confidential value: its r with its own children uses all ten.
        #expect(near(audit.child("f", of: "h").rParent, -0.968409374248114))
        #expect(audit.flags.contains(.withheld(AuditLabel(id: "a", name: "Alpha"), withheld: 1, published: 8)))
    }

    /// Whatever S00's confidential value of a, the public audit is the same text; the internal
    /// one is not.
    @Test(arguments: [0.0, 0.5, 1.0])
    func publicAuditDoesNotMoveWithTheConfidentialValue(_ value: Double) throws {
        var moved = tenColumns
        moved["a"]![0] = value
        let request: [Int: ConfidentialRequest] = [0: .indicators(["a"])]
        let (original, edition) = try audit(tenColumns, requests: request, audience: .public)
        let (changed, changedEdition) = try audit(moved, requests: request, audience: .public)
        #expect(original.json(edition: edition) == changed.json(edition: changedEdition))
        #expect(original.table(edition: edition) == changed.table(edition: changedEdition))
        let (internalOriginal, _) = try audit(tenColumns, requests: request, audience: .internal)
        let (internalChanged, _) = try audit(moved, requests: request, audience: .internal)
        #expect(internalOriginal.csv() != internalChanged.csv())
    }

    /// A leaf confidential for every State: it and every node above it have no published value,
    /// so their statistics are null, and the nodes beside them keep theirs.
    @Test func confidentialLeafNullsItsPath() throws {
        let criteria = [
            node("g", [leaf("a", confidential: true), leaf("b"), leaf("c"), leaf("d")]),
            node("h", [leaf("e"), leaf("f")]),
        ]
        let (audit, edition) = try audit(tenColumns, criteria: criteria, audience: .public)
        #expect(audit.node("g").cronbachAlpha == nil && audit.node("g").pca == nil)
        #expect(audit.child("b", of: "g").rParent == nil)
        #expect(audit.child("e", of: "h").rRoot == nil)
        #expect(audit.node("root").cronbachAlpha == nil)
        #expect(abs(audit.child("f", of: "h").rParent! - -0.968409374248114) < 1e-12)
        // b and d are public: their correlation stays (numpy 0.935766527304381 over 8 rows).
        #expect(audit.collinear.contains { $0.a == "b" && $0.b == "d" && abs($0.r - 0.935766527304381) < 1e-12 })
        #expect(!audit.collinear.contains { $0.a == "a" })
        let json = try JSONSerialization.jsonObject(with: Data(audit.json(edition: edition).utf8)) as! [String: Any]
        #expect(json["audience"] as? String == "public")
        #expect(audit.table(edition: edition).hasPrefix("PUBLIC EDITION"))
    }
}
