import Dataset
import Foundation
import Testing

@testable import Report

/// The report's audit section (issue 19): a table per node, the leaves' correlation heat map as
/// inline SVG with names and a legend, and the flags.
@Suite struct AuditSectionTests {
    /// On the shipped cycle: the heat map names leaves by name, and the tooltip of the cell of
    /// gap_cft × gap_border_ftf carries scipy's r over the 185 States with both ratings
    /// (scipy.stats.pearsonr on the raw columns, goalposts being affine): 0.749.
    @Test func shippedHeatMapHasNamesValuesAndLegend() throws {
        let page = ShippedFixture.internalPage
        #expect(page.contains("<a href=\"#audit\">"))
        let section = try #require(element("audit", in: page, until: "</section>"))
        let map = try #require(element("audit-heatmap", in: section, until: "</figure>"))
        #expect(map.contains("<svg"))
        #expect(map.contains("1. Countering the financing of terrorism"))
        #expect(!map.contains(">gap_cft<"))
        #expect(
            map.contains(
                "Countering the financing of terrorism × Border security and foreign terrorist fighters: r = 0.749"))
        // The legend's values.
        for label in [">−1<", ">−0.5<", ">0<", ">0.5<", ">1<", "undefined or withheld"] {
            #expect(map.contains(label), "legend label \(label)")
        }
        // Nineteen leaves: 19 × 19 cells and 9 + 1 legend swatches.
        #expect(occurrences(of: "<rect", in: map) == 19 * 19 + 10)
        let nodes = try #require(element("audit-nodes", in: section))
        #expect(nodes.contains("data-id=\"gaps\""))
        #expect(nodes.contains("0.93"))
        // The flags as sentences; α is not capitalised into a Greek capital Α.
        let flags = try #require(element("audit-flags", in: section, until: "</ul>"))
        #expect(flags.contains("<li>α = ") && !flags.contains("<li>Α"))
        #expect(flags.contains("<li>Follow-up of recommendations due (followup_due) moves against its parent"))
    }

    /// The section is placed in the page unescaped, so its own template must escape every text
    /// from the data: the heat map (SVG the Report module draws, its texts escaped by
    /// `SVGElement`) is its only unescaped value.
    @Test func onlyTheHeatMapIsUnescaped() {
        let triple = AuditTemplate.source.components(separatedBy: "{{{").dropFirst().map { $0.prefix { $0 != "}" } }
        #expect(triple == ["heatMap"])
    }

    /// The diverging scale: white-ish at 0, RdBu's ends at ±1, grey when undefined.
    @Test func divergingScaleEnds() {
        #expect(divergingColour(0) == "#F7F7F7")
        #expect(divergingColour(1) == "#B2182B")
        #expect(divergingColour(-1) == "#2166AC")
        #expect(divergingColour(nil) == "#BDBDBD")
        #expect(cellValue(-0.534) == "−.53" && cellValue(1) == "1" && cellValue(0.906) == ".91")
    }

    /// A public report of the confidential fixture: the secret leaf's row of the heat map has no
    /// value (it is withheld for every State), and the section says why.
    @Test func publicReportLeavesConfidentialCellsBlank() throws {
        let page = HTMLReport(inputs: ConfidentialFixture.inputs, audience: .public).render()
        let section = try #require(element("audit", in: page, until: "</section>"))
        #expect(section.contains("id=\"audit-public\""))
        let map = try #require(element("audit-heatmap", in: section, until: "</figure>"))
        #expect(map.contains("Confidential rating × Confidential rating: undefined"))
        #expect(map.contains("Confidential rating × Open rating: undefined"))
        // The internal page has the value.
        let internalPage = HTMLReport(inputs: ConfidentialFixture.inputs, audience: .internal).render()
        #expect(internalPage.contains("Confidential rating × Open rating: r = "))
    }
}
