/// A language a State's name can be shown in: English in states.csv's `name`, French in the
/// optional `name_fr`, Spanish in the optional `name_es` (the UN's short names in the shipped
/// cycle, from UNTERM).
public enum NameLanguage: String, Sendable, CaseIterable {
    case en, fr, es

    /// The states.csv column that holds the names in this language.
    public var column: String { self == .en ? "name" : "name_\(rawValue)" }

    /// The optional name columns, read when present.
    static let translatedColumns = allCases.filter { $0 != .en }.map(\.column)
}

extension State {
    /// The State's name in `language`: `name` in English, otherwise the name of the optional column;
    /// nil when that column is absent or empty for this State.
    public func name(in language: NameLanguage) -> String? {
        language == .en ? name : translatedNames[language]
    }
}

extension Dataset {
    /// The dataset with every State's `name` replaced by its name in `language`, for a report in
    /// that language.
    ///
    /// - Returns: the renamed dataset, and the ids of the States that have no name in `language`
    ///   (they keep `name`), in dataset order; none for English.
    public func named(in language: NameLanguage) -> (dataset: Dataset, unnamed: [String]) {
        var renamed = self
        var unnamed: [String] = []
        for index in renamed.states.indices {
            if let name = renamed.states[index].name(in: language) {
                renamed.states[index].name = name
            } else {
                unnamed.append(renamed.states[index].id)
            }
        }
        return (renamed, unnamed)
    }
}
