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
    let allowed = word.count <= 3 ? 1 : word.count <= 6 ? 2 : 3
    var best: (word: String, distance: Int)?
    for candidate in known where candidate != word {
        let distance = editDistance(word.lowercased(), candidate.lowercased())
        if distance <= allowed, distance < best?.distance ?? Int.max {
            best = (candidate, distance)
        }
    }
    return best?.word
}

/// ` (did you mean `x`?)` when a known word is close to `word`, else the empty string.
func didYouMean(_ word: String, among known: some Sequence<String>) -> String {
    guard let suggestion = nearestWord(to: word, among: known) else { return "" }
    return "; did you mean `\(suggestion)`?"
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
