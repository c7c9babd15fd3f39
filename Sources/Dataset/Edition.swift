/// Who an edition of the results is for (SPEC §8).
public enum Audience: String, Sendable, CaseIterable {
    /// Every value; says so when the data hold confidential cells.
    case `internal`
    /// Nothing from which a reader can narrow a confidential value below the protection width.
    case `public`
}

/// What one edition of the results may print, decided before any output is written: every
/// renderer (score, explain, plan, revise, sensitivity, report) asks it, value by value.
///
/// The internal edition withholds nothing. A public edition is built by the Confidentiality
/// module (`Disclosure.publicEdition`), which decides the primary and secondary suppressions and
/// audits them; this type only carries the decisions, keyed by candidate id and node id.
public struct Edition: Sendable, Equatable {
    public var audience: Audience
    /// True when the data hold at least one confidential cell (an internal edition must say so).
    public var holdsConfidential: Bool
    /// Candidates whose score, rank, coverage, contributions and drivers are withheld.
    public var withheldCandidates: Set<String>
    /// Per candidate id, the nodes and leaves (by id) whose values are withheld.
    public var withheldNodes: [String: Set<String>]
    /// Nodes and leaves whose values are withheld for every candidate.
    public var withheldEverywhere: Set<String>
    /// True when results that pool every candidate's score (rank positions of the whole field,
    /// reserves and exclusions, objective, sensitivity statistics, what-if data) are withheld.
    public var withholdsPooledResults: Bool
    /// Public edition: ranks among the candidates whose scores are published, by id; nil when
    /// the edition prints the ranking of the whole field.
    public var publishedRanks: [String: Int]?
    /// What was withheld and why.
    public var withholdings: [Withholding]
    /// The audit of this edition, once run.
    public var audit: AuditFigures?

    public init(
        audience: Audience, holdsConfidential: Bool, withheldCandidates: Set<String> = [],
        withheldNodes: [String: Set<String>] = [:], withheldEverywhere: Set<String> = [],
        withholdsPooledResults: Bool = false, publishedRanks: [String: Int]? = nil, withholdings: [Withholding] = [],
        audit: AuditFigures? = nil
    ) {
        self.publishedRanks = publishedRanks
        self.audience = audience
        self.holdsConfidential = holdsConfidential
        self.withheldCandidates = withheldCandidates
        self.withheldNodes = withheldNodes
        self.withheldEverywhere = withheldEverywhere
        self.withholdsPooledResults = withholdsPooledResults
        self.withholdings = withholdings
        self.audit = audit
    }

    /// The edition that shows everything.
    public static func `internal`(holdsConfidential: Bool) -> Edition {
        Edition(audience: .internal, holdsConfidential: holdsConfidential)
    }

    public var isPublic: Bool { audience == .public }

    /// Whether the candidate's score, rank, coverage, contributions and drivers may be printed.
    public func showsScore(of id: String) -> Bool { !withheldCandidates.contains(id) }

    /// The rank the edition prints for candidate `id` (its rank in the whole field, `rank`, for
    /// an edition without published-rank list), or nil when withheld.
    public func rank(of id: String, inField rank: Int) -> Int? {
        guard showsScore(of: id) else { return nil }
        return publishedRanks.map { $0[id] } ?? rank
    }

    /// Whether the value of node (or leaf) `node` of candidate `id` may be printed.
    public func showsValue(of node: String, for id: String) -> Bool {
        !withheldEverywhere.contains(node) && !(withheldNodes[id]?.contains(node) ?? false)
    }

    /// The heading line an internal edition carries when it holds confidential data; nil otherwise.
    public var internalWarning: String? {
        audience == .internal && holdsConfidential
            ? "INTERNAL EDITION: contains information that States asked to keep confidential; do not circulate (use --audience public for a shareable edition)."
            : nil
    }

    /// What was withheld and why, a sentence each, for the edition's reader.
    public var statement: [String] { withholdings.map(\.description) }

    /// The lines a public edition opens with: what was withheld, why, and the audit's figures.
    public var publicNotes: [String] {
        guard isPublic else { return [] }
        return ["PUBLIC EDITION"] + statement + (audit.map { [$0.description] } ?? [])
    }
}

/// The figures of a public edition's audit (SPEC §8): printed on standard error and written
/// into the edition.
public struct AuditFigures: Sendable, Equatable, Codable, CustomStringConvertible {
    /// Confidential cells audited (two LPs each).
    public var cells: Int
    /// Linear facts about confidential cells that the edition publishes (orders implied by the
    /// list, published numbers).
    public var facts: Int
    /// The narrowest interval found, as a share of the cell's normalised range (1 when nothing
    /// narrows any cell), and the cell it belongs to (`STATE/leaf`).
    public var smallestInterval: Double
    public var smallestCell: String?
    /// The protection width the edition had to respect.
    public var protection: Double

    public init(cells: Int, facts: Int, smallestInterval: Double, smallestCell: String?, protection: Double) {
        self.cells = cells
        self.facts = facts
        self.smallestInterval = smallestInterval
        self.smallestCell = smallestCell
        self.protection = protection
    }

    enum CodingKeys: String, CodingKey {
        case cells, facts, protection
        case smallestInterval = "smallest_interval"
        case smallestCell = "smallest_cell"
    }

    public var description: String {
        let smallest = (smallestInterval * 10_000).rounded() / 10_000
        return "audit: \(cells) confidential cell(s) audited against \(facts) published linear fact(s); "
            + "smallest interval \(smallest) of the normalised range"
            + (smallestCell.map { " (\($0))" } ?? "") + ", protection width \(protection)"
    }
}
