/// A visit list that satisfies every planning constraint written to model.yaml, which proves the
/// planning problem feasible.
///
/// The constraints are chosen first (visits, follow-ups, never-visited quota, regional minimums
/// where the region has enough eligible candidates, one regional maximum), then a list is built
/// greedily to meet them; whenever the list cannot meet a constraint, that constraint is dropped or
/// loosened to what the list achieves. The budget is at least the list's cost, counting every visit
/// not certainly a follow-up at the comprehensive cost.
struct PlanningWitness {
    var visits: Int
    var selected: [Int] = []
    var followUpsMin = 0
    var neverVisitedMin = 0
    /// Region index → bound, in region order.
    var regionMin: [Int: Int] = [:]
    var regionMax: [Int: Int] = [:]
    var include: Int?
    var exclude: Int?
    var budget: Double = 0
    var reserve = 0
    var eligibleCount = 0

    init(candidates: [CandidateFacts], regionCount: Int) {
        let eligible = candidates.indices.filter { candidates[$0].eligible }
        eligibleCount = eligible.count
        // About half of the eligible candidates, at most 12: a list, not everyone.
        visits = min(World.maximumVisits, max(1, eligible.count / 2))
        let visits = visits
        precondition(!eligible.isEmpty, "synthesis: candidate 1 is always eligible")

        var eligibleByRegion = Array(repeating: [Int](), count: regionCount)
        for i in eligible { eligibleByRegion[Int(candidates[i].region)].append(i) }
        let followUps = eligible.filter { candidates[$0].followUp }
        let never = eligible.filter { candidates[$0].neverVisited }

        // Targets, scaled to the list's length.
        let followUpTarget = min(followUps.count, visits >= 4 ? 2 : visits >= 2 ? 1 : 0)
        let neverTarget = min(never.count, visits >= 6 ? 3 : visits >= 3 ? 1 : 0)
        let perRegion = visits / 6
        let byEligible = (0..<regionCount).sorted {
            (eligibleByRegion[$0].count, -$0) > (eligibleByRegion[$1].count, -$1)
        }
        var minRegions: [Int] = []
        if perRegion >= 1 {
            // Regional minimums only where the region has at least twice as many eligible candidates.
            minRegions = Array(byEligible.filter { eligibleByRegion[$0].count >= 2 * perRegion }.prefix(3))
        }
        let maxRegion = visits >= 4 ? byEligible.first { !minRegions.contains($0) } : nil
        let maxTarget = (visits + 2) / 3

        // Try the full set of constraints, then looser ones, until the greedy list fits.
        let attempts: [(followUps: Int, never: Int, regions: [Int])] = [
            (followUpTarget, neverTarget, minRegions),
            (followUpTarget, 0, minRegions),
            (followUpTarget, 0, []),
            (0, 0, []),
        ]
        for attempt in attempts {
            var picked: [Int] = []
            var taken = Set<Int>()
            var countInRegion = Array(repeating: 0, count: regionCount)
            func take(_ i: Int) {
                picked.append(i)
                taken.insert(i)
                countInRegion[Int(candidates[i].region)] += 1
            }
            for i in followUps.prefix(attempt.followUps) { take(i) }
            for i in never.prefix(attempt.never) { take(i) }
            for region in attempt.regions {
                for i in eligibleByRegion[region] where countInRegion[region] < perRegion && !taken.contains(i) {
                    take(i)
                }
            }
            guard picked.count <= visits else { continue }
            // Fill up, keeping the capped region under its bound when other candidates allow it.
            for i in eligible where picked.count < visits && !taken.contains(i) {
                if let maxRegion, Int(candidates[i].region) == maxRegion, countInRegion[maxRegion] >= maxTarget {
                    continue
                }
                take(i)
            }
            for i in eligible where picked.count < visits && !taken.contains(i) { take(i) }

            selected = picked
            followUpsMin = attempt.followUps
            neverVisitedMin = attempt.never
            for region in attempt.regions { regionMin[region] = perRegion }
            if let maxRegion { regionMax[maxRegion] = max(maxTarget, countInRegion[maxRegion]) }
            break
        }

        // A prior commitment: the first selected candidate that asked for a visit, else the first.
        if visits >= 2 {
            include = selected.first { candidates[$0].requestedVisit } ?? selected.first
        }
        // An exclusion that the list does not need.
        let chosen = Set(selected)
        if visits >= 2 { exclude = eligible.first { !chosen.contains($0) } }

        let certainFollowUps = selected.filter { candidates[$0].followUp }.count
        let cost =
            Double(certainFollowUps) * World.followUpCost
            + Double(visits - certainFollowUps) * World.comprehensiveCost
        // Tight enough to matter (40 a visit on average), never below the list's cost.
        budget = (max(cost, 40 * Double(visits)) / 5).rounded(.up) * 5
        reserve = max(0, min(5, eligible.count - visits - (exclude == nil ? 0 : 1)))
    }
}
