import Foundation
import Testing

@testable import Dataset

/// A dataset folder written into a fresh temporary directory: a small valid dataset, with some
/// files replaced or removed by the test.
struct TemporaryDataset {
    static let states = """
        id,name,region,last_visit,consent
        AAA,Candidate A,North,2019-03-01,given
        BBB,Candidate B,South,,pending
        CCC,Candidate C,South,2015,refused

        """
    static let indicators = """
        id,gap,threat
        AAA,1,3
        BBB,2,5
        CCC,4,

        """
    /// Lines: 5 `- id: gaps`, 8 `- id: gap`, 9 `indicator: gap`, 12 `- id: engagement`.
    static let model = """
        name: Test model
        as_of: 2023-01-01
        scoring:
          criteria:
            - id: gaps
              weight: 2
              criteria:
                - id: gap
                  indicator: gap
                - id: threat
                  indicator: threat
            - id: engagement
              criteria:
                - id: never_visited
                  engagement: never-visited

        """

    let folder: String

    /// Writes the default files, replaced by `files` (file name → text, nil to leave it out).
    init(_ files: [String: String?] = [:]) throws {
        folder = FileManager.default.temporaryDirectory.path + "/visitplan-test-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var contents: [String: String?] = [
            "states.csv": Self.states, "indicators.csv": Self.indicators, "model.yaml": Self.model,
        ]
        contents.merge(files) { _, new in new }
        for case let (name, text?) in contents {
            try write(Array(text.utf8), to: name)
        }
    }

    /// Writes raw bytes, for encodings a Swift string cannot hold.
    func write(_ bytes: [UInt8], to name: String) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: "\(folder)/\(name)"))
    }

    func remove() { try? FileManager.default.removeItem(atPath: folder) }

    /// Loads the folder, which must fail; returns the error.
    func failure(sourceLocation: Testing.SourceLocation = #_sourceLocation) -> DatasetError? {
        defer { remove() }
        do {
            let dataset = try Dataset.load(directory: folder)
            Issue.record(
                "expected the dataset to be rejected; it loaded \(dataset.states.count) candidates",
                sourceLocation: sourceLocation)
            return nil
        } catch let error as DatasetError {
            return error
        } catch {
            Issue.record("expected a DatasetError, got \(error)", sourceLocation: sourceLocation)
            return nil
        }
    }

    /// Loads the folder, which must succeed.
    func success() throws -> Dataset {
        defer { remove() }
        return try Dataset.load(directory: folder)
    }
}

extension DatasetError {
    /// Whether an error (or the given severity) is reported in `file` at `line` (and `column`,
    /// when given) with a message containing `fragment`.
    func has(
        _ file: String, line: Int, column: Int? = nil, _ fragment: String,
        severity: Diagnostic.Severity = .error
    ) -> Bool {
        diagnostics.contains { $0.matches(file, line: line, column: column, fragment, severity: severity) }
    }
}

extension Diagnostic {
    func matches(_ file: String, line: Int, column: Int?, _ fragment: String, severity: Diagnostic.Severity) -> Bool {
        self.file.hasSuffix("/" + file) && self.line == line && (column == nil || self.column == column)
            && message.contains(fragment) && self.severity == severity
    }
}

/// Checks that `error` reports `fragment` at `file:line:column`, printing every diagnostic if not.
func expectReported(
    _ error: DatasetError?, _ file: String, line: Int, column: Int? = nil, _ fragment: String,
    severity: Diagnostic.Severity = .error, sourceLocation: Testing.SourceLocation = #_sourceLocation
) {
    guard let error else { return }
    #expect(
        error.has(file, line: line, column: column, fragment, severity: severity),
        "expected \(file):\(line):\(column ?? 0): \(fragment); got:\n\(error)", sourceLocation: sourceLocation)
}
