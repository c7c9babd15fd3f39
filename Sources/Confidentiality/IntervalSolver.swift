// COIN-OR CLP behind a small Swift type: the only file of the audit that speaks C.
internal import CClp
import Foundation

/// A system of linear facts about variables that each lie in [0, 1]:
/// `lower ≤ Σ coefficient × variable ≤ upper` per row.
struct LinearFacts {
    struct Row {
        var variables: [Int]
        var coefficients: [Double]
        var lower: Double
        var upper: Double
    }

    var variables: Int
    var rows: [Row] = []
}

/// Why the interval LPs could not be solved.
enum IntervalError: Error, CustomStringConvertible {
    /// The published facts contradict each other (the audit's model of the edition is wrong).
    case inconsistent
    case solverFailed(status: Int32)

    var description: String {
        switch self {
        case .inconsistent:
            "the audit's linear facts are inconsistent (no value of the confidential cells satisfies them)"
        case .solverFailed(let status): "CLP stopped with status \(status)"
        }
    }
}

// Each call builds its own CLP model and solves its LPs one after the other on it; no model is
// shared between calls.

/// For every variable, its smallest and largest value under `facts` (two LPs each, solved by
/// CLP's primal simplex warm-started from the previous optimum).
///
/// - Returns: one closed interval per variable.
/// - Throws: `IntervalError` when the facts are infeasible or CLP fails.
/// - Complexity: 2 × variables LPs of `rows` rows; each a few simplex pivots once warm.
func intervals(_ facts: LinearFacts) throws -> [ClosedRange<Double>] {
    let n = facts.variables
    guard n > 0 else { return [] }
    for row in facts.rows {
        precondition(
            row.variables.count == row.coefficients.count,
            "row: \(row.variables.count) variables vs \(row.coefficients.count) coefficients")
        for v in row.variables { precondition(v >= 0 && v < n, "row refers to variable \(v) of \(n)") }
    }
    // Compressed sparse columns, as Clp_loadProblem wants them.
    var perColumn = [[(row: Int32, value: Double)]](repeating: [], count: n)
    for (r, row) in facts.rows.enumerated() {
        for (v, a) in zip(row.variables, row.coefficients) where a != 0 {
            perColumn[v].append((Int32(r), a))
        }
    }
    var starts: [CoinBigIndex] = [0]
    var indices: [Int32] = []
    var values: [Double] = []
    for column in perColumn {
        for entry in column {
            indices.append(entry.row)
            values.append(entry.value)
        }
        starts.append(CoinBigIndex(indices.count))
    }
    let lower = [Double](repeating: 0, count: n), upper = [Double](repeating: 1, count: n)
    var objective = [Double](repeating: 0, count: n)
    let rowLower = facts.rows.map { $0.lower.isFinite ? $0.lower : -Double.greatestFiniteMagnitude }
    let rowUpper = facts.rows.map { $0.upper.isFinite ? $0.upper : Double.greatestFiniteMagnitude }

    guard let model = Clp_newModel() else { throw IntervalError.solverFailed(status: -1) }
    defer { Clp_deleteModel(model) }
    Clp_setLogLevel(model, 0)
    Clp_loadProblem(
        model, Int32(n), Int32(facts.rows.count), starts, indices, values, lower, upper, objective,
        rowLower, rowUpper)

    func optimum(of variable: Int, sense: Double) throws -> Double {
        objective[variable] = 1
        defer { objective[variable] = 0 }
        Clp_chgObjCoefficients(model, objective)
        Clp_setObjSense(model, sense)
        _ = Clp_primal(model, 0)
        let status = Clp_status(model)
        if status == 1 { throw IntervalError.inconsistent }
        guard status == 0 else { throw IntervalError.solverFailed(status: status) }
        guard let solution = Clp_getColSolution(model) else { throw IntervalError.solverFailed(status: -2) }
        // Clamp CLP's primal tolerance (1e-7) away.
        return min(1, max(0, solution[variable]))
    }
    var result: [ClosedRange<Double>] = []
    result.reserveCapacity(n)
    for v in 0..<n {
        let low = try optimum(of: v, sense: 1)
        let high = try optimum(of: v, sense: -1)
        result.append(low...max(low, high))
    }
    return result
}
