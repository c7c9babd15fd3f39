/// What the planning witness needs to know about one candidate.
struct CandidateFacts {
    var region: UInt8
    /// Eligible with a margin: consent allowed and last visit well outside the cooldown.
    var eligible: Bool
    var neverVisited: Bool
    /// Certainly a follow-up visit: follow-up due and the last visit well inside the
    /// comprehensive_after_years horizon.
    var followUp: Bool
    var requestedVisit: Bool
}
