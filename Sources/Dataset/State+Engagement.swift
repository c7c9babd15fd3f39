// Engagement facts of a State at a reference date (SPEC §3, "Engagement features"). The scoring
// tree turns them into leaf values; the planner reads them to decide eligibility and visit type.

extension State {
    /// True when the State has no recorded visit.
    public var neverVisited: Bool { lastVisit == nil }

    /// Years from the last visit to `asOf` (days / 365.25), capped at `cap`; `cap` if never visited.
    public func yearsSinceVisit(asOf: CalendarDate, cap: Double = 10) -> Double {
        guard let lastVisit else { return cap }
        let years = Double(asOf.dayNumber - lastVisit.dayNumber) / 365.25
        return Swift.min(years, cap)
    }

    /// True when the last assessment report went to the Committee at least `months` months before
    /// `asOf` and no visit took place after it: its recommendations are due for follow-up.
    public func followUpDue(asOf: CalendarDate, months: Int = 12) -> Bool {
        guard let reportSubmitted, reportSubmitted.adding(months: months) <= asOf else { return false }
        if let lastVisit, lastVisit > reportSubmitted { return false }
        return true
    }
}
