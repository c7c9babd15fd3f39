import Dataset

/// The smallest set of constraint groups found that cannot hold together, with a sentence a person
/// can act on, and each conflicting setting with its place in model.yaml.
public struct Conflict: Sendable, Equatable, CustomStringConvertible {
    public var groups: [ConstraintGroup]
    public var description: String
    /// The settings behind `groups`, in the same order: one per group, two for eligibility when
    /// the cooldown and the consent list are both needed for the conflict.
    public var constraints: [ConflictingConstraint]
    /// Where the `planning` section starts in model.yaml, when it was read from there.
    public var section: SourceLocation?

    public init(
        groups: [ConstraintGroup], description: String, constraints: [ConflictingConstraint] = [],
        section: SourceLocation? = nil
    ) {
        self.groups = groups
        self.description = description
        self.constraints = constraints
        self.section = section
    }
}

/// One setting of `planning` taking part in a conflict: where it is written and how many States
/// can count towards it.
public struct ConflictingConstraint: Sendable, Equatable {
    /// What the setting asks, with its number.
    public enum Setting: Sendable, Equatable {
        case visits(Int)
        /// The budget, and what the cheapest `visits` eligible visits cost (nil when there are
        /// fewer eligible States than visits).
        case budget(Double, cheapestList: Double?)
        case regionMin(String, Int)
        case regionMax(String, Int)
        case neverVisitedMin(Int)
        case followUpsMin(Int)
        /// The ids forced onto the list.
        case include([String])
        /// The ids kept off the list.
        case exclude([String])
        /// `cooldown_years`, and how many States it leaves out.
        case cooldown(years: Double, leftOut: Int)
        /// The consent levels allowed, and how many States it leaves out.
        case consent([Consent], leftOut: Int)
    }

    public var group: ConstraintGroup
    public var setting: Setting
    /// The States that can count towards the setting: those eligible (consent allowed, outside
    /// the cooldown) and not excluded, and, for a region, a quota or the include list, those it
    /// concerns.
    public var eligible: Int
    /// Where the setting is written in model.yaml; nil when it is a default or a change given on
    /// the command line (`revise --add`, `--withdraw`).
    public var location: SourceLocation?

    /// The setting's YAML path: `planning.regions.Africa.min`.
    public var path: String {
        switch setting {
        case .cooldown: "planning.cooldown_years"
        case .consent: "planning.consent"
        case .visits, .budget, .regionMin, .regionMax, .neverVisitedMin, .followUpsMin, .include, .exclude:
            group.settingPath
        }
    }

    /// `planning.regions.Africa.min: 3, but 2 eligible States are in Africa`.
    public var explanation: String {
        func states(_ n: Int) -> String { n == 1 ? "1 eligible State" : "\(n) eligible States" }
        let what: String =
            switch setting {
            case .visits(let visits):
                "\(visits), with \(states(eligible))"
            case .budget(let budget, let cheapest):
                "\(formatNumber(budget)), "
                    + (cheapest.map { "while the cheapest list of eligible States costs \(formatNumber($0))" }
                        ?? "with \(states(eligible)), too few for a list")
            case .regionMin(let region, let min):
                "\(min), with \(states(eligible)) in \(region)"
            case .regionMax(let region, let max):
                "\(max), with \(states(eligible)) in \(region)"
            case .neverVisitedMin(let min):
                "\(min), with \(states(eligible)) never visited"
            case .followUpsMin(let min):
                "\(min), with \(states(eligible)) due a follow-up visit"
            case .include(let ids):
                "[\(ids.joined(separator: ", "))], \(eligible) of them eligible"
            case .exclude(let ids):
                "[\(ids.joined(separator: ", "))], leaving \(states(eligible))"
            case .cooldown(let years, let leftOut):
                "\(formatNumber(years)), which leaves out \(leftOut) State\(leftOut == 1 ? "" : "s") visited within it; \(states(eligible))"
            case .consent(let levels, let leftOut):
                "[\(levels.map(\.rawValue).joined(separator: ", "))], which leaves out \(leftOut) State\(leftOut == 1 ? "" : "s"); \(states(eligible))"
            }
        return "\(path): \(what)"
    }
}

extension PlanningError {
    /// The error as located diagnostics: the error at the `planning` section of `modelFile`, and
    /// for a conflict one note per conflicting setting, at the line where it is written (at the
    /// section when it is a default).
    public func diagnostics(modelFile: String) -> [Diagnostic] {
        guard case .infeasible(let conflict) = self else {
            return [Diagnostic(file: modelFile, .error, description)]
        }
        func diagnostic(at location: SourceLocation?, _ severity: Diagnostic.Severity, _ message: String) -> Diagnostic
        {
            Diagnostic(file: modelFile, line: location?.line ?? 0, column: location?.column ?? 0, severity, message)
        }
        return [diagnostic(at: conflict.section, .error, description)]
            + conflict.constraints.map { diagnostic(at: $0.location ?? conflict.section, .note, $0.explanation) }
    }
}

extension Formulation {
    /// The settings behind the groups of a conflict, each with the count of eligible States
    /// that can count towards it.
    ///
    /// Eligibility is one group of the deletion filter but two settings: when the conflict holds
    /// with only the consent list (or only the cooldown) leaving States out, only that one is named.
    ///
    /// - Complexity: O(n log n) per group for n candidates (the budget sorts costs), and up to two
    ///   feasibility solves for eligibility.
    func conflictingConstraints(
        _ conflict: [ConstraintGroup], forcedIn: Set<Int>, forcedOut: Set<Int>
    ) throws -> [ConflictingConstraint] {
        // Eligible as a person means it, whether or not consent, cooldown and exclusions are
        // themselves part of the conflict.
        let eligible = candidates.indices.filter { isAvailable($0, groups: Set(groups), forcedOut: forcedOut) }
        let locations = settings.locations
        // The eligible States that count towards a group, as its rule counts them.
        func counted(_ group: ConstraintGroup) -> Int {
            guard let rule = rule(group) else { return eligible.count }
            return eligible.reduce(0) { rule.counts($1) ? $0 + 1 : $0 }
        }
        func constraint(_ group: ConstraintGroup, _ setting: ConflictingConstraint.Setting, _ n: Int)
            -> ConflictingConstraint
        {
            var made = ConflictingConstraint(group: group, setting: setting, eligible: n)
            made.location = locations[made.path]
            return made
        }
        let s = settings
        var found: [ConflictingConstraint] = []
        for group in conflict {
            switch group {
            case .visits:
                found.append(constraint(group, .visits(s.visits), eligible.count))
            case .budget:
                let costs = eligible.map { facts[$0].cost }.sorted()
                let cheapest = costs.count >= s.visits ? costs.prefix(s.visits).reduce(0, +) : nil
                found.append(constraint(group, .budget(s.budget ?? 0, cheapestList: cheapest), eligible.count))
            case .regionMin(let region):
                found.append(constraint(group, .regionMin(region, bounds(of: region)?.min ?? 0), counted(group)))
            case .regionMax(let region):
                found.append(constraint(group, .regionMax(region, bounds(of: region)?.max ?? 0), counted(group)))
            case .neverVisitedMin:
                found.append(constraint(group, .neverVisitedMin(s.neverVisitedMin ?? 0), counted(group)))
            case .followUpsMin:
                found.append(constraint(group, .followUpsMin(s.followUpsMin ?? 0), counted(group)))
            case .include:
                let ids = included.map { candidates[$0].state.id }
                found.append(constraint(group, .include(ids), counted(group)))
            case .exclude:
                let ids = excluded.sorted().map { candidates[$0].state.id }
                found.append(constraint(group, .exclude(ids), eligible.count))
            case .eligibility:
                let cooledDown = Set(
                    candidates.indices.filter {
                        facts[$0].ineligibility.contains { if case .cooldown = $0 { true } else { false } }
                    })
                let refused = Set(
                    candidates.indices.filter {
                        facts[$0].ineligibility.contains { if case .consent = $0 { true } else { false } }
                    })
                // Does the rest of the conflict fail with only these States left out?
                let others = Set(conflict).subtracting([.eligibility])
                func enough(_ leftOut: Set<Int>) throws -> Bool {
                    guard !leftOut.isEmpty else { return false }
                    return try solveList(groups: others, forcedIn: forcedIn, forcedOut: forcedOut.union(leftOut)) == nil
                }
                let consentAlone = try enough(refused)
                let cooldownAlone = consentAlone ? false : try enough(cooledDown)
                if !cooledDown.isEmpty && !consentAlone {
                    found.append(
                        constraint(
                            group, .cooldown(years: s.cooldownYears, leftOut: cooledDown.count),
                            eligible.count))
                }
                if !refused.isEmpty && !cooldownAlone {
                    let levels = Consent.allCases.filter { s.consent.contains($0) }
                    found.append(constraint(group, .consent(levels, leftOut: refused.count), eligible.count))
                }
            }
        }
        return found
    }
}
