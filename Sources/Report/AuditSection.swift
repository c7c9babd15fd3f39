import Dataset
import Foundation
import Mustache
import StatisticalAudit

// The report's audit section (SPEC §12, `visitplan audit`): per node its α and PCA, the leaves'
// correlation heat map, and the flags in words. It is a template of its own, rendered here and
// placed in the page whole, so that the page template changes by one line. A public edition
// computes every statistic on the values it publishes (Guides/Audit.md).

/// The values the audit template renders.
struct AuditSectionModel {
    var intro: String
    var nodes: [AuditNodeRow]
    var heatMap: String
    var heatMapNote: String
    var flags: [String]
    var publicNote: String?
}

/// One inner node.
struct AuditNodeRow {
    var name: String
    var id: String
    var children: Int
    var complete: String
    var alpha: String
    var firstComponent: String
    var dimensions: String
}

enum AuditTemplate {
    static let section = MustacheTemplate(builtIn: source, name: "audit")

    static let source = #"""
        <section id="audit" class="report-section">
          <h2>The framework's statistics</h2>
          <p>{{intro}}</p>
          {{#publicNote}}<p class="note" id="audit-public">{{publicNote}}</p>{{/publicNote}}
          <div class="scroll">
          <table class="data" id="audit-nodes">
            <caption>Do the children of each criterion measure one thing?</caption>
            <thead><tr><th scope="col">Criterion</th><th scope="col" class="num">Children</th><th scope="col" class="num">Complete cases</th><th scope="col" class="num">Cronbach's α</th><th scope="col" class="num">First component explains</th><th scope="col" class="num">Eigenvalues above 1</th></tr></thead>
            <tbody>
            {{#nodes}}
            <tr data-id="{{id}}"><td>{{name}} <span class="code">{{id}}</span></td><td class="num">{{children}}</td><td class="num">{{complete}}</td><td class="num">{{alpha}}</td><td class="num">{{firstComponent}}</td><td class="num">{{dimensions}}</td></tr>
            {{/nodes}}
            </tbody>
          </table>
          </div>
          <figure class="chart-figure" id="audit-heatmap">
            {{{heatMap}}}
            <figcaption>{{heatMapNote}}</figcaption>
          </figure>
          <h3>What to look at</h3>
          <ul id="audit-flags">{{#flags}}<li>{{.}}</li>{{/flags}}{{^flags}}<li>Nothing: every node's children hold together, no two leaves repeat each other and none moves against its parent.</li>{{/flags}}</ul>
        </section>
        """#
}

extension HTMLReport {
    /// The audit section's markup, for the page template's `{{{auditSection}}}`.
    func auditSection() -> String {
        let table = inputs.table
        let states = inputs.dataset.states
        let audit = FrameworkAudit(table: table, states: states, edition: edition)
        func fixed(_ x: Double?, _ digits: Int) -> String { x.map { Format.fixed($0, digits) } ?? "—" }
        let rows = audit.nodes.map { node in
            AuditNodeRow(
                name: node.name, id: node.id, children: node.children.count,
                complete: "\(node.completeCases) of \(states.count)",
                alpha: fixed(node.cronbachAlpha, 2),
                firstComponent: node.pca.map { fixed(100 * ($0.explained.first ?? 0), 0) + "%" } ?? "—",
                dimensions: node.pca.map { String($0.componentsAboveOne) } ?? "—")
        }
        let withheld = audit.flags.contains { if case .withheld = $0 { true } else { false } }
        let model = AuditSectionModel(
            intro: "How the criteria hold together, on normalised values (`visitplan audit`). Cronbach's α near 1 says "
                + "a criterion's children move together, as measures of one thing do; the share the first principal "
                + "component explains says the same from their correlation matrix, and more than one eigenvalue above 1 "
                + "says they span several dimensions. Leaves that correlate beyond ±0.9 may count one thing twice.",
            nodes: rows,
            heatMap: Charts.correlationHeatMap(
                names: audit.leaves.map(\.name), correlations: audit.leafCorrelations,
                title: "Correlations between the leaves"),
            heatMapNote: "Pearson's r of every pair of leaves, each over the States that have both values; blue moves "
                + "against, red with. Rows are numbered; the columns carry the same numbers.",
            flags: audit.flags.map { sentence($0.description) },
            publicNote: edition.isPublic && withheld
                ? "This edition computes every statistic on the values it publishes and on nothing else: a value it "
                    + "withholds is missing here, and a statistic resting only on withheld values is left blank."
                : nil)
        return AuditTemplate.section.render(model)
    }
}

/// A flag as a sentence: a first Latin letter capitalised (α stays α, not Α), full stop.
private func sentence(_ text: String) -> String {
    guard let first = text.first, first.isASCII, first.isLowercase else { return text + "." }
    return first.uppercased() + text.dropFirst() + "."
}
