import Yams

extension ModelLoader {
    static let ledgerKeys = ["consent_valid_years"]

    /// `ledger:`, the settings of the facts derived from ledger.sqlite (SPEC §9).
    mutating func readLedger(_ node: Node) {
        guard let entry = reader.mapping(node, "ledger", allowed: Self.ledgerKeys) else { return }
        if let value = entry["consent_valid_years"] {
            loaded.consentValidYears = reader.integer(value, entry.path("consent_valid_years"), atLeast: 1)
        }
    }
}
