// COIN-OR CBC behind a small Swift type: with Relaxation.swift (CLP), the only files of the planner
// that speak C.
internal import CCbc
import Foundation

/// A 0–1 program: maximise an integer objective over binary columns subject to linear rows.
///
/// The objective is integer on purpose. CBC prunes a node when its bound cannot beat the incumbent
/// by its cutoff increment (1e-5 by default) and stops at its allowable gap; with integer
/// coefficients every better list is better by at least 1, so telling CBC that (increment and gap
/// 0.5) keeps the search exact instead of leaving near-ties to its tolerances.
struct BinaryProgram {
    struct Row {
        var columns: [Int]
        var coefficients: [Double]
        /// `-.infinity` when the row has no lower bound.
        var lower: Double
        /// `.infinity` when the row has no upper bound.
        var upper: Double

        init(columns: [Int], coefficients: [Double], lower: Double = -.infinity, upper: Double = .infinity) {
            precondition(
                columns.count == coefficients.count,
                "row: \(columns.count) columns vs \(coefficients.count) coefficients")
            self.columns = columns
            self.coefficients = coefficients
            self.lower = lower
            self.upper = upper
        }

        func activity(_ values: [Bool]) -> Double {
            zip(columns, coefficients).reduce(0) { $0 + (values[$1.0] ? $1.1 : 0) }
        }
    }

    /// Objective coefficient per column, maximised.
    var objective: [Int]
    /// Columns forced to 1.
    var fixedOn: Set<Int> = []
    var rows: [Row] = []
    /// CBC parameters set after the defaults (name, value), for a family of programs that solves
    /// faster with them; exactness never depends on them (the gap settings stay).
    var parameters: [(name: String, value: String)] = []
    /// Solve the LP relaxation with CLP first and skip CBC when its optimum is integral (see
    /// ``integralRelaxation(_:rows:columns:)``): for families whose relaxation is usually integral.
    var relaxationFirst = false

    var columnCount: Int { objective.count }
}

extension BinaryProgram {
    /// The positions in `columns` of the columns `mustHave` names (to fix them on), or nil when
    /// one of them has no column (it is unavailable, so no program holds it).
    static func positions<Column: Hashable>(of mustHave: Set<Column>, in columns: [Column]) -> Set<Int>? {
        var position: [Column: Int] = [:]
        for (c, column) in columns.enumerated() { position[column] = c }
        var fixed: Set<Int> = []
        for column in mustHave {
            guard let c = position[column] else { return nil }
            fixed.insert(c)
        }
        return fixed
    }
}

enum BinaryOutcome: Equatable {
    case optimal([Bool])
    case infeasible
}

// CbcMain1, behind Cbc_solve, keeps process-wide state in CBC 2.10: one solve at a time.
private let cbcLock = NSLock()

// 1e-7 absolute: rows hold counts and costs, so an accepted solution is checked well within it.
private let feasibilityTolerance = 1e-7

/// Solves a 0–1 program exactly with CBC, quietly (nothing is written to standard output).
///
/// With `program.relaxationFirst`, the LP relaxation is solved first (CLP) and CBC runs only when
/// its optimum is not integral (``integralRelaxation(_:)`` says why that answer is CBC's).
///
/// - Returns: the optimal column values, or `.infeasible` when no 0–1 vector satisfies the rows.
/// - Throws: `PlanningError.solverFailed` when CBC neither proves optimality nor infeasibility.
/// - Complexity: exponential in the worst case (branch and cut); a few milliseconds for a few
///   hundred columns and a dozen rows.
func solve(_ program: BinaryProgram) throws -> BinaryOutcome {
    let n = program.columnCount
    for row in program.rows {
        for column in row.columns {
            precondition(column >= 0 && column < n, "row refers to column \(column) of \(n)")
        }
    }
    for column in program.fixedOn {
        precondition(column >= 0 && column < n, "fixed column \(column) of \(n)")
    }
    // A row without columns is decided here: CBC is not asked about constants.
    for row in program.rows where row.columns.isEmpty {
        if row.lower > feasibilityTolerance || row.upper < -feasibilityTolerance { return .infeasible }
    }
    let rows = program.rows.filter { !$0.columns.isEmpty }
    if n == 0 { return .optimal([]) }

    let input = SolverInput(program, rows: rows)
    if program.relaxationFirst, let values = integralRelaxation(input) {
        return try checked(values, of: program, rows: rows)
    }

    let values: [Bool]? = try cbcLock.withLock {
        guard let model = Cbc_newModel() else { throw PlanningError.solverFailed("CBC could not create a model") }
        defer { Cbc_deleteModel(model) }
        Cbc_loadProblem(
            model, Int32(n), Int32(rows.count), input.start, input.index, input.value,
            input.columnLower, input.columnUpper, input.objective, input.rowLower, input.rowUpper)
        precondition(Cbc_getNumCols(model) == Int32(n), "CBC holds \(Cbc_getNumCols(model)) columns, expected \(n)")
        precondition(
            Cbc_getNumRows(model) == Int32(rows.count),
            "CBC holds \(Cbc_getNumRows(model)) rows, expected \(rows.count)")
        for column in 0..<Int32(n) { Cbc_setInteger(model, column) }
        Cbc_setObjSense(model, -1)
        Cbc_setLogLevel(model, 0)
        Cbc_setParameter(model, "logLevel", "0")
        Cbc_setParameter(model, "slogLevel", "0")
        // Integer objective (see BinaryProgram): better lists are better by at least 1.
        Cbc_setParameter(model, "increment", "0.5")
        Cbc_setParameter(model, "allowableGap", "0.5")
        Cbc_setParameter(model, "ratioGap", "0")
        Cbc_setParameter(model, "threads", "0")
        for (name, value) in program.parameters { Cbc_setParameter(model, name, value) }
        _ = Cbc_solve(model)
        if Cbc_isProvenOptimal(model) != 0 {
            guard let solution = Cbc_getColSolution(model) else {
                throw PlanningError.solverFailed("CBC proved optimality but returned no solution")
            }
            return (0..<n).map { solution[$0] > 0.5 }
        }
        if Cbc_isProvenInfeasible(model) != 0 { return nil }
        throw PlanningError.solverFailed(
            "CBC stopped with status \(Cbc_status(model)), secondary status \(Cbc_secondaryStatus(model))")
    }
    guard let values else { return .infeasible }
    return try checked(values, of: program, rows: rows)
}

/// The solver's answer checked in exact terms, before anyone relies on it.
///
/// - Throws: `PlanningError.solverFailed` when it drops a fixed column or violates a row.
private func checked(_ values: [Bool], of program: BinaryProgram, rows: [BinaryProgram.Row]) throws -> BinaryOutcome {
    for column in program.fixedOn where !values[column] {
        throw PlanningError.solverFailed("the solver returned a solution that drops fixed column \(column)")
    }
    for (r, row) in rows.enumerated() {
        let activity = row.activity(values)
        if activity < row.lower - feasibilityTolerance || activity > row.upper + feasibilityTolerance {
            throw PlanningError.solverFailed(
                "the solver returned a solution violating row \(r): \(activity) outside [\(row.lower), \(row.upper)]")
        }
    }
    return .optimal(values)
}

/// A program as Cbc_loadProblem and Clp_loadProblem take it: the rows in compressed sparse columns
/// (zero coefficients left out), the bounds and the objective.
struct SolverInput {
    var columnCount: Int
    var rowCount: Int
    /// Column c's entries are `start[c] ..< start[c + 1]` of `index` (rows) and `value`.
    var start: [Int32] = [0]
    var index: [Int32] = []
    var value: [Double] = []
    /// 1 for a fixed column, else 0.
    var columnLower: [Double]
    var columnUpper: [Double]
    var objective: [Double]
    /// ±`Double.greatestFiniteMagnitude` where a row has no bound.
    var rowLower: [Double]
    var rowUpper: [Double]

    /// - Parameter rows: `program`'s rows that have columns.
    init(_ program: BinaryProgram, rows: [BinaryProgram.Row]) {
        let n = program.columnCount
        columnCount = n
        rowCount = rows.count
        var perColumn = [[(row: Int32, value: Double)]](repeating: [], count: n)
        for (r, row) in rows.enumerated() {
            for (column, value) in zip(row.columns, row.coefficients) where value != 0 {
                perColumn[column].append((Int32(r), value))
            }
        }
        for entries in perColumn {
            for entry in entries {
                index.append(entry.row)
                value.append(entry.value)
            }
            start.append(Int32(index.count))
        }
        precondition(start.count == n + 1, "CSC: \(start.count) starts for \(n) columns")
        precondition(index.count == value.count, "CSC: \(index.count) indices vs \(value.count) values")
        let big = Double.greatestFiniteMagnitude
        columnLower = (0..<n).map { program.fixedOn.contains($0) ? 1.0 : 0.0 }
        columnUpper = [Double](repeating: 1, count: n)
        objective = program.objective.map(Double.init)
        rowLower = rows.map { $0.lower.isFinite ? $0.lower : -big }
        rowUpper = rows.map { $0.upper.isFinite ? $0.upper : big }
    }
}
