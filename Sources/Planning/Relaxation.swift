// COIN-OR CLP behind one function: the LP relaxation of a 0–1 program, tried before CBC.
internal import CClp

// A column within this of 0 or 1 is at that bound: CBC's own integrality tolerance (1e-6).
private let integralityTolerance = 1e-6

/// The optimum of the LP relaxation of a 0–1 program (0 ≤ x ≤ 1, fixed columns at 1), when it is
/// integral; nil when it is fractional, or when CLP finds no optimum (infeasible, stopped): CBC
/// then decides.
///
/// Why an integral answer is exact. The relaxation's optimum bounds every 0–1 solution; an
/// integral optimal vertex is itself a 0–1 solution, so it is optimal for the 0–1 program. CBC
/// stops at the same place: with preprocessing and heuristics off, its first step is this LP,
/// solved by the same CLP with the same tolerances, and an integral solution there ends the
/// search (no cut, no branch). Skipping CBC saves its set-up and cut generators, which cost far
/// more than the LP on the programme's re-solves (Guides/Programme.md).
///
/// - Complexity: one dual simplex from scratch: a millisecond or two for a thousand columns and
///   a few hundred rows.
func integralRelaxation(_ input: SolverInput) -> [Bool]? {
    guard let model = Clp_newModel() else { return nil }
    defer { Clp_deleteModel(model) }
    Clp_setLogLevel(model, 0)
    Clp_loadProblem(
        model, Int32(input.columnCount), Int32(input.rowCount), input.start, input.index, input.value,
        input.columnLower, input.columnUpper, input.objective, input.rowLower, input.rowUpper)
    Clp_setObjSense(model, -1)
    _ = Clp_dual(model, 0)
    // 0: proven optimal; anything else (infeasible, unbounded, stopped) is left to CBC.
    guard Clp_status(model) == 0, let solution = Clp_getColSolution(model) else { return nil }
    var values = [Bool](repeating: false, count: input.columnCount)
    for c in 0..<input.columnCount {
        let x = solution[c]
        if abs(x - 1) <= integralityTolerance {
            values[c] = true
        } else if abs(x) > integralityTolerance {
            return nil
        }
    }
    return values
}
