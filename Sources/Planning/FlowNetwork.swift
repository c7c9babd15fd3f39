/// The network of the grouped planner and its maximum-gain flow (successive longest augmenting
/// paths, Bellman–Ford): source → class → (group) → region → sink.
///
/// Nodes: 0 the source, 1 + c the classes (never visited, visited, follow-up), 4 + r the region
/// nodes, 4 + regions the sink. A unit of flow through group g = c × regions + r is one more of
/// that group's candidates on the list (the best one left); sending it back removes the worst
/// one taken. The buffers are kept between calls: one network per thread.
struct FlowNetwork {
    /// A gain, compared level by level: lower-bound bonuses, then score quanta, then rank points.
    struct Gain: Comparable {
        var bonus = 0
        var score = 0
        var rank = 0

        static let zero = Gain()
        static let bonusUnit = Gain(bonus: 1)

        static func + (a: Gain, b: Gain) -> Gain {
            Gain(bonus: a.bonus + b.bonus, score: a.score + b.score, rank: a.rank + b.rank)
        }

        static prefix func - (a: Gain) -> Gain { Gain(bonus: -a.bonus, score: -a.score, rank: -a.rank) }

        static func < (a: Gain, b: Gain) -> Bool { (a.bonus, a.score, a.rank) < (b.bonus, b.score, b.rank) }
    }

    /// A residual arc; `index` is the class, group or region it changes.
    struct Arc {
        enum Kind { case visitClass, group, region }
        var from: Int
        var to: Int
        var gain: Gain
        var kind: Kind
        var index: Int
        var forward: Bool
    }

    private var classUsed: [Int] = []
    private var regionUsed: [Int] = []
    private var groupUsed: [Int] = []
    private var arcs: [Arc] = []
    private var distance: [Gain] = []
    private var reached: [Bool] = []
    private var predecessor: [Int] = []
    private var tightStart: [Int] = []
    private var tightArcs: [Int] = []
    private var stack: [Int] = []

    /// The optimal number of candidates taken from each group and whether another list ties
    /// with it exactly; nil when no flow of `bounds.free` units meets every bound.
    mutating func optimum(
        bounds: GroupedPlanner.Bounds, members: [[GroupedPlanner.Member]]
    ) -> (counts: [Int], tied: Bool)? {
        let regions = bounds.regionLower.count
        let nodes = 5 + regions
        let sink = 4 + regions
        precondition(members.count == 3 * regions, "flow: \(members.count) groups for \(regions) region nodes")
        classUsed = [0, 0, 0]
        regionUsed = [Int](repeating: 0, count: regions)
        groupUsed = [Int](repeating: 0, count: members.count)
        distance = [Gain](repeating: .zero, count: nodes)
        reached = [Bool](repeating: false, count: nodes)
        predecessor = [Int](repeating: -1, count: nodes)
        for _ in 0..<bounds.free {
            buildArcs(bounds: bounds, members: members)
            for v in 0..<nodes { reached[v] = false }
            distance[0] = .zero
            reached[0] = true
            relax(nodes: nodes, recordPath: true)
            guard reached[sink] else { return nil }
            var v = sink, steps = 0
            while v != 0 {
                let arc = arcs[predecessor[v]]
                apply(arc)
                v = arc.from
                steps += 1
                precondition(steps <= nodes, "flow: the augmenting path loops")
            }
        }
        for c in 0..<3 where classUsed[c] < bounds.classLower[c] { return nil }
        for r in 0..<regions where regionUsed[r] < bounds.regionLower[r] { return nil }
        return (groupUsed, hasTie(bounds: bounds, members: members, nodes: nodes))
    }

    /// Bellman–Ford for the longest paths from the reached nodes (no positive cycle exists: the
    /// flow is optimal for its value).
    private mutating func relax(nodes: Int, recordPath: Bool) {
        var changed = true
        var passes = 0
        while changed {
            changed = false
            passes += 1
            precondition(passes <= nodes + 1, "flow: a cycle of positive gain")
            for a in arcs.indices where reached[arcs[a].from] {
                let arc = arcs[a]
                let d = distance[arc.from] + arc.gain
                if !reached[arc.to] || d > distance[arc.to] {
                    distance[arc.to] = d
                    reached[arc.to] = true
                    if recordPath { predecessor[arc.to] = a }
                    changed = true
                }
            }
        }
    }

    private mutating func apply(_ arc: Arc) {
        let step = arc.forward ? 1 : -1
        switch arc.kind {
        case .visitClass: classUsed[arc.index] += step
        case .group: groupUsed[arc.index] += step
        case .region: regionUsed[arc.index] += step
        }
    }

    /// The residual arcs of the current flow, forward ones first (source to sink), then back.
    private mutating func buildArcs(bounds: GroupedPlanner.Bounds, members: [[GroupedPlanner.Member]]) {
        let regions = bounds.regionLower.count
        let sink = 4 + regions
        func value(_ m: GroupedPlanner.Member) -> Gain { Gain(score: m.score, rank: m.rankPoints) }
        arcs.removeAll(keepingCapacity: true)
        for c in 0..<3 where classUsed[c] < bounds.classUpper[c] {
            let gain: Gain = classUsed[c] < bounds.classLower[c] ? .bonusUnit : .zero
            arcs.append(Arc(from: 0, to: 1 + c, gain: gain, kind: .visitClass, index: c, forward: true))
        }
        for g in members.indices where groupUsed[g] < members[g].count {
            arcs.append(Arc(from: 1 + g / regions, to: 4 + g % regions, gain: value(members[g][groupUsed[g]]),
                            kind: .group, index: g, forward: true))
        }
        for r in 0..<regions where regionUsed[r] < bounds.regionUpper[r] {
            let gain: Gain = regionUsed[r] < bounds.regionLower[r] ? .bonusUnit : .zero
            arcs.append(Arc(from: 4 + r, to: sink, gain: gain, kind: .region, index: r, forward: true))
        }
        for r in 0..<regions where regionUsed[r] > 0 {
            let gain: Gain = regionUsed[r] <= bounds.regionLower[r] ? -.bonusUnit : .zero
            arcs.append(Arc(from: sink, to: 4 + r, gain: gain, kind: .region, index: r, forward: false))
        }
        for g in members.indices where groupUsed[g] > 0 {
            arcs.append(Arc(from: 4 + g % regions, to: 1 + g / regions, gain: -value(members[g][groupUsed[g] - 1]),
                            kind: .group, index: g, forward: false))
        }
        for c in 0..<3 where classUsed[c] > 0 {
            let gain: Gain = classUsed[c] <= bounds.classLower[c] ? -.bonusUnit : .zero
            arcs.append(Arc(from: 1 + c, to: 0, gain: gain, kind: .visitClass, index: c, forward: false))
        }
    }

    /// Whether another list has exactly the gain of the current flow.
    //
    // Two optimal lists differ by a circulation of zero gain, made of residual cycles of zero
    // gain; one of them moves a group (a list is its group counts) and has three nodes or more (a
    // group's own back-and-forth loses: its candidates' coefficients are distinct). With
    // potentials π (longest distances from a virtual source, so π(v) ≥ π(u) + gain on every arc),
    // a cycle has zero gain exactly when all its arcs are tight. So: is there a tight group arc
    // u → v and a tight path back from v to u other than the arc v → u itself?
    private mutating func hasTie(bounds: GroupedPlanner.Bounds, members: [[GroupedPlanner.Member]], nodes: Int) -> Bool {
        buildArcs(bounds: bounds, members: members)
        for v in 0..<nodes {
            distance[v] = .zero
            reached[v] = true
        }
        relax(nodes: nodes, recordPath: false)
        // Tight arcs by their tail (counting sort).
        tightStart = [Int](repeating: 0, count: nodes + 1)
        let tight = arcs.indices.filter { distance[arcs[$0].from] + arcs[$0].gain == distance[arcs[$0].to] }
        for a in tight { tightStart[arcs[a].from + 1] += 1 }
        for v in 0..<nodes { tightStart[v + 1] += tightStart[v] }
        tightArcs = [Int](repeating: 0, count: tight.count)
        var fill = tightStart
        for a in tight {
            tightArcs[fill[arcs[a].from]] = a
            fill[arcs[a].from] += 1
        }
        for a in tight where arcs[a].kind == .group {
            let (u, v) = (arcs[a].from, arcs[a].to)
            // Depth-first search from v to u, without the arc v → u.
            for w in 0..<nodes { reached[w] = false }
            stack.removeAll(keepingCapacity: true)
            stack.append(v)
            reached[v] = true
            while let x = stack.popLast() {
                for k in tightStart[x]..<tightStart[x + 1] {
                    let next = arcs[tightArcs[k]].to
                    if x == v && next == u { continue }
                    if next == u { return true }
                    if !reached[next] {
                        reached[next] = true
                        stack.append(next)
                    }
                }
            }
        }
        return false
    }
}
