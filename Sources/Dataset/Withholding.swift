/// One decision of a public edition about what it withholds, and why (SPEC §8). The edition's
/// reader gets each as a sentence (`description`); code reads the cases.
public enum Withholding: Sendable, Equatable, CustomStringConvertible {
    /// Primary suppression: the confidential values themselves.
    case confidentialValues(count: Int, flaggedLeaves: [String], requestingStates: Int)
    /// A leaf withheld for every State, its parameters being pooled over values that include
    /// confidential ones.
    case pooledLeaf(id: String, reason: Pooling)
    /// Secondary suppression: what rests on a confidential value, for the States holding one.
    case dependentValues(states: Int)
    /// Results that order or combine every State's score; `published` scores remain.
    case pooledResults(published: Int)
    /// The list is published, and the orders it implies are audited.
    case listOrders
    /// List orders that could not be written as linear facts.
    case unmodelledOrders(count: Int)

    /// Why a leaf's values for every State depend on its confidential values.
    public enum Pooling: Sendable, Equatable {
        case topsis(node: String)
        case imputation(MissingRule)
        case winsorising
        /// Outlier treatment (SPEC §12): its skewness, kurtosis and extremes are over every State.
        case treatment
        case normalisation(Normalisation)
        /// A confidential value is the minimum or maximum of a minmax leaf.
        case extreme
    }

    public var description: String {
        switch self {
        case .confidentialValues(let count, let flagged, let requesting):
            "Primary suppression: \(count) confidential value(s) are withheld"
                + (flagged.isEmpty ? "" : " (every value of \(flagged.joined(separator: ", ")))")
                + (requesting == 0
                    ? "" : "; \(requesting) State(s) asked for some of their values to stay confidential") + "."
        case .pooledLeaf(let id, let reason):
            "The values of \(id) are withheld for every State: "
                + {
                    switch reason {
                    case .topsis(let node):
                        "it sits under the TOPSIS node `\(node)`, whose ideal and anti-ideal are taken over every State."
                    case .imputation(let rule):
                        "its missing values are imputed (\(rule.rawValue)) from values that include confidential ones."
                    case .winsorising:
                        "its winsorising quantiles are computed over values that include confidential ones."
                    case .treatment:
                        "its outlier treatment (skewness, kurtosis, the values moved) is decided over values that include confidential ones."
                    case .normalisation(let method):
                        "its \(method.rawValue) normalisation is computed over values that include confidential ones."
                    case .extreme:
                        "a confidential value is its minimum or maximum, which the minmax normalisation of every other value would reveal."
                    }
                }()
        case .dependentValues(let states):
            "Secondary suppression: for the \(states) State(s) holding a confidential value, the score, rank, coverage, "
                + "contributions, drivers and every criterion on the path from that value to the score are withheld, "
                + "since each would let a reader recompute it from the public inputs."
        case .pooledResults(let published):
            "Results that order or combine every State's score (the ranking of the whole field, reserves, the high-ranked "
                + "States left out, the objective, sensitivity statistics, what-if data) are withheld; the \(published) "
                + "published score(s) are ranked among themselves only, and the list is given by id."
        case .listOrders:
            "Which States are on the proposed list is published; the order facts it implies are part of the audit."
        case .unmodelledOrders(let count):
            "\(count) order(s) implied by the list pass through geometric or TOPSIS nodes and could not be written as "
                + "linear facts; the scores they involve are withheld."
        }
    }
}
