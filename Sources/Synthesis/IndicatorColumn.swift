import Dataset

/// One column of indicators.csv and the leaf of the model that reads it.
struct IndicatorColumn {
    enum Group: String { case gapsLegal, gapsOperational, threat, exposure, capacity }

    var name: String
    var title: String
    var kind: ValueKind
    var group: Group
    /// Correlation of the value with the candidate's latent risk.
    var loading: Double
    /// Share of candidates whose value is missing.
    var missingRate: Double
    /// How a missing value is written: an empty cell or `NA`.
    var missingText: String
    var weight: Double
    var normalisation: Normalisation
    var missing: MissingRule
    var direction: Direction = .risk
    var goalposts: (Double, Double)?
    var logTransform = false
    var winsorise: (Double, Double)?
    var confidential = false
    var rationale: String

    /// The columns for `count` indicators: six with fixed roles (the geometric and topsis nodes and
    /// the threat leaves), then gap ratings that cycle through every normalisation and missing rule.
    static func columns(count: Int) -> [IndicatorColumn] {
        var columns = [
            IndicatorColumn(
                name: "capacity_institutions", title: "Institutional capacity (percent)", kind: .percent,
                group: .capacity, loading: 0.7, missingRate: 0.03, missingText: "", weight: 1,
                normalisation: .goalposts, missing: .reweight, direction: .protective, goalposts: (10, 90),
                rationale:
                    "Goalposts fix the scale at 10-90 percent; protective, so the geometric node stays non-negative (1 - v)."
            ),
            IndicatorColumn(
                name: "capacity_training", title: "Trained officials (percent)", kind: .percent,
                group: .capacity, loading: 0.5, missingRate: 0.02, missingText: "", weight: 1,
                normalisation: .rank, missing: .min, direction: .protective,
                rationale: "Rank-normalised; a missing value takes the column minimum (the worst capacity)."),
            IndicatorColumn(
                name: "exposure_trade", title: "Trade exposure (rate)", kind: .rate,
                group: .exposure, loading: 0.4, missingRate: 0.02, missingText: "", weight: 1,
                normalisation: .minmax, missing: .mean,
                rationale: "TOPSIS needs every value, so a missing one takes the column mean."),
            IndicatorColumn(
                name: "exposure_transit", title: "Transit exposure (rate)", kind: .rate,
                group: .exposure, loading: 0.5, missingRate: 0.04, missingText: "NA", weight: 1,
                normalisation: .vector, missing: .regionMean,
                rationale: "Vector-normalised; a missing value (written NA) takes the mean of the candidate's region."),
            IndicatorColumn(
                name: "incidents_total", title: "Incidents last year (count)", kind: .count,
                group: .threat, loading: 0.8, missingRate: 0, missingText: "", weight: 1,
                normalisation: .minmax, missing: .zero, logTransform: true,
                rationale: "Counts are skewed, hence the log transform; an unreported count is read as zero."),
            IndicatorColumn(
                name: "instability_index", title: "Instability index (standardised)", kind: .index,
                group: .threat, loading: 0.7, missingRate: 0.015, missingText: "", weight: 1,
                normalisation: .zscore, missing: .max, winsorise: (0.01, 0.99),
                rationale:
                    "Heavy-tailed, so winsorised at the 1st and 99th percentiles; a missing value is assumed the worst (max)."
            ),
        ]
        // The gap ratings cycle through the six normalisations and the six imputing or reweighting rules.
        let gapCount = count - columns.count
        let width = max(2, String(gapCount).count)
        let cycle: [(Normalisation, ValueKind, MissingRule, Double, Double, Direction)] = [
            (.goalposts, .rating, .reweight, 0.03, 1.25, .risk),
            (.minmax, .rating, .mean, 0.0, 1, .risk),
            (.zscore, .index, .regionMean, 0.02, 1, .protective),
            (.rank, .rating, .min, 0.0, 0.75, .risk),
            (.vector, .rate, .zero, 0.01, 0.75, .risk),
            (.none, .proportion, .max, 0.02, 0.5, .risk),
        ]
        for gap in 0..<gapCount {
            let (normalisation, kind, missing, missingRate, weight, direction) = cycle[gap % cycle.count]
            let number = String(gap + 1)
            let label = String(repeating: "0", count: width - number.count) + number
            var column = IndicatorColumn(
                name: "gap_\(label)", title: "Implementation gap \(label) (\(kind.rawValue))", kind: kind,
                group: gap < (gapCount + 1) / 2 ? .gapsLegal : .gapsOperational,
                loading: [0.75, 0.6, 0.5, 0.65, 0.45, 0.55][gap % 6], missingRate: missingRate,
                missingText: "", weight: weight, normalisation: normalisation, missing: missing,
                direction: direction,
                rationale: "Synthetic rating; \(normalisation.rawValue) normalisation, missing: \(missing.rawValue).")
            if normalisation == .goalposts { column.goalposts = (0, 5) }
            if kind == .index { column.rationale += " A quality index, so protective." }
            if gap == 0 {
                column.confidential = true
                column.rationale += " Marked confidential, as a State may ask."
            }
            columns.append(column)
        }
        return columns
    }
}
