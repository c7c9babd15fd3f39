import Scoring

extension ScoreTable {
    /// The scored candidate with identifier `id` (a test names only candidates it built).
    public func candidate(_ id: String) -> ScoredCandidate {
        candidates.first { $0.id == id }!
    }

    /// Ids from rank 1 down.
    public var rankedIDs: [String] { order.map { candidates[$0].id } }

    /// A node's or leaf's value for a candidate.
    public func value(of nodeID: String, for id: String) -> Double {
        candidate(id).nodeValues[tree.index(of: nodeID)!]
    }

    /// A leaf's contribution to a candidate's score.
    public func contribution(of leafID: String, for id: String) -> Double {
        candidate(id).contributions[leafIDs.firstIndex(of: leafID)!]
    }
}
