extension YearOneChange {
    /// Why a State is on the one-year plan but not in year 1 of the programme, or the reverse,
    /// with the facts that say so. A change has one or more (`year_one[].reason` writes them
    /// joined by "; ").
    public enum Reason: Sendable, Equatable, CustomStringConvertible {
        // On the one-year plan, not in year 1.

        /// Deferred from year 1 to `year`, for the deferral's reason.
        case deferred(toYear: Int, Deferral.Reason)
        /// `programme.exclude` (or the consent and cooldown of year 1) keeps it out.
        case excludedFromYearOne
        /// No programme has it in year 1: the smallest conflict found with it forced there.
        case noProgramme(conflict: ProgrammeConflict)
        /// The programme leaves it out; forcing it into year 1 does this.
        case leftOut(ProgrammeForcing)

        // In year 1, not on the one-year plan.

        /// On `programme.include` for year 1, not on `planning.include`.
        case includedInYearOne
        /// Never visited, and `programme.never_visited_within` (`years`) needs it by then.
        case dueWithin(years: Int)
        /// Keeping it out of year 1 costs `cost`, and puts it in `year` (nil: out of the programme).
        case keepingOutCosts(Double, year: Int?)
        /// No feasible programme leaves it out of year 1.
        case inEveryProgramme

        public var description: String {
            switch self {
            case .deferred(let year, let reason):
                "placed in year \(year): \(reason)"
            case .excludedFromYearOne:
                "kept out of year 1 by the programme's year-1 exclusions"
            case .noProgramme(let conflict):
                "no programme has it in year 1: \(conflict.description)"
            case .leftOut(let forcing):
                "left out of the programme: putting it in year 1 \(forcing)"
            case .includedInYearOne:
                "included in year 1 by the programme"
            case .dueWithin(let years):
                "never visited: programme.never_visited_within \(years) needs it by then"
            case .keepingOutCosts(let cost, let year):
                "keeping it out of year 1 (it would go \(ProgrammeDisplacement.whereabouts(year))) costs "
                    + "\(format4(cost)) points of the discounted objective, as the one-year plan's States it "
                    + "replaces count for as much or more in later years"
            case .inEveryProgramme:
                "every feasible programme has it in year 1"
            }
        }
    }
}

extension YearOneChange.Reason: WrittenAsWords {}
