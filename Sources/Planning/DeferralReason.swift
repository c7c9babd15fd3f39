extension Deferral {
    /// Why a State is placed in a later year than the first in which it could be visited, with
    /// the facts that say so. ``description`` writes the words of `deferred[].reason`, ``kind``
    /// the `deferred[].kind` that goes with them.
    public enum Reason: Sendable, Equatable, CustomStringConvertible {
        /// No programme has it in year `year`: the smallest conflict found with it forced there.
        case noProgramme(year: Int, conflict: ProgrammeConflict)
        /// In a revision: moving it to year `year` takes `lost` more adopted assignments off.
        case keepsAdopted(year: Int, lost: Int)
        /// Moving it to year `year` costs nothing: the rank tie-break decides.
        case tie(year: Int, ProgrammeForcing)
        /// It counts for more in the later year, discount included.
        case discount(Worth, ProgrammeForcing)
        /// The earlier year's list holds States that count for more there.
        case tradeOff(Worth, ProgrammeForcing)

        /// What the State is worth in the year it could first be visited and in the year it is
        /// placed in: its score there and that score times the year's weight.
        public struct Worth: Sendable, Equatable {
            /// The first year in which it could be visited.
            public var fromYear: Int
            /// The year the programme places it in.
            public var toYear: Int
            public var scoreFrom: Double
            public var scoreTo: Double
            /// The score times discount^(year − 1).
            public var valueFrom: Double
            public var valueTo: Double
            public var discount: Double
        }

        /// The `deferred[].kind` of this reason.
        public var kind: Kind {
            switch self {
            case .noProgramme: .constraint
            case .keepsAdopted: .keepsAdopted
            case .tie: .tie
            case .discount: .discount
            case .tradeOff: .tradeOff
            }
        }

        public var description: String {
            func moving(_ year: Int, _ forcing: ProgrammeForcing) -> String { "moving it to year \(year) \(forcing)" }
            switch self {
            case .noProgramme(let year, let conflict):
                return "cannot be visited in year \(year): \(conflict.description)"
            case .keepsAdopted(let year, let lost):
                return "the adopted programme comes first: moving it to year \(year) takes "
                    + "\(lost) more adopted assignment\(lost == 1 ? "" : "s") off"
            case .tie(let year, let forcing):
                return "tied: the rank tie-break (earlier years first) decides; \(moving(year, forcing))"
            case .discount(let w, let forcing):
                return "counts for more in year \(w.toYear): its score rises from \(format4(w.scoreFrom)) "
                    + "(year \(w.fromYear)) to \(format4(w.scoreTo)) (year \(w.toYear)), worth \(format4(w.valueTo)) "
                    + "after the discount (\(formatNumber(w.discount))^\(w.toYear - 1)) against "
                    + "\(format4(w.valueFrom)) in year \(w.fromYear); \(moving(w.fromYear, forcing))"
            case .tradeOff(let w, let forcing):
                return "year \(w.fromYear)'s list holds States that count for more there (it would be worth "
                    + "\(format4(w.valueFrom)) in year \(w.fromYear), \(format4(w.valueTo)) in year \(w.toYear) "
                    + "after the discount): \(moving(w.fromYear, forcing))"
            }
        }
    }
}

extension Deferral.Reason: WrittenAsWords {}
