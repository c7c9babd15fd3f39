// The committee's consensus list (SPEC §11): one list every member can live with, on CBC.

/// What makes a list acceptable to the committee.
public enum ConsensusRule: Sendable, Equatable {
    /// The list with the most members for whom it is within `tolerance` score points (sum of
    /// their own scores over the list) of their own optimum.
    case tolerance(Double)
    /// The list maximising the smallest member's share of their own optimum.
    case maxMin
}

/// How one member fares on the consensus list.
public struct MemberStanding: Sendable, Equatable, Codable {
    public var id: String
    /// The largest sum of the member's scores over any feasible list (their own plan's).
    public var optimum: Double
    /// The sum of the member's scores over the consensus list.
    public var value: Double
    /// value / optimum (1 when the optimum is 0).
    public var share: Double
    /// optimum − value: the score points the member gives up.
    public var loss: Double
    /// Whether the list is within the tolerance of the member's optimum (tolerance rule), or at
    /// the smallest share (max-min rule: the members that bind).
    public var satisfied: Bool
}

/// The consensus list and, member by member, what it costs them.
public struct ConsensusList: Sendable, Equatable {
    public var rule: ConsensusRule
    /// The selected ids, in dataset order.
    public var selected: [String]
    public var members: [MemberStanding]

    /// Tolerance rule: the members within it. Max-min: the smallest share.
    public var satisfiedCount: Int { members.filter(\.satisfied).count }
    public var smallestShare: Double { members.map(\.share).min() ?? 1 }
}

/// Resolution of the max-min share: shares are compared to 1/`shareSteps` (1e-5).
let shareSteps = 100_000

/// The committee's consensus list, solved exactly as one 0–1 program on CBC: the plan's
/// constraints (SPEC §5) plus, per member, an indicator y_m with Σ_i s_mi x_i ≥ (opt_m − τ) y_m
/// (tolerance rule, maximise Σ y_m), or a share level T with Σ_i (s_mi / opt_m) x_i ≥ T
/// (max-min rule, maximise T; T is written in binary, T = Σ_k 2^k b_k / 10⁵, so that every
/// column is 0–1 and the objective integer, as the planner's exactness argument needs).
///
/// Among lists equally good for the rule, the one with the largest sum of `problem`'s scores
/// (the committee's aggregated scores), then the planner's rank tie-break, wins.
///
/// - Parameters:
///   - problem: the constraints and the candidates; its scores break ties.
///   - members: per member, its id and its scores (dataset order).
/// - Throws: `PlanningError.infeasible` when no list satisfies the constraints.
/// - Complexity: one CBC solve per member (their optima) and one for the consensus.
public func consensusList(_ problem: PlanProblem, members: [(id: String, scores: [Double])], rule: ConsensusRule) throws
    -> ConsensusList
{
    let formulation = try Formulation(problem)
    let n = problem.candidates.count
    precondition(
        members.allSatisfy { $0.scores.count == n }, "consensusList: member scores for \(n) candidates expected")
    // Each member's optimum: the plan objective under their scores.
    var optima: [Double] = []
    for member in members {
        var own = problem
        for i in own.candidates.indices { own.candidates[i].score = member.scores[i] }
        let ownFormulation = try Formulation(own)
        guard let list = try ownFormulation.solveList(objective: ownFormulation.planObjective()) else {
            throw PlanningError.infeasible(conflict: try formulation.conflict())
        }
        optima.append(list.reduce(0) { $0 + member.scores[$1] })
    }
    let ruleLevelCount: Int
    switch rule {
    case .tolerance: ruleLevelCount = members.count
    case .maxMin: ruleLevelCount = shareSteps
    }
    // Lexicographic integer objective: the rule first, then scores, then ranks (as the planner's
    // `combine`), coarsening the score quantum until every weight fits in 2^46.
    let k = max(1, min(problem.settings.visits, n))
    func span(_ level: [Int]) -> Int { 2 * level.map { abs($0) }.sorted(by: >).prefix(k).reduce(0, +) }
    let ranks = formulation.tieBreak()
    var quantum = 1e-4
    var levels: (weights: [Int], scores: [Int])?
    while levels == nil {
        let scores = problem.candidates.map { Int(($0.score / quantum).rounded()) }
        if let weights = Formulation.levelWeights(spans: [ruleLevelCount, span(scores), span(ranks)]) {
            levels = (weights, scores)
        } else {
            quantum *= 10
            precondition(quantum < 1e3, "consensusList: scores too large to quantise")
        }
    }
    guard let (weights, scores) = levels else { return ConsensusList(rule: rule, selected: [], members: []) }
    let objective = (0..<n).map { scores[$0] * weights[1] + ranks[$0] * weights[2] }
    guard let base = formulation.program(groups: Set(formulation.groups), objective: objective, pruning: false) else {
        throw PlanningError.infeasible(conflict: try formulation.conflict())
    }
    var program = base.program
    let columns = base.candidates
    let candidateColumns = columns.count
    switch rule {
    case .tolerance(let tolerance):
        for (m, member) in members.enumerated() {
            let y = program.objective.count
            program.objective.append(weights[0])
            let needed = optima[m] - tolerance
            // A member whose optimum is within the tolerance of nothing is satisfied by any list.
            guard needed > 0 else { continue }
            program.rows.append(
                BinaryProgram.Row(
                    columns: Array(0..<candidateColumns) + [y],
                    coefficients: columns.map { member.scores[$0] } + [-needed], lower: 0))
        }
    case .maxMin:
        var bits: [(column: Int, value: Int)] = []
        var value = 1
        while value <= shareSteps {
            bits.append((program.objective.count, value))
            program.objective.append(value * weights[0])
            value *= 2
        }
        // T ≤ 1 (in steps): the bits may not encode more than a whole share.
        program.rows.append(
            BinaryProgram.Row(
                columns: bits.map(\.column), coefficients: bits.map { Double($0.value) },
                upper: Double(shareSteps)))
        for (m, member) in members.enumerated() where optima[m] > 0 {
            let scale = Double(shareSteps) / optima[m]
            program.rows.append(
                BinaryProgram.Row(
                    columns: Array(0..<candidateColumns) + bits.map(\.column),
                    coefficients: columns.map { member.scores[$0] * scale } + bits.map { -Double($0.value) },
                    lower: 0))
        }
    }
    guard case .optimal(let values) = try solve(program) else {
        throw PlanningError.infeasible(conflict: try formulation.conflict())
    }
    let chosen = (0..<candidateColumns).filter { values[$0] }.map { columns[$0] }.sorted()
    var standings: [MemberStanding] = members.enumerated().map { m, member in
        let value = chosen.reduce(0) { $0 + member.scores[$1] }
        let share = optima[m] > 0 ? value / optima[m] : 1
        let satisfied: Bool =
            switch rule {
            case .tolerance(let tolerance): value >= optima[m] - tolerance - 1e-9
            case .maxMin: false
            }
        return MemberStanding(
            id: member.id, optimum: optima[m], value: value, share: share, loss: optima[m] - value,
            satisfied: satisfied)
    }
    if case .maxMin = rule, let smallest = standings.map(\.share).min() {
        for m in standings.indices {
            standings[m].satisfied = standings[m].share <= smallest + 1.0 / Double(shareSteps)
        }
    }
    return ConsensusList(rule: rule, selected: chosen.map { problem.candidates[$0].state.id }, members: standings)
}
