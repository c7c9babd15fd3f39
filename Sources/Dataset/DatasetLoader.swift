import Foundation

extension Dataset {
    /// Loads and validates a dataset folder: states.csv, indicators.csv, the optional events.csv
    /// and model.yaml (SPEC §2–§6).
    ///
    /// Every file is checked in full before failing, like a compiler: the error lists every
    /// problem found in every file, each at `file:line:column` with the file named as
    /// `directory/states.csv`.
    ///
    /// - Parameter directory: the folder, as the user gave it.
    /// - Returns: the dataset; the warnings and notes found are in `diagnostics`.
    /// - Throws: `DatasetError` with every error, warning and note, when there is an error.
    public static func load(directory: String) throws -> Dataset {
        var loader = DatasetLoader(directory: directory)
        return try loader.load()
    }
}

/// Reads the four files of a dataset folder and checks them against each other.
struct DatasetLoader {
    static let fileOrder = ["states.csv", "indicators.csv", "events.csv", "model.yaml"]

    let directory: String
    private var diagnostics: [Diagnostic] = []
    /// The header of indicators.csv, once read (the names a `confidential` request may use).
    private var indicatorColumns: [String] = []

    init(directory: String) { self.directory = directory }

    /// The path of a file of the folder, which is also its name in diagnostics.
    func path(_ name: String) -> String {
        var folder = directory
        while folder.count > 1, folder.hasSuffix("/") { folder.removeLast() }
        return folder.isEmpty ? name : folder == "/" ? "/\(name)" : "\(folder)/\(name)"
    }

    mutating func load() throws -> Dataset {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.isEmpty ? "." : directory, isDirectory: &isFolder),
            isFolder.boolValue
        else {
            throw DatasetError([Diagnostic(file: directory, .error, "no such dataset folder")])
        }

        // indicators.csv, the largest file, is read and split into rows on another core while
        // model.yaml and states.csv are loaded; its diagnostics join the others where a load
        // one file after the other finds them, so the output is the same.
        let indicatorsTable = CSVTableInBackground(path: path("indicators.csv"))
        let model = loadModel()
        let states = CSVTable.read(path: path("states.csv"), file: path("states.csv"), diagnostics: &diagnostics)
            .flatMap { StatesLoader.load($0, diagnostics: &diagnostics) }
        var indicators = Indicators()
        var events = Events()
        if let states {
            if let model { checkDates(states, asOf: model.asOf) }
            indicators = loadIndicators(states, model, read: indicatorsTable.wait())
            events = loadEvents(states, model)
            if let model {
                checkPlanningReferences(states, model)
                checkRequiredColumns(states, model)
            }
            checkConfidentialRequests(states, events: events)
        }

        let ordered = sortedDiagnostics()
        guard let states, let model = model?.model, !diagnostics.hasErrors else {
            throw DatasetError(ordered)
        }
        return Dataset(
            states: states.states, indicators: indicators, events: events, model: model,
            diagnostics: ordered)
    }

    // MARK: Files

    private mutating func loadModel() -> LoadedModel? {
        let file = path("model.yaml")
        guard let bytes = InputFile.bytes(atPath: file, file: file, diagnostics: &diagnostics) else { return nil }
        guard var yaml = String(validating: bytes, as: UTF8.self) else {
            let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
            let line = (lines.firstIndex { String(validating: $0, as: UTF8.self) == nil } ?? -1) + 1
            diagnostics.error(file, line: line, "the line is not valid UTF-8 (save the file as UTF-8)")
            return nil
        }
        // libyaml reads a BOM at the start of its input as content, so it goes here, as in CSV files.
        if yaml.unicodeScalars.first == "\u{FEFF}" { yaml.unicodeScalars.removeFirst() }
        var folderName = directory
        while folderName.hasSuffix("/") { folderName.removeLast() }
        let defaultName = folderName.split(separator: "/").last.map(String.init) ?? "dataset"
        let (model, found) = ModelLoader.load(yaml: yaml, file: file, defaultName: defaultName)
        diagnostics += found
        return model
    }

    /// - Parameter read: indicators.csv as `CSVTable.read` gave it, with its diagnostics.
    private mutating func loadIndicators(
        _ states: LoadedStates, _ model: LoadedModel?,
        read: (table: CSVTable?, diagnostics: [Diagnostic])
    ) -> Indicators {
        diagnostics += read.diagnostics
        guard let table = read.table else { return Indicators() }
        indicatorColumns = table.header.filter { $0 != "id" }
        let leaves =
            model.map { model in
                model.leaves.compactMap { criterion, leaf -> (reference: LoadedModel.Reference, leaf: Leaf)? in
                    guard case .indicator = leaf.source else { return nil }
                    return model.indicatorColumns.first { $0.criterion == criterion.id }.map { ($0, leaf) }
                }
            } ?? []
        // A denominator is read like an indicator, without the rules of the leaf it divides.
        let denominators = (model?.denominatorColumns ?? []).map {
            (reference: $0, leaf: Leaf(source: .indicator($0.name)))
        }
        let indicators = IndicatorsLoader.load(
            table, states: states, leaves: leaves + denominators,
            modelFile: path("model.yaml"), diagnostics: &diagnostics)
        if let model { countUnusableDenominators(indicators, model) }
        return indicators
    }

    /// One warning per leaf with a `denominator` that is missing or zero where the leaf's own
    /// value is present: those values become missing (SPEC §12).
    private mutating func countUnusableDenominators(_ indicators: Indicators, _ model: LoadedModel) {
        for (criterion, leaf) in model.leaves {
            guard case .indicator(let name) = leaf.source, let denominator = leaf.denominator,
                let values = indicators.columns[name], let divisors = indicators.columns[denominator],
                let reference = model.denominatorColumns.first(where: { $0.criterion == criterion.id })
            else { continue }
            var (missing, zero) = (0, 0)
            for (value, divisor) in zip(values, divisors) where !value.isNaN {
                if divisor.isNaN { missing += 1 } else if divisor == 0 { zero += 1 }
            }
            guard missing + zero > 0 else { continue }
            let location = reference.location
            diagnostics.warning(
                path("model.yaml"), line: location.line, column: location.column,
                "\(location.path): leaf `\(criterion.id)`: \(missing + zero) value(s) become missing because "
                    + "their denominator `\(denominator)` is missing (\(missing)) or zero (\(zero))")
        }
    }

    private mutating func loadEvents(_ states: LoadedStates, _ model: LoadedModel?) -> Events {
        let file = path("events.csv")
        var events = Events()
        if FileManager.default.fileExists(atPath: file),
            let table = CSVTable.read(path: file, file: file, diagnostics: &diagnostics)
        {
            events = EventsLoader.load(table, states: states, diagnostics: &diagnostics)
        }
        let exists = FileManager.default.fileExists(atPath: file)
        for reference in model?.eventIndicators ?? [] where events.series[reference.name] == nil {
            let location = reference.location
            let why =
                exists
                ? "which has no rows in events.csv" + didYouMean(reference.name, among: events.series.keys.sorted())
                : "but the dataset has no events.csv"
            diagnostics.error(
                path("model.yaml"), line: location.line, column: location.column,
                "\(location.path): signal leaf `\(reference.criterion)` reads the indicator `\(reference.name)`, \(why)"
            )
        }
        return events
    }

    // MARK: Cross-checks

    /// Dates in states.csv cannot be after the model's reference date.
    private mutating func checkDates(_ states: LoadedStates, asOf: CalendarDate?) {
        guard let asOf else { return }
        let file = states.table.file
        for (state, line) in zip(states.states, states.lines) {
            if let lastVisit = state.lastVisit, lastVisit > asOf {
                diagnostics.error(
                    file, line: line, column: states.table.columnNumber(of: "last_visit"),
                    "column `last_visit`: \(lastVisit) for `\(state.id)` is after the model's as_of \(asOf)")
            }
            if let report = state.reportSubmitted, report > asOf {
                diagnostics.error(
                    file, line: line, column: states.table.columnNumber(of: "report_submitted"),
                    "column `report_submitted`: \(report) for `\(state.id)` is after the model's as_of \(asOf)")
            }
        }
    }

    /// The ids of `planning.include` and `exclude` must be candidates, and every region of
    /// `planning.regions` a region of states.csv: a bound on a region no State has would bind
    /// nothing (SPEC §7).
    private mutating func checkPlanningReferences(_ states: LoadedStates, _ model: LoadedModel) {
        let file = path("model.yaml")
        let unknown = (model.included + model.excluded).filter { states.positions[$0.name] == nil }
        for (attempt, reference) in unknown.enumerated() {
            let location = reference.location
            // Each suggestion is a pass over every candidate: the first 20 unknown ids get one.
            let suggestion = attempt < 20 ? didYouMeanAny(reference.name, among: states.states.lazy.map(\.id)) : ""
            diagnostics.error(
                file, line: location.line, column: location.column,
                "\(location.path): `\(reference.name)` is not an id of states.csv" + suggestion)
        }
        let regions = Set(states.states.lazy.map(\.region)).sorted()
        for reference in model.regions where !regions.contains(reference.name) {
            let location = reference.location
            let listed =
                regions.count <= 12
                ? regions.joined(separator: ", ")
                : regions.prefix(12).joined(separator: ", ") + " and \(regions.count - 12) more"
            diagnostics.error(
                file, line: location.line, column: location.column,
                "\(location.path): no State of states.csv is in region `\(reference.name)`, so its bound "
                    + "would constrain nothing" + didYouMeanAny(reference.name, among: regions)
                    + " (regions of states.csv: \(listed))")
        }
    }

    /// Every column of states.csv that the model relies on must be there (SPEC §7): one error per
    /// missing column, at the header, naming each setting and leaf that needs it with its line.
    /// A column whose header is misspelt is already reported where it is written.
    private mutating func checkRequiredColumns(_ states: LoadedStates, _ model: LoadedModel) {
        // A dataset with a ledger takes these columns from it (SPEC §7, §9); the ledger's facts
        // are derived when the CLI applies it, and checked against any column still here.
        var folder = directory.isEmpty ? "." : directory
        if !folder.hasSuffix("/") { folder += "/" }
        if FileManager.default.fileExists(atPath: folder + "ledger.sqlite") { return }
        let requirements = ColumnRequirement.requirements(of: model)
        for column in ColumnRequirement.columns where !states.hasColumn(column) && !states.misspelt.contains(column) {
            let needs = requirements.filter { $0.column == column }
            guard !needs.isEmpty else { continue }
            let shown = needs.prefix(5).map(\.what)
            let more = needs.count > 5 ? " and \(needs.count - 5) more" : ""
            diagnostics.error(
                states.table.file, line: 1,
                "missing column `\(column)`, which the model relies on: "
                    + shown.joined(separator: "; ") + more
                    + "; without it \(ColumnRequirement.consequence(ofLacking: column))")
        }
    }

    /// Every name in a `confidential` request must be a column of indicators.csv or an
    /// indicator of events.csv: a misspelt request would publish what the State asked to keep.
    private mutating func checkConfidentialRequests(_ states: LoadedStates, events: Events) {
        let known = Set(indicatorColumns).union(events.series.keys)
        let column = states.table.columnNumber(of: "confidential")
        for (state, line) in zip(states.states, states.lines) {
            guard case .indicators(let names) = state.confidential else { continue }
            for name in names where !known.contains(name) {
                diagnostics.error(
                    states.table.file, line: line, column: column,
                    "column `confidential`: `\(name.excerpt)` for `\(state.id)` is not a column of indicators.csv nor an indicator of events.csv"
                        + didYouMean(name, among: known.sorted())
                        + " (write indicator names separated by `;`, or `all`)")
            }
        }
    }

    /// The diagnostics by file (in the order of SPEC §2), then line and column; problems at
    /// the same place keep the order in which they were found.
    private func sortedDiagnostics() -> [Diagnostic] {
        func rank(_ file: String) -> Int {
            Self.fileOrder.firstIndex { path($0) == file } ?? Self.fileOrder.count
        }
        return diagnostics.enumerated().sorted { a, b in
            (rank(a.element.file), a.element.line, a.element.column, a.offset)
                < (rank(b.element.file), b.element.line, b.element.column, b.offset)
        }.map(\.element)
    }
}

/// A CSV file read (`CSVTable.read`) on another thread from the moment it is made; ``wait()``
/// gives the table and the diagnostics of the reading.
private final class CSVTableInBackground: @unchecked Sendable {
    private let done = DispatchGroup()
    /// Written once by the reading thread, read after `done`.
    private var result: (table: CSVTable?, diagnostics: [Diagnostic]) = (nil, [])

    /// Starts reading the file at `path`, which is also its name in diagnostics.
    init(path: String) {
        DispatchQueue.global().async(group: done) { [self] in
            var diagnostics: [Diagnostic] = []
            let table = CSVTable.read(path: path, file: path, diagnostics: &diagnostics)
            result = (table, diagnostics)
        }
    }

    /// The table and the diagnostics, once read.
    func wait() -> (table: CSVTable?, diagnostics: [Diagnostic]) {
        done.wait()
        return result
    }
}
