import Planning
import TextOutput

// The CSV of `visitplan programme`.

extension Programme {
    /// One row per visit of every year, then one per deferred State: `reason` holds reasons only
    /// (what a visit serves, why a State was deferred), `drivers` the leaf ids of a visit.
    public func csv() -> String {
        var rows: [[String]] = []
        for year in years {
            rows += year.selected.map { v in
                [
                    "selected", "\(year.year)", year.date, v.id, v.name, v.region, v.visitType.rawValue, "\(v.cost)",
                    "\(v.score)", "\(v.rank)", "", v.serves.map(\.description).joined(separator: "; "),
                    v.drivers.joined(separator: "; "),
                ]
            }
        }
        rows += deferred.map { d in
            [
                "deferred", "\(d.toYear)", years[d.toYear - 1].date, d.id, d.name, "", "", "", "", "", "\(d.fromYear)",
                d.reason.description, "",
            ]
        }
        return Tabular.csv(
            header: [
                "status", "year", "date", "id", "name", "region", "visit_type", "cost", "score", "rank",
                "from_year", "reason", "drivers",
            ], rows: rows)
    }
}
