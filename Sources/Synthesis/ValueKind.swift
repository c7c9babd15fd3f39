/// How an indicator's values are distributed, and how many decimals they are written with.
enum ValueKind: String {
    /// A 0–5 gap rating (higher = larger gap), 2 decimals.
    case rating
    /// A 0–100 capacity percentage (higher = more capacity), 2 decimals.
    case percent
    /// A standardised index around 0 with occasional outliers, 4 decimals.
    case index
    /// A yearly count (Poisson), an integer.
    case count
    /// A positive rate (log-normal), 4 decimals.
    case rate
    /// A proportion in (0, 1), 4 decimals.
    case proportion

    var decimals: Int {
        switch self {
        case .rating, .percent: 2
        case .index, .rate, .proportion: 4
        case .count: 0
        }
    }
}
