import Testing

@testable import Dataset

@Suite struct DemoDatasetTests {
    /// datasets/demo-small, found from this file's place in the repository.
    static let folder: String = {
        var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)  // Tests/DatasetTests/DemoDatasetTests.swift
        return parts.joined(separator: "/") + "/datasets/demo-small"
    }()

    @Test func loadsWithoutErrors() throws {
        let dataset = try Dataset.load(directory: Self.folder)
        #expect(dataset.states.map(\.id) == ["AAA", "BBB", "CCC", "DDD", "EEE", "FFF", "GGG", "HHH", "III", "JJJ"])
        #expect(!dataset.diagnostics.contains { $0.severity == .error })
        // The unused free-text column is reported, not rejected.
        #expect(dataset.diagnostics.contains { $0.severity == .note && $0.message.contains("source_note") })
    }

    @Test func readsEveryStatesColumn() throws {
        let states = try Dataset.load(directory: Self.folder).states
        let d = states[3]
        #expect(d.name == "Candidate D (fictional, island)")
        #expect(d.subregion == "North-East")
        #expect(d.lastVisit == CalendarDate(year: 2022, month: 6, day: 14))
        #expect(d.lastVisitType == .followUp)
        #expect(states[4].lastVisit == CalendarDate(year: 2011, month: 7, day: 1))  // `2011` alone
        #expect(states[1].reportSubmitted == CalendarDate(year: 2020, month: 9, day: 15))
        #expect(
            states.map(\.consent.rawValue) == [
                "given", "given", "pending", "given", "unknown", "refused",
                "given", "unknown", "pending", "given",
            ])
        #expect(states.map(\.requestedVisit) == [false, true, false, false, true, false, false, true, false, false])
        #expect(states.filter(\.neverVisited).map(\.id) == ["CCC", "FFF", "HHH"])
    }

    @Test func keepsReferencedIndicatorsWithMissingValuesAsNaN() throws {
        let columns = try Dataset.load(directory: Self.folder).indicators.columns
        #expect(Set(columns.keys) == ["gap_legal", "gap_border", "threat_index"])
        #expect(columns["gap_legal"]![0] == 3.5)
        #expect(columns["gap_legal"]![4].isNaN)  // empty cell
        #expect(columns["gap_border"]![1].isNaN)  // NA
        #expect(columns["threat_index"]![2].isNaN)
        #expect(columns["threat_index"]![9] == 9)
    }

    @Test func readsYearlyEvents() throws {
        let events = try Dataset.load(directory: Self.folder).events
        #expect(events.granularity == .year)
        let incidents = try #require(events.series["incidents"])
        #expect(incidents.count == 10)
        #expect(incidents[0][2015] == 5)
        #expect(incidents[0].keys.sorted() == Array(2015...2022))
        #expect(incidents[3][2015] == nil)  // a row left out
    }

    @Test func readsTheModelTreeAndSettings() throws {
        let model = try Dataset.load(directory: Self.folder).model
        #expect(model.asOf == CalendarDate(year: 2023, month: 1, day: 1))
        #expect(model.criteria.map(\.id) == ["gaps", "threat", "engagement"])
        #expect(model.criteria.map(\.weight) == [40, 35, 25])
        let threat = model.criteria[1].children
        #expect(threat[1].leaf?.source == .signal(.trend, indicator: "incidents", window: 5, fill: .zero))
        #expect(threat[0].leaf?.logTransform == true)
        let engagement = model.criteria[2].children.compactMap { leaf -> String? in
            guard case .engagement(let feature)? = leaf.leaf?.source else { return nil }
            return feature.name
        }
        #expect(engagement == ["never-visited", "years-since-visit", "prior-request", "consent", "followup-due"])
        #expect(model.criteria[0].children[1].leaf?.missing == .mean)
        #expect(model.criteria[0].children[0].leaf?.goalposts?.high == 5)
        // Where the leaf was written, for messages.
        #expect(model.criteria[0].children[0].location.line == 15)
        #expect(model.criteria[0].children[0].location.path == "scoring.criteria[0].criteria[0]")

        let planning = try #require(model.planning)
        #expect(planning.visits == 4)
        #expect(planning.budget == 150)
        #expect(planning.cost == [.comprehensive: 40, .followUp: 15])
        #expect(planning.regions.map(\.name) == ["North", "South", "East"])
        #expect(planning.regions[1].bounds == RegionBounds(min: 1, max: 2))
        #expect(planning.include == ["BBB"])
        #expect(planning.reserve == 3)
        #expect(model.sensitivity.samples == 2000)
        #expect(model.sensitivity.seed == 7)
        #expect(model.sensitivity.perturbation == .uniform(spread: 0.25))
        #expect(model.sensitivity.aggregations == [.arithmetic, .geometric])
    }
}
