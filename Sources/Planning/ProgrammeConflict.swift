import Dataset

/// The smallest set of programme constraints found that cannot hold together, with the years they
/// belong to and where each is written in model.yaml.
public struct ProgrammeConflict: Sendable, Equatable, CustomStringConvertible {
    public var constraints: [ProgrammeConstraint]
    public var description: String
    /// Per constraint, in the same order: its YAML path and where it is written (nil for a default).
    public var settings: [(path: String, location: SourceLocation?)]
    /// Per constraint, as a person would write it: "year 2: Africa min 3".
    public var names: [String]

    public static func == (a: ProgrammeConflict, b: ProgrammeConflict) -> Bool {
        a.constraints == b.constraints && a.description == b.description
            && a.settings.map(\.path) == b.settings.map(\.path)
    }
}

/// A programme failure caused by the input: the CLI prints its description and exits 1.
public enum ProgrammeError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No programme satisfies every constraint of every year.
    case infeasible(conflict: ProgrammeConflict, section: SourceLocation?)

    public var description: String {
        switch self {
        case .infeasible(let conflict, _): "the programme is infeasible: \(conflict.description)"
        }
    }

    /// The error at the `programme` section of `modelFile` (the `planning` section when model.yaml
    /// has none), then one note per conflicting setting, at the line where it is written.
    public func diagnostics(modelFile: String) -> [Diagnostic] {
        guard case .infeasible(let conflict, let section) = self else { return [] }
        func at(_ location: SourceLocation?, _ severity: Diagnostic.Severity, _ message: String) -> Diagnostic {
            Diagnostic(file: modelFile, line: location?.line ?? 0, column: location?.column ?? 0, severity, message)
        }
        return [at(section, .error, description)]
            + zip(conflict.names, conflict.settings).map { name, setting in
                at(setting.location ?? section, .note, "\(setting.path): \(name)")
            }
    }
}

extension ProgrammeFormulation {
    /// The constraint as a person would write it: "year 2: Africa min 3".
    func name(_ constraint: ProgrammeConstraint) -> String {
        switch constraint {
        case .year(let y, let group): return "year \(y): " + years[y - 1].name(group)
        case .atMostOnce: return "each State at most once in the programme"
        case .neverVisitedWithin:
            return "every eligible never-visited State within \(problem.neverVisitedWithin ?? 0) years "
                + "(\(required.count) of them)"
        }
    }

    /// Where the constraint is set: its YAML path and location.
    func setting(_ constraint: ProgrammeConstraint) -> (path: String, location: SourceLocation?) {
        switch constraint {
        case .atMostOnce: return ("programme", nil)
        case .neverVisitedWithin:
            return ("programme.never_visited_within", programmeLocations["programme.never_visited_within"])
        case .year(let y, let group):
            // A year's include and exclude lists are the programme's, except year 1's when the
            // programme sets none: those are `planning`'s. Either is located where the year's
            // settings place the `planning` key.
            let planning = group.settingPath
            let path: String =
                switch group {
                case .include where y > 1 || programmeLocations["programme.include.1"] != nil:
                    "programme.include.\(y)"
                case .exclude where y > 1 || programmeLocations["programme.exclude.1"] != nil:
                    "programme.exclude.\(y)"
                default: planning
                }
            return (path, years[y - 1].settings.locations[planning] ?? years[y - 1].settings.locations["planning"])
        }
    }

    /// The programme section's locations, carried by the problem.
    var programmeLocations: [String: SourceLocation] { problem.programmeLocations }

    /// The smallest conflicting set the deletion filter finds, always keeping `forcedIn`
    /// (Chinneck 2008: each constraint in turn is dropped and stays dropped if the rest is still
    /// infeasible).
    /// - Complexity: one feasibility solve per constraint.
    func conflict(forcedIn: Set<Assignment> = [], forcedOut: Set<Assignment> = []) throws -> ProgrammeConflict {
        var active = Set(constraints)
        func kind(_ c: ProgrammeConstraint) -> Int {
            switch c {
            case .year(_, .eligibility): 0
            case .year(_, .exclude): 1
            case .year(_, .include): 2
            case .neverVisitedWithin: 3
            case .year(_, .followUpsMin): 4
            case .year(_, .neverVisitedMin): 5
            case .year(_, .regionMax): 6
            case .year(_, .regionMin): 7
            case .atMostOnce: 8
            case .year(_, .budget): 9
            case .year(_, .visits): 10
            }
        }
        let order = constraints.enumerated().sorted { (kind($0.element), $0.offset) < (kind($1.element), $1.offset) }
            .map(\.element)
        for constraint in order {
            var trial = active
            trial.remove(constraint)
            if try solveProgramme(active: trial, forcedIn: forcedIn, forcedOut: forcedOut, optimise: false) == nil {
                active = trial
            }
        }
        let kept = constraints.filter { active.contains($0) }
        var sentence = kept.map(name).joined(separator: " + ")
        let forced = forcedIn.sorted().map { "forcing \(years[0].candidates[$0.state].state.id) into year \($0.year)" }
        if !forced.isEmpty { sentence = (forced + [sentence]).joined(separator: " + ") }
        sentence +=
            kept.count + forced.count > 1 ? " cannot hold together; relax one of them" : " cannot hold; relax it"
        return ProgrammeConflict(
            constraints: kept, description: sentence, settings: kept.map(setting), names: kept.map(name))
    }
}
