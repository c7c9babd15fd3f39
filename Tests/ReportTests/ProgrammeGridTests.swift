import Dataset
import Foundation
import Planning
import Scoring
import Testing

@testable import Report

/// The report's programme section (issue 17): a year-by-year grid of the States of the programme,
/// coloured by visit type, only when there is a programme; the public edition shows no scores.
@Suite struct ProgrammeGridTests {
    /// The confidential fixture's plan problem over two years, with the same scores both years.
    static let programme: Programme = {
        let inputs = ConfidentialFixture.inputs
        let dataset = ConfidentialFixture.dataset
        let table = inputs.table
        let planning = dataset.model.planning!
        let candidates = table.candidates.enumerated().map { i, c in
            PlanCandidate(
                state: dataset.states[i], score: c.score.isNaN ? 0 : c.score, rank: c.rank,
                drivers: table.driverIDs(of: c))
        }
        let years = (1...2).map { y in
            PlanProblem(
                candidates: candidates,
                settings: ProgrammeProblem.settings(ofYear: y, planning: planning, programme: ProgrammeSettings()),
                asOf: ProgrammeProblem.date(ofYear: y, asOf: dataset.model.asOf))
        }
        return try! makeProgramme(ProgrammeProblem(years: years, discount: 0.85))
    }()

    static var inputs: ReportInputs {
        var inputs = ConfidentialFixture.inputs
        inputs.programme = programme
        return inputs
    }

    /// The cells of the row of `year` in the grid: (id, CSS class) in order.
    func cells(ofYear year: Int, in grid: String) throws -> [(id: String, type: String)] {
        let start = try #require(grid.range(of: "<tr data-year=\"\(year)\">"))
        let end = try #require(grid.range(of: "</tr>", range: start.upperBound..<grid.endIndex))
        let row = String(grid[start.upperBound..<end.lowerBound])
        return row.components(separatedBy: "<span class=\"visit ").dropFirst().map { cell in
            let type = String(cell.prefix { $0 != "\"" })
            let id = cell.components(separatedBy: "data-id=\"")[1].prefix { $0 != "\"" }
            return (String(id), type)
        }
    }

    @Test func eachYearRowHoldsThatYearsStatesColouredByVisitType() throws {
        let page = HTMLReport(inputs: Self.inputs, audience: .internal).render()
        let grid = try #require(element("programme-grid", in: page))
        #expect(page.contains("<a href=\"#programme\">"))
        var seen: Set<String> = []
        for year in Self.programme.years {
            let cells = try cells(ofYear: year.year, in: grid)
            // The fixture plans 3 visits a year.
            #expect(cells.count == 3)
            #expect(cells.map(\.id) == year.selected.map(\.id))
            for visit in year.selected {
                let state = try #require(ConfidentialFixture.dataset.states.first { $0.id == visit.id })
                // Worked out from states.csv by hand: the fixture has no report_submitted column, so
                // no follow-up is ever due and every visit is comprehensive.
                #expect(state.reportSubmitted == nil)
                #expect(cells.first { $0.id == visit.id }?.type == "comprehensive")
            }
            seen.formUnion(cells.map(\.id))
        }
        // Each State at most once in the programme: 2 years × 3 visits, 6 different States.
        #expect(seen.count == 6)
        // The internal edition gives each cell's score in its tooltip.
        let first = Self.programme.years[0].selected[0]
        #expect(grid.contains("score \(String(format: "%.2f", first.score)), rank \(first.rank)"))
    }

    /// The fixture holds confidential values, so the public edition keeps the section's heading
    /// and says why, but no year's States: year membership implies score orders that no audit
    /// covers.
    @Test func thePublicEditionOfConfidentialDataWithholdsTheGrid() throws {
        let page = HTMLReport(inputs: Self.inputs, audience: .public).render()
        let section = try #require(element("programme", in: page, until: "</section>"))
        #expect(section.contains("Withheld in this edition"))
        #expect(!section.contains("data-year="))
        for visit in Self.programme.years.flatMap(\.selected) {
            #expect(!section.contains("data-id=\"\(visit.id)\""))
            #expect(!section.contains(String(format: "%.2f", visit.score)))
        }
    }

    @Test func withoutAProgrammeThereIsNoSection() {
        let page = HTMLReport(inputs: ConfidentialFixture.inputs, audience: .internal).render()
        #expect(!page.contains("id=\"programme\""))
        #expect(!page.contains("href=\"#programme\""))
    }
}
