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
    private var tightStart: [Int] = []
    private var tightArcs: [Int] = []
    private var stack: [Int] = []
    private var tight: [Int] = []
    private var fill: [Int] = []
    // The augmenting-path search (see `augment`).
    private var entry: [Gain?] = []
    private var exit: [(gain: Gain, region: Int)?] = []
    private var transfer: [(gain: Gain, region: Int)?] = []
    private var best: [Gain?] = []
    private var came: [(from: Int, region: Int)?] = []
    private var outGain: [Gain?] = []

    /// The optimal number of candidates taken from each group and whether another list ties
    /// with it exactly; nil when no flow of `bounds.free` units meets every bound.
    mutating func optimum(
        bounds: GroupedPlanner.Bounds, members: GroupedPlanner.GroupMembers
    ) -> (counts: [Int], tied: Bool)? {
        let regions = bounds.regionLower.count
        let nodes = 5 + regions
        precondition(members.groups == 3 * regions, "flow: \(members.groups) groups for \(regions) region nodes")
        reset(&classUsed, to: 0, count: 3)
        reset(&regionUsed, to: 0, count: regions)
        reset(&groupUsed, to: 0, count: members.groups)
        reset(&distance, to: .zero, count: nodes)
        reset(&reached, to: false, count: nodes)
        reset(&entry, to: nil, count: 3)
        reset(&exit, to: nil, count: 3)
        reset(&transfer, to: nil, count: 9)
        reset(&best, to: nil, count: 3)
        reset(&came, to: nil, count: 3)
        reset(&outGain, to: nil, count: members.groups)
        for _ in 0..<bounds.free {
            guard augment(bounds: bounds, members: members) else { return nil }
        }
        for c in 0..<3 where classUsed[c] < bounds.classLower[c] { return nil }
        for r in 0..<regions where regionUsed[r] < bounds.regionLower[r] { return nil }
        return (groupUsed, hasTie(bounds: bounds, members: members, nodes: nodes))
    }

    /// Sends one more unit along a longest source–sink path of the residual graph; false when
    /// the sink cannot be reached.
    //
    // A path leaves the source to a class, and alternates regions and classes until it enters
    // the sink from a region: class → region is a group's next candidate in, region → class a
    // group's last candidate out. (Arcs back to the source or out of the sink are never on a
    // source–sink path.) So the search runs on the three class nodes: `entry` from the source,
    // `transfer` between two classes through the best region, `exit` to the sink through the
    // best region; Bellman–Ford on three nodes. Walks that repeat a node are never better than
    // paths (no cycle has positive gain), so repeats need no check.
    private mutating func augment(bounds: GroupedPlanner.Bounds, members: GroupedPlanner.GroupMembers) -> Bool {
        let regions = bounds.regionLower.count
        func value(_ m: GroupedPlanner.Member) -> Gain { Gain(score: m.score, rank: m.rankPoints) }
        func into(_ g: Int) -> Gain? { groupUsed[g] < members.count[g] ? value(members[g, groupUsed[g]]) : nil }
        for g in 0..<members.groups {
            outGain[g] = groupUsed[g] > 0 ? -value(members[g, groupUsed[g] - 1]) : nil
        }
        for c in 0..<3 {
            entry[c] =
                classUsed[c] < bounds.classUpper[c] ? (classUsed[c] < bounds.classLower[c] ? .bonusUnit : .zero) : nil
            exit[c] = nil
            best[c] = nil
            came[c] = nil
        }
        for k in 0..<9 { transfer[k] = nil }
        for r in 0..<regions {
            let sink: Gain? =
                regionUsed[r] < bounds.regionUpper[r]
                ? (regionUsed[r] < bounds.regionLower[r] ? .bonusUnit : .zero) : nil
            for c in 0..<3 {
                guard let gain = into(c * regions + r) else { continue }
                if let sink, exit[c].map({ gain + sink > $0.gain }) ?? true { exit[c] = (gain + sink, r) }
                for d in 0..<3 where d != c {
                    guard let back = outGain[d * regions + r] else { continue }
                    if transfer[3 * c + d].map({ gain + back > $0.gain }) ?? true {
                        transfer[3 * c + d] = (gain + back, r)
                    }
                }
            }
        }
        for c in 0..<3 { best[c] = entry[c] }
        for _ in 0..<3 {
            var changed = false
            for c in 0..<3 {
                guard let start = best[c] else { continue }
                for d in 0..<3 where d != c {
                    guard let step = transfer[3 * c + d] else { continue }
                    if best[d].map({ start + step.gain > $0 }) ?? true {
                        best[d] = start + step.gain
                        came[d] = (c, step.region)
                        changed = true
                    }
                }
            }
            if !changed { break }
        }
        var last: (gain: Gain, visitClass: Int)?
        for c in 0..<3 {
            guard let start = best[c], let out = exit[c] else { continue }
            if last.map({ start + out.gain > $0.gain }) ?? true { last = (start + out.gain, c) }
        }
        guard let last else { return false }
        let r = exit[last.visitClass]!.region
        groupUsed[last.visitClass * regions + r] += 1
        regionUsed[r] += 1
        var c = last.visitClass, steps = 0
        while let step = came[c] {
            groupUsed[step.from * regions + step.region] += 1
            groupUsed[c * regions + step.region] -= 1
            c = step.from
            steps += 1
            precondition(steps <= 3, "flow: the augmenting path loops")
        }
        classUsed[c] += 1
        return true
    }

    /// Bellman–Ford for the longest paths from the reached nodes (no positive cycle exists: the
    /// flow is optimal for its value).
    private mutating func relax(nodes: Int) {
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
                    changed = true
                }
            }
        }
    }

    /// The residual arcs of the current flow, forward ones first (source to sink), then back.
    private mutating func buildArcs(bounds: GroupedPlanner.Bounds, members: GroupedPlanner.GroupMembers) {
        let regions = bounds.regionLower.count
        let sink = 4 + regions
        func value(_ m: GroupedPlanner.Member) -> Gain { Gain(score: m.score, rank: m.rankPoints) }
        arcs.removeAll(keepingCapacity: true)
        for c in 0..<3 where classUsed[c] < bounds.classUpper[c] {
            let gain: Gain = classUsed[c] < bounds.classLower[c] ? .bonusUnit : .zero
            arcs.append(Arc(from: 0, to: 1 + c, gain: gain, kind: .visitClass, index: c, forward: true))
        }
        for g in 0..<members.groups where groupUsed[g] < members.count[g] {
            arcs.append(
                Arc(
                    from: 1 + g / regions, to: 4 + g % regions, gain: value(members[g, groupUsed[g]]),
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
        for g in 0..<members.groups where groupUsed[g] > 0 {
            arcs.append(
                Arc(
                    from: 4 + g % regions, to: 1 + g / regions, gain: -value(members[g, groupUsed[g] - 1]),
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
    private mutating func hasTie(bounds: GroupedPlanner.Bounds, members: GroupedPlanner.GroupMembers, nodes: Int)
        -> Bool
    {
        buildArcs(bounds: bounds, members: members)
        for v in 0..<nodes {
            distance[v] = .zero
            reached[v] = true
        }
        relax(nodes: nodes)
        // Tight arcs by their tail (counting sort).
        reset(&tightStart, to: 0, count: nodes + 1)
        tight.removeAll(keepingCapacity: true)
        for a in arcs.indices where distance[arcs[a].from] + arcs[a].gain == distance[arcs[a].to] {
            tight.append(a)
            tightStart[arcs[a].from + 1] += 1
        }
        for v in 0..<nodes { tightStart[v + 1] += tightStart[v] }
        reset(&tightArcs, to: 0, count: tight.count)
        fill.removeAll(keepingCapacity: true)
        fill.append(contentsOf: tightStart)
        for a in tight {
            tightArcs[fill[arcs[a].from]] = a
            fill[arcs[a].from] += 1
        }
        for t in tight.indices where arcs[tight[t]].kind == .group {
            let a = tight[t]
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

/// Sets `array` to `count` copies of `value`, keeping its storage.
private func reset<T>(_ array: inout [T], to value: T, count: Int) {
    array.removeAll(keepingCapacity: true)
    array.append(contentsOf: repeatElement(value, count: count))
}
