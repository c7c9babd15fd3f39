// "Did you mean …?" for misspelt keys, columns and ids: the nearest known word by edit distance.

/// The known word closest to `word`, if it is close enough to be a plausible typo.
///
/// Closeness is the optimal-string-alignment distance (insertions, deletions, substitutions and
/// adjacent transpositions each cost 1), compared case-insensitively. A word of up to 3
/// characters may differ by 1 edit, up to 6 characters by 2, longer words by 3; ties go to the
/// word listed first.
///
/// - Complexity: O(k · m · n) for k known words of length m and a word of length n.
func nearestWord(to word: String, among known: some Sequence<String>) -> String? {
    nearestWords(to: word, among: known, limit: 1).first
}

/// `; did you mean `x`?` when a known word is close to `word`, else the empty string.
public func didYouMean(_ word: String, among known: some Sequence<String>) -> String {
    guard let suggestion = nearestWord(to: word, among: known) else { return "" }
    return "; did you mean `\(suggestion)`?"
}

/// The known words nearest to `word`, when close enough to be plausible typos (as `nearestWord`
/// judges closeness): every word at the smallest distance found, in the order listed, at most
/// `limit` of them. `Sooth` gets `South` (one edit), not also `North` (two).
///
/// - Complexity: O(k · m · n) for k known words of length m and a word of length n.
func nearestWords(to word: String, among known: some Sequence<String>, limit: Int = 3) -> [String] {
    let allowed = word.count <= 3 ? 1 : word.count <= 6 ? 2 : 3
    let lowered = word.lowercased()
    var close: [(word: String, distance: Int)] = []
    for candidate in known where candidate != word {
        let distance = editDistance(lowered, candidate.lowercased())
        if distance <= allowed { close.append((candidate, distance)) }
    }
    guard let nearest = close.map(\.distance).min() else { return [] }
    return close.filter { $0.distance == nearest }.prefix(limit).map(\.word)
}

/// `; did you mean `x`, `y` or `z`?` with the known words nearest to `word`, else the empty string.
func didYouMeanAny(_ word: String, among known: some Sequence<String>, limit: Int = 3) -> String {
    let words = nearestWords(to: word, among: known, limit: limit).map { "`\($0)`" }
    guard let last = words.last else { return "" }
    let list = words.count == 1 ? last : words.dropLast().joined(separator: ", ") + " or " + last
    return "; did you mean \(list)?"
}

/// The optimal-string-alignment distance between two strings, by characters.
///
/// - Complexity: O(m · n) time, O(n) memory.
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    // Three rolling rows: the transposition case looks two rows back.
    var twoBack = [Int](repeating: 0, count: b.count + 1)
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        current[0] = i
        for j in 1...b.count {
            let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
            current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                current[j] = min(current[j], twoBack[j - 2] + 1)
            }
        }
        (twoBack, previous, current) = (previous, current, twoBack)
    }
    return previous[b.count]
}

/// The known column that a header most likely stands for, when the header is not itself known.
///
/// A header stands for a known column when it equals it up to case and surrounding spaces, or
/// lies within one edit of it (two for names of 12 characters or more, such as
/// `report_submitted`, so that `Report Submitted`, a space and a capital away, is caught). Edits
/// are counted as in `editDistance`, on the lowercased, trimmed header: an adjacent transposition
/// (`regoin`) is one edit. Ties go to the column listed first.
///
/// - Complexity: O(k · m · n) for k known columns of length m and a header of length n.
func intendedColumn(for header: String, among known: [String]) -> String? {
    guard !known.contains(header) else { return nil }
    let typed = header.trimmingSpaces.lowercased()
    guard !typed.isEmpty else { return nil }
    var best: (column: String, distance: Int)?
    for column in known {
        let allowed = column.count >= 12 ? 2 : 1
        let distance = editDistance(typed, column.lowercased())
        if distance <= allowed, distance < best?.distance ?? Int.max {
            best = (column, distance)
        }
    }
    return best?.column
}
