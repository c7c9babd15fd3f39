import Dataset

/// The plan's list without CBC, in microseconds: what the sensitivity engine re-solves on every
/// weight sample. It selects exactly the list `makePlan` selects (the tests compare both on
/// thousands of random instances).
///
/// Why a flow is enough. Every constraint of `planning` counts visits in one of two families of
/// disjoint sets: the regions, and the visit classes (never visited, visited and due a
/// comprehensive visit, follow-up). The budget is one of them too: costs are fixed per visit
/// type and the list has exactly `visits` members, so `Σ cost ≤ budget` is a bound on the number
/// of follow-ups. Include, exclude, cooldown and consent fix candidates in or out. So a list is a
/// flow of `visits` units from a source through a class node, a group (class × region) and a
/// region node to a sink, with the class and region bounds on the arcs: the constraint matrix is
/// that of a network, the relaxation is integral, and the best list is a maximum-gain flow.
/// Inside a group the candidates are interchangeable, so a group always gives its best ones, in
/// the order of their objective coefficients.
///
/// The gain of a candidate is that of the CBC objective, level by level: its score in the same
/// quanta, then its rank points n − rank + 1. Lower bounds are met first by a third, leading
/// level (one "bonus" per unit of a lower bound filled), so the flow is feasible exactly when
/// every bonus is earned. Successive longest augmenting paths (Bellman–Ford on a graph of
/// 5 + regions nodes) build the optimal flow of 1, 2, …, `visits` units. When the final residual
/// graph has a cycle of zero gain through a group, other lists tie with it on score and rank
/// sums, and ``lexicographicallyBest(byRank:witness:visits:optimum:)`` settles them as the CBC
/// planner does.
public struct GroupedPlanner: Sendable {
    /// A candidate that may join the list, with its objective levels.
    struct Member {
        var candidate: Int
        /// The score in quanta (as the CBC objective rounds it).
        var score: Int
        /// n − rank + 1, at least 1: the rank tie-break of the CBC objective.
        var rankPoints: Int
    }

    /// Each group's candidates, best first, in one buffer: group g holds `count[g]` members from
    /// `g × capacity` on.
    struct GroupMembers {
        private(set) var groups = 0
        private(set) var capacity = 0
        private var storage: [Member] = []
        private(set) var count: [Int] = []

        init(groups: Int = 0, capacity: Int = 0) { reset(groups: groups, capacity: capacity) }

        /// Empties every group, keeping the storage.
        mutating func reset(groups: Int, capacity: Int) {
            self.groups = groups
            self.capacity = capacity
            if storage.count < groups * capacity {
                storage = [Member](repeating: Member(candidate: 0, score: 0, rankPoints: 0), count: groups * capacity)
            }
            count.removeAll(keepingCapacity: true)
            count.append(contentsOf: repeatElement(0, count: groups))
        }

        /// Appends `member` to group g unless the group is full.
        mutating func append(_ member: Member, to g: Int) {
            guard count[g] < capacity else { return }
            storage[g * capacity + count[g]] = member
            count[g] += 1
        }

        subscript(g: Int, k: Int) -> Member { storage[g * capacity + k] }

        /// The candidates of the first k members of group g.
        func first(_ k: Int, of g: Int) -> [Int] { (0..<k).map { self[g, $0].candidate } }
    }

    /// Bounds on the flow once the included candidates are counted.
    struct Bounds {
        /// Per class: never visited, visited (comprehensive), follow-up.
        var classLower: [Int]
        var classUpper: [Int]
        /// Per region node: the bounded regions, then one node for every other region.
        var regionLower: [Int]
        var regionUpper: [Int]
        /// Visits left to choose.
        var free: Int
    }

    /// The number of candidates.
    let candidateCount: Int
    let visits: Int
    /// On every list.
    let included: [Int]
    /// Per candidate: its group (class × region nodes + region node), or nil when it is not
    /// chosen freely (ineligible, excluded or included).
    let group: [Int?]
    let regionNodes: Int
    let bounds: Bounds
    /// No list exists whatever the scores (an included candidate out, too many included, an
    /// empty budget range).
    let impossible: Bool

    var groupCount: Int { 3 * regionNodes }

    /// Why `problem` is outside the structure the grouped planner solves, or nil when it is inside.
    ///
    /// Inside means: ranks are 1 … n (the tie-break of the objective), and no candidate is both
    /// never visited and due a follow-up (the two class constraints would overlap). Both always
    /// hold for problems built from a dataset; a caller outside falls back to CBC.
    public static func unsupportedReason(_ problem: PlanProblem) -> String? {
        let n = problem.candidates.count
        var seen = [Bool](repeating: false, count: n)
        for candidate in problem.candidates {
            guard candidate.rank >= 1, candidate.rank <= n, !seen[candidate.rank - 1] else {
                return "candidate ranks are not 1 … \(n)"
            }
            seen[candidate.rank - 1] = true
        }
        for candidate in problem.candidates {
            let facts = CandidateFacts(candidate, settings: problem.settings, asOf: problem.asOf)
            if facts.neverVisited && facts.isFollowUp {
                return "\(candidate.state.id) is both never visited and due a follow-up"
            }
        }
        return nil
    }

    /// Prepares the scores-independent part: classes, groups, bounds.
    ///
    /// - Precondition: `unsupportedReason(problem) == nil`.
    /// - Throws: `PlanningError.unknownCandidate` for an unknown include/exclude id.
    public init(_ problem: PlanProblem) throws {
        precondition(
            GroupedPlanner.unsupportedReason(problem) == nil,
            "grouped planner: \(GroupedPlanner.unsupportedReason(problem) ?? "")")
        self.init(formulation: try Formulation(problem))
    }

    /// Prepares the planner from the formulation CBC solves.
    init(formulation: Formulation) {
        let problem = formulation.problem
        let settings = problem.settings
        candidateCount = problem.candidates.count
        visits = settings.visits
        included = formulation.included

        // Region nodes: the regions some row bounds, as Formulation writes its rows.
        var names: [String] = []
        var lower: [Int] = []
        var upper: [Int] = []
        for (name, entry) in settings.regions {
            let hasMin = (entry.min ?? 0) > 0
            let hasMax = entry.max != nil
            guard hasMin || hasMax else { continue }
            let bounds = formulation.bounds(of: name)
            let node: Int
            if let known = names.firstIndex(of: name) {
                node = known
            } else {
                names.append(name)
                lower.append(0)
                upper.append(Int.max)
                node = names.count - 1
            }
            if hasMin { lower[node] = bounds?.min ?? 0 }
            if hasMax { upper[node] = Swift.min(upper[node], bounds?.max ?? Int.max) }
        }
        lower.append(0)
        upper.append(Int.max)
        let nodes = names.count + 1
        regionNodes = nodes
        let node = Dictionary(names.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        func region(_ i: Int) -> Int { node[problem.candidates[i].state.region] ?? nodes - 1 }
        func visitClass(_ i: Int) -> Int {
            formulation.facts[i].neverVisited ? 0 : (formulation.facts[i].isFollowUp ? 2 : 1)
        }

        // Follow-ups: their minimum, and the range the budget leaves (cost is fixed per type).
        var followUpLower = Swift.max(0, settings.followUpsMin ?? 0)
        var followUpUpper = settings.visits
        if let fits = settings.followUpsWithinBudget {
            followUpLower = fits.isEmpty ? Int.max : Swift.max(followUpLower, fits.lowerBound)
            followUpUpper = fits.isEmpty ? -1 : fits.upperBound - 1
        }
        var classLower = [Swift.max(0, settings.neverVisitedMin ?? 0), 0, followUpLower]
        var classUpper = [Int.max, Int.max, followUpUpper]
        var impossible = settings.visits < 0 || followUpLower > followUpUpper

        var group = [Int?](repeating: nil, count: candidateCount)
        let excluded = formulation.excluded
        for i in 0..<candidateCount where formulation.facts[i].isEligible && !excluded.contains(i) {
            group[i] = visitClass(i) * nodes + region(i)
        }
        for i in included {
            if group[i] == nil { impossible = true }  // an included candidate cannot be listed
            group[i] = nil
            let c = visitClass(i), r = region(i)
            classLower[c] = Swift.max(0, classLower[c] - 1)
            if classUpper[c] != Int.max { classUpper[c] -= 1 }
            lower[r] = Swift.max(0, lower[r] - 1)
            if upper[r] != Int.max { upper[r] -= 1 }
        }
        let free = settings.visits - included.count
        if free < 0 || classUpper.contains(where: { $0 < 0 }) || upper.contains(where: { $0 < 0 }) {
            impossible = true
        }
        self.group = group
        self.impossible = impossible
        bounds = Bounds(
            classLower: classLower, classUpper: classUpper, regionLower: lower,
            regionUpper: upper, free: Swift.max(0, free))
    }

    // MARK: Selecting

    /// Reusable buffers for ``select(scores:byRank:into:)``: one per thread.
    public struct Workspace {
        var members = GroupMembers()
        var lastScore: [Double] = []
        var network = FlowNetwork()
        /// The last list selected, in ascending candidate order.
        public internal(set) var list: [Int] = []
        /// Whether other lists tie with it on scores and ranks (the tie rule then chose it).
        public internal(set) var tied = false

        public init() {}
    }

    /// The list for the problem's own scores and ranks, in ascending candidate order, or nil when
    /// no list satisfies the constraints.
    public func select(_ problem: PlanProblem) -> [Int]? {
        var workspace = Workspace()
        return select(problem, into: &workspace) ? workspace.list : nil
    }

    /// ``select(_:)`` into a workspace, which also tells whether the optimum was tied.
    func select(_ problem: PlanProblem, into workspace: inout Workspace) -> Bool {
        let byRank = problem.candidates.indices.sorted { problem.candidates[$0].rank < problem.candidates[$1].rank }
        return problem.candidates.map(\.score).withUnsafeBufferPointer { scores in
            byRank.withUnsafeBufferPointer { select(scores: scores, byRank: $0, into: &workspace) }
        }
    }

    /// Selects the list for other scores: candidate `byRank[p]` has rank p + 1.
    ///
    /// - Parameters:
    ///   - scores: per candidate (dataset order), none NaN.
    ///   - byRank: the candidates by rank, best first (a permutation of 0 ..< n).
    /// - Returns: false when no list satisfies the constraints; otherwise the list is in
    ///   `workspace.list`.
    /// - Complexity: O(n) to group the candidates, then `visits` augmentations of
    ///   O((regions + 5) × (groups + regions)) each; more only when lists tie exactly.
    public func select(
        scores: UnsafeBufferPointer<Double>, byRank: UnsafeBufferPointer<Int>, into workspace: inout Workspace
    ) -> Bool {
        let n = candidateCount
        precondition(
            scores.count == n && byRank.count == n,
            "grouped planner: \(scores.count) scores and \(byRank.count) ranks for \(n) candidates")
        guard !impossible else { return false }
        let quantum = scoreQuantum(scores: scores)
        // Ranks by candidate: only the rare slow paths (ranks out of order, ties) need them.
        func ranks() -> [Int] {
            var rank = [Int](repeating: 0, count: n)
            for (p, i) in byRank.enumerated() { rank[i] = p + 1 }
            return rank
        }
        let cap = bounds.free
        workspace.members.reset(groups: groupCount, capacity: cap)
        workspace.lastScore.removeAll(keepingCapacity: true)
        workspace.lastScore.append(contentsOf: repeatElement(.infinity, count: groupCount))
        // Walking the ranks, each group receives its candidates best first, provided the scores
        // do not increase along the ranks (rounding keeps that order); checked on the way.
        var ordered = true
        for (p, i) in byRank.enumerated() {
            guard let g = group[i] else { continue }
            if scores[i] > workspace.lastScore[g] { ordered = false }
            workspace.lastScore[g] = scores[i]
            if workspace.members.count[g] < cap {
                workspace.members.append(
                    Member(
                        candidate: i, score: quanta(scores[i], quantum),
                        rankPoints: Swift.max(1, n - p)), to: g)
            }
        }
        if !ordered {
            // Ranks that disagree with the scores (only when the caller's ranks do not follow its
            // scores): each group sorted by its objective coefficients, in full.
            workspace.members = allMembers(scores: scores, quantum: quantum, rank: ranks())
        }
        guard let flow = workspace.network.optimum(bounds: bounds, members: workspace.members) else { return false }
        workspace.tied = flow.tied
        workspace.list.removeAll(keepingCapacity: true)
        if !flow.tied {
            workspace.list.append(contentsOf: included)
            for g in 0..<groupCount {
                for k in 0..<flow.counts[g] { workspace.list.append(workspace.members[g, k].candidate) }
            }
        } else {
            workspace.list = settleTie(
                scores: scores, quantum: quantum, rank: ranks(), counts: flow.counts,
                network: &workspace.network)
        }
        workspace.list.sort()
        return true
    }

    /// Every free candidate of each group but `leaving`, by descending objective coefficient.
    func allMembers(
        scores: UnsafeBufferPointer<Double>, quantum: Double, rank: [Int], leaving: Set<Int> = []
    ) -> GroupMembers {
        var lists = [[Member]](repeating: [], count: groupCount)
        for i in 0..<candidateCount where !leaving.contains(i) {
            guard let g = group[i] else { continue }
            lists[g].append(
                Member(
                    candidate: i, score: quanta(scores[i], quantum),
                    rankPoints: Swift.max(1, candidateCount - rank[i] + 1)))
        }
        var members = GroupMembers(groups: groupCount, capacity: Swift.max(1, lists.map(\.count).max() ?? 1))
        for g in lists.indices {
            for m in lists[g].sorted(by: { ($0.score, $0.rankPoints) > ($1.score, $1.rankPoints) }) {
                members.append(m, to: g)
            }
        }
        return members
    }

    /// Among the optimal lists, the one the CBC planner's tie rule picks.
    func settleTie(
        scores: UnsafeBufferPointer<Double>, quantum: Double, rank: [Int], counts: [Int],
        network: inout FlowNetwork
    ) -> [Int] {
        let members = allMembers(scores: scores, quantum: quantum, rank: rank)
        var witness = included
        for g in 0..<groupCount { witness += members.first(counts[g], of: g) }
        var coefficient: [Int: Member] = [:]
        for g in 0..<groupCount {
            for k in 0..<members.count[g] { coefficient[members[g, k].candidate] = members[g, k] }
        }
        func value(_ list: [Int]) -> (Int, Int) {
            list.reduce((0, 0)) { sum, i in
                guard let m = coefficient[i] else { return sum }  // included: on every list
                return (sum.0 + m.score, sum.1 + m.rankPoints)
            }
        }
        let best = value(witness)
        let byRank = (0..<candidateCount).sorted { rank[$0] < rank[$1] }
        return lexicographicallyBest(byRank: byRank, witness: witness, visits: visits) { fixedIn, fixedOut in
            var fixed = bounds
            let remaining = allMembers(scores: scores, quantum: quantum, rank: rank, leaving: fixedIn.union(fixedOut))
            for i in fixedIn where !included.contains(i) {
                guard let g = group[i] else { return nil }
                let c = g / regionNodes, r = g % regionNodes
                fixed.free -= 1
                fixed.classLower[c] = Swift.max(0, fixed.classLower[c] - 1)
                if fixed.classUpper[c] != Int.max { fixed.classUpper[c] -= 1 }
                fixed.regionLower[r] = Swift.max(0, fixed.regionLower[r] - 1)
                if fixed.regionUpper[r] != Int.max { fixed.regionUpper[r] -= 1 }
            }
            if fixed.free < 0 || fixed.classUpper.contains(where: { $0 < 0 })
                || fixed.regionUpper.contains(where: { $0 < 0 })
            {
                return nil
            }
            guard let flow = network.optimum(bounds: fixed, members: remaining) else { return nil }
            var list = Array(fixedIn.union(included))
            for g in 0..<groupCount { list += remaining.first(flow.counts[g], of: g) }
            return value(list) == best ? list : nil
        }
    }

    /// `Int((score / quantum).rounded())`, as the CBC objective rounds, without a call to `round`
    /// in the common case (truncate, then step away from zero on a remainder of one half or more:
    /// exact below 2^52).
    @inline(__always)
    func quanta(_ score: Double, _ quantum: Double) -> Int {
        let x = score / quantum
        guard abs(x) < 0x1p52 else { return Int(x.rounded()) }
        let whole = Int(x)
        let rest = x - Double(whole)
        return rest >= 0.5 ? whole + 1 : (rest <= -0.5 ? whole - 1 : whole)
    }

    /// The quantum in which the CBC objective counts scores (`lexicographicObjective`): 1e-6,
    /// coarser only when the combined objective would not stay below 2^46.
    func scoreQuantum(scores: UnsafeBufferPointer<Double>) -> Double {
        let n = candidateCount
        let k = Swift.max(1, Swift.min(visits, n))
        // Ranks 1 … n: the k largest rank points are n, n − 1, …
        let rankSpan = 2 * (0..<k).reduce(0) { $0 + Swift.max(1, n - $1) }
        var largest = 0.0
        for s in scores { largest = Swift.max(largest, abs(s)) }
        var quantum = 1e-6
        while true {
            // A bound first (k times the largest), the exact span when the bound does not fit.
            let bound = 2 * Double(k) * (largest / quantum).rounded()
            if bound < 0x1p50, Formulation.levelWeights(spans: [Int(bound), rankSpan]) != nil { return quantum }
            let magnitudes = scores.map { abs(Int(($0 / quantum).rounded())) }.sorted(by: >)
            let span = 2 * magnitudes.prefix(k).reduce(0, +)
            if Formulation.levelWeights(spans: [span, rankSpan]) != nil { return quantum }
            quantum *= 10
            precondition(quantum < 1e3, "scores too large to quantise: max \(largest)")
        }
    }
}
