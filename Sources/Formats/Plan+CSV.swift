import Dataset
import Planning
import TextOutput

// The CSV of `visitplan plan` and `visitplan revise` (SPEC §5).

extension Plan {
    /// One row per selected visit, then the reserves: opens in a spreadsheet. `serves` holds the
    /// reasons only, `drivers` the leaf ids (largest contribution first). A public edition leaves
    /// withheld scores, ranks and drivers empty and has no reserve rows when it withholds them.
    public func csv(edition: Edition = .internal(holdsConfidential: false)) -> String {
        let pooled = edition.isPublic && edition.withholdsPooledResults
        var rows = (pooled ? selected.sorted { $0.id < $1.id } : selected).map { v in
            [
                "selected", v.id, v.name, v.region, v.visitType.rawValue, "\(v.cost)",
                edition.showsScore(of: v.id) ? "\(v.score)" : "",
                edition.rank(of: v.id, inField: v.rank).map(String.init) ?? "",
                v.serves.map(\.description).joined(separator: "; "), "", v.drivers(in: edition).joined(separator: "; "),
            ]
        }
        rows += (pooled ? [] : reserve).map { r in
            [
                "reserve", r.id, r.name, r.region, r.visitType.rawValue, "\(r.cost)", "\(r.score)", "\(r.rank)",
                "", r.replaces ?? "", "",
            ]
        }
        return Tabular.csv(
            header: [
                "status", "id", "name", "region", "visit_type", "cost", "score", "rank", "serves", "replaces",
                "drivers",
            ],
            rows: rows)
    }
}
