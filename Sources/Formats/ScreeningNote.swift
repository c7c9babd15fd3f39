import Dataset
import TextOutput

// What a table or standard error says of the candidates screened out by coverage (SPEC §12);
// the JSON lists them under `screened` (``ScreenedDocument``).

/// The note that closes a table when candidates were screened out: one line per candidate (at
/// most 20, then a count); empty when none was.
public func screeningNote(_ screened: [ScreenedCandidate]) -> String {
    guard let minimum = screened.first?.minCoverage else { return "" }
    var text =
        "\nNot ranked or planned: \(screened.count) candidate(s) with coverage below scoring.screening.min_coverage \(NumberFormat.wholeOrShortest.text(minimum)):\n"
    for candidate in screened.prefix(20) {
        text +=
            "  \(candidate.id) (\(candidate.name), \(candidate.region)): coverage \(NumberFormat.wholeOrShortest.text((candidate.coverage * 1000).rounded() / 1000))\n"
    }
    if screened.count > 20 { text += "  … and \(screened.count - 20) more (--format json lists them all)\n" }
    return text
}

/// The note for standard error beside a CSV result (which stays exactly machine-readable); nil
/// when no candidate was screened out.
public func screeningSummary(_ screened: [ScreenedCandidate]) -> String? {
    guard let minimum = screened.first?.minCoverage else { return nil }
    let ids = screened.prefix(20).map(\.id).joined(separator: ", ") + (screened.count > 20 ? ", …" : "")
    return "note: \(screened.count) candidate(s) screened out (coverage below scoring.screening.min_coverage "
        + "\(NumberFormat.wholeOrShortest.text(minimum))), not ranked or planned: \(ids)"
}
