import Dataset

/// The raw value of an engagement feature for every candidate, at the model's `as_of` date
/// (SPEC §3, "Engagement features"). Engagement values are never missing.
///
/// - Complexity: O(n).
func engagementValues(_ feature: EngagementFeature, states: [State], asOf: CalendarDate) -> [Double] {
    switch feature {
    case .neverVisited:
        return states.map { $0.neverVisited ? 1 : 0 }
    case .yearsSinceVisit(let cap):
        return states.map { $0.yearsSinceVisit(asOf: asOf, cap: cap) }
    case .priorRequest:
        return states.map { $0.requestedVisit ? 1 : 0 }
    case .consent(let levels):
        return states.map { levels[$0.consent] ?? EngagementFeature.defaultConsentLevels[$0.consent]! }
    case .followUpDue(let months):
        return states.map { $0.followUpDue(asOf: asOf, months: months) ? 1 : 0 }
    }
}
