import Dataset
import Testing

@testable import Planning

/// A small random programme whose facts per year the test knows by construction (Profile's dates,
/// years 2020, 2021, 2022): a follow-up profile (visited 2016-03-01) is a follow-up while its last
/// visit is at most 5 years old (2020, 2021) and comprehensive from 2022; a recent one (visited
/// 2019-02-01) is within the 2-year cooldown in 2020 and 2021 and eligible from 2022.
struct ProgrammeInstance {
    var candidates: [TestCandidate]
    /// scores[y][i], year y 0-based.
    var scores: [[Double]]
    var settings: PlanningSettings
    var include: [Int: [String]] = [:]
    var exclude: [Int: [String]] = [:]
    var discount: Double
    var within: Int?

    var horizon: Int { scores.count }

    func isFollowUp(_ i: Int, year y: Int) -> Bool { candidates[i].profile == .followUp && y <= 2 }
    func isEligible(_ i: Int, year y: Int) -> Bool {
        candidates[i].consent != .refused && (candidates[i].profile != .recent || y >= 3)
    }
    func cost(_ i: Int, year y: Int) -> Double {
        settings.cost[isFollowUp(i, year: y) ? .followUp : .comprehensive] ?? 0
    }

    var problem: ProgrammeProblem {
        let programme = ProgrammeSettings(
            years: horizon, discount: discount, neverVisitedWithin: within,
            include: include, exclude: exclude)
        let years = (1...horizon).map { y -> PlanProblem in
            var scored = candidates
            for i in scored.indices { scored[i].score = scores[y - 1][i] }
            let rank = ranks(scored)
            let date = ProgrammeProblem.date(ofYear: y, asOf: asOf2020)
            return PlanProblem(
                candidates: candidates.indices.map { i in
                    let c = candidates[i]
                    return PlanCandidate(
                        state: c.profile.state(id: c.id, region: c.region, consent: c.consent),
                        score: scores[y - 1][i], rank: rank[i])
                },
                settings: ProgrammeProblem.settings(ofYear: y, planning: settings, programme: programme), asOf: date)
        }
        return ProgrammeProblem(years: years, discount: discount, neverVisitedWithin: within)
    }

    /// Whether year y's list (indices) satisfies the planning section's rules at that year.
    func yearIsFeasible(_ list: [Int], year y: Int) -> Bool {
        let s = settings
        guard list.count == s.visits else { return false }
        let ids = Set(list.map { candidates[$0].id })
        if list.contains(where: { !isEligible($0, year: y) }) { return false }
        let yearInclude = (y == 1 ? s.include : []) + (include[y] ?? [])
        let yearExclude = (y == 1 ? s.exclude : []) + (exclude[y] ?? [])
        if yearExclude.contains(where: ids.contains) { return false }
        if yearInclude.contains(where: { !ids.contains($0) }) { return false }
        if let budget = s.budget, list.reduce(0, { $0 + cost($1, year: y) }) > budget + 1e-9 { return false }
        for (region, bounds) in s.regions {
            let n = list.filter { candidates[$0].region == region }.count
            if let min = bounds.min, n < min { return false }
            if let max = bounds.max, n > max { return false }
        }
        if list.filter({ candidates[$0].neverVisited }).count < s.neverVisitedMin ?? 0 { return false }
        if list.filter({ isFollowUp($0, year: y) }).count < s.followUpsMin ?? 0 { return false }
        return true
    }

    /// `year[i]` = 0 (not visited) or the 1-based year: every year feasible and the never-visited rule.
    func isFeasible(_ year: [Int]) -> Bool {
        for y in 1...horizon where !yearIsFeasible(year.indices.filter { year[$0] == y }, year: y) { return false }
        if let within {
            for i in candidates.indices where candidates[i].neverVisited {
                // Eligible: consent allowed and not excluded in some year up to `within`.
                let early = (1...min(within, horizon)).contains { y in
                    isEligible(i, year: y)
                        && !((y == 1 ? settings.exclude : []) + (exclude[y] ?? [])).contains(candidates[i].id)
                }
                if early && !(1...within).contains(year[i]) { return false }
            }
        }
        return true
    }

    func value(_ year: [Int]) -> Double {
        year.indices.reduce(0) { sum, i in
            year[i] == 0 ? sum : sum + pow(discount, year[i] - 1) * scores[year[i] - 1][i]
        }
    }

    /// The best discounted sum over every assignment of each candidate to a year or to none.
    func bruteForceOptimum() -> Double? {
        var best: Double?
        var year = [Int](repeating: 0, count: candidates.count)
        func extend(_ i: Int) {
            if i == candidates.count {
                if isFeasible(year) {
                    let v = value(year)
                    if best == nil || v > best! { best = v }
                }
                return
            }
            for y in 0...horizon {
                year[i] = y
                extend(i + 1)
            }
            year[i] = 0
        }
        extend(0)
        return best
    }
}

func pow(_ x: Double, _ k: Int) -> Double { k <= 0 ? 1 : x * pow(x, k - 1) }

/// A random programme of `count` candidates with `visits` a year and, when a budget is drawn,
/// a budget of 140 (two follow-ups at least among 4 visits).
func randomProgramme(seed: UInt64, candidates count: Int, visits: Int) -> ProgrammeInstance {
    var instance = randomProgramme(seed: seed, candidates: count)
    instance.settings.visits = visits
    instance.settings.budget = instance.settings.budget.map { _ in 140 }
    return instance
}

/// A random small programme: 5 to 7 candidates, 2 or 3 years, 1 or 2 visits a year.
func randomProgramme(seed: UInt64, candidates count: Int? = nil) -> ProgrammeInstance {
    var g = TestGenerator(seed: seed)
    let n = count ?? (5 + g.below(3))
    let regions = ["Africa", "Asia"]
    let candidates = (0..<n).map { k in
        TestCandidate(
            id: "C" + String(k < 10 ? "0\(k)" : "\(k)"), region: regions[g.below(2)], score: 0,
            profile: Profile.allCases[g.below(4)], consent: g.chance(10) ? .refused : .given)
    }
    let horizon = 2 + g.below(2)
    let visits = g.chance(70) ? 1 : 2
    let scores = (0..<horizon).map { _ in (0..<n).map { _ in Double(g.below(1_000_001)) / 10_000 } }
    var settings = PlanningSettings(
        visits: visits, cost: [.comprehensive: 45, .followUp: 20], comprehensiveAfterYears: 5, cooldownYears: 2)
    if g.chance(40) { settings.budget = Double(visits * (40 + g.below(30))) }
    if g.chance(40) { settings.regions = [("Africa", RegionBounds(min: g.below(2), max: g.chance(50) ? 1 : nil))] }
    if g.chance(15) { settings.neverVisitedMin = 1 }
    if g.chance(15) { settings.followUpsMin = 1 }
    var instance = ProgrammeInstance(
        candidates: candidates, scores: scores, settings: settings,
        discount: [0.85, 1, 0.5][g.below(3)], within: g.chance(20) ? 1 + g.below(horizon) : nil)
    if g.chance(25) { instance.include[1 + g.below(horizon)] = [candidates[g.below(n)].id] }
    if g.chance(25) { instance.exclude[1 + g.below(horizon)] = [candidates[g.below(n)].id] }
    for (year, ids) in instance.exclude where instance.include[year] == ids { instance.exclude[year] = nil }
    return instance
}

@Suite struct ProgrammeTests {
    /// CBC's programme has the brute-force optimum's discounted sum (every assignment of every
    /// State to a year or to none enumerated) and satisfies every rule; when no assignment is
    /// feasible, the planner says so.
    @Test(arguments: 0..<6)
    func objectiveEqualsBruteForceOptimum(block: UInt64) throws {
        var feasible = 0
        for k in 0..<30 as Range<UInt64> {
            let seed = 5_000 + block * 30 + k
            let instance = randomProgramme(seed: seed)
            let formulation = try ProgrammeFormulation(instance.problem)
            let solved = try formulation.solveProgramme()
            guard let optimum = instance.bruteForceOptimum() else {
                #expect(solved == nil, "seed \(seed): brute force finds no programme")
                continue
            }
            feasible += 1
            let chosen = try #require(solved, "seed \(seed): brute force finds \(optimum)")
            var year = [Int](repeating: 0, count: instance.candidates.count)
            for a in chosen {
                #expect(year[a.state] == 0, "seed \(seed): \(a.state) twice")
                year[a.state] = a.year
            }
            #expect(instance.isFeasible(year), "seed \(seed)")
            #expect(abs(instance.value(year) - optimum) < 1e-9, "seed \(seed): \(instance.value(year)) vs \(optimum)")
        }
        #expect(feasible >= 8, "too few feasible instances to mean anything: \(feasible)")
    }

    /// 40 candidates over 2 or 3 years: the pruned program gives the optimum of a separate
    /// formulation written here from SPEC §10 (every x[i,y], no reduction), solved by CBC.
    @Test func prunedProgramEqualsFullFormulation() throws {
        var feasible = 0, reduced = 0
        for seed in 31...54 as ClosedRange<UInt64> {
            let instance = randomProgramme(seed: seed, candidates: 40, visits: 4)
            let formulation = try ProgrammeFormulation(instance.problem)
            let solved = try formulation.solveProgramme()
            let full = try fullFormulationOptimum(instance)
            #expect((solved == nil) == (full == nil), "seed \(seed)")
            if let solved, let full {
                feasible += 1
                var year = [Int](repeating: 0, count: instance.candidates.count)
                for a in solved { year[a.state] = a.year }
                #expect(instance.isFeasible(year))
                #expect(abs(instance.value(year) - full) < 1e-5, "seed \(seed): \(instance.value(year)) vs \(full)")
                let all = Set(formulation.constraints)
                let available = (1...instance.horizon).reduce(0) { sum, y in
                    sum
                        + (0..<instance.candidates.count).filter {
                            formulation.years[y - 1].isAvailable(
                                $0, groups: Set(formulation.years[y - 1].groups), forcedOut: [])
                        }.count
                }
                if formulation.columns(active: all, forcedIn: [], forcedOut: []).count < available { reduced += 1 }
            }
        }
        #expect(feasible >= 6, "too few feasible instances: \(feasible)")
        // The reduction dropped columns in some of them, or the comparison would prove nothing about it.
        #expect(reduced >= 6, "the reduction dropped columns in \(reduced) instances")
    }

    /// The model of SPEC §10 written directly: column (i, y) for every candidate and year, rows
    /// for each year's rules, Σ_y x[i,y] ≤ 1, the never-visited rule; objective in 1e-6 units.
    func fullFormulationOptimum(_ instance: ProgrammeInstance) throws -> Double? {
        let n = instance.candidates.count, h = instance.horizon
        func column(_ i: Int, _ y: Int) -> Int { (y - 1) * n + i }
        var objective = [Int](repeating: 0, count: n * h)
        var fixedOn: Set<Int> = []
        var rows: [BinaryProgram.Row] = []
        var forbidden: [Int] = []
        let s = instance.settings
        for y in 1...h {
            for i in 0..<n {
                objective[column(i, y)] = Int(
                    (pow(instance.discount, y - 1) * instance.scores[y - 1][i] * 1e6).rounded())
            }
            let all = (0..<n).map { column($0, y) }
            func row(
                _ member: (Int) -> Bool, lower: Double = -.infinity, upper: Double = .infinity,
                weight: (Int) -> Double = { _ in 1 }
            ) -> BinaryProgram.Row {
                let members = (0..<n).filter(member)
                return BinaryProgram.Row(
                    columns: members.map { column($0, y) }, coefficients: members.map(weight),
                    lower: lower, upper: upper)
            }
            rows.append(
                BinaryProgram.Row(
                    columns: all, coefficients: all.map { _ in 1 },
                    lower: Double(s.visits), upper: Double(s.visits)))
            if let budget = s.budget {
                rows.append(row({ _ in true }, upper: budget, weight: { instance.cost($0, year: y) }))
            }
            for (region, bounds) in s.regions {
                rows.append(
                    row(
                        { instance.candidates[$0].region == region },
                        lower: Double(bounds.min ?? 0), upper: Double(bounds.max ?? n)))
            }
            if let min = s.neverVisitedMin {
                rows.append(row({ instance.candidates[$0].neverVisited }, lower: Double(min)))
            }
            if let min = s.followUpsMin { rows.append(row({ instance.isFollowUp($0, year: y) }, lower: Double(min))) }
            let yearExclude = (y == 1 ? s.exclude : []) + (instance.exclude[y] ?? [])
            let yearInclude = (y == 1 ? s.include : []) + (instance.include[y] ?? [])
            for i in 0..<n {
                if !instance.isEligible(i, year: y) || yearExclude.contains(instance.candidates[i].id) {
                    forbidden.append(column(i, y))
                }
                if yearInclude.contains(instance.candidates[i].id) { fixedOn.insert(column(i, y)) }
            }
        }
        for i in 0..<n {
            let mine = (1...h).map { column(i, $0) }
            rows.append(BinaryProgram.Row(columns: mine, coefficients: mine.map { _ in 1 }, upper: 1))
        }
        if let within = instance.within {
            for i in 0..<n where instance.candidates[i].neverVisited {
                let early = (1...min(within, h)).map { column(i, $0) }.filter { !forbidden.contains($0) }
                if !early.isEmpty {
                    rows.append(BinaryProgram.Row(columns: early, coefficients: early.map { _ in 1 }, lower: 1))
                }
            }
        }
        rows.append(BinaryProgram.Row(columns: forbidden, coefficients: forbidden.map { _ in 1 }, upper: 0))
        var program = BinaryProgram(objective: objective, fixedOn: fixedOn)
        program.rows = rows
        switch try solve(program) {
        case .infeasible: return nil
        case .optimal(let values):
            return values.indices.filter { values[$0] }.reduce(0) { sum, c in
                let (y, i) = (c / n + 1, c % n)
                return sum + pow(instance.discount, y - 1) * instance.scores[y - 1][i]
            }
        }
    }

    /// With one year, the programme is the one-year plan.
    @Test(arguments: [7, 21, 33, 58] as [UInt64])
    func oneYearIsThePlan(seed: UInt64) throws {
        let instance = randomInstance(seed: seed)
        let plan = try? makePlan(instance.problem)
        let problem = ProgrammeProblem(years: [instance.problem], discount: 0.85)
        let programme = try? makeProgramme(problem)
        #expect(plan?.selectedIDs == programme?.years[0].selected.map(\.id))
    }

    /// Year y's date is as_of + (y − 1) years; 29 February becomes 28 February.
    @Test func yearDates() {
        let leap = CalendarDate(year: 2024, month: 2, day: 29)!
        #expect(ProgrammeProblem.date(ofYear: 1, asOf: leap) == leap)
        #expect(ProgrammeProblem.date(ofYear: 2, asOf: leap) == CalendarDate(year: 2025, month: 2, day: 28)!)
        #expect(ProgrammeProblem.date(ofYear: 4, asOf: leap) == CalendarDate(year: 2027, month: 2, day: 28)!)
        // 2028 has a 29 February: the same month and day.
        #expect(ProgrammeProblem.date(ofYear: 5, asOf: leap) == leap.adding(months: 48))
        #expect(ProgrammeProblem.date(ofYear: 5, asOf: leap) == CalendarDate(year: 2028, month: 2, day: 29)!)
        #expect(ProgrammeProblem.date(ofYear: 3, asOf: asOf2020) == CalendarDate(year: 2022, month: 1, day: 1)!)
    }

    /// Two States, one visit a year over two years, discount 1: A scores 10 then 10, B 9 then 12.
    /// By hand: A in year 1 and B in year 2 gives 22 (the reverse 9 + 10 = 19), so B is deferred
    /// from year 1 to year 2 because its score rises, and moving it costs 22 − 19 = 3.
    @Test func deferredByTheRisingScore() throws {
        let a = TestCandidate(id: "A", region: "R", score: 0, profile: .old, consent: .given)
        let b = TestCandidate(id: "B", region: "R", score: 0, profile: .old, consent: .given)
        let instance = ProgrammeInstance(
            candidates: [a, b], scores: [[10, 9], [10, 12]],
            settings: PlanningSettings(visits: 1), discount: 1)
        var problem = instance.problem
        problem.oneYearPlan = problem.years[0]
        let programme = try makeProgramme(problem)
        #expect(programme.years.map { $0.selected.map(\.id) } == [["A"], ["B"]])
        #expect(abs(programme.objective - 22) < 1e-9)
        let deferral = try #require(programme.deferred.first)
        #expect(programme.deferred.count == 1)
        #expect(deferral.id == "B" && deferral.fromYear == 1 && deferral.toYear == 2)
        #expect(deferral.kind == .discount)
        #expect(abs((deferral.objectiveCost ?? 0) - 3) < 1e-9)
        // Forced into year 1, B takes A's place there and A goes to year 2 (9 + 10 = 19).
        guard case .discount(let worth, let forcing) = deferral.reason else {
            Issue.record("\(deferral.reason)")
            return
        }
        #expect((worth.fromYear, worth.toYear, worth.scoreFrom, worth.scoreTo) == (1, 2, 9, 12))
        #expect((worth.valueFrom, worth.valueTo, worth.discount) == (9, 12, 1))
        #expect(forcing.displaced == [ProgrammeDisplacement(id: "A", year: 2)])
        #expect(programme.yearOne.isEmpty)
    }

    /// The same States with discount 0.5: B in year 2 is worth 6, so A then B gives 16 and B then A
    /// 9 + 5 = 14: still A first. With B's year-2 score at 30 (worth 15), A then B is 25 and B then A
    /// 14; with A's year-2 score at 30 instead, B then A gives 9 + 15 = 24 against A then B's 16, and
    /// year 1 differs from the one-year plan (A).
    @Test func yearOneAgainstThePlan() throws {
        let a = TestCandidate(id: "A", region: "R", score: 0, profile: .old, consent: .given)
        let b = TestCandidate(id: "B", region: "R", score: 0, profile: .old, consent: .given)
        let instance = ProgrammeInstance(
            candidates: [a, b], scores: [[10, 9], [30, 12]],
            settings: PlanningSettings(visits: 1), discount: 0.5)
        var problem = instance.problem
        problem.oneYearPlan = problem.years[0]
        let programme = try makeProgramme(problem)
        #expect(programme.years.map { $0.selected.map(\.id) } == [["B"], ["A"]])
        #expect(abs(programme.objective - 24) < 1e-9)
        #expect(programme.yearOne.map(\.id) == ["A", "B"])
        #expect(programme.yearOne.map(\.change) == [.leaving, .entering])
        // A forced back into year 1: A then B = 10 + 6 = 16, 8 below 24.
        #expect(abs((programme.yearOne[0].objectiveCost ?? 0) - 8) < 1e-9)
        // A is deferred from year 1 to year 2 (worth 15 there against 10), so year 1 says why;
        // B is in year 1 because keeping it out (A then B) costs the same 8.
        guard case .deferred(toYear: 2, .discount)? = programme.yearOne[0].reasons.first else {
            Issue.record("\(programme.yearOne[0].reasons)")
            return
        }
        #expect(programme.yearOne[1].reasons.count == 1)
        if case .keepingOutCosts(let cost, let year)? = programme.yearOne[1].reasons.first {
            #expect(abs(cost - 8) < 1e-9 && year == 2)
        } else {
            Issue.record("\(programme.yearOne[1].reasons)")
        }
    }

    /// Infeasibility names the conflicting constraints with their years: A is forced into year 1
    /// and year 2, and each State is visited at most once.
    @Test func conflictNamesTheYears() throws {
        let a = TestCandidate(id: "A", region: "R", score: 0, profile: .old, consent: .given)
        let b = TestCandidate(id: "B", region: "R", score: 0, profile: .old, consent: .given)
        var instance = ProgrammeInstance(
            candidates: [a, b], scores: [[10, 9], [10, 9]],
            settings: PlanningSettings(visits: 1), discount: 1)
        instance.include = [1: ["A"], 2: ["A"]]
        #expect {
            try makeProgramme(instance.problem)
        } throws: { error in
            guard case .infeasible(let conflict, _) = error as? ProgrammeError else { return false }
            return Set(conflict.constraints) == [.year(1, .include), .year(2, .include), .atMostOnce]
                && conflict.description.contains("year 2: include A")
        }
    }

    /// A revision keeps the adopted assignments first: with B adopted for year 1, the programme
    /// keeps it there although A then B is worth more.
    @Test func revisionKeepsAdoptedAssignments() throws {
        let a = TestCandidate(id: "A", region: "R", score: 0, profile: .old, consent: .given)
        let b = TestCandidate(id: "B", region: "R", score: 0, profile: .old, consent: .given)
        let c = TestCandidate(id: "C", region: "R", score: 0, profile: .old, consent: .given)
        let instance = ProgrammeInstance(
            candidates: [a, b, c], scores: [[10, 9, 1], [10, 12, 2]],
            settings: PlanningSettings(visits: 1), discount: 1)
        var problem = instance.problem
        problem.adopted = ["B": 1, "C": 2]
        let programme = try makeProgramme(problem)
        #expect(programme.years.map { $0.selected.map(\.id) } == [["B"], ["C"]])
        #expect(programme.revision?.kept == 2)
        // Only B adopted: B in year 1 kept, then the best year 2 is A (10).
        problem.adopted = ["B": 1]
        let second = try makeProgramme(problem)
        #expect(second.years.map { $0.selected.map(\.id) } == [["B"], ["A"]])
        #expect(second.revision?.changes.map(\.id) == ["A"])
        #expect(second.revision?.changes.map(\.reason) == [.new])
    }
}
