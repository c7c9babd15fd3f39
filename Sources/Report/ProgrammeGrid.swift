import Dataset
import Planning

// The programme section of the report (SPEC §10, issue 17): one row per year of the programme,
// the States visited that year as cells coloured by visit type. Shown only when the inputs hold a
// programme (the model has a `programme` section). A public edition of data without confidential
// values shows ids, names and visit types; of data with confidential values it withholds the
// grid: the later years' lists imply orders between scores that no disclosure audit covers
// (the audit models the plan's list only, Report.md).

/// The values the template renders for the programme grid.
struct ProgrammeGridSection {
    var intro: String
    /// True when the edition leaves the grid out (public, with confidential values).
    var withheld = false
    var rows: [ProgrammeGridRow]
    var legend: [ProgrammeGridLegend]
}

/// One year of the programme.
struct ProgrammeGridRow {
    var year: Int
    var date: String
    var cells: [ProgrammeGridCell]
}

/// One State visited in one year.
struct ProgrammeGridCell {
    var id: String
    var name: String
    /// `comprehensive` or `follow-up`, the CSS class that colours the cell.
    var visitType: String
    /// The tooltip: the name, and in the internal edition the score and rank of that year.
    var detail: String
}

/// One visit type and how many visits of it the programme holds.
struct ProgrammeGridLegend {
    var visitType: String
    var label: String
}

extension HTMLReport {
    /// The programme grid, or nil when the inputs hold no programme.
    func programmeGridSection() -> ProgrammeGridSection? {
        guard let programme = inputs.programme else { return nil }
        let isPublic = edition.isPublic
        if isPublic && edition.holdsConfidential {
            return ProgrammeGridSection(
                intro: "Withheld in this edition: which States the programme places in which year implies orders "
                    + "between scores that rest on confidential values, and no disclosure audit covers them.",
                withheld: true, rows: [], legend: [])
        }
        let rows = programme.years.map { year in
            ProgrammeGridRow(
                year: year.year, date: year.date,
                cells: year.selected.map { visit in
                    ProgrammeGridCell(
                        id: visit.id, name: visit.name, visitType: visit.visitType.rawValue,
                        detail: isPublic
                            ? "\(visit.name): \(visit.visitType.rawValue) visit in year \(year.year)"
                            : "\(visit.name): \(visit.visitType.rawValue) visit in year \(year.year), score "
                                + "\(Format.score(visit.score)), rank \(visit.rank) that year")
                })
        }
        let all = programme.years.flatMap(\.selected)
        let legend = VisitType.allCases.map { type in
            let count = all.filter { $0.visitType == type }.count
            return ProgrammeGridLegend(
                visitType: type.rawValue,
                label: "\(type.rawValue) (\(count) visit\(count == 1 ? "" : "s"))")
        }
        let deferred = programme.deferred.count
        let intro =
            "The States the model expects to visit over \(programme.horizon) year"
            + (programme.horizon == 1 ? "" : "s") + " from \(programme.asOf), each at most once "
            + "(`visitplan programme`). Year 1 is the cycle being planned; the later years are what the model "
            + "expects next."
            + (isPublic
                ? ""
                : " \(deferred) State\(deferred == 1 ? " is" : "s are") deferred "
                    + "to a later year than the first they could take; `visitplan programme` explains each.")
        return ProgrammeGridSection(intro: intro, rows: rows, legend: legend)
    }
}
