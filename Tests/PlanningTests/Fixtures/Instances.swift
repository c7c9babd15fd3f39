import Dataset

@testable import Planning

/// A fixed generator written here, so the instances never depend on the code under test
/// (SplitMix64, Steele, Lea & Flood 2014).
struct TestGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in 0..<n (n small: the modulo bias is irrelevant here).
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    mutating func chance(_ percent: Int) -> Bool { below(100) < percent }
}

let asOf2020 = CalendarDate(year: 2020, month: 1, day: 1)!

/// The engagement profile a test candidate is built from; the test knows its planning facts by
/// construction (as_of 2020-01-01, comprehensive_after_years 5, cooldown 2 years), without asking
/// the planner.
enum Profile: CaseIterable {
    /// No visit: comprehensive, counts as never visited.
    case never
    /// Visited 2012-05-10, no report: comprehensive.
    case old
    /// Visited 2016-03-01, report 2016-09-01 (40 months before as_of, no visit since): follow-up.
    case followUp
    /// Visited 2019-02-01, within the 2-year cooldown: ineligible.
    case recent

    func state(id: String, region: String, consent: Consent) -> State {
        switch self {
        case .never:
            State(id: id, name: "State \(id)", region: region, consent: consent)
        case .old:
            State(
                id: id, name: "State \(id)", region: region, lastVisit: CalendarDate(year: 2012, month: 5, day: 10),
                lastVisitType: .comprehensive, consent: consent)
        case .followUp:
            State(
                id: id, name: "State \(id)", region: region, lastVisit: CalendarDate(year: 2016, month: 3, day: 1),
                lastVisitType: .comprehensive, reportSubmitted: CalendarDate(year: 2016, month: 9, day: 1),
                consent: consent)
        case .recent:
            State(
                id: id, name: "State \(id)", region: region, lastVisit: CalendarDate(year: 2019, month: 2, day: 1),
                lastVisitType: .comprehensive, consent: consent)
        }
    }
}

/// A test candidate with the facts the brute force uses.
struct TestCandidate {
    var id: String
    var region: String
    var score: Double
    var profile: Profile
    var consent: Consent

    var isFollowUp: Bool { profile == .followUp }
    var neverVisited: Bool { profile == .never }
    var eligible: Bool { profile != .recent && consent != .refused }
}

/// Ranks by descending score, ties by id: SPEC §3, written again here.
func ranks(_ candidates: [TestCandidate]) -> [Int] {
    let order = candidates.indices.sorted {
        (candidates[$0].score, candidates[$1].id) > (candidates[$1].score, candidates[$0].id)
    }
    var rank = [Int](repeating: 0, count: candidates.count)
    for (r, i) in order.enumerated() { rank[i] = r + 1 }
    return rank
}

struct TestInstance {
    var candidates: [TestCandidate]
    var settings: PlanningSettings

    var problem: PlanProblem {
        let rank = ranks(candidates)
        return PlanProblem(
            candidates: candidates.indices.map { i in
                let c = candidates[i]
                return PlanCandidate(
                    state: c.profile.state(id: c.id, region: c.region, consent: c.consent),
                    score: c.score, rank: rank[i], drivers: ["d_\(c.id)"])
            },
            settings: settings, asOf: asOf2020)
    }

    func cost(_ i: Int) -> Double {
        settings.cost[candidates[i].isFollowUp ? .followUp : .comprehensive] ?? 0
    }

    /// Whether a list (indices) satisfies every constraint, checked directly from the settings.
    /// `refused` drops one included State's `include` obligation (its consent was refused).
    func isFeasible(_ list: [Int], refused: String? = nil) -> Bool {
        let s = settings
        guard list.count == s.visits else { return false }
        let ids = Set(list.map { candidates[$0].id })
        if list.contains(where: { !candidates[$0].eligible }) { return false }
        if s.exclude.contains(where: ids.contains) { return false }
        if s.include.contains(where: { $0 != refused && !ids.contains($0) }) { return false }
        if let budget = s.budget, list.reduce(0, { $0 + cost($1) }) > budget + 1e-9 { return false }
        for (region, bounds) in s.regions {
            let n = list.filter { candidates[$0].region == region }.count
            if let min = bounds.min, n < min { return false }
            if let max = bounds.max, n > max { return false }
        }
        if list.filter({ candidates[$0].neverVisited }).count < s.neverVisitedMin ?? 0 { return false }
        if list.filter({ candidates[$0].isFollowUp }).count < s.followUpsMin ?? 0 { return false }
        return true
    }

    /// The best score sum over every subset of exactly `visits` candidates, or nil if none is feasible.
    func bruteForceOptimum() -> Double? {
        var best: Double?
        var list: [Int] = []
        func extend(from start: Int) {
            if list.count == settings.visits {
                if isFeasible(list) {
                    let sum = list.reduce(0) { $0 + candidates[$1].score }
                    if best == nil || sum > best! { best = sum }
                }
                return
            }
            let needed = settings.visits - list.count
            guard start + needed <= candidates.count else { return }
            for i in start...(candidates.count - needed) {
                list.append(i)
                extend(from: i + 1)
                list.removeLast()
            }
        }
        extend(from: 0)
        return best
    }
}

/// A random small instance: up to 14 candidates in 3 regions, 4-decimal scores, random bounds.
func randomInstance(seed: UInt64) -> TestInstance {
    var g = TestGenerator(seed: seed)
    let n = 6 + g.below(9)
    let regions = ["Africa", "Asia", "Europe"]
    let profiles = Profile.allCases
    let candidates = (0..<n).map { k in
        TestCandidate(
            id: "C" + String(k < 10 ? "0\(k)" : "\(k)"),
            region: regions[g.below(3)],
            score: Double(g.below(1_000_001)) / 10_000,
            profile: profiles[g.below(100) < 15 ? 3 : g.below(3)],
            consent: g.chance(8) ? .refused : [.given, .pending, .unknown][g.below(3)])
    }
    let visits = 2 + g.below(min(5, n - 2))
    var settings = PlanningSettings(
        visits: visits,
        cost: [.comprehensive: Double(30 + g.below(30)), .followUp: Double(10 + g.below(20))],
        comprehensiveAfterYears: 5, cooldownYears: 2, reserve: 3)
    if g.chance(60) { settings.budget = Double(visits * (15 + g.below(40))) }
    settings.regions = randomRegionBounds(regions, visits: visits, percent: 50, using: &g)
    if g.chance(50) { settings.neverVisitedMin = g.below(3) }
    if g.chance(50) { settings.followUpsMin = g.below(3) }
    if g.chance(20) { settings.include = [candidates[g.below(n)].id] }
    if g.chance(20) { settings.exclude = [candidates[g.below(n)].id] }
    if settings.include.first == settings.exclude.first { settings.exclude = [] }
    return TestInstance(candidates: candidates, settings: settings)
}

/// Bounds for some of `regions` (each with probability `percent`): sometimes a minimum of 0–2,
/// sometimes a maximum of 0 … `visits`.
func randomRegionBounds(
    _ regions: [String], visits: Int, percent: Int, using g: inout TestGenerator
) -> [(name: String, bounds: RegionBounds)] {
    var chosen: [(name: String, bounds: RegionBounds)] = []
    for region in regions where g.chance(percent) {
        var bounds = RegionBounds()
        if g.chance(60) { bounds.min = g.below(3) }
        if g.chance(50) { bounds.max = g.below(visits + 1) }
        chosen.append((region, bounds))
    }
    return chosen
}
