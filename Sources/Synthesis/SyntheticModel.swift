import Dataset

/// The model of a synthetic dataset, as the loader's own types: every normalisation, missing rule
/// but `error`, aggregation, signal and engagement feature, a confidential leaf, planning
/// constraints that the witness's list meets, and sensitivity settings. `ModelWriter` writes it
/// as model.yaml with `layout`.
struct SyntheticModel {
    var settings: SynthesisSettings
    var columns: [IndicatorColumn]
    var witness: PlanningWitness

    /// The comments of model.yaml, and the leaf settings it spells out although they are defaults.
    var layout: ModelWriter.Layout {
        ModelWriter.Layout(
            header: [
                "Synthetic dataset written by `visitplan synth --candidates \(settings.candidates) --seed \(settings.seed) --indicators \(settings.indicators)`.",
                "Every value is SYNTHETIC; see README.md for how it was generated.",
            ],
            planningComment: ["Feasible by construction: README.md names a list that meets every constraint."],
            indicatorLeaves: [.direction, .normalisation, .missing],
            signalLeaves: [.window, .fill],
            engagementLeaves: [.direction, .normalisation, .cap, .levels, .months])
    }

    var model: Model {
        Model(
            name: "Synthetic cycle \(World.asOf.year) (\(settings.candidates) candidates, seed \(settings.seed))",
            asOf: World.asOf, criteria: [gaps, threat, capacity, engagement], rootAggregation: .arithmetic,
            planning: planning, sensitivity: sensitivity)
    }

    // MARK: The criteria tree

    private var gaps: Criterion {
        let halves = [
            ("gaps_legal", "Legal and institutional gaps", IndicatorColumn.Group.gapsLegal),
            ("gaps_operational", "Operational gaps", .gapsOperational),
        ].map { id, name, group in
            node(
                id, name, weight: 1, rationale: "Half of the gap ratings, weighted equally.",
                children: leaves(of: group))
        }
        return node(
            "gaps", "Implementation gaps", weight: 35,
            rationale: "Synthetic gap ratings; every normalisation and every missing rule but error appears here.",
            children: halves)
    }

    private var threat: Criterion {
        let signals = [
            signal(
                "incidents_level", "Incidents, mean of the last 5 years", .level, indicator: "incidents", fill: .zero,
                weight: 1, rationale: "Years without a row in events.csv count as zero incidents."
            ) {
                $0.logTransform = true
            },
            signal(
                "incidents_trend", "Trend in incidents over 5 years", .trend, indicator: "incidents", fill: .zero,
                weight: 0.75,
                rationale: "Emerging trends: a rising count raises priority; rank-normalised as slopes are skewed."
            ) {
                $0.normalisation = .rank
            },
            signal(
                "stability_anomaly", "Drop in stability in the latest year", .anomaly, indicator: "stability",
                fill: .missing, weight: 0.5,
                rationale:
                    "A fall below the earlier years raises priority; series too short give no value (reweighted)."
            ) {
                $0.direction = .protective
                $0.winsorise = (0.05, 0.95)
            },
        ]
        let exposure = node(
            "exposure", "Exposure", weight: 1,
            rationale: "TOPSIS distance to the best and worst profiles; its leaves impute, as TOPSIS requires.",
            aggregation: .topsis, children: leaves(of: .exposure))
        return node(
            "threat", "Threat level and emerging trends", weight: 25,
            rationale: "Indicators and the three signals derived from events.csv.",
            children: leaves(of: .threat) + signals + [exposure])
    }

    private var capacity: Criterion {
        node(
            "capacity", "Lack of capacity", weight: 15,
            rationale: "Geometric mean: weak capacity on one side is not offset by the other; leaves stay in [0, 1].",
            aggregation: .geometric, children: leaves(of: .capacity))
    }

    private var engagement: Criterion {
        let levels: [Consent: Double] = [.given: 1, .pending: 0.6, .unknown: 0.3, .refused: 0]
        return node(
            "engagement", "Engagement with the State", weight: 25,
            rationale: "The five engagement facts of states.csv.",
            children: [
                fact(
                    "never_visited", "Never visited", .neverVisited, weight: 1,
                    rationale: "States never visited come first."),
                fact(
                    "years_since_visit", "Years since last visit (cap 10)", .yearsSinceVisit(cap: 10), weight: 0.75,
                    rationale: "Older assessments are stale.", normalisation: .goalposts, goalposts: (0, 10)),
                fact(
                    "prior_request", "State requested a visit", .priorRequest, weight: 0.75,
                    rationale: "Prior requests by the State."),
                fact(
                    "consent", "Consent previously expressed", .consent(levels: levels), weight: 0.5,
                    rationale: "Likelier consent raises priority; levels overridden to show the key."),
                fact(
                    "followup_due", "Follow-up of recommendations due", .followUpDue(months: World.followUpMonths),
                    weight: 0.75, rationale: "Recommendations are followed up within 12 months of the report."),
            ])
    }

    private func node(
        _ id: String, _ name: String, weight: Double, rationale: String,
        aggregation: Aggregation = .arithmetic, children: [Criterion]
    ) -> Criterion {
        Criterion(
            id: id, name: name, weight: weight, rationale: rationale,
            kind: .node(aggregation: aggregation, children: children))
    }

    /// The leaves reading the indicator columns of `group`, in column order.
    private func leaves(of group: IndicatorColumn.Group) -> [Criterion] {
        columns.filter { $0.group == group }.map { column in
            let leaf = Leaf(
                source: .indicator(column.name), direction: column.direction,
                normalisation: column.normalisation, missing: column.missing,
                logTransform: column.logTransform, winsorise: column.winsorise.map { (low: $0.0, high: $0.1) },
                goalposts: column.goalposts.map { (low: $0.0, high: $0.1) }, confidential: column.confidential)
            return Criterion(
                id: column.name, name: column.title, weight: column.weight, rationale: column.rationale,
                kind: .leaf(leaf))
        }
    }

    /// A signal over the last 5 years of an events.csv indicator, with the scoring defaults but what
    /// `adjust` changes.
    private func signal(
        _ id: String, _ name: String, _ kind: SignalKind, indicator: String, fill: SignalFill,
        weight: Double, rationale: String, _ adjust: (inout Leaf) -> Void
    ) -> Criterion {
        var leaf = Leaf(source: .signal(kind, indicator: indicator, window: 5, fill: fill))
        adjust(&leaf)
        return Criterion(id: id, name: name, weight: weight, rationale: rationale, kind: .leaf(leaf))
    }

    /// An engagement fact of states.csv, with no normalisation unless another is given.
    private func fact(
        _ id: String, _ name: String, _ feature: EngagementFeature, weight: Double, rationale: String,
        normalisation: Normalisation = .none, goalposts: (low: Double, high: Double)? = nil
    ) -> Criterion {
        let leaf = Leaf(source: .engagement(feature), normalisation: normalisation, goalposts: goalposts)
        return Criterion(id: id, name: name, weight: weight, rationale: rationale, kind: .leaf(leaf))
    }

    // MARK: Planning and sensitivity

    private var planning: PlanningSettings {
        let regions = World.regions.indices.compactMap { region -> (name: String, bounds: RegionBounds)? in
            let bounds = RegionBounds(min: witness.regionMin[region], max: witness.regionMax[region])
            return bounds.min == nil && bounds.max == nil ? nil : (World.regions[region].name, bounds)
        }
        return PlanningSettings(
            visits: witness.visits, budget: witness.budget,
            cost: [.comprehensive: World.comprehensiveCost, .followUp: World.followUpCost],
            comprehensiveAfterYears: World.comprehensiveAfterYears, cooldownYears: World.cooldownYears,
            consent: [.given, .pending, .unknown], regions: regions,
            neverVisitedMin: witness.neverVisitedMin > 0 ? witness.neverVisitedMin : nil,
            followUpsMin: witness.followUpsMin > 0 ? witness.followUpsMin : nil,
            include: witness.include.map { [settings.candidateID($0)] } ?? [],
            exclude: witness.exclude.map { [settings.candidateID($0)] } ?? [],
            reserve: witness.reserve)
    }

    private var sensitivity: SensitivitySettings {
        // The loader reads a seed up to Int.max.
        SensitivitySettings(
            samples: 1000, seed: settings.seed & UInt64(Int64.max), perturbation: .uniform(spread: 0.25),
            normalisations: [.minmax, .rank], aggregations: [.arithmetic, .geometric])
    }
}
