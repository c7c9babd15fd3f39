import Dataset
import TextOutput

/// README.md of a synthetic dataset: how it was made, what it contains, why planning is feasible.
struct ReadmeWriter {
    var settings: SynthesisSettings
    var columns: [IndicatorColumn]
    var witness: PlanningWitness
    var statistics: SynthesisStatistics

    func markdown() -> String {
        let n = settings.candidates
        let regions = World.regions.map {
            "\($0.name) (share \(number($0.share))): \($0.subregions.joined(separator: ", "))"
        }
        let consent = Consent.allCases.enumerated().map { "\($1.rawValue) \(statistics.consent[$0])" }
        var columnLines: [String] = []
        for column in columns {
            var missing =
                column.missingRate > 0
                ? "about \(number(column.missingRate * 100))% missing (written \(column.missingText.isEmpty ? "as an empty cell" : "`NA`"))"
                : "never missing"
            if column.kind == .count { missing += "; integer" }
            columnLines.append(
                "| `\(column.name)` | \(column.kind.rawValue) | \(number(column.loading)) | \(missing) | "
                    + "\(column.normalisation.rawValue), missing: \(column.missing.rawValue) |")
        }
        return """
            # Synthetic dataset (\(n) candidates, seed \(settings.seed))

            **Every value in this folder is synthetic.** Nothing here describes a real State: the
            candidates, their names, regions, visits, indicators and events were drawn at random by

                visitplan synth --candidates \(n) --seed \(settings.seed) --indicators \(settings.indicators) --output DIR

            which rewrites exactly the same bytes for the same arguments and the same visitplan version,
            whatever the number of threads: the seed starts a xoshiro256** generator, four words of
            which key an independent xoshiro256** stream for each block of \(Synthesiser.blockSize) candidates.

            ## What it contains

            - `states.csv`: \(n) candidates `\(settings.candidateID(0))`... with pronounceable made-up names, in
              \(World.regions.count) regions with sub-regions. The first six candidates cover the six regions;
              the others are drawn with the shares below.
            \(regions.map { "  - " + $0 }.joined(separator: "\n"))
            - Engagement facts as of \(World.asOf): \(statistics.neverVisited) never visited; the others last visited
              between \(World.historyStart.year) and \(World.asOf.year - 1) (uniformly), \(statistics.yearOnlyVisits) written
              as a year alone (`YYYY`, read as YYYY-07-01), comprehensive or follow-up; a report submitted
              60-270 days after most visits, or an older report followed by a later visit;
              \(statistics.followUpDue) have a follow-up due. Consent: \(consent.joined(separator: ", ")).
              \(statistics.requested) requested a visit. The first eight candidates show every fact
              (never visited, both visit types and date forms, due and not due, every consent level,
              a request), so even a tiny dataset has them all.
            - `indicators.csv`: \(settings.indicators) indicators, \(statistics.missingCells) missing cells. Each
              candidate has a latent risk (standard normal plus a regional shift); an indicator is
              `loading × risk + sqrt(1 − loading²) × noise`, mapped to its kind's scale. Candidate 1 is
              never missing a value, so no column is entirely missing.

              | column | kind | loading | missing | leaf in model.yaml |
              |---|---|---|---|---|
            \(columnLines.map { "  " + $0 }.joined(separator: "\n"))

              Kinds: rating 0-5 (2 decimals); percent 0-100 (2 decimals, higher = more capacity);
              index around 0 with 1% outliers ×4 (4 decimals); count (Poisson, integer); rate
              (log-normal, 4 decimals); proportion in (0, 1) (4 decimals).
            - `events.csv`: yearly series \(World.firstEventYear)-\(World.lastEventYear) (ending before as_of) for every
              candidate, \(statistics.eventRows) rows: `incidents` (Poisson counts with a candidate-specific
              growth; years with no incident have no row, read as 0 by `fill: zero`) and `stability`
              (an index with a drift; about 3% of rows absent, 3% of series starting late and 5% with a
              drop in the latest year, read with `fill: missing`).
            - `model.yaml`: every normalisation (minmax, zscore, rank, goalposts, vector, none),
              `transform: log`, `winsorise`, every missing rule but `error` (reweight, mean, region-mean,
              min, max, zero), every aggregation (arithmetic root and nodes; the geometric node
              `capacity`, whose leaves stay in [0, 1]; the topsis node `exposure`, whose leaves impute),
              the three signals (level, trend, anomaly), the five engagement features, a confidential
              leaf, planning constraints and sensitivity settings.

            ## Planning is feasible

            The constraints were derived from a list that meets all of them: \(witness.visits) visits
            (about half of the \(witness.eligibleCount) clearly eligible candidates, at most \(World.maximumVisits)), for example
            \(witness.selected.map { settings.candidateID($0) }.joined(separator: ", ")).
            Eligible here means consent given, pending or unknown, and never visited or last visited more than
            \(number(World.cooldownYears)) years (plus a few days) before as_of. The budget (\(number(witness.budget))) is at least
            that list's cost with every visit that is not certainly a follow-up counted as comprehensive.
            Regional minimums are set only where a region has at least twice as many eligible candidates.

            """
    }

    /// A number for prose: an integer without decimals, otherwise up to 4 decimals.
    private func number(_ value: Double) -> String { NumberFormat.wholeOrRoundedAway(4).text(value) }
}
