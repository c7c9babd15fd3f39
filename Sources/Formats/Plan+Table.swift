import Dataset
import Planning
import TextOutput

// Plain-text tables for people: what `visitplan plan` and `visitplan revise` print by default.

extension Plan {
    /// The plan as text readable at a glance: the list, the reserves, the constraints, the reasons.
    ///
    /// A public edition prints `withheld` for the scores and ranks it withholds and says, in
    /// place of the reserve and the States left out, why they are withheld.
    public func renderTable(edition: Edition = .internal(holdsConfidential: false), heading: Bool = true) -> String {
        let shown = published(edition)
        let objective = shown.objective.map(format4) ?? "withheld"
        var out = heading ? edition.heading : ""
        out +=
            "Visit list (\(selected.count) of \(visits), as of \(asOf)): objective \(objective), "
            + "total cost \(formatNumber(totalCost))\n\n"
        out += visitTable(shown.selected)
        if edition.isPublic && edition.withholdsPooledResults {
            out +=
                "\nReserve and high-ranked States left out: withheld in this edition (they order scores that rest on confidential values)\n"
            out += "\nConstraints\n\n" + constraintTable()
            return out
        }
        out += "\nReserve (in order of use)\n\n"
        out +=
            Tabular.indentedTable(
                header: ["#", "rank", "id", "name", "region", "type", "score", "replaces", "can also replace"],
                rows: reserve.enumerated().map { k, r in
                    [
                        String(k + 1), String(r.rank), r.id, r.name, r.region, r.visitType.rawValue, format4(r.score),
                        r.replaces ?? "(no single swap)",
                        r.canReplace.filter { $0 != r.replaces }.joined(separator: " "),
                    ]
                },
                rightAligned: [0, 1, 6], none: "(none)")
        out += "\nConstraints\n\n" + constraintTable()
        out += "\nNot selected among the top \(2 * visits)\n\n"
        out +=
            Tabular.indentedTable(
                header: ["rank", "id", "name", "score", "why"],
                rows: excluded.map { e in [String(e.rank), e.id, e.name, format4(e.score), e.reason.description] },
                rightAligned: [0, 3], none: "(none)")
        return out
    }

    private func constraintTable() -> String {
        Tabular.indentedTable(
            header: ["constraint", "value", "bound", "status", "slack"],
            rows: constraints.map { c in
                [
                    c.name, formatNumber(c.value), "\(c.kind.rawValue) \(formatNumber(c.bound))", c.standingDescription,
                    formatNumber(c.slack),
                ]
            },
            rightAligned: [1, 2, 4])
    }
}

extension Revision {
    /// The difference from the adopted plan, then the revised plan.
    ///
    /// A public edition leaves out the reasons (they compare scores), lists the changes by id and
    /// prints the revised plan as that edition may.
    public func renderTable(edition: Edition = .internal(holdsConfidential: false)) -> String {
        let shown = published(edition)
        var out =
            edition.heading
            + "Revision \(plan.revision): \(shown.leaving.count) out, \(shown.entering.count) in, \(shown.kept.count) kept\n\n"
        if !updatedFiles.isEmpty { out += "On updated data: \(updatedFiles.joined(separator: ", ")) changed\n\n" }
        if !plan.decisions.isEmpty {
            let withdrawn =
                plan.decisions.withdrawn.isEmpty ? "" : "withdrawn " + plan.decisions.withdrawn.joined(separator: ", ")
            let added = plan.decisions.added.isEmpty ? "" : "added " + plan.decisions.added.joined(separator: ", ")
            out += "Decisions so far: " + [withdrawn, added].filter { !$0.isEmpty }.joined(separator: "; ") + "\n\n"
        }
        out += Tabular.indentedTable(
            header: ["change", "id", "name", "region", "why"],
            rows: shown.leaving.map { ["out", $0.id, $0.name, $0.region, $0.reason.description] }
                + shown.entering.map { ["in", $0.id, $0.name, $0.region, $0.reason.description] },
            rightAligned: [])
        if leaving.isEmpty && entering.isEmpty { out += "  (no change: the adopted list still holds)\n" }
        out += "\nKept: " + (kept.isEmpty ? "(none)" : shown.kept.joined(separator: ", ")) + "\n\n"
        return out + plan.renderTable(edition: edition, heading: false)
    }
}

/// A list of visits as a table: position, rank (`·` where withheld), id, name, region, visit
/// type, cost, score and drivers (`withheld` where withheld), and the reasons (what each serves).
func visitTable(_ visits: [PublishedPlan.Visit]) -> String {
    Tabular.indentedTable(
        header: ["#", "rank", "id", "name", "region", "type", "cost", "score", "reasons", "drivers"],
        rows: visits.enumerated().map { k, v in
            [
                String(k + 1), v.rank.map(String.init) ?? "·", v.id, v.name, v.region, v.visitType.rawValue,
                formatNumber(v.cost), v.score.map(format4) ?? "withheld", SelectedVisit.reasons(v.serves),
                v.score == nil ? "withheld" : v.drivers.joined(separator: ", "),
            ]
        },
        rightAligned: [0, 1, 6, 7])
}
