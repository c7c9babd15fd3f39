import Dataset
import Formats
import Foundation
import Scoring

/// A copy of datasets/demo-small in a folder of this process's own, in which a fuzz target
/// replaces or removes files before loading the folder with the public `Dataset.load`.
///
/// Going through the folder, not an in-memory entry point, means every input takes the path a
/// user's files take: the file read, the UTF-8 check and BOM, each loader, the cross-checks
/// between the files, then scoring. The folder is made on first use and removed at a normal exit
/// (libFuzzer's `-max_total_time` ends with `exit`); a crash leaves its few kilobytes in the
/// temporary directory.
public struct ScratchDataset: Sendable {
    /// The files of a dataset folder (SPEC §2).
    public static let files = ["states.csv", "indicators.csv", "events.csv", "model.yaml"]

    /// The folder, as passed to `Dataset.load(directory:)`.
    public let directory: String
    /// demo-small's bytes, by file name.
    private let originals: [String: [UInt8]]

    /// This process's copy.
    public static let shared = ScratchDataset()

    /// `VISITPLAN_FUZZ_VERBOSE=1` prints each outcome, to see what a seed or a reproducer does.
    private static let verbose = ProcessInfo.processInfo.environment["VISITPLAN_FUZZ_VERBOSE"] == "1"

    private init() {
        // Fuzz/Support/ScratchDataset.swift → the checkout's root.
        let checkout = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let source = checkout.appendingPathComponent("datasets/demo-small")
        var originals: [String: [UInt8]] = [:]
        for name in Self.files {
            guard let bytes = FileManager.default.contents(atPath: source.appendingPathComponent(name).path) else {
                fatalError("cannot read \(source.path)/\(name): the fuzz targets run from a checkout of visitplan")
            }
            originals[name] = Array(bytes)
        }
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("visitplan-fuzz-\(getpid())").appendingPathComponent("demo-small")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            fatalError("cannot create \(folder.path): \(error)")
        }
        self.directory = folder.path
        self.originals = originals
        for name in Self.files { restore(name) }
        atexit {
            let parent = URL(fileURLWithPath: ScratchDataset.shared.directory).deletingLastPathComponent()
            try? FileManager.default.removeItem(at: parent)
        }
    }

    // MARK: Files

    /// The path of one file of the folder, which is also its name in diagnostics.
    public func path(_ name: String) -> String { "\(directory)/\(name)" }

    /// Replaces the file `name` with `bytes`.
    public func write(_ name: String, _ bytes: UnsafeRawBufferPointer) {
        let descriptor = open(path(name), O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        precondition(descriptor >= 0, "cannot open \(path(name)): errno \(errno)")
        defer { close(descriptor) }
        var written = 0
        while written < bytes.count {
            let count = Foundation.write(descriptor, bytes.baseAddress! + written, bytes.count - written)
            precondition(count > 0, "cannot write \(path(name)): errno \(errno)")
            written += count
        }
    }

    /// Removes the file `name`, as when a dataset has no events.csv.
    public func remove(_ name: String) {
        unlink(path(name))
    }

    /// Puts back demo-small's file `name`.
    public func restore(_ name: String) {
        originals[name]!.withUnsafeBytes { write(name, $0) }
    }

    // MARK: The invariant

    /// Loads the folder as `visitplan validate` and `score` do, and stops the process (a crash,
    /// for libFuzzer) when the outcome breaks what Guides/Reliability.md promises:
    ///
    /// - `Dataset.load` either returns a dataset whose diagnostics hold no error, or throws a
    ///   `DatasetError` holding at least one error, and nothing else;
    /// - every diagnostic names one of the folder's files (or the folder), with a line that exists
    ///   in that file and a non-empty message;
    /// - a dataset that loads can be scored, or fails with a located `ScoringError`, and its
    ///   scores render as CSV and JSON.
    ///
    /// A crash inside the loaders or the scoring engine stops the process the same way, which is
    /// the point: libFuzzer saves the input.
    ///
    /// - Parameter input: what the target changed, for the message of a failed check.
    public func loadAndCheck(_ input: @autoclosure () -> String) {
        let dataset: Dataset
        do {
            dataset = try Dataset.load(directory: directory)
        } catch let error as DatasetError {
            if Self.verbose { print("\(input()): not valid\n\(error)") }
            check(error.diagnostics, input)
            if error.errors.isEmpty {
                fatalError("\(input()): DatasetError without an error:\n\(error)")
            }
            return
        } catch {
            fatalError("\(input()): Dataset.load threw \(type(of: error)), not DatasetError: \(error)")
        }
        check(dataset.diagnostics, input)
        if let error = dataset.diagnostics.first(where: { $0.severity == .error }) {
            fatalError("\(input()): the dataset loaded with an error: \(error)")
        }
        if dataset.states.isEmpty {
            fatalError("\(input()): the dataset loaded without candidates")
        }
        if Self.verbose {
            print("\(input()): valid, \(dataset.states.count) candidates\n\(DatasetError(dataset.diagnostics))")
        }
        do {
            let table = try Scoring.score(dataset)
            if table.candidates.count != dataset.states.count {
                fatalError("\(input()): \(table.candidates.count) scores for \(dataset.states.count) candidates")
            }
            _ = table.csv()
            _ = table.json(model: dataset.model)
        } catch let error as ScoringError {
            // A value the formulas reject (a negative value under a geometric node): reported
            // to the user as a located error, as `validate` does.
            if Self.verbose { print("\(input()): not scored: \(error)") }
        } catch {
            fatalError("\(input()): score threw \(type(of: error)), not ScoringError: \(error)")
        }
    }

    /// Every diagnostic is at a place a user can find.
    private func check(_ diagnostics: [Diagnostic], _ input: () -> String) {
        var lineCounts: [String: Int] = [:]
        for diagnostic in diagnostics {
            guard let name = Self.files.first(where: { path($0) == diagnostic.file }) else {
                if diagnostic.file == directory { continue }
                fatalError("\(input()): a diagnostic names no file of the dataset: \(diagnostic)")
            }
            if diagnostic.message.isEmpty {
                fatalError("\(input()): a diagnostic without a message: \(diagnostic)")
            }
            if lineCounts[name] == nil { lineCounts[name] = lineBound(path(name)) }
            if diagnostic.line < 0 || diagnostic.line > lineCounts[name]! || diagnostic.column < 0 {
                fatalError(
                    "\(input()): a diagnostic outside \(name), which has at most \(lineCounts[name]!) lines: \(diagnostic)"
                )
            }
        }
    }

    /// The most lines a reader can count in the file at `path`: one more than its line breaks,
    /// which are LF, CR, CRLF, and the Unicode breaks libyaml also honours (NEL, LS, PS).
    private func lineBound(_ path: String) -> Int {
        guard let bytes = FileManager.default.contents(atPath: path) else { return 1 }
        var breaks = 0
        var (twoBack, previous): (UInt8, UInt8) = (0, 0)
        for byte in bytes {
            switch (twoBack, previous, byte) {
            case (_, 0x0D, 0x0A): break  // the LF of a CRLF
            case (_, _, 0x0A), (_, _, 0x0D): breaks += 1
            case (_, 0xC2, 0x85): breaks += 1  // NEL
            case (0xE2, 0x80, 0xA8), (0xE2, 0x80, 0xA9): breaks += 1  // LS, PS
            default: break
            }
            (twoBack, previous) = (previous, byte)
        }
        return breaks + 1
    }
}
