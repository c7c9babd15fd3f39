// What the model relies on in states.csv (SPEC §7): a column that the scoring tree or the planning
// section reads must be there, or every State would silently take the column's default.

/// A column of states.csv that a setting or a leaf of model.yaml relies on.
struct ColumnRequirement: Equatable {
    /// What in model.yaml relies on the column.
    enum Need: Equatable {
        /// `planning.consent` leaves out some levels: it is written so (`written`), or it is not
        /// written and its default, [given, pending, unknown], leaves out `refused`.
        case consentList(leftOut: [Consent], written: Bool)
        case cooldown(years: Double)
        case comprehensiveAfter(years: Double)
        case neverVisitedMinimum(Int)
        case followUpsMinimum(Int)
        /// An engagement leaf, by its criterion id.
        case leaf(criterion: String, feature: EngagementFeature)
    }

    var column: String
    var need: Need
    var location: SourceLocation

    /// The columns of SPEC §7, in the order their errors are listed.
    static let columns = ["consent", "last_visit", "report_submitted", "requested_visit"]

    /// What becomes of every State when `column` is absent: the reason the column is required.
    static func consequence(ofLacking column: String) -> String {
        switch column {
        case "consent": "every State's consent would read as `unknown`, States that refused included"
        case "last_visit": "every State would read as never visited"
        case "report_submitted": "no State would have a follow-up due"
        case "requested_visit": "no State would have requested a visit"
        default: "every State would take the column's default"
        }
    }

    /// The setting or leaf as a person finds it in model.yaml, with its place there:
    /// `planning.cooldown_years: 2 (model.yaml:87:3)`.
    var what: String {
        let place = "model.yaml:\(location.line):\(location.column)"
        switch need {
        case .consentList(let leftOut, let written):
            let levels = leftOut.map { "`\($0.rawValue)`" }.joined(separator: ", ")
            return written
                ? "planning.consent (\(place)), which leaves out \(levels)"
                : "planning (\(place)), whose consent list is not written and by default leaves out \(levels)"
        case .cooldown(let years): return "planning.cooldown_years: \(writtenNumber(years)) (\(place))"
        case .comprehensiveAfter(let years):
            return "planning.comprehensive_after_years: \(writtenNumber(years)) (\(place))"
        case .neverVisitedMinimum(let count): return "planning.never_visited_min: \(count) (\(place))"
        case .followUpsMinimum(let count): return "planning.followups_min: \(count) (\(place))"
        case .leaf(let criterion, let feature): return "leaf `\(criterion)` (engagement: \(feature.name), \(place))"
        }
    }

    /// Every column the model relies on, each with what needs it, in the order written.
    ///
    /// The planning settings count when they constrain: a cooldown or a minimum above zero, a
    /// `comprehensive_after_years` that is written, a consent list (written or default) that
    /// leaves a level out.
    static func requirements(of model: LoadedModel) -> [ColumnRequirement] {
        var found: [ColumnRequirement] = []
        if let planning = model.planning {
            let locations = planning.locations
            func need(_ column: String, _ need: Need, at key: String) {
                let location = locations["planning.\(key)"] ?? locations["planning"] ?? SourceLocation()
                found.append(ColumnRequirement(column: column, need: need, location: location))
            }
            let leftOut = Consent.allCases.filter { !planning.consent.contains($0) }
            if !leftOut.isEmpty {
                need(
                    "consent", .consentList(leftOut: leftOut, written: locations["planning.consent"] != nil),
                    at: "consent")
            }
            if planning.cooldownYears > 0 {
                need("last_visit", .cooldown(years: planning.cooldownYears), at: "cooldown_years")
            }
            if locations["planning.comprehensive_after_years"] != nil {
                need(
                    "last_visit", .comprehensiveAfter(years: planning.comprehensiveAfterYears),
                    at: "comprehensive_after_years")
            }
            if let minimum = planning.neverVisitedMin, minimum > 0 {
                need("last_visit", .neverVisitedMinimum(minimum), at: "never_visited_min")
            }
            if let minimum = planning.followUpsMin, minimum > 0 {
                // A follow-up visit is due after a report with no visit since it.
                need("last_visit", .followUpsMinimum(minimum), at: "followups_min")
                need("report_submitted", .followUpsMinimum(minimum), at: "followups_min")
            }
        }
        for (criterion, leaf) in model.leaves {
            guard case .engagement(let feature) = leaf.source else { continue }
            let columns: [String] =
                switch feature {
                case .neverVisited, .yearsSinceVisit: ["last_visit"]
                case .priorRequest: ["requested_visit"]
                case .consent: ["consent"]
                case .followUpDue: ["last_visit", "report_submitted"]
                }
            for column in columns {
                found.append(
                    ColumnRequirement(
                        column: column, need: .leaf(criterion: criterion.id, feature: feature),
                        location: criterion.location))
            }
        }
        return found.sorted { ($0.location.line, $0.location.column) < ($1.location.line, $1.location.column) }
    }
}
