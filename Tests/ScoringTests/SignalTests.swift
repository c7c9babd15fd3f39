import Dataset
import Scoring
import TestSupport
import Testing

/// Signals from events (SPEC §3, "Signals from events.csv"), through one-leaf models with
/// `none` normalisation, so the score is 100 × the signal and a missing signal scores NaN.
@Suite struct SignalTests {
    /// Yearly series of `attacks`, as_of 2023-01-01 → window 2018–2022.
    /// A: 1, 2, 4, 4, 9 (plus 2017 and 2023, outside the window).
    /// B: only 2019 = 3 and 2022 = 5.
    /// C: no events at all.
    /// D: 2, 2, 2, 2, 7 (constant before the latest).
    private let yearly = Events(
        granularity: .year,
        series: [
            "attacks": [
                [2017: 100, 2018: 1, 2019: 2, 2020: 4, 2021: 4, 2022: 9, 2023: 100],
                [2019: 3, 2022: 5],
                [:],
                [2018: 2, 2019: 2, 2020: 2, 2021: 2, 2022: 7],
            ]
        ])

    private func scores(
        _ kind: SignalKind, fill: SignalFill, window: Int = 5, events: Events? = nil,
        asOf: CalendarDate = referenceDate
    ) throws -> [Double] {
        let events = events ?? yearly
        let n = events.series["attacks"]!.count
        let dataset = makeDataset(
            ids: (0..<n).map { "c\($0)" },
            criteria: [leaf("s", source: .signal(kind, indicator: "attacks", window: window, fill: fill))],
            events: events, asOf: asOf)
        return try score(dataset).scores
    }

    @Test func levelIsTheWindowMean() throws {
        // A: (1 + 2 + 4 + 4 + 9)/5 = 4. B with zeros: (0 + 3 + 0 + 0 + 5)/5 = 1.6. C: 0.
        // D: (2·4 + 7)/5 = 3.
        expectClose(try scores(.level, fill: .zero), [400, 160, 0, 300])
        // Without filling, B's mean is over its two values: 4; C has none: missing.
        expectClose(try scores(.level, fill: .missing), [400, 400, .nan, 300])
    }

    @Test func trendIsTheOLSSlope() throws {
        // t = 0…4, t̄ = 2, Σ(t − t̄)² = 4 + 1 + 0 + 1 + 4 = 10.
        // A: Σ(t − t̄)y = −2·1 − 1·2 + 0·4 + 1·4 + 2·9 = 18 → 1.8.
        // B (zeros 0, 3, 0, 0, 5): −1·3 + 2·5 = 7 → 0.7. C: 0.
        // D: −2·2 − 1·2 + 0·2 + 1·2 + 2·7 = 10 → 1.
        expectClose(try scores(.trend, fill: .zero), [180, 70, 0, 100])
    }

    @Test func trendWithoutFillingUsesThePresentPeriods() throws {
        // B has 2019 and 2022, at window positions 1 and 4: slope (5 − 3)/(4 − 1) = 2/3.
        // C has no value: missing (at least 2 values are needed).
        let s = try scores(.trend, fill: .missing)
        expectClose(s[0], 180)
        expectClose(s[1], 200.0 / 3)
        expectClose(s[2], .nan)
    }

    @Test func trendOfASingleValueIsMissing() throws {
        let events = Events(granularity: .year, series: ["attacks": [[2022: 5], [2021: 1, 2022: 2]]])
        expectClose(try scores(.trend, fill: .missing, events: events), [.nan, 100])
    }

    @Test func anomaly() throws {
        // A: latest 9; earlier 1, 2, 4, 4: mean 2.75, deviations −1.75, −0.75, 1.25, 1.25,
        // Σd² = 3.0625 + 0.5625 + 1.5625 + 1.5625 = 6.75, sample sd √(6.75/3) = 1.5:
        // (9 − 2.75)/1.5 = 4.1666…
        // B with zeros: earlier 0, 3, 0, 0: mean 0.75, Σd² = 0.5625·3 + 5.0625 = 6.75, sd 1.5:
        // (5 − 0.75)/1.5 = 2.8333…
        // C: all zero → sd 0 → 0. D: earlier all 2 → sd 0 → 0.
        expectClose(try scores(.anomaly, fill: .zero), [6.25 / 1.5 * 100, 4.25 / 1.5 * 100, 0, 0])
    }

    @Test func anomalyWithTooFewValuesIsMissing() throws {
        // Without filling, B has one earlier value (3) only: no sample sd, so missing; C missing.
        let s = try scores(.anomaly, fill: .missing)
        expectClose(s[0], 6.25 / 1.5 * 100)
        expectClose(s[1], .nan)
        expectClose(s[2], .nan)
        expectClose(s[3], 0)
    }

    @Test func windowLengthSelectsTheMostRecentPeriods() throws {
        // window 3 → 2020–2022. A: level (4 + 4 + 9)/3 = 17/3; slope over t = 0, 1, 2:
        // Σ(t − 1)y = −4 + 9 = 5, Σ(t − 1)² = 2 → 2.5.
        expectClose(try scores(.level, fill: .zero, window: 3)[0], 1700.0 / 3)
        expectClose(try scores(.trend, fill: .zero, window: 3)[0], 250)
    }

    @Test func aYearEndingOnAsOfIsInTheWindow() throws {
        // as_of 2022-12-31: 2022 has ended, so the window is still 2018–2022 (level 4);
        // as_of 2022-12-30: 2022 has not ended → 2017–2021: (100 + 1 + 2 + 4 + 4)/5 = 22.2.
        expectClose(try scores(.level, fill: .zero, asOf: day(2022, 12, 31))[0], 400)
        expectClose(try scores(.level, fill: .zero, asOf: day(2022, 12, 30))[0], 2220)
    }

    /// Month m of year y is period y·12 + m − 1.
    private func month(_ year: Int, _ month: Int) -> Int { year * 12 + month - 1 }

    @Test func monthlyWindow() throws {
        // as_of 2023-01-01 → the last complete month is December 2022; window 3 → Oct–Dec 2022:
        // 1, 2, 6 (September's 50 and January 2023's 100 are outside).
        // level 3; slope: Σ(t − 1)y = −1 + 6 = 5, Σ(t − 1)² = 2 → 2.5.
        let events = Events(
            granularity: .month,
            series: [
                "attacks": [
                    [
                        month(2022, 9): 50, month(2022, 10): 1, month(2022, 11): 2, month(2022, 12): 6,
                        month(2023, 1): 100,
                    ]
                ]
            ])
        expectClose(try scores(.level, fill: .zero, window: 3, events: events), [300])
        expectClose(try scores(.trend, fill: .zero, window: 3, events: events), [250])
        // as_of 2022-12-30: December has not ended → Sep–Nov: (50 + 1 + 2)/3.
        expectClose(
            try scores(.level, fill: .zero, window: 3, events: events, asOf: day(2022, 12, 30)),
            [5300.0 / 3])
        // as_of 2022-11-30: November has ended → Sep–Nov as well.
        expectClose(
            try scores(.level, fill: .zero, window: 3, events: events, asOf: day(2022, 11, 30)),
            [5300.0 / 3])
    }

    @Test func monthlyWindowAcrossAYearBoundary() throws {
        // as_of 2023-03-01 → Dec 2022, Jan 2023, Feb 2023 for window 3: 6, 100, 0 (Feb absent,
        // filled with 0) → level 106/3.
        let events = Events(
            granularity: .month,
            series: [
                "attacks": [
                    [
                        month(2022, 11): 2, month(2022, 12): 6, month(2023, 1): 100,
                    ]
                ]
            ])
        expectClose(
            try scores(.level, fill: .zero, window: 3, events: events, asOf: day(2023, 3, 1)),
            [10600.0 / 3])
    }
}
