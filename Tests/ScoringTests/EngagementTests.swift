import Dataset
import Scoring
import TestSupport
import Testing

/// Engagement features at `as_of` (SPEC §3, "Engagement features"), read through one-leaf
/// models with `none` normalisation, so the score is 100 × the feature.
@Suite struct EngagementTests {
    private func scores(
        _ feature: EngagementFeature, states: [State],
        asOf: CalendarDate = referenceDate
    ) throws -> [Double] {
        let dataset = makeDataset(
            ids: states.map(\.id), criteria: [leaf("f", source: .engagement(feature))],
            states: states, asOf: asOf)
        return try score(dataset).scores
    }

    private let visits = [
        State(id: "A", name: "A", region: "R", lastVisit: day(2018, 7, 1)),
        State(id: "B", name: "B", region: "R"),
        State(id: "C", name: "C", region: "R", lastVisit: day(2005, 1, 1)),
    ]

    @Test func neverVisited() throws {
        expectClose(try scores(.neverVisited, states: visits), [0, 100, 0])
    }

    @Test func yearsSinceVisit() throws {
        // 2018-07-01 → 2023-01-01: 365 + 366 (Feb 2020) + 365 + 365 to 2022-07-01, then
        // 31 + 31 + 30 + 31 + 30 + 31 = 184 days: 1645 days / 365.25 = 4.503764…
        // B never visited → the cap (10). C: 18 years, capped at 10.
        let s = try scores(.yearsSinceVisit(cap: 10), states: visits)
        expectClose(s[0] / 100, 1645 / 365.25)
        expectClose(s[0] / 100, 4.503764, tolerance: 1e-6)
        expectClose(Array(s[1...]), [1000, 1000])
    }

    @Test func yearsSinceVisitWithASmallerCap() throws {
        // Cap 3: A's 4.50 years → 3; never visited → 3.
        expectClose(try scores(.yearsSinceVisit(cap: 3), states: visits), [300, 300, 300])
    }

    @Test func yearsSinceVisitUnderTheCap() throws {
        // 2021-01-01 → 2023-01-01: 365 + 365 = 730 days → 730 / 365.25 = 1.998631…
        let states = [State(id: "A", name: "A", region: "R", lastVisit: day(2021, 1, 1))]
        expectClose(try scores(.yearsSinceVisit(cap: 10), states: states), [73000 / 365.25])
    }

    @Test func priorRequest() throws {
        let states = [
            State(id: "A", name: "A", region: "R", requestedVisit: true),
            State(id: "B", name: "B", region: "R"),
        ]
        expectClose(try scores(.priorRequest, states: states), [100, 0])
    }

    private let consents = Consent.allCases.map { State(id: $0.rawValue, name: $0.rawValue, region: "R", consent: $0) }

    @Test func consentDefaultLevels() throws {
        // given 1, pending 0.5, unknown 0.25, refused 0 (in Consent.allCases order).
        #expect(Consent.allCases == [.given, .pending, .unknown, .refused])
        expectClose(
            try scores(.consent(levels: EngagementFeature.defaultConsentLevels), states: consents),
            [100, 50, 25, 0])
    }

    @Test func consentOverriddenLevels() throws {
        let levels: [Consent: Double] = [.given: 0.9, .pending: 0.6, .unknown: 0.3, .refused: 0.1]
        expectClose(try scores(.consent(levels: levels), states: consents), [90, 60, 30, 10])
    }

    @Test func consentDefaultsToUnknown() throws {
        let states = [State(id: "A", name: "A", region: "R")]
        expectClose(try scores(.consent(levels: EngagementFeature.defaultConsentLevels), states: states), [25])
    }

    @Test func followUpDue() throws {
        let states = [
            // Report 18 months before as_of, last visit before the report: due.
            State(id: "due", name: "", region: "R", lastVisit: day(2021, 3, 1), reportSubmitted: day(2021, 6, 15)),
            // A visit after the report: not due.
            State(id: "visited", name: "", region: "R", lastVisit: day(2022, 5, 1), reportSubmitted: day(2021, 6, 15)),
            // Report only 6 months before: not yet due.
            State(id: "recent", name: "", region: "R", lastVisit: day(2022, 1, 10), reportSubmitted: day(2022, 7, 1)),
            // Report exactly 12 months before (2022-01-01 + 12 months = as_of): due.
            State(id: "exact", name: "", region: "R", lastVisit: day(2021, 10, 1), reportSubmitted: day(2022, 1, 1)),
            // Report one day short of 12 months: not due.
            State(id: "short", name: "", region: "R", lastVisit: day(2021, 10, 1), reportSubmitted: day(2022, 1, 2)),
            // No report: not due.
            State(id: "none", name: "", region: "R", lastVisit: day(2019, 1, 1)),
        ]
        expectClose(try scores(.followUpDue(months: 12), states: states), [100, 0, 0, 100, 0, 0])
    }

    @Test func followUpDueWithAShorterDelay() throws {
        // months: 6 → the report of 2022-07-01 is due on 2023-01-01.
        let states = [
            State(id: "recent", name: "", region: "R", lastVisit: day(2022, 1, 10), reportSubmitted: day(2022, 7, 1))
        ]
        expectClose(try scores(.followUpDue(months: 6), states: states), [100])
    }
}
