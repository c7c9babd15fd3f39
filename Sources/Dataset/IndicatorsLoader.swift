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
                diagnostics.error(
                    modelFile, line: reference.location.line, column: reference.location.column,
                    "\(reference.location.path): leaf `\(reference.criterion)` names the column `\(reference.name)`, which is not in \(file)"
                        + didYouMean(reference.name, among: columnNames))
            }
        }
        let referencedNames = Set(referenced.map(\.name))
        let unused = columnNames.filter { !referencedNames.contains($0) }
        if !unused.isEmpty {
            // Named up to 20, so 100,000 unused columns make one short line, not a megabyte.
            let named = unused.prefix(20).map(\.excerpt).joined(separator: ", ")
            let more = unused.count > 20 ? " and \(unused.count - 20) more" : ""
            diagnostics.note(file, line: 1, "columns not used by the model are ignored: \(named)\(more)")
        }

        // Each cell is read from the file's bytes; text is made only for ids and for reports.
        let n = states.states.count
        let rows = table.rows
        let text = table.text
        let columnIndices = referenced.map(\.column)
        let logLeaf = referenced.map { $0.leaves.first { $0.leaf.logTransform }?.reference.criterion }
        let strictLeaf = referenced.map { $0.leaves.first { $0.leaf.missing == .error }?.reference.criterion }
        var columns = referenced.map { _ in [Double](repeating: .nan, count: n) }
        /// The line of each candidate's row; 0 for none yet.
        var rowLines = [Int](repeating: 0, count: n)
        var fields: [CSVText.Field] = []
        var scratch: [UInt8] = []
        var unknownIDs = 0
        // The values of up to `blockRows` rows, row by row, go to their columns a block at a
        // time: each column's storage is then reached once a block rather than once a value.
        let blockRows = 1024
        let block = UnsafeMutableBufferPointer<Double>.allocate(capacity: blockRows * referenced.count)
        defer { block.deallocate() }
        var blockPositions: [Int] = []
        blockPositions.reserveCapacity(blockRows)
        for r in rows.indices {
            let line = rows.lines[r]
            rows.fields(ofRow: r, into: &fields)
            let id = text.string(fields[idColumn])
            // Rows usually come in the order of states.csv: try that position before hashing
            // the id (the ids of states.csv are distinct, so an equal id is that candidate).
            let guess = r < n && states.states[r].id == id ? r : states.positions[id]
            guard let position = guess else {
                diagnostics.error(
                    file, line: line, column: idColumn + 1,
                    "id `\(id)` is not in states.csv" + states.suggestion(for: id, attempt: unknownIDs))
                unknownIDs += 1
                continue
            }
            if rowLines[position] != 0 {
                diagnostics.error(
                    file, line: line, column: idColumn + 1,
                    "duplicate id `\(id)` (first at line \(rowLines[position]))")
                continue
            }
            rowLines[position] = line
            let values = blockPositions.count * referenced.count
            blockPositions.append(position)
            for k in referenced.indices {
                let field = fields[columnIndices[k]]
                func report(_ message: String) {
                    diagnostics.error(file, line: line, column: columnIndices[k] + 1, message)
                }
                block[values + k] = .nan
                switch text.withText(of: field, scratch: &scratch, NumericCell.init(utf8:)) {
                case .value(let value):
                    block[values + k] = value
                    if value < 0, let log = logLeaf[k] {
                        report(
                            "column `\(referenced[k].name)`: \(writtenNumber(value)) for `\(id)` is negative, but leaf `\(log)` takes its log (`transform: log` needs values ≥ 0)"
                        )
                    }
                case .missing:
                    if let strict = strictLeaf[k] {
                        report(
                            "column `\(referenced[k].name)` is missing for `\(id)`, and leaf `\(strict)` has `missing: error`"
                        )
                    }
                case .invalid(let reason):
                    report(
                        "column `\(referenced[k].name)`: `\(text.string(field).excerpt)` for `\(id.excerpt)` is not a number: \(reason)"
                    )
                }
            }
            if blockPositions.count == blockRows { scatter(block, &blockPositions, into: &columns) }
        }
        scatter(block, &blockPositions, into: &columns)

        // A candidate without a row is missing too; a `missing: error` leaf rejects that.
        let withoutRow = states.states.indices.filter { rowLines[$0] == 0 }.map { states.states[$0].id }
        for (k, column) in referenced.enumerated() {
            if !withoutRow.isEmpty, let strict = column.leaves.first(where: { $0.leaf.missing == .error }) {
                let location = strict.reference.location
                let listed = withoutRow.prefix(5).joined(separator: ", ") + (withoutRow.count > 5 ? ", …" : "")
                diagnostics.error(
                    modelFile, line: location.line, column: location.column,
                    "\(location.path): leaf `\(strict.reference.criterion)` has `missing: error`, but \(withoutRow.count) candidate(s) have no row in \(file): \(listed)"
                )
            }
            var first: Double?
            var isConstant = true
            for value in columns[k] where !value.isNaN {
                if let first { isConstant = isConstant && value == first } else { first = value }
            }
            if let first {
                if isConstant {
                    diagnostics.warning(
                        file, line: 1, column: column.column + 1,
                        "column `\(column.name)` is constant (every present value is \(writtenNumber(first))): it cannot tell candidates apart"
                    )
                }
            } else {
                diagnostics.warning(
                    file, line: 1, column: column.column + 1,
                    "column `\(column.name)` has no value for any candidate")
            }
        }
        return Indicators(columns: Dictionary(uniqueKeysWithValues: zip(referenced.map(\.name), columns)))
    }

    /// Writes the block's rows of values (row j: the values of the candidate at `positions[j]`,
    /// one per column) to their places in `columns`, and empties `positions`.
    private static func scatter(
        _ block: UnsafeMutableBufferPointer<Double>, _ positions: inout [Int], into columns: inout [[Double]]
    ) {
        let width = columns.count
        for k in 0..<width {
            columns[k].withUnsafeMutableBufferPointer { column in
                for (j, position) in positions.enumerated() { column[position] = block[j * width + k] }
            }
        }
        positions.removeAll(keepingCapacity: true)
    }
}
