import Dataset
import Testing

@testable import Planning

/// The LP relaxation tried before CBC (`BinaryProgram.relaxationFirst`): it answers only when its
/// optimum is integral, and then with CBC's optimum.
@Suite struct RelaxationTests {
    /// Maximise 3a + 2b with a + b ≤ 1: the LP optimum is the vertex a = 1, integral.
    @Test func anIntegralOptimumIsTheAnswer() throws {
        var program = BinaryProgram(objective: [3, 2])
        program.rows = [BinaryProgram.Row(columns: [0, 1], coefficients: [1, 1], upper: 1)]
        program.relaxationFirst = true
        #expect(integralRelaxation(SolverInput(program, rows: program.rows)) == [true, false])
        #expect(try solve(program) == .optimal([true, false]))
    }

    /// The odd cycle: maximise 2a + 2b + 3c with a + b ≤ 1, b + c ≤ 1, a + c ≤ 1. The LP optimum is
    /// a = b = c = ½ (3.5); a 0–1 solution holds at most one column, so the optimum is c alone (3).
    /// The relaxation declines and CBC answers.
    @Test func aFractionalOptimumIsLeftToCBC() throws {
        var program = BinaryProgram(objective: [2, 2, 3])
        program.rows = [[0, 1], [1, 2], [0, 2]].map { BinaryProgram.Row(columns: $0, coefficients: [1, 1], upper: 1) }
        program.relaxationFirst = true
        #expect(integralRelaxation(SolverInput(program, rows: program.rows)) == nil)
        #expect(try solve(program) == .optimal([false, false, true]))
    }

    /// An infeasible program: the relaxation declines (CBC proves it).
    @Test func infeasibilityIsLeftToCBC() throws {
        var program = BinaryProgram(objective: [1, 1])
        program.rows = [BinaryProgram.Row(columns: [0, 1], coefficients: [1, 1], lower: 3)]
        program.relaxationFirst = true
        #expect(integralRelaxation(SolverInput(program, rows: program.rows)) == nil)
        #expect(try solve(program) == .infeasible)
    }

    /// 4 visits at 45 (comprehensive) or 20 (follow-up): 180 − 25 f ≤ budget. Budget 140: f ≥ 1.6,
    /// so 2, 3 or 4 follow-ups; budget 70: f ≥ 4.4, none fits; budget 180: any f.
    @Test func theBudgetIsARangeOfFollowUps() {
        var settings = PlanningSettings(visits: 4, cost: [.comprehensive: 45, .followUp: 20])
        #expect(settings.followUpsWithinBudget == nil)
        settings.budget = 140
        #expect(settings.followUpsWithinBudget == 2..<5)
        settings.budget = 70
        #expect(settings.followUpsWithinBudget?.isEmpty == true)
        settings.budget = 180
        #expect(settings.followUpsWithinBudget == 0..<5)
    }

    /// Programmes of 40 candidates over 2 or 3 years (budgets, regions, quotas, the never-visited
    /// rule), each solved as is and with an assignment forced in, as the explanations do: the
    /// relaxation-first solve and CBC alone reach the same integer objective, and the relaxation
    /// settles most of them, so the comparison covers it.
    @Test func relaxationFirstEqualsCBCOnRandomProgrammes() throws {
        var compared = 0, settled = 0
        for seed in 60...89 as ClosedRange<UInt64> {
            let instance = randomProgramme(seed: seed, candidates: 40, visits: 4)
            let formulation = try ProgrammeFormulation(instance.problem)
            var g = TestGenerator(seed: seed)
            for k in 0..<4 {
                let forced: Set<Assignment> =
                    k == 0 ? [] : [Assignment(state: g.below(40), year: 1 + g.below(instance.horizon))]
                guard var (program, _) = formulation.program(active: Set(formulation.constraints), forcedIn: forced)
                else { continue }
                #expect(program.relaxationFirst)
                program.relaxationFirst = false
                let byCBC = try solve(program)
                program.relaxationFirst = true
                let first = try solve(program)
                func objective(_ outcome: BinaryOutcome) -> Int? {
                    guard case .optimal(let values) = outcome else { return nil }
                    return values.indices.filter { values[$0] }.reduce(0) { $0 + program.objective[$1] }
                }
                #expect(objective(byCBC) == objective(first), "seed \(seed), forced \(forced)")
                compared += 1
                if objective(byCBC) != nil,
                    integralRelaxation(SolverInput(program, rows: program.rows.filter { !$0.columns.isEmpty })) != nil
                {
                    settled += 1
                }
            }
        }
        #expect(compared >= 60, "compared \(compared)")
        #expect(settled >= 20, "the relaxation settled \(settled) of \(compared)")
    }
}
