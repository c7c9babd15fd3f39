/// Counts reported in README.md.
struct SynthesisStatistics {
    var neverVisited = 0
    var followUpDue = 0
    var yearOnlyVisits = 0
    /// Indexed like `Consent.allCases`.
    var consent = [0, 0, 0, 0]
    var requested = 0
    var missingCells = 0
    var eventRows = 0

    mutating func add(_ other: SynthesisStatistics) {
        neverVisited += other.neverVisited
        followUpDue += other.followUpDue
        yearOnlyVisits += other.yearOnlyVisits
        for i in consent.indices { consent[i] += other.consent[i] }
        requested += other.requested
        missingCells += other.missingCells
        eventRows += other.eventRows
    }
}
