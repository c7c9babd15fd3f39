// The optional `confidential` column of states.csv (SPEC §8): which of its values a State asked
// to keep confidential (work programme ¶23).

extension StatesLoader {
    /// Reads a `confidential` cell: empty, `all`, or indicator names separated by `;` (spaces
    /// around a name are ignored). Whether each name exists is checked against indicators.csv
    /// and events.csv once they are read (`DatasetLoader.checkConfidentialRequests`).
    static func confidentialRequest(_ text: String) -> ConfidentialRequest {
        let names = text.split(separator: ";").map { String($0).trimmingSpaces }.filter { !$0.isEmpty }
        if names.isEmpty { return .none }
        if names.contains(where: { $0.lowercased() == "all" }) { return .all }
        return .indicators(names)
    }
}
