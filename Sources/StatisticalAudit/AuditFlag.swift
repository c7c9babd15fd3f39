import TextOutput

/// A node or leaf as a flag names it: its name, and its id when they differ.
public struct AuditLabel: Sendable, Equatable, CustomStringConvertible {
    public var id: String
    public var name: String

    public init(id: String, name: String) {
        self.id = id
        self.name = name
    }

    public var description: String { name == id ? id : "\(name) (\(id))" }
}

/// Something in the audit a person should look at, worded at the edge (`description`).
public enum AuditFlag: Sendable, Equatable, CustomStringConvertible {
    /// α below ``FrameworkAudit/alphaFloor``: the children vary too independently to be read
    /// as measures of one thing.
    case lowAlpha(node: AuditLabel, alpha: Double)
    /// Two or more eigenvalues of the children's correlation matrix above 1 (Kaiser's rule).
    case severalDimensions(node: AuditLabel, components: Int)
    /// Two leaves with |r| above ``FrameworkAudit/collinearity``.
    case collinear(a: AuditLabel, b: AuditLabel, r: Double)
    /// A child correlated negatively with its parent.
    case negative(child: AuditLabel, parent: AuditLabel, r: Double)
    /// A child that takes one value over every candidate having it: r is undefined (null).
    case constant(child: AuditLabel, parent: AuditLabel)
    /// A child that varies, but not over the candidates having every child of its parent.
    case unvarying(child: AuditLabel, parent: AuditLabel, cases: Int)
    /// Fewer than 3 candidates with every child present: α and PCA are not computed.
    case tooFewCases(node: AuditLabel, cases: Int)
    /// A node with one child: α and PCA are undefined.
    case singleChild(node: AuditLabel)
    /// A public edition withholds some of this node's or leaf's values (confidential, or resting
    /// on confidential ones); its statistics use the published values only.
    case withheld(AuditLabel, withheld: Int, published: Int)

    public var description: String {
        switch self {
        case .lowAlpha(let node, let alpha):
            "α = \(rounded(alpha)): the children of \(node) do not measure one thing (α below \(rounded(FrameworkAudit.alphaFloor)))"
        case .severalDimensions(let node, let components):
            "the children of \(node) span \(components) dimensions: \(components) eigenvalues of their correlation matrix exceed 1"
        case .collinear(let a, let b, let r):
            "\(a) and \(b) correlate at \(rounded(r)): one may be redundant"
        case .negative(let child, let parent, let r):
            "\(child) moves against its parent \(parent) (r = \(rounded(r)))"
        case .constant(let child, let parent):
            "\(child) takes one value wherever it is present: its correlations are undefined, and so is the PCA of \(parent)"
        case .unvarying(let child, let parent, let cases):
            "\(child) does not vary over the \(cases) candidates that have every child of \(parent): the PCA of \(parent) is undefined"
        case .tooFewCases(let node, let cases):
            "only \(cases) candidate\(cases == 1 ? " has" : "s have") every child of \(node): α and PCA need at least \(PairwiseCorrelations.minimumCases)"
        case .singleChild(let node):
            "\(node) has one child: α and PCA are undefined"
        case .withheld(let item, let withheld, let published):
            published == 0
                ? "this edition withholds every value of \(item) (confidential, or resting on confidential values): its statistics are null"
                : "this edition withholds \(withheld) value\(withheld == 1 ? "" : "s") of \(item) (confidential, or resting on confidential values): its statistics use the \(published) published"
        }
    }
}

/// Two decimals, with a true minus sign: how flags print a statistic.
func rounded(_ x: Double) -> String {
    let text = NumberFormat.fixed(2).text(x)
    return text.hasPrefix("-") ? "−" + text.dropFirst() : text
}
