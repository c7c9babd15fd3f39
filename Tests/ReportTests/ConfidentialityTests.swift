import Dataset
import Foundation
import Scoring
import Testing

@testable import Report

@Suite struct ConfidentialityTests {
    /// Every way the report could print a number: Swift's shortest form (as in JSON) and fixed
    /// decimals down to `digits`. Normalised values are printed with 3 decimals, raw values and
    /// contributions with 2 to 4: two decimals of a value in 0–1 ("0.14") are too common among
    /// probabilities and indices to tell anything.
    static func spellings(_ x: Double, down digits: Int = 2) -> [String] {
        ["\(x)"] + (digits...6).map { String(format: "%.\($0)f", x) }
    }

    /// The confidential leaf's values for every State: raw, normalised and contribution, each in
    /// every spelling.
    static func confidentialSpellings(_ inputs: ReportInputs) -> Set<String> {
        let table = inputs.table
        let leaf = table.leafIDs.firstIndex(of: "secret")!
        var forbidden = Set<String>()
        for (i, state) in inputs.dataset.states.enumerated() {
            let raw = ConfidentialFixture.secretRaw[state.id]!
            #expect(table.engine.leaves[leaf].raw[i] == raw)
            forbidden.formUnion(spellings(raw))
            forbidden.formUnion(spellings(table.engine.leaves[leaf].normalised[i], down: 3))
            forbidden.formUnion(spellings(table.candidates[i].contributions[leaf]))
        }
        return forbidden
    }

    /// Every number written in the page, chart coordinates aside (they are positions on the
    /// screen, not values).
    static func numbers(in page: String) -> Set<String> {
        let geometry = #"\b(x|y|x1|x2|y1|y2|cx|cy|r|width|height|font-size|stroke-width|viewBox)="[^"]*""#
        let text = page.replacingOccurrences(of: geometry, with: "", options: .regularExpression)
        let regex = try! NSRegularExpression(pattern: #"(?<![0-9.])[0-9]+(\.[0-9]+)?(e-?[0-9]+)?"#)
        let range = NSRange(text.startIndex..., in: text)
        return Set(regex.matches(in: text, range: range).map { String(text[Range($0.range, in: text)!]) })
    }

    @Test func noConfidentialValueAppearsAnywhereInThePublicEdition() {
        let inputs = ConfidentialFixture.inputs
        let forbidden = Self.confidentialSpellings(inputs)
        let page = HTMLReport(inputs: inputs, audience: .public).render()
        let leaked = Self.numbers(in: page).intersection(forbidden)
        #expect(leaked.isEmpty, "confidential values in the public edition: \(leaked.sorted())")
        // Nor as a substring of a longer number, nor in the embedded JSON.
        for value in ConfidentialFixture.secretRaw.values {
            #expect(!page.contains(String(format: "%.4f", value)))
        }
    }

    @Test func theInternalEditionDoesShowThem() {
        // The check above would catch a leak: the internal edition prints these values.
        let inputs = ConfidentialFixture.inputs
        let page = HTMLReport(inputs: inputs, audience: .internal).render()
        let numbers = Self.numbers(in: page)
        for value in ConfidentialFixture.secretRaw.values {
            #expect(numbers.contains(String(format: "%.4f", value)))
            #expect(numbers.contains(String(format: "%.2f", 2 * value)) || value == 5.271935)
        }
    }

    @Test func thePublicEditionPublishesTheListButNoScoreRestingOnAConfidentialValue() throws {
        // Every State of the fixture has a secret value, so every score rests on one.
        let inputs = ConfidentialFixture.inputs
        let page = HTMLReport(inputs: inputs, audience: .public).render()
        let plan = try #require(inputs.plan)
        let selected = try #require(element("selected-table", in: page))
        for visit in plan.selected {
            #expect(selected.contains(visit.id))
            #expect(!selected.contains(">\(String(format: "%.2f", visit.score))<"))
        }
        #expect(selected.contains(">withheld<"))
        let scores = inputs.table.scores.flatMap { [String(format: "%.2f", $0), "\($0)"] }
        let numbers = Self.numbers(in: page)
        #expect(
            scores.filter(numbers.contains).isEmpty, "scores in the public edition: \(scores.filter(numbers.contains))")
        #expect(page.contains("Public edition"))
        #expect(page.contains("Secondary suppression"))
        // Rank intervals, thresholds and the what-if order or recompute every score: withheld.
        #expect(!page.contains("id=\"whatif-panel\""))
        #expect(page.contains("withheld in this edition"))
        // The internal edition keeps them, so the checks above can fail.
        let internalPage = HTMLReport(inputs: inputs, audience: .internal).render()
        #expect(internalPage.contains("id=\"whatif-panel\""))
        #expect(internalPage.contains(">\(String(format: "%.2f", plan.selected[0].score))<"))
    }

    @Test func aStateWithoutAConfidentialValueKeepsItsScore() throws {
        // AAA has no secret value: nothing of its score rests on a confidential value.
        let indicators = ConfidentialFixture.indicators.replacingOccurrences(
            of: "AAA,4.2,7.654321", with: "AAA,4.2,")
        let dataset = try Dataset.load(directory: ConfidentialFixture.write(indicators: indicators))
        let inputs = try analyse(dataset)
        let page = HTMLReport(inputs: inputs, audience: .public).render()
        let aaa = try #require(dataset.states.firstIndex { $0.id == "AAA" })
        #expect(page.contains(String(format: "%.2f", inputs.table.scores[aaa])))
        // Its rank is among the published scores only: the one published score ranks first.
        #expect(page.contains("ranks first among the States whose scores this edition publishes"))
        let others = dataset.states.indices.filter { $0 != aaa }.map { String(format: "%.2f", inputs.table.scores[$0]) }
        #expect(others.filter(Self.numbers(in: page).contains).isEmpty)
    }

    @Test func theShippedPublicPageRanksPublishedScoresAmongThemselves() throws {
        // A published State's place in the whole field counts the withheld scores above it.
        let inputs = ShippedFixture.inputs
        let page = HTMLReport(inputs: inputs, audience: .public).render()
        let states = inputs.dataset.states
        // The published States: those without a human-rights rating, read from the data.
        let column = try #require(inputs.dataset.indicators.columns["synthetic_gap_human_rights"])
        let published = inputs.table.order.filter { column[$0].isNaN }
        #expect(!published.isEmpty)
        for (k, i) in published.enumerated() {
            let field = inputs.table.ranks[i]
            if field != k + 1 {
                #expect(!page.contains(">\(field). \(states[i].name)<"), "\(states[i].id) at \(field)")
            }
            #expect(page.contains(">\(k + 1). \(states[i].name)<"), "\(states[i].id) at \(k + 1)")
        }
        #expect(page.contains("id=\"reserve-withheld\""))
        // The list is by id: its order would rank the withheld scores.
        let selected = try #require(element("selected-table", in: page))
        let ids = try #require(inputs.plan?.selectedIDs)
        let positions = ids.sorted().map { selected.range(of: "data-id=\"\($0)\"")?.lowerBound }
        #expect(positions.allSatisfy { $0 != nil } && zip(positions, positions.dropFirst()).allSatisfy { $0! < $1! })
    }
}
