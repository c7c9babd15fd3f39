import Yams

// The keys of SPEC §12 (the composite-indicator pipeline): `denominator`, `denominator_scale`
// and `treatment` on a leaf; `treatment` and `screening` under `scoring`.

extension ModelLoader {
    static let treatmentKeys = ["max_points", "skew", "kurtosis", "fallback"]
    static let screeningKeys = ["min_coverage"]

    /// The most winsorising steps a treatment may take: each is a pass over the leaf's values.
    static let maximumTreatmentPoints = 1_000

    /// `treatment: auto | none | {max_points, skew, kurtosis, fallback}`.
    ///
    /// - Returns: nil when the value is wrong (reported), `.some(nil)` for `none`, and the
    ///   treatment otherwise; keys left out of the mapping take `auto`'s values.
    mutating func readTreatment(_ node: Node, _ path: String) -> Treatment?? {
        if case .scalar(let scalar) = node {
            switch scalar.string {
            case "auto": return .some(.auto)
            case "none": return .some(nil)
            default:
                reader.error(
                    at: node, path,
                    "unknown treatment `\(scalar.string)`" + didYouMean(scalar.string, among: ["auto", "none"])
                        + " (allowed: auto, none, or a mapping {max_points, skew, kurtosis, fallback})")
                return nil
            }
        }
        guard let entry = reader.mapping(node, path, allowed: Self.treatmentKeys) else { return nil }
        var treatment = Treatment.auto
        var valid = true
        if let value = entry["max_points"] {
            if let points = reader.integer(
                value, entry.path("max_points"), atLeast: 0, atMost: Self.maximumTreatmentPoints,
                "each step is a pass over the values")
            {
                treatment.maxPoints = points
            } else {
                valid = false
            }
        }
        if let value = entry["skew"] {
            if let skew = reader.number(value, entry.path("skew"), atLeast: 0) {
                treatment.skew = skew
            } else {
                valid = false
            }
        }
        if let value = entry["kurtosis"] {
            if let kurtosis = reader.number(value, entry.path("kurtosis")) {
                treatment.kurtosis = kurtosis
            } else {
                valid = false
            }
        }
        if let value = entry["fallback"] {
            if let fallback = reader.choice(value, entry.path("fallback"), Treatment.Fallback.self) {
                treatment.fallback = fallback
            } else {
                valid = false
            }
        }
        return valid ? .some(treatment) : nil
    }

    /// `scoring.screening: {min_coverage: c}`, 0 ≤ c ≤ 1.
    mutating func readScreening(_ node: Node, _ path: String) {
        guard let entry = reader.mapping(node, path, allowed: Self.screeningKeys) else { return }
        guard
            let value = reader.require(
                "min_coverage", in: entry, ": the least coverage (0–1) a candidate needs to be ranked"),
            let coverage = reader.number(value, entry.path("min_coverage"), atLeast: 0)
        else { return }
        guard coverage <= 1 else {
            reader.error(
                at: value, entry.path("min_coverage"),
                "must be at most 1 (coverage is the share of the weight resting on present values), got \(writtenNumber(coverage))"
            )
            return
        }
        loaded.screeningMinCoverage = coverage
    }

    /// `denominator:` and `denominator_scale:` of an indicator leaf.
    mutating func readDenominator(_ entry: YAMLReader.Mapping, into leaf: inout Leaf) {
        if let value = entry["denominator"], let column = reader.text(value, entry.path("denominator")) {
            leaf.denominator = column
            let id = entry["id"]?.string ?? ""
            loaded.denominatorColumns.append(
                LoadedModel.Reference(
                    name: column, criterion: id, location: reader.location(of: value, entry.path("denominator"))))
        }
        if let value = entry["denominator_scale"] {
            if entry["denominator"] == nil {
                reader.error(
                    at: value, entry.path("denominator_scale"),
                    "`denominator_scale` scales the ratio to a `denominator`, and this leaf has none")
            } else if let scale = reader.number(value, entry.path("denominator_scale")) {
                if scale > 0 {
                    leaf.denominatorScale = scale
                } else {
                    reader.error(
                        at: value, entry.path("denominator_scale"), "must be positive, got \(writtenNumber(scale))")
                }
            }
        }
    }
}
