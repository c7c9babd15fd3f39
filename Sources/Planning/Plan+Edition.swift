import Dataset

// The plan as one edition may print it (SPEC §8): a public edition keeps the list's membership,
// visit types, costs, the constraints served and every constraint's status (all derived from the
// list and the public inputs), and withholds the scores, ranks and drivers of the States whose
// scores rest on confidential values, and everything that orders the whole field.

/// The JSON document of a plan for one edition: the keys of ``Plan`` (SPEC §5), with `null`
/// score and rank where withheld. `visitplan revise` reads it back (it needs only the ids).
public struct PublishedPlan: Encodable, Sendable {
    public struct Visit: Encodable, Sendable {
        package var id: String
        package var name: String
        package var region: String
        package var visitType: VisitType
        package var cost: Double
        package var score: Double?
        package var rank: Int?
        package var drivers: [String]
        package var serves: [VisitReason]

        enum CodingKeys: String, CodingKey {
            case id, name, region, visitType = "visit_type", cost, score, rank, drivers, serves
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(id, forKey: .id)
            try c.encode(name, forKey: .name)
            try c.encode(region, forKey: .region)
            try c.encode(visitType, forKey: .visitType)
            try c.encode(cost, forKey: .cost)
            try c.encode(score, forKey: .score)
            try c.encode(rank, forKey: .rank)
            try c.encode(drivers, forKey: .drivers)
            try c.encode(serves, forKey: .serves)
        }
    }

    package var asOf: String
    package var visits: Int
    package var selected: [Visit]
    package var reserve: [ReserveEntry]
    package var constraints: [ConstraintStatus]
    package var excluded: [Exclusion]
    package var objective: Double?
    package var totalCost: Double
    /// The data the plan was made on; nil in a public edition: a digest of files that hold
    /// confidential values would let a reader test guesses of those values against it.
    package var dataset: DatasetFingerprint?
    package var planning: PlanningSettings?
    package var revision: Int
    package var decisions: Plan.Decisions

    enum CodingKeys: String, CodingKey {
        case asOf = "as_of", visits, selected, reserve, constraints, excluded, objective
        case totalCost = "total_cost"
        case dataset, planning, revision, decisions
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(asOf, forKey: .asOf)
        try c.encode(visits, forKey: .visits)
        try c.encode(selected, forKey: .selected)
        try c.encode(reserve, forKey: .reserve)
        try c.encode(constraints, forKey: .constraints)
        try c.encode(excluded, forKey: .excluded)
        try c.encode(objective, forKey: .objective)
        try c.encode(totalCost, forKey: .totalCost)
        try c.encodeIfPresent(dataset, forKey: .dataset)
        try c.encodeIfPresent(planning, forKey: .planning)
        try c.encode(revision, forKey: .revision)
        try c.encode(decisions, forKey: .decisions)
    }
}

extension PublishedPlan.Visit {
    /// `visit` with everything shown: its score, rank and drivers (a programme withholds
    /// nothing).
    package init(showingAll visit: SelectedVisit) {
        self.init(
            id: visit.id, name: visit.name, region: visit.region, visitType: visit.visitType, cost: visit.cost,
            score: visit.score, rank: visit.rank, drivers: visit.drivers, serves: visit.serves)
    }
}

extension Plan {
    /// The plan as `edition` may print it.
    public func published(_ edition: Edition) -> PublishedPlan {
        let pooled = edition.isPublic && edition.withholdsPooledResults
        // The list is in rank order; an edition that withholds scores lists it by id, since the
        // order would rank withheld scores.
        let listed = pooled ? selected.sorted { $0.id < $1.id } : selected
        return PublishedPlan(
            asOf: asOf, visits: visits,
            selected: listed.map { v in
                let shows = edition.showsScore(of: v.id)
                return PublishedPlan.Visit(
                    id: v.id, name: v.name, region: v.region, visitType: v.visitType, cost: v.cost,
                    score: shows ? v.score : nil, rank: edition.rank(of: v.id, inField: v.rank),
                    drivers: v.drivers(in: edition), serves: v.serves)
            },
            reserve: pooled ? [] : reserve, constraints: constraints, excluded: pooled ? [] : excluded,
            objective: pooled && selected.contains { !edition.showsScore(of: $0.id) } ? nil : objective,
            totalCost: totalCost, dataset: edition.isPublic ? nil : dataset, planning: planning,
            revision: revision, decisions: decisions)
    }
}

extension SelectedVisit {
    /// The drivers `edition` may print: none when it withholds the score, never a withheld leaf.
    public func drivers(in edition: Edition) -> [String] {
        edition.showsScore(of: id) ? drivers.filter { !edition.withheldEverywhere.contains($0) } : []
    }
}

/// The JSON document of a revision for a public edition: the keys of ``Revision`` (`out`, `in`,
/// `kept`, `plan`), reasons withheld when they compare withheld scores.
public struct PublishedRevision: Encodable, Sendable {
    /// A State leaving or entering the list as the edition prints it.
    public struct Change: Encodable, Sendable {
        /// The reason, or none where the edition withholds it.
        package enum Shown: Sendable, WrittenAsWords {
            case reason(Revision.Change.Reason)
            case withheld

            package var description: String {
                switch self {
                case .reason(let reason): reason.description
                case .withheld: "withheld in this edition"
                }
            }
        }

        package var id: String
        package var name: String
        package var region: String
        package var reason: Shown
    }

    package var leaving: [Change]
    package var entering: [Change]
    package var kept: [String]
    package var plan: PublishedPlan
    package var updatedFiles: [String]

    enum CodingKeys: String, CodingKey {
        case leaving = "out", entering = "in", kept, plan
        case updatedFiles = "updated_files"
    }
}

extension Revision {
    /// The revision as `edition` may print it.
    public func published(_ edition: Edition) -> PublishedRevision {
        let withholds = edition.isPublic && edition.withholdsPooledResults
        func shown(_ change: Change) -> PublishedRevision.Change {
            PublishedRevision.Change(
                id: change.id, name: change.name, region: change.region,
                reason: withholds ? .withheld : .reason(change.reason))
        }
        func byID(_ changes: [Change]) -> [Change] { withholds ? changes.sorted { $0.id < $1.id } : changes }
        return PublishedRevision(
            leaving: byID(leaving).map(shown), entering: byID(entering).map(shown),
            kept: withholds ? kept.sorted() : kept, plan: plan.published(edition),
            updatedFiles: updatedFiles)
    }
}
