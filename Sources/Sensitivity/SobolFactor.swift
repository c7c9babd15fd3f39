/// What one factor of the Sobol design varies: the raw weight of a node or leaf of the criteria
/// tree, or the choice among a method's alternatives.
///
/// A factor is a value, not its label: a node whose id is `normalisation` is still
/// `.weight(node: "normalisation")`, apart from the normalisation alternatives.
public enum SobolFactor: Hashable, Sendable, CustomStringConvertible {
    /// The raw weight of the node (or leaf) with this id.
    case weight(node: String)
    /// The normalisation, drawn uniformly among `sensitivity.alternatives.normalisation`.
    case normalisation
    /// The aggregation, drawn uniformly among `sensitivity.alternatives.aggregation`.
    case aggregation

    /// The label outputs print: the node's id, `normalisation` or `aggregation`.
    public var description: String {
        switch self {
        case .weight(let node): node
        case .normalisation: "normalisation"
        case .aggregation: "aggregation"
        }
    }

    /// The node whose weight it varies; nil for a method alternative.
    public var node: String? {
        if case .weight(let node) = self { node } else { nil }
    }
}
