import Benchmark
import BenchmarkInputs
import BenchmarkTolerances
import CSV
import CSVReference
@_spi(Benchmarks) import Dataset
import Foundation
import LinearAlgebra
import Synthesis
import TextOutput

// Reading a dataset's CSV files: the byte scanner `Dataset.load` uses (Sources/Dataset/CSVText.swift)
// side by side with CSV.swift's `CSVReader`, which it replaced, on the same files of a
// `visitplan synth --candidates 100000 --seed 1` dataset; then the whole load. Each pair reads
// the same files to the same result, checked in setup.

/// The temporary folder of the benchmark `name`, which its setup writes and its teardown removes.
func temporaryFolder(_ name: String) -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("visitplan-bench-\(name)-\(getpid())").path
}

/// Writes a `visitplan synth` dataset of `candidates` to `folder`.
func writeSynthesisedDataset(candidates: Int, seed: UInt64, to folder: String) throws {
    var generator = Xoshiro256(seed: seed)
    let synthetic = SyntheticDataset.generate(SynthesisSettings(candidates: candidates, seed: seed), using: &generator)
    try synthetic.write(to: folder, replacing: true)
}

/// The fields of a CSV file as the loader read them before the scanner: the file decoded to a
/// String, its BOM dropped, CSV.swift's reader row by row, blank lines left out. (The loader also
/// checked the quoting and counted lines in passes of its own, not timed here.)
func csvSwiftFields(path: String) -> [[String]] {
    guard let data = FileManager.default.contents(atPath: path),
        var text = String(validating: Array(data), as: UTF8.self)
    else { return [] }
    if text.unicodeScalars.first == "\u{FEFF}" { text.unicodeScalars.removeFirst() }
    guard let reader = try? CSVReader(string: text, hasHeaderRow: false) else { return [] }
    var rows: [[String]] = []
    while let fields = reader.next() {
        if fields != [""] { rows.append(fields) }
    }
    return rows
}

/// Every column but the first as numbers from CSV.swift's fields: `Double(_:)` of each cell, NaN
/// for an empty cell, `NA` or text (the loader also trimmed spaces and checked the form first).
func csvSwiftNumericColumns(path: String) -> [[Double]] {
    let rows = csvSwiftFields(path: path)
    guard let header = rows.first else { return [] }
    var columns = [[Double]](repeating: [], count: max(header.count - 1, 0))
    for c in columns.indices { columns[c].reserveCapacity(rows.count - 1) }
    for row in rows.dropFirst() {
        for c in columns.indices { columns[c].append(Double(row[c + 1]) ?? .nan) }
    }
    return columns
}

/// Whether two sets of columns hold the same numbers, bit for bit.
func sameNumbers(_ a: [[Double]], _ b: [[Double]]) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { x, y in x.map(\.bitPattern) == y.map(\.bitPattern) }
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .measuring([.wallClock, candidatesPerSecond])
    let candidates = 100_000
    let files = ["states.csv", "indicators.csv"]
    @Sendable func remove(_ folder: String) { try? FileManager.default.removeItem(atPath: folder) }

    // states.csv (7.7 MB) and indicators.csv (19.7 MB) to the text of every field.
    let fieldReaders: [(name: String, read: @Sendable (String) -> [[String]])] = [
        ("scanner", { CSVReading.fields(path: $0) }), ("csvswift", csvSwiftFields),
    ]
    for reader in fieldReaders {
        let name = "csv-fields-\(candidates)x32-\(reader.name)", folder = temporaryFolder(name)
        Benchmark(
            name,
            configuration: .measuring([.wallClock, candidatesPerSecond], maxIterations: 10)
        ) {
            (benchmark: Benchmark, folder: String) in
            let (rows, seconds) = timed { files.map { reader.read(folder + "/" + $0).count } }
            blackHole(rows)
            benchmark.measurement(candidatesPerSecond, Int(Double(candidates) / seconds))
        } setup: {
            try writeSynthesisedDataset(candidates: candidates, seed: 1, to: folder)
            for file in files {
                precondition(
                    CSVReading.fields(path: folder + "/" + file) == csvSwiftFields(path: folder + "/" + file),
                    "the scanner and CSV.swift read \(file) differently")
            }
            return folder
        } teardown: {
            remove(folder)
        }
    }

    // indicators.csv to 32 columns of numbers.
    let numberReaders: [(name: String, read: @Sendable (String) -> [[Double]])] = [
        ("scanner", { CSVReading.numericColumns(path: $0) }), ("csvswift", csvSwiftNumericColumns),
    ]
    for reader in numberReaders {
        let name = "csv-numbers-\(candidates)x32-\(reader.name)", folder = temporaryFolder(name)
        Benchmark(
            name,
            configuration: .measuring([.wallClock, candidatesPerSecond], maxIterations: 10)
        ) {
            (benchmark: Benchmark, path: String) in
            let (columns, seconds) = timed { reader.read(path) }
            blackHole(columns.count)
            benchmark.measurement(candidatesPerSecond, Int(Double(candidates) / seconds))
        } setup: {
            try writeSynthesisedDataset(candidates: candidates, seed: 1, to: folder)
            let path = folder + "/indicators.csv"
            precondition(
                sameNumbers(CSVReading.numericColumns(path: path), csvSwiftNumericColumns(path: path)),
                "the scanner and CSV.swift read indicators.csv to different numbers")
            return path
        } teardown: {
            remove(folder)
        }
    }

    // Writing: `score --format csv` of 100,000 candidates is 100,000 rows of 40 fields (rank, id,
    // name, region, score, coverage and 34 node values), written on bytes by `Tabular.csv` or
    // through CSV.swift's `CSVWriter` (`Tabular.csvWriter`); setup checks the two texts are equal.
    let writers: [(name: String, write: @Sendable ([String], [[String]]) -> String)] = [
        ("bytes", { Tabular.csv(header: $0, rows: $1) }), ("csvswift", { Tabular.csvWriter(header: $0, rows: $1) }),
    ]
    for writer in writers {
        Benchmark(
            "csv-write-\(candidates)x40-\(writer.name)",
            configuration: .measuring([.wallClock, candidatesPerSecond], maxIterations: 10)
        ) {
            (benchmark: Benchmark, table: (header: [String], rows: [[String]])) in
            let (text, seconds) = timed { writer.write(table.header, table.rows) }
            blackHole(text.utf8.count)
            benchmark.measurement(candidatesPerSecond, Int(Double(candidates) / seconds))
        } setup: {
            var random = Xoshiro256(seed: 40)
            let header = ["rank", "id", "name", "region", "score", "coverage"] + (0..<34).map { "node\($0)" }
            let rows = (0..<candidates).map { i -> [String] in
                [String(i + 1), "C\(i)", i % 50 == 0 ? "Candidate \(i), \"quoted\"" : "Candidate \(i)", "R\(i % 5)"]
                    + (0..<36).map { _ in "\(random.nextUnit())" }
            }
            precondition(
                Array(Tabular.csv(header: header, rows: rows).utf8)
                    == Array(Tabular.csvWriter(header: header, rows: rows).utf8),
                "Tabular.csv and CSVWriter write different texts")
            return (header, rows)
        }
    }

    // The whole `Dataset.load`: the four files (events.csv has 1.5 million rows) and every check.
    let name = "load-\(candidates)x32", folder = temporaryFolder(name)
    Benchmark(
        name,
        configuration: .measuring([.wallClock, .peakMemoryResident, candidatesPerSecond], maxIterations: 10)
    ) {
        (benchmark: Benchmark, folder: String) in
        let (dataset, seconds) = try timed { try Dataset.load(directory: folder) }
        blackHole(dataset.states.count)
        benchmark.measurement(candidatesPerSecond, Int(Double(candidates) / seconds))
    } setup: {
        try writeSynthesisedDataset(candidates: candidates, seed: 1, to: folder)
        return folder
    } teardown: {
        remove(folder)
    }
}
