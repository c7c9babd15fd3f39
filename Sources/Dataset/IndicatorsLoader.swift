/// Reads indicators.csv (SPEC §2): `id` plus one column per indicator, wide.
///
/// Only the columns that the model's indicator leaves reference are read as numbers and kept;
/// the others (notes, sources, unused indicators) are ignored.
enum IndicatorsLoader {
    /// Reads the referenced columns, aligned with the candidates of states.csv; a candidate
    /// without a row, an empty cell and `NA` are NaN.
    ///
    /// - Parameters:
    ///   - leaves: the model's indicator leaves, by the column each names.
    ///   - modelFile: model.yaml's name in diagnostics, for a leaf that names a missing column.
    static func load(
        _ table: CSVTable, states: LoadedStates, leaves: [(reference: LoadedModel.Reference, leaf: Leaf)],
        modelFile: String, diagnostics: inout [Diagnostic]
    ) -> Indicators {
        let file = table.file
        let columnNames = table.header.filter { $0 != "id" }
        guard table.checkColumns(required: ["id"], optional: columnNames, diagnostics: &diagnostics) else {
            return Indicators()
        }
        let idColumn = table.header.firstIndex(of: "id")!

        // Each referenced column, the leaves reading it, and where it is in the file.
        var referenced: [(name: String, column: Int, leaves: [(reference: LoadedModel.Reference, leaf: Leaf)])] = []
        for (reference, leaf) in leaves {
            if let index = referenced.firstIndex(where: { $0.name == reference.name }) {
                referenced[index].leaves.append((reference, leaf))
            } else if let column = table.header.firstIndex(of: reference.name) {
                referenced.append((reference.name, column, [(reference, leaf)]))
            } else {
                diagnostics.error(modelFile, line: reference.location.line, column: reference.location.column,
                                  "\(reference.location.path): leaf `\(reference.criterion)` names the column `\(reference.name)`, which is not in \(file)"
                                  + didYouMean(reference.name, among: columnNames))
            }
        }
        let unused = columnNames.filter { name in !referenced.contains { $0.name == name } }
        if !unused.isEmpty {
            diagnostics.note(file, line: 1, "columns not used by the model are ignored: \(unused.joined(separator: ", "))")
        }

        var columns = referenced.map { _ in [Double](repeating: .nan, count: states.states.count) }
        var rowLines: [String: Int] = [:]
        var unknownIDs = 0
        for row in table.rows {
            let id = row.fields[idColumn]
            guard let position = states.positions[id] else {
                diagnostics.error(file, line: row.line, column: idColumn + 1,
                                  "id `\(id)` is not in states.csv" + states.suggestion(for: id, attempt: unknownIDs))
                unknownIDs += 1
                continue
            }
            if let first = rowLines[id] {
                diagnostics.error(file, line: row.line, column: idColumn + 1, "duplicate id `\(id)` (first at line \(first))")
                continue
            }
            rowLines[id] = row.line
            for (k, column) in referenced.enumerated() {
                let text = row.fields[column.column]
                func report(_ message: String) {
                    diagnostics.error(file, line: row.line, column: column.column + 1, message)
                }
                switch NumericCell(text) {
                case .value(let value):
                    columns[k][position] = value
                    if value < 0, let log = column.leaves.first(where: { $0.leaf.logTransform }) {
                        report("column `\(column.name)`: \(writtenNumber(value)) for `\(id)` is negative, but leaf `\(log.reference.criterion)` takes its log (`transform: log` needs values ≥ 0)")
                    }
                case .missing:
                    if let strict = column.leaves.first(where: { $0.leaf.missing == .error }) {
                        report("column `\(column.name)` is missing for `\(id)`, and leaf `\(strict.reference.criterion)` has `missing: error`")
                    }
                case .invalid(let reason):
                    report("column `\(column.name)`: `\(text.excerpt)` for `\(id.excerpt)` is not a number: \(reason)")
                }
            }
        }

        // A candidate without a row is missing too; a `missing: error` leaf rejects that.
        let withoutRow = states.states.filter { rowLines[$0.id] == nil }.map(\.id)
        for (k, column) in referenced.enumerated() {
            if !withoutRow.isEmpty, let strict = column.leaves.first(where: { $0.leaf.missing == .error }) {
                let location = strict.reference.location
                let listed = withoutRow.prefix(5).joined(separator: ", ") + (withoutRow.count > 5 ? ", …" : "")
                diagnostics.error(modelFile, line: location.line, column: location.column,
                                  "\(location.path): leaf `\(strict.reference.criterion)` has `missing: error`, but \(withoutRow.count) candidate(s) have no row in \(file): \(listed)")
            }
            let present = columns[k].filter { !$0.isNaN }
            if present.isEmpty {
                diagnostics.warning(file, line: 1, column: column.column + 1,
                                    "column `\(column.name)` has no value for any candidate")
            } else if present.allSatisfy({ $0 == present[0] }) {
                diagnostics.warning(file, line: 1, column: column.column + 1,
                                    "column `\(column.name)` is constant (every present value is \(writtenNumber(present[0]))): it cannot tell candidates apart")
            }
        }
        return Indicators(columns: Dictionary(uniqueKeysWithValues: zip(referenced.map(\.name), columns)))
    }
}
