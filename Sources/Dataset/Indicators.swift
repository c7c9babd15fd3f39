/// The numeric indicators of `indicators.csv` that the model references, aligned with the
/// candidates of `states.csv`.
///
/// A missing value (an empty cell, `NA`, or a candidate without a row) is stored as NaN: the
/// loader rejects the text `NaN`, so inside the engine NaN means "missing" and nothing else.
public struct Indicators: Sendable, Equatable {
    /// One column per referenced indicator: `values[name][i]` is candidate i's value.
    public var columns: [String: [Double]]

    public init(columns: [String: [Double]] = [:]) { self.columns = columns }
}

/// The time series of `events.csv`, one per (candidate, indicator), aligned with the candidates.
public struct Events: Sendable, Equatable {
    public enum Granularity: String, Sendable { case year, month }

    /// A period on the file's granularity, counted from year 0 (a year is `year`; a month is
    /// `year × 12 + month − 1`), so consecutive periods differ by 1.
    public typealias Period = Int

    public var granularity: Granularity
    /// `series[indicator][candidate]` maps period to value; absent periods are absent rows.
    public var series: [String: Series]

    public init(granularity: Granularity = .year, series: [String: Series] = [:]) {
        self.granularity = granularity
        self.series = series
    }

    /// The last period that ends on or before `date`.
    public func lastCompletePeriod(onOrBefore date: CalendarDate) -> Period {
        switch granularity {
        case .year:
            return date.month == 12 && date.day == 31 ? date.year : date.year - 1
        case .month:
            let current = date.year * 12 + date.month - 1
            let endsToday = date.day == CalendarDate.days(inMonth: date.month, of: date.year)
            return endsToday ? current : current - 1
        }
    }
}

extension Dataset {
    /// The dataset without its indicator values and events series, for a caller that has built
    /// what it needs from them (scoring engines, a plan problem) and from then on reads only the
    /// states, the model and the screening: at 10⁶ candidates of `synth` the values are about
    /// 450 MB that a long run would otherwise hold to the end. The granularity of the events
    /// is kept.
    public func withoutValues() -> Dataset {
        var lean = self
        lean.indicators = Indicators()
        lean.events = Events(granularity: events.granularity)
        return lean
    }
}
