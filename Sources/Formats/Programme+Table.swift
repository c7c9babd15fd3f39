import Dataset
import Planning
import TextOutput

// Plain text for people: what `visitplan programme` prints by default.

extension Programme {
    /// Year by year the list with reasons, then the deferred States, year 1 against the one-year
    /// plan, and a revision's changes.
    public func renderTable() -> String {
        var out =
            "Programme over \(horizon) year\(horizon == 1 ? "" : "s") from \(asOf), discount \(formatNumber(discount))"
            + (neverVisitedWithin.map { ", every eligible never-visited State within \($0) years" } ?? "")
            + ": objective \(format4(objective))\n"
        if let revision {
            out += "\nRevision: \(revision.kept) of \(revision.adopted) adopted assignments kept\n\n"
            out +=
                Tabular.indentedTable(
                    header: ["id", "adopted", "now", "why"],
                    rows: revision.changes.map { c in
                        [
                            c.id, c.adoptedYear.map { "year \($0)" } ?? "-", c.year.map { "year \($0)" } ?? "out",
                            c.reason.description,
                        ]
                    },
                    rightAligned: [], none: "(no change)")
        }
        for year in years {
            out +=
                "\nYear \(year.year) (\(year.date), weight \(formatNumber(year.weight))): "
                + "\(year.selected.count) visits, sum of scores \(format4(year.objective)), total cost \(formatNumber(year.totalCost))\n\n"
            // Nothing of a programme is withheld: every visit shows its score, rank and drivers.
            out += visitTable(year.selected.map(PublishedPlan.Visit.init(showingAll:)))
            let binding = year.constraints.filter { $0.binds && $0.constraint != .visits }.map(\.name)
            if !binding.isEmpty { out += "  binding: " + binding.joined(separator: ", ") + "\n" }
        }
        out += "\nDeferred to a later year\n\n"
        out +=
            Tabular.indentedTable(
                header: ["id", "name", "from", "to", "why"],
                rows: deferred.map {
                    [$0.id, $0.name, "year \($0.fromYear)", "year \($0.toYear)", $0.reason.description]
                },
                rightAligned: [], none: "(none)")
        out += "\nYear 1 against the one-year plan (`visitplan plan`)\n\n"
        out +=
            Tabular.indentedTable(
                header: ["change", "id", "name", "year", "why"],
                rows: yearOne.map {
                    [$0.change.rawValue, $0.id, $0.name, $0.year.map { "year \($0)" } ?? "-", $0.reason]
                },
                rightAligned: [], none: "(same list)")
        return out
    }
}
