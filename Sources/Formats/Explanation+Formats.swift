import Dataset
import Scoring
import TextOutput

// The three renderings of `visitplan explain` (SPEC §4): one candidate's leaves, or two
// candidates compared.

extension Explanation {
    /// With the edition's top-level keys (``EditionDocument``).
    public func json(edition: Edition = .internal(holdsConfidential: false)) -> String {
        JSONLayout.text(EditionDocument(self, edition: edition))
    }

    public func csv() -> String {
        Tabular.csv(
            header: ["leaf", "path", "source", "raw", "imputed", "normalised", "weight", "contribution"],
            rows: leaves.map { l in
                [
                    l.id, l.path.joined(separator: "/"), l.source, l.raw.map { "\($0)" } ?? "",
                    String(l.imputed), l.normalised.map { "\($0)" } ?? "", "\(l.weight)", "\(l.contribution)",
                ]
            })
    }

    public func table(edition: Edition = .internal(holdsConfidential: false)) -> String {
        var text =
            edition.heading
            + "\(name) (\(id), \(region)): rank \(rank), score \(fixed(score ?? .nan, 2)), coverage \(fixed(coverage, 2))\n\n"
        text += Tabular.table(
            header: ["path", "source", "raw", "normalised", "weight", "contribution"],
            rows: leaves.map { l in
                [
                    l.path.joined(separator: " / "), l.source,
                    l.raw.map { fixed($0, 3) }
                        ?? (l.imputed ? "imputed" + (l.imputedValue.map { " " + fixed($0, 3) } ?? "") : "missing"),
                    l.normalised.map { fixed($0, 3) } ?? "—", fixed(l.weight, 4), fixed(l.contribution, 2),
                ]
            })
        text += "\nContributions sum to the score: each is weight × normalised value × 100.\n"
        for l in leaves where l.numerator != nil || l.denominator != nil {
            let part = { (value: Double?) in value.map { fixed($0, 3) } ?? "missing" }
            text +=
                "Denominator, \(l.id): \(part(l.numerator)) / \(part(l.denominator))"
                + (l.raw.map { " × its scale = \(fixed($0, 3))" } ?? ": no value, the denominator is missing or zero")
                + ".\n"
        }
        for l in leaves {
            guard let treated = l.treated else { continue }
            switch treated.kind {
            case .winsorised:
                text +=
                    "Outlier treatment, \(l.id): the value was winsorised from \(fixed(treated.from ?? .nan, 3)) to \(fixed(treated.to ?? .nan, 3)) before normalisation.\n"
            case .logged:
                text +=
                    "Outlier treatment, \(l.id): winsorising was not enough, so every value of this leaf went through ln(x − min + 0.01 (max − min)) before normalisation.\n"
            }
        }
        return text
    }
}

extension Comparison {
    public func json(edition: Edition = .internal(holdsConfidential: false)) -> String {
        JSONLayout.text(EditionDocument(self, edition: edition))
    }

    public func csv() -> String {
        Tabular.csv(
            header: ["leaf", "path", first.id, second.id, "difference"],
            rows: differences.map {
                [$0.id, $0.path.joined(separator: "/"), "\($0.first)", "\($0.second)", "\($0.difference)"]
            })
    }

    public func table(edition: Edition = .internal(holdsConfidential: false)) -> String {
        let (above, below) = scoreDifference >= 0 ? (first, second) : (second, first)
        var text =
            edition.heading
            + "\(above.name) (\(above.id), rank \(above.rank)) scores \(fixed(abs(scoreDifference), 2)) points above "
            + "\(below.name) (\(below.id), rank \(below.rank)).\nLeaves by the size of their share of the difference:\n\n"
        text += Tabular.table(
            header: ["path", first.id, second.id, "difference"],
            rows: differences.map {
                [$0.path.joined(separator: " / "), fixed($0.first, 2), fixed($0.second, 2), fixed($0.difference, 2)]
            })
        return text
    }
}
