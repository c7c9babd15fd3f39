import Committee
import Confidentiality
import Dataset
import Foundation
import Mustache
import Planning
import Scoring
import Sensitivity
import TextOutput

/// The self-contained HTML report of one dataset for one audience: the proposed list, why each
/// State scores as it does, how robust both are, the model, and what-if sliders (see
/// Guides/Report.md).
///
/// The page needs no network: its CSS, script and SVG charts are inline. It is rendered from a
/// Mustache template, so every text taken from the data is HTML-escaped.
public struct HTMLReport: Sendable {
    public let inputs: ReportInputs
    /// What this edition may print (SPEC §8); a public edition carries its audit's figures.
    public let edition: Edition
    /// Version, generation time and fingerprint for the footer; nil leaves them out.
    public let stamp: ReportStamp?

    public init(inputs: ReportInputs, edition: Edition, stamp: ReportStamp? = nil) {
        self.inputs = inputs
        self.edition = edition
        self.stamp = stamp
    }

    /// The edition for `audience` as ``Disclosure`` decides it, not yet audited.
    public init(inputs: ReportInputs, audience: Audience = .internal, stamp: ReportStamp? = nil) {
        self.init(
            inputs: inputs, edition: Disclosure.edition(audience, table: inputs.table, dataset: inputs.dataset),
            stamp: stamp)
    }

    public var audience: Audience { edition.audience }

    /// The whole page.
    public func render() -> String {
        ReportTemplate.page.render(page())
    }

    // MARK: Shared facts

    var table: ScoreTable { inputs.table }
    var tree: CriteriaTree { inputs.table.tree }
    private var states: [State] { inputs.dataset.states }
    /// Whether the edition prints candidate `i`'s score, rank and contributions.
    private func showsScore(_ i: Int) -> Bool { edition.showsScore(of: states[i].id) }
    private var topLevel: [Int] { tree.nodes[0].children }

    /// The States the charts show: the top 2 × visits (at least 20) by rank, and every State on
    /// the list or the reserve, by rank.
    private var shownStates: [Int] {
        let published = table.order.filter(showsScore)
        let depth = min(max(2 * inputs.visits, 20), published.count)
        var shown = Set(published.prefix(depth))
        let index = Dictionary(uniqueKeysWithValues: states.enumerated().map { ($1.id, $0) })
        for id in (inputs.plan?.selectedIDs ?? []) + (inputs.plan?.reserve.map(\.id) ?? []) {
            if let i = index[id], showsScore(i) { shown.insert(i) }
        }
        return table.order.filter(shown.contains)
    }

    private func displayName(_ i: Int) -> String { "\(states[i].name) (\(states[i].id))" }

    private func criterionName(_ node: Int) -> String {
        let n = tree.nodes[node]
        return n.name == n.id ? n.id : "\(n.name) (\(n.id))"
    }

    /// A leaf's id as a reason on the list, or nil when the audience may not see it.
    private func driverName(_ id: String) -> String? {
        guard let node = tree.index(of: id) else { return id }
        return edition.withheldEverywhere.contains(id)
            || tree.nodes[node].leaf?.confidential == true && edition.isPublic
            ? nil : tree.nodes[node].name
    }

    // MARK: The page

    func page() -> PageModel {
        let model = inputs.dataset.model
        let isPublic = audience == .public
        return PageModel(
            title: model.name,
            asOf: model.asOf.description,
            isPublic: isPublic,
            audienceLabel: isPublic ? "Public edition" : "Internal edition",
            audienceNote: isPublic
                ? (edition.holdsConfidential
                    ? (edition.statement + (edition.audit.map { [$0.description] } ?? [])).joined(separator: " ")
                    : "The data hold no confidential value.")
                : (edition.holdsConfidential
                    ? "This edition contains information that States asked to keep confidential. Do not circulate it; use --audience public for a shareable edition."
                    : "The data hold no confidential value."),
            summary: summary(),
            style: ReportTemplate.style,
            script: ReportTemplate.script,
            list: inputs.plan.map(listSection),
            noPlanNote: inputs.plan == nil
                ? "The model has no planning section, so no list is proposed; the ranking and its robustness follow."
                : nil,
            contributions: contributionSection(),
            robustness: robustnessSection(),
            model: modelSection(),
            whatIf: whatIfSection(),
            members: membersSection(),
            footer: "Written by visitplan report from \(states.count) candidates, as of \(model.asOf). "
                + "Robustness: \(inputs.settings.samples) Monte Carlo samples (seed \(inputs.settings.seed))"
                + (inputs.plan != nil ? ", \(inputs.settings.planSamples) re-planned samples" : "")
                + ", Sobol with \(inputs.settings.sobolSamples) base samples.",
            programmeGrid: programmeGridSection(),  // Programme grid (issue 17)
            stamp: footerStamp(),
            history: historySection(),
            auditSection: auditSection()  // The audit section (issue 19)
        )
    }

    /// The footer's stamp. A public edition of data with confidential values leaves the
    /// fingerprint out, as a public plan does: it digests files that hold the confidential
    /// values, so a reader holding the other files could test guesses of a value against it.
    private func footerStamp() -> FooterStamp? {
        guard let stamp else { return nil }
        let omit = edition.isPublic && edition.holdsConfidential
        return FooterStamp(
            version: stamp.version, generated: stamp.generatedText,
            fingerprint: omit ? nil : stamp.fingerprint,
            fingerprintNote: omit && stamp.fingerprint != nil
                ? "The dataset fingerprint is left out of this edition: it digests files that hold confidential values, "
                    + "against which a reader could test guesses of a value." : nil,
            ledger: stamp.ledgerEvents.map { "ledger.sqlite: \($0) event\($0 == 1 ? "" : "s") recorded" })
    }

    private func summary() -> [String] {
        var lines: [String] = []
        let s = inputs.sensitivity
        if let plan = inputs.plan {
            let index = Dictionary(uniqueKeysWithValues: s.ids.enumerated().map { ($1, $0) })
            var text = "The model proposes \(plan.selected.count) visits"
            if let budget = inputs.dataset.model.planning?.budget {
                text += " at a cost of \(Format.weight(plan.totalCost)) of a budget of \(Format.weight(budget))"
            }
            text += ", chosen exactly to give the highest total score under the planning constraints."
            lines.append(text)
            if let selection = s.selection, !edition.withholdsPooledResults {
                let firm = plan.selected.filter { v in index[v.id].map { selection.probability($0) >= 0.9 } ?? false }
                let weak = plan.selected.filter { v in index[v.id].map { selection.probability($0) < 0.5 } ?? false }
                var robust =
                    "\(firm.count) of the \(plan.selected.count) stay on the list in at least 90% of "
                    + "\(selection.samples) re-plans with perturbed weights"
                robust +=
                    weak.isEmpty
                    ? "."
                    : "; \(Format.list(weak.map { "\($0.name) (\($0.id))" })) "
                        + (weak.count == 1 ? "stays" : "stay") + " in fewer than half."
                lines.append(robust)
            }
        }
        let leader = table.order.first(where: showsScore).map(displayName) ?? "—"
        lines.append(
            "\(states.count) candidates are scored on \(topLevel.count) criteria "
                + "(\(Format.list(topLevel.map { tree.nodes[$0].name }))) built from \(tree.leafNodes.count) indicators; "
                + "\(leader) ranks first"
                + (edition.withholdsPooledResults ? " among the States whose scores this edition publishes." : "."))
        return lines
    }

    // MARK: 6. Where the members agree

    /// The committee's lists beside the proposed one, the consensus counts and the members'
    /// consistency; nil without a panel. The public edition withholds it whole, as `visitplan
    /// panel` refuses the public audience: the members' lists could narrow confidential values.
    private func membersSection() -> MembersSection? {
        guard let panel = inputs.panel else { return nil }
        let m = panel.members.count
        guard !edition.isPublic else {
            return MembersSection(
                intro: "",
                withheld: "The committee's section (each member's list and weights) is withheld in this edition: "
                    + "the members' views are internal deliberation, and their lists could narrow confidential values.",
                memberNames: [], rows: [], consensusNote: "", consistency: [])
        }
        let proposed = Set(inputs.plan?.selectedIDs ?? [])
        let lists = panel.members.map { Set($0.plan.selectedIDs) }
        let agreed = Set(panel.consensusList.selected)
        let counts = Dictionary(uniqueKeysWithValues: panel.consensus.map { ($0.id, $0.lists) })
        // Proposed States first, then by how many lists hold them, then in rank order.
        let rank = Dictionary(uniqueKeysWithValues: table.order.enumerated().map { ($1, $0) })
        let shown = states.indices.filter { i in
            [proposed, agreed].contains { $0.contains(states[i].id) } || (counts[states[i].id] ?? 0) > 0
        }
        .sorted {
            let (a, b) = (states[$0].id, states[$1].id)
            return (proposed.contains(a) ? 0 : 1, -(counts[a] ?? 0), rank[$0] ?? 0)
                < (proposed.contains(b) ? 0 : 1, -(counts[b] ?? 0), rank[$1] ?? 0)
        }
        let rows = shown.map { i in
            let id = states[i].id
            return MemberGridRow(
                name: states[i].name, id: id, proposed: proposed.contains(id), agreed: agreed.contains(id),
                cells: lists.map { MemberCell(on: $0.contains(id)) }, count: "\(counts[id] ?? 0) of \(m)")
        }
        var note =
            "On every member's list: \(panel.onEveryList.isEmpty ? "none" : Format.list(panel.onEveryList)); "
            + "contested (on some lists): \(panel.contested.count) States; on none: \(panel.onNoList.count)."
        let consensus = panel.consensusList
        if case .tolerance(let tau) = consensus.rule {
            note +=
                " The consensus list within \(Format.weight(tau)) score points of each member's own optimum is "
                + "acceptable to \(consensus.satisfiedCount) of \(m) members (`visitplan panel` explains it member by member)."
        }
        let consistency = panel.members.flatMap { member in
            member.weights.comparisons.map { c in
                ConsistencyRow(
                    member: member.weights.member.name,
                    node: c.node == tree.nodes[0].id ? "the top level" : factorName(c.node),
                    lambdaMax: Format.fixed(c.priorities.lambdaMax, 4),
                    ratio: Format.fixed(c.priorities.consistencyRatio, 4),
                    flagged: !c.priorities.isConsistent,
                    judgement: c.mostInconsistent.map { j in
                        "\(factorName(c.children[j.row])) over \(factorName(c.children[j.column])): given \(Format.raw(j.given)), "
                            + "consistent \(Format.fixed(j.consistent, 3)); CR would fall to \(Format.fixed(j.ratioAfter, 3))"
                    } ?? "")
            }
        }
        return MembersSection(
            intro: "The committee of panel.yaml: each member's weights give their own list, solved as the proposed "
                + "list is. The grid shows every State on the proposed list, on the committee's consensus list or on some member's list.",
            withheld: nil, memberNames: panel.members.map { $0.weights.member.name }, rows: rows,
            consensusNote: note, consistency: consistency)
    }

    // MARK: 1. The proposed list

    private func listSection(_ plan: Plan) -> ListSection {
        let pooled = edition.withholdsPooledResults
        // In rank order, or by id when the order would rank withheld scores.
        let listed = pooled ? plan.selected.sorted { $0.id < $1.id } : plan.selected
        let selected = listed.enumerated().map { k, v in
            let shows = edition.showsScore(of: v.id)
            return SelectedRow(
                position: k + 1, name: v.name, id: v.id, region: v.region, visitType: v.visitType.rawValue,
                score: shows ? Format.score(v.score) : "withheld",
                rank: edition.rank(of: v.id, inField: v.rank).map(String.init) ?? "withheld",
                reasons: SelectedVisit.reasons(v.serves),
                drivers: shows ? v.drivers.compactMap(driverName).joined(separator: ", ") : "withheld")
        }
        let reserve =
            pooled
            ? []
            : plan.reserve.enumerated().map { k, r in
                ReserveRow(
                    position: k + 1, name: r.name, id: r.id, region: r.region, visitType: r.visitType.rawValue,
                    score: Format.score(r.score), rank: String(r.rank),
                    replaces: r.replaces.map { "\($0)" } ?? "no single swap keeps every constraint")
            }
        let constraints = plan.constraints.map { c in
            let relation =
                switch c.kind {
                case .equal: "= "
                case .atLeast: "≥ "
                case .atMost: "≤ "
                }
            return ConstraintRow(
                name: c.name, bound: relation + Format.weight(c.bound), value: Format.weight(c.value), binds: c.binds,
                status: c.standing == .slackBelowOneSwap
                    ? "slack \(Format.weight(c.slack)), below one swap (\(Format.weight(c.smallestSwap ?? 0)))"
                    : "slack \(Format.weight(c.slack))")
        }
        let excluded =
            pooled
            ? []
            : plan.excluded.map {
                ExcludedRow(
                    name: $0.name, id: $0.id, rank: $0.rank, score: Format.score($0.score),
                    reason: $0.reason.description)
            }
        let binding = plan.constraints.filter { $0.binds && $0.kind != .equal }.map(\.name)
        // A constraint with room left but less than one swap needs holds the list as a bound does:
        // said here, so that the summary, the table and the reasons agree.
        let belowOneSwap = plan.constraints.filter { $0.standing == .slackBelowOneSwap }.map {
            " The \($0.name) has \(Format.weight($0.slack)) left, less than the \(Format.weight($0.smallestSwap ?? 0)) "
                + "that one swap to a dearer visit adds, so no such swap fits."
        }.joined()
        var intro = "\(plan.selected.count) visits, " + (pooled ? "by id. " : "by rank. ")
        intro +=
            pooled
            ? (binding.isEmpty
                ? "No constraint other than the number of visits is at its bound."
                : "Binding constraints: \(Format.list(binding)).") + belowOneSwap
            : binding.isEmpty
                ? "No constraint other than the number of visits is at its bound." + belowOneSwap
                    + " The table of high-ranked States left out says why each is not on the list."
                : "Binding constraints: \(Format.list(binding)); they pull the list away from the plain top of the ranking."
                    + belowOneSwap
        if pooled {
            intro +=
                " In this edition the scores and ranks of States whose scores rest on confidential values, "
                + "the reserve list and the high-ranked States left out are withheld: they order withheld scores."
        }
        let (chart, note) =
            pooled
            ? (
                "",
                "The comparison with the ranking's top \(plan.selected.count) is withheld in this edition: that top rests on withheld scores."
            )
            : regionBalance(plan)
        let (firmness, firmnessNote) = pooled ? ([], "") : firmness(plan)
        return ListSection(
            intro: intro, selected: selected, reserve: reserve,
            reserveWithheld: pooled
                ? "The reserve list is withheld in this edition: its order ranks scores that rest on confidential values."
                : nil,
            constraints: constraints,
            excluded: excluded, hasExcluded: !excluded.isEmpty, excludedDepth: 2 * plan.visits,
            regionChart: chart, regionNote: note, firmness: firmness, firmnessNote: firmnessNote,
            hasFirmness: !firmness.isEmpty,
            visits: plan.visits)
    }

    /// The robustness summary of the list, for the first page: each State on it with its rank
    /// interval under perturbed weights, P(top visits) and P(selected) (section 3 has the rest).
    private func firmness(_ plan: Plan) -> ([FirmnessRow], String) {
        let s = inputs.sensitivity
        let d = s.distribution
        let index = Dictionary(uniqueKeysWithValues: s.ids.enumerated().map { ($1, $0) })
        let rows = plan.selected.compactMap { v -> FirmnessRow? in
            guard let c = index[v.id] else { return nil }
            let low = Int(d.rankPercentile(c, 0.05).rounded(.down)), high = Int(d.rankPercentile(c, 0.95).rounded(.up))
            return FirmnessRow(
                name: v.name, id: v.id, interval: low == high ? "\(low)" : "\(low)–\(high)",
                top: Format.probability(d.probabilityInTop(c, inputs.visits)),
                selected: s.selection.map { Format.probability($0.probability(c)) } ?? "—")
        }
        var note =
            "Under \(s.samples) samples of perturbed weights (\(s.perturbation)): the ranks each State on the list "
            + "takes in 90% of them, how often it is in the ranking's top \(inputs.visits)"
        if let selection = s.selection {
            note += ", and how often it is on the list when the planner is re-solved (\(selection.samples) samples)"
        }
        return (rows, note + ". Section 3 shows the same for the ranking's leaders.")
    }

    /// Each region's share of the list next to its share of the ranking's top `visits`.
    private func regionBalance(_ plan: Plan) -> (String, String) {
        let k = plan.selected.count
        var regions: [String] = []
        for s in states where !regions.contains(s.region) { regions.append(s.region) }
        regions.sort()
        let top = table.order.prefix(k).map { states[$0].region }
        let listed = plan.selected.map(\.region)
        let counts = regions.map { r in (listed.filter { $0 == r }.count, top.filter { $0 == r }.count) }
        let share = { (count: Int) in Double(count) / Double(max(k, 1)) }
        let chart = Charts.pairedBars(
            groups: regions, values: counts.map { (share($0.0), share($0.1)) },
            labels: counts.map {
                ("\($0.0) (\(Format.percent(share($0.0))))", "\($0.1) (\(Format.percent(share($0.1))))")
            },
            legend: ("on the proposed list", "in the ranking's top \(k)"),
            unit: "share of the list, and of the ranking's top \(k)",
            title: "Regional balance: each region's share of the proposed list and of the ranking's top \(k)")
        let moved = zip(regions, counts).compactMap { r, count -> String? in
            let diff = count.0 - count.1
            guard diff != 0 else { return nil }
            return diff > 0 ? "\(r) +\(diff)" : "\(r) \(diff)"
        }
        let note =
            moved.isEmpty
            ? "The list has the same regional make-up as the ranking's top \(k)."
            : "Compared with the ranking's top \(k): \(moved.joined(separator: ", ")) (the constraints and eligibility at work)."
        return (chart, note)
    }

    // MARK: 2. Contributions

    /// The contribution of each top-level criterion to candidate `i`'s score: the sum of its
    /// leaves' contributions (exact shares on arithmetic paths, see Scoring's contributionSplit).
    private func topLevelContributions(_ i: Int) -> [Double] {
        let c = table.candidates[i]
        return topLevel.map { node in
            tree.leafNodes.enumerated().reduce(0.0) { sum, leaf in
                isDescendant(leaf.element, of: node) ? sum + c.contributions[leaf.offset] : sum
            }
        }
    }

    private func isDescendant(_ node: Int, of ancestor: Int) -> Bool {
        var current: Int? = node
        while let c = current {
            if c == ancestor { return true }
            current = tree.nodes[c].parent
        }
        return false
    }

    private func contributionSection() -> ContributionSection {
        let shown = shownStates
        let rows = shown.map { i in
            ChartRow(
                label:
                    "\(edition.rank(of: states[i].id, inField: table.ranks[i]) ?? table.ranks[i]). \(states[i].name)",
                detail: "\(displayName(i)), \(states[i].region)")
        }
        let segments = shown.map { i in
            let parts = topLevelContributions(i)
            return topLevel.enumerated().map { k, node in
                edition.showsValue(of: tree.nodes[node].id, for: states[i].id) ? parts[k] : nil
            }
        }
        let chart = Charts.stackedBars(
            rows: rows, segments: segments, totals: shown.map { Format.score(table.candidates[$0].score) },
            coverage: shown.map { table.candidates[$0].coverage },
            series: topLevel.map { tree.nodes[$0].name },
            title: "Contributions of each criterion to the score of the top \(shown.count) States, and their coverage")
        let lowCoverage = shown.filter { table.candidates[$0].coverage < 0.7 }.map(displayName)
        var intro =
            "Each bar is a State's score split by criterion: the segments add up to the score. "
            + "Coverage is the share of the model's weight resting on data that exist for the State "
            + "(100% = every indicator present); missing indicators are left out and the others reweighted."
        if !lowCoverage.isEmpty {
            intro += " Below 70% coverage, read the score with care: \(Format.list(lowCoverage))."
        }
        let decomposition =
            tree.isArithmetic
            ? "Every node of the tree is a weighted mean, so the contributions are exact shares of the score."
            : "Some nodes are not weighted means (geometric or TOPSIS); below them a node's contribution is shared among its children in proportion to weight × value, so the segments still add up to the score."
        let details = shown.map { i in stateDetail(i) }
        return ContributionSection(
            intro: intro, chart: chart, decomposition: decomposition,
            withheldNote: edition.isPublic && edition.holdsConfidential
                ? "Confidential values, and the scores and criteria that rest on them, are withheld in this edition: only States whose scores are published are shown."
                : nil,
            states: details)
    }

    private func stateDetail(_ i: Int) -> StateDetail {
        let c = table.candidates[i]
        let parts = topLevelContributions(i)
        let id = states[i].id
        let groups = topLevel.enumerated().map { k, node in
            let leaves = tree.leafNodes.enumerated().filter { isDescendant($0.element, of: node) }.map { l, leafNode in
                let column = table.engine.leaves[l]
                let withheld = !edition.showsValue(of: tree.nodes[leafNode].id, for: id)
                let note =
                    withheld
                    ? "confidential: withheld"
                    : !column.present[i]
                        ? (column.imputed[i] ? "missing: imputed" : "missing")
                        : ""
                return LeafRow(
                    name: tree.nodes[leafNode].name, id: tree.nodes[leafNode].id,
                    raw: withheld ? "" : Format.raw(column.raw[i]),
                    normalised: withheld ? "" : Format.normalised(column.normalised[i]),
                    contribution: withheld ? "" : Format.score(c.contributions[l]),
                    withheld: withheld, note: note)
            }
            return LeafGroup(
                name: tree.nodes[node].name,
                contribution: edition.showsValue(of: tree.nodes[node].id, for: id)
                    ? Format.score(parts[k]) : "withheld",
                leaves: leaves)
        }
        return StateDetail(
            name: states[i].name, id: states[i].id,
            rank: edition.rank(of: id, inField: c.rank).map(String.init) ?? "withheld", score: Format.score(c.score),
            coverage: Format.percent(c.coverage), groups: groups)
    }

    // MARK: 3. Robustness

    private func robustnessSection() -> RobustnessSection {
        if edition.withholdsPooledResults {
            return RobustnessSection(
                intro: "How much the ranking and the list depend on the exact weights is withheld in this edition: "
                    + "rank intervals, selection probabilities, Sobol indices and one-at-a-time thresholds are computed "
                    + "from every State's score, including the withheld ones.",
                intervalChart: "", intervalNote: "", sobolChart: "", sobolNote: "", thresholds: [], thresholdNote: "")
        }
        let s = inputs.sensitivity
        let d = s.distribution
        let index = Dictionary(uniqueKeysWithValues: s.ids.enumerated().map { ($1, $0) })
        let shown = shownStates.compactMap { index[states[$0].id] }
        let listed = Set(inputs.plan?.selectedIDs ?? [])
        // States that cannot be on the list (consent, cooldown, an exclusion) are in the ranking
        // but have no chance of selection to show.
        let barred = Set(
            inputs.plan?.excluded.filter { $0.kind == .ineligible || $0.kind == .excludedByDecision }.map(\.id) ?? [])
        var headers = ["P(top \(inputs.visits))"]
        if s.selection != nil { headers.append("P(selected)") }
        let chart = Charts.rankIntervals(
            rows: shown.map { c in
                ChartRow(
                    label: (listed.contains(s.ids[c]) ? "● " : "") + "\(s.nominalRanks[c]). \(s.names[c])",
                    detail: "\(s.names[c]) (\(s.ids[c]))" + (listed.contains(s.ids[c]) ? ", on the proposed list" : ""))
            },
            // Percentiles of mid-ranks may be halves (ties): the interval drawn takes in the whole ranks.
            low: shown.map { Int(d.rankPercentile($0, 0.05).rounded(.down)) },
            median: shown.map { Int(d.rankPercentile($0, 0.5).rounded(.toNearestOrEven)) },
            high: shown.map { Int(d.rankPercentile($0, 0.95).rounded(.up)) }, nominal: shown.map { s.nominalRanks[$0] },
            visits: inputs.visits,
            probabilities: shown.map { c in
                [Format.probability(d.probabilityInTop(c, inputs.visits))]
                    + (s.selection.map { [barred.contains(s.ids[c]) ? "—" : Format.probability($0.probability(c))] }
                        ?? [])
            },
            probabilityHeaders: headers,
            title:
                "The ranking under perturbed weights: rank intervals (5th–95th percentile) and selection probabilities")
        var intervalNote =
            "\(s.samples) weight samples (\(s.perturbation)). A short line means the rank hardly "
            + "depends on the exact weights; a line crossing the dashed boundary means the State may or may not "
            + "make the top \(inputs.visits)."
        if let selection = s.selection {
            intervalNote +=
                " P(selected) re-solves the planner for \(selection.samples) of the samples"
                + (selection.infeasible > 0 ? " (\(selection.infeasible) of them infeasible)" : "")
                + "; ● marks the proposed list."
            if shown.contains(where: { barred.contains(s.ids[$0]) }) {
                intervalNote +=
                    " — marks a State that cannot be on the list (consent, cooldown or a decision to exclude it): "
                    + "it is in the ranking, not a candidate for the list."
            }
        }
        let (sobolChart, sobolNote) = sobolBars()
        let (thresholds, thresholdNote) = thresholdSentences()
        return RobustnessSection(
            intro: "How much the ranking and the list depend on the exact weights, which are judgements, not facts. "
                + "The ranking holds every State; the list only those that can be visited.",
            intervalHeading: "The ranking's leaders: rank intervals, P(top \(inputs.visits))"
                + (s.selection != nil ? " and P(selected)" : ""),
            thresholdHeading: "Where the ranking's top \(inputs.visits) changes (one weight at a time)",
            intervalChart: chart, intervalNote: intervalNote, sobolChart: sobolChart, sobolNote: sobolNote,
            thresholds: thresholds, thresholdNote: thresholdNote)
    }

    /// The name a reader sees for a weight (a node or leaf of the tree); the id only when the
    /// tree does not know it.
    private func factorName(_ factor: String) -> String {
        tree.index(of: factor).map { tree.nodes[$0].name } ?? factor
    }

    /// The name a reader sees for a Sobol factor: the name of the node whose weight it varies,
    /// `normalisation` or `aggregation` for a method alternative.
    private func factorName(_ factor: SobolFactor) -> String {
        factor.node.map { factorName($0) } ?? factor.description
    }

    private func sobolBars() -> (String, String) {
        guard let sobol = inputs.sensitivity.sobol else { return ("", "") }
        let s = sobol.rankShift
        func key(_ i: Int) -> Double { s.total[i].isNaN ? -1 : s.total[i] }
        let order = sobol.factors.indices.sorted { key($0) != key($1) ? key($0) > key($1) : $0 < $1 }.prefix(12)
        func interval(_ bounds: [(low: Double, high: Double)], _ i: Int) -> String {
            bounds.isEmpty ? "" : " [\(Format.fixed(bounds[i].low, 2)), \(Format.fixed(bounds[i].high, 2))]"
        }
        let chart = Charts.barPairs(
            rows: order.map { i in
                ChartRow(
                    label: factorName(sobol.factors[i]), detail: "\(factorName(sobol.factors[i])) (\(sobol.factors[i]))"
                )
            },
            values: order.map { (s.first[$0], s.total[$0]) },
            labels: order.map { i in
                (
                    Format.fixed(s.first[i], 2) + interval(s.firstInterval, i),
                    Format.fixed(s.total[i], 2) + interval(s.totalInterval, i)
                )
            },
            legend: ("first-order (the weight alone)", "total (with its interactions); [95% interval]"),
            unit: "Sobol index: share of the variance of the mean absolute rank shift (0–1)",
            tickFormat: { Format.trimmed($0, 2) },
            title: "Sobol indices of each weight on the mean absolute rank shift")
        var note =
            "The share of the variation of the ranking (mean absolute rank shift from the model's ranking) "
            + "due to each weight, each varied uniformly within ±spread of its value; "
            + "first-order by Saltelli et al. (2010), total by Jansen (1999), \(sobol.baseSamples) base samples."
        if let lead = order.first, !s.total[lead].isNaN {
            note +=
                " The weight of \(factorName(sobol.factors[lead])) matters most: \(Format.percent(s.first[lead])) "
                + "of the variation alone, \(Format.percent(s.total[lead])) with its interactions."
        }
        if sobol.factors.count > order.count {
            note += " The \(order.count) most influential of \(sobol.factors.count) factors are shown."
        }
        note +=
            " An index cannot be negative, but its estimate can: a value a little below zero, or an interval "
            + "that crosses zero, is the estimator's sampling noise around an index of zero (a weight with no "
            + "measurable effect), and a value that rounds to zero is printed 0.00."
        note += " " + effectiveAgainstSobol(sobol.factors, total: s.total)
        return (chart, note)
    }

    /// The sentence that reconciles effective weights (section 4) with Sobol indices, naming the
    /// weight that shows the difference most when there is one.
    private func effectiveAgainstSobol(_ factors: [SobolFactor], total: [Double]) -> String {
        var sentence =
            "Effective weights and Sobol indices answer different questions: an effective weight says how much "
            + "an indicator's values, at the model's weights, move the scores (little when few States differ on it), "
            + "a Sobol index how much the ranking moves when that weight is uncertain"
        let effective = Dictionary(
            inputs.sensitivity.influence.map { ($0.id, $0.effective) }, uniquingKeysWith: { a, _ in a })
        let ranked = factors.indices.filter { total[$0].isFinite }.sorted { total[$0] > total[$1] }
        // A weight among the three most influential whose indicator carries under 2% of the
        // scores' variation: the case that looks like a contradiction.
        func effectiveWeight(_ factor: SobolFactor) -> Double? { factor.node.flatMap { effective[$0] } }
        if let k = ranked.prefix(3).first(where: { (effectiveWeight(factors[$0]) ?? 1) < 0.02 }) {
            sentence +=
                "; so \(factorName(factors[k])) can have \(Format.fixed(100 * (effectiveWeight(factors[k]) ?? 0), 1))% "
                + "effective weight yet a total index of \(Format.fixed(total[k], 2)): the few States it separates "
                + "move past many others when its weight changes"
        }
        return sentence + "."
    }

    private func thresholdSentences() -> ([ThresholdGroup], String) {
        guard let sweeps = inputs.sensitivity.oneAtATime else { return ([], "") }
        let k = inputs.visits
        let names = Dictionary(uniqueKeysWithValues: states.map { ($0.id, $0.name) })
        var groups: [ThresholdGroup] = []
        var withheld: [String] = []
        for sweep in sweeps {
            let node = tree.index(of: sweep.factor)
            if let node, edition.isPublic, tree.nodes[node].leaf?.confidential == true {
                withheld.append(tree.nodes[node].name)
                continue
            }
            let w0 = sweep.nominalWeight
            let factor = node.map { tree.nodes[$0].name } ?? sweep.factor
            let below = sweep.thresholds.filter { $0.weight < w0 }.sorted { $0.weight > $1.weight }.prefix(2)
            let above = sweep.thresholds.filter { $0.weight >= w0 }.sorted { $0.weight < $1.weight }.prefix(2)
            var sentences: [String] = []
            for t in below {
                let who = names[t.id] ?? t.id
                sentences.append(
                    "\(who) \(t.enters ? "leaves" : "enters") the top \(k) if the weight of "
                        + "\(factor) falls below \(Format.weight(t.weight)) (now \(Format.weight(w0))).")
            }
            for t in above {
                let who = names[t.id] ?? t.id
                sentences.append(
                    "\(who) \(t.enters ? "enters" : "leaves") the top \(k) if the weight of "
                        + "\(factor) rises above \(Format.weight(t.weight)) (now \(Format.weight(w0))).")
            }
            if sentences.isEmpty {
                sentences.append(
                    "The top \(k) does not change for any weight of \(factor) from 0 to \(Format.weight(2 * w0)).")
            }
            groups.append(
                ThresholdGroup(name: factor, id: sweep.factor, weight: Format.weight(w0), sentences: sentences))
        }
        var note =
            "Each weight is moved alone from 0 to twice its value, the others fixed (its siblings' shares "
            + "adjust). The sentences give the nearest weights, below and above the model's, at which the ranking's "
            + "top \(k) changes."
        if sweeps.contains(where: { !$0.exact }) {
            note += " The tree is not arithmetic, so the thresholds were located on a grid and refined by bisection."
        } else {
            note += " The thresholds are exact."
        }
        if !withheld.isEmpty {
            note += " Thresholds of the confidential criteria (\(Format.list(withheld))) are withheld in this edition."
        }
        return (groups, note)
    }

    // MARK: 4. The model

    private func modelSection() -> ModelSection {
        let path = tree.pathWeights()
        let nodes = tree.nodes.indices.dropFirst().map { index -> TreeRow in
            let node = tree.nodes[index]
            let siblings = tree.nodes[node.parent!].children.reduce(0) { $0 + tree.nodes[$1].weight }
            var depth = 0
            var current = node.parent
            while let c = current, c != 0 { depth += 1; current = tree.nodes[c].parent }
            return TreeRow(
                depth: depth, isLeaf: node.isLeaf, name: node.name, id: node.id, weight: Format.weight(node.weight),
                shareOfParent: siblings > 0 ? Format.percent(node.weight / siblings) : "—",
                shareOfScore: Format.fixed(100 * path[index], 1) + "%",
                method: method(of: node), source: node.leaf.map(source) ?? "",
                rationale: node.rationale ?? "", confidential: node.leaf?.confidential == true)
        }
        let influence = inputs.sensitivity.influence
        let names = Dictionary(uniqueKeysWithValues: tree.nodes.map { ($0.id, $0.name) })
        let chart = Charts.barPairs(
            rows: influence.map {
                ChartRow(label: names[$0.id] ?? $0.id, detail: "\(names[$0.id] ?? $0.id) (\($0.id))")
            },
            values: influence.map { ($0.nominal, $0.effective) },
            labels: influence.map {
                (Format.fixed(100 * $0.nominal, 1) + "%", Format.fixed(100 * $0.effective, 1) + "%")
            },
            legend: ("nominal share of the weight", "effective share of the score's variation"),
            highlight: influence.map(\.flagged),
            unit: "share of the score (%)", tickFormat: ValueAxis.percent,
            title: "Nominal weight of each indicator against its effective influence on the scores")
        let flagged = influence.filter(\.flagged)
        var note =
            "The nominal share is the product of the weights on the indicator's path. The effective share "
            + "is its squared correlation with the scores, as a share of the sum over all indicators: an indicator "
            + "that varies little across States, or moves with others, weighs less than its nominal share. "
            + "The Sobol indices of section 3 answer another question: how much the ranking moves when a weight is uncertain."
        if !flagged.isEmpty {
            note +=
                " In bold, off by more than a factor of two: "
                + Format.list(
                    flagged.map {
                        "\(names[$0.id] ?? $0.id) (\($0.ratio > 1 ? "more" : "less") influence than its weight)"
                    })
                + "."
        }
        let root = tree.nodes[0].aggregation ?? .arithmetic
        return ModelSection(
            intro: "The criteria tree, as written in model.yaml: each weight is relative to its siblings; "
                + "the top level is combined by a \(aggregationWords(root))." + screeningWords(),
            nodes: nodes, weightsChart: edition.withholdsPooledResults ? "" : chart,
            weightsNote: edition.withholdsPooledResults
                ? "The effective influence of each indicator is withheld in this edition: it is measured on every State's score, including the withheld ones."
                : note)
    }

    private func aggregationWords(_ a: Aggregation) -> String {
        switch a {
        case .arithmetic: "weighted mean (arithmetic)"
        case .geometric: "weighted geometric mean"
        case .topsis: "TOPSIS distance to the ideal"
        }
    }

    private func method(of node: CriteriaTree.Node) -> String {
        guard case .leaf(let leaf, let column) = node.kind else { return node.aggregation.map(aggregationWords) ?? "" }
        var parts = [leaf.normalisation.rawValue]
        if let g = leaf.goalposts { parts[0] += " [\(Format.weight(g.low)), \(Format.weight(g.high))]" }
        parts.append(leaf.direction == .risk ? "higher = higher priority" : "higher = lower priority")
        if leaf.logTransform { parts.append("log(1 + x)") }
        if let w = leaf.winsorise { parts.append("winsorised \(Format.weight(w.low))–\(Format.weight(w.high))") }
        if let denominator = leaf.denominator {
            parts.insert(
                "per \(denominator)" + (leaf.denominatorScale == 1 ? "" : " × \(Format.weight(leaf.denominatorScale))"),
                at: 0)
        }
        if leaf.treatment != nil, let outcome = table.engine.leaves[column].treatment {
            parts.append(treatmentWords(outcome))
        }
        parts.append("missing: \(leaf.missing.rawValue)")
        return parts.joined(separator: "; ")
    }

    /// The candidates `scoring.screening` left out, with their coverage (SPEC §12); empty without any.
    private func screeningWords() -> String {
        let out = inputs.dataset.screened
        guard let minimum = out.first?.minCoverage else { return "" }
        return " Not ranked or planned, their coverage being below \(Format.fixed(minimum, 2)) (scoring.screening): "
            + Format.list(out.map { "\($0.name) (\($0.id), coverage \(Format.fixed($0.coverage, 2)))" }) + "."
    }

    /// What a leaf's outlier treatment did, in counts only (which States moved would tell whose
    /// values are extreme).
    private func treatmentWords(_ outcome: TreatmentOutcome) -> String {
        if outcome.loggedFallback {
            return
                "outliers treated: winsorising \(outcome.steps) step(s) was not enough, so the values were log-transformed"
        }
        if outcome.moved.isEmpty { return "outliers treated: none needed" }
        return "outliers treated: \(outcome.moved.count) value(s) winsorised in \(outcome.steps) step(s)"
    }

    private func source(_ leaf: Leaf) -> String {
        switch leaf.source {
        case .indicator(let column): "indicators.csv: \(column)"
        case .signal(let kind, let indicator, let window, let fill):
            "events.csv: \(kind.rawValue) of \(indicator) over \(window) periods (absent = \(fill == .zero ? "0" : "missing"))"
        case .engagement(let feature): "states.csv: \(feature.name)"
        }
    }

    // MARK: 5. What if

    private func whatIfSection() -> WhatIfSection {
        let weights = topLevel.map { tree.nodes[$0].weight }
        let top = max(weights.max() ?? 1, 1e-9)
        let sliders = topLevel.enumerated().map { k, node in
            Slider(
                index: k, id: tree.nodes[node].id, name: tree.nodes[node].name, weight: Format.weight(weights[k]),
                max: Format.weight(2 * top), step: Format.weight(2 * top / 400),
                colour: palette[k % palette.count])
        }
        let root = tree.nodes[0].aggregation ?? .arithmetic
        var reason = ""
        if root != .arithmetic {
            reason =
                "The top level of this model is combined by a \(aggregationWords(root)), not a weighted mean, "
                + "so the page cannot recompute the scores; run visitplan score with other weights instead."
        } else if edition.withholdsPooledResults {
            reason =
                "In this edition the what-if is not available: it would need the criteria values of States "
                + "whose scores rest on confidential values, which the recomputation would reveal."
        }
        let available = reason.isEmpty
        var intro =
            "Move the weights of the top-level criteria: the page recomputes every score and rank with "
            + "the model's formula (a weighted mean of the criteria present for each State, the weights "
            + "renormalised over them), exactly as visitplan score does."
        if available && !tree.isArithmetic {
            intro +=
                " Some inner nodes are not weighted means; their values do not depend on the top-level weights, so the recomputation is still exact."
        }
        intro +=
            " The list itself is not re-planned here: rank changes show who would move in or out of the top \(inputs.visits)."
        return WhatIfSection(
            available: available, intro: intro, unavailableReason: reason, sliders: sliders,
            data: available ? whatIfData() : "{}")
    }

    private func whatIfData() -> String {
        let listed = inputs.plan?.selectedIDs ?? []
        let data = WhatIfData(
            visits: inputs.visits,
            criteria: topLevel.map {
                .init(id: tree.nodes[$0].id, name: tree.nodes[$0].name, weight: tree.nodes[$0].weight)
            },
            listed: listed,
            candidates: table.order.map { i in
                let c = table.candidates[i]
                return .init(
                    id: states[i].id, name: states[i].name, region: states[i].region, rank: c.rank,
                    score: c.score.isNaN ? nil : c.score,
                    values: topLevel.map { c.nodeValues[$0].isNaN ? nil : c.nodeValues[$0] },
                    present: topLevel.map { table.engine.presence[$0][i] })
            })
        return String(decoding: JSONLayout.encode(data, layout: .compactEscapingSlashes), as: UTF8.self)
    }
}

/// What the what-if script needs: each candidate's top-level node values and their presence.
struct WhatIfData: Encodable {
    struct Criterion: Encodable {
        var id: String
        var name: String
        var weight: Double
    }

    struct Candidate: Encodable {
        var id: String
        var name: String
        var region: String
        var rank: Int
        var score: Double?
        var values: [Double?]
        var present: [Bool]
    }

    var visits: Int
    var criteria: [Criterion]
    var listed: [String]
    var candidates: [Candidate]
}
