import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// One bad (or deliberately odd but valid) input from `Corpus/`: a folder whose files replace
/// those of a copy of datasets/demo-small, and whose `expect.txt` says what must happen.
///
/// `expect.txt` lines: `exit: N` (1, or 0 for inputs the SPEC accepts), `location: file:line:col`
/// (a fragment of the diagnostic's position, after the dataset folder), `message: text` (a
/// fragment of the same diagnostic line), `generate: name` (files too large or too odd to commit,
/// written by `CorpusCase.generate`), `revise: ARGS` (the case is an adopted plan: the dataset is
/// valid, and `visitplan revise DATASET --adopted DATASET/adopted.json ARGS` must exit with
/// `exit` and report `location` … `message`), `command: plan`, `command: programme` or
/// `command: panel` or `command: batch` (a valid dataset whose planning problem, panel.yaml or
/// scenarios file fails: that command,
/// not `validate` and `score`, must exit with `exit`; words after the command's name are its
/// arguments, e.g. `command: sensitivity --weights panel`, `{dataset}` standing for the case's
/// folder), and `#` comments.
struct CorpusCase: CustomTestStringConvertible, Sendable {
    var name: String
    var exit: Int32 = 1
    var location = ""
    var message = ""
    var generator: String?
    /// The arguments of `revise` after `--adopted`, for the cases about adopted plans.
    var revise: String?
    /// `plan`, `programme` or `panel` for a case that only that command rejects; nil for the others.
    var command: String?

    var testDescription: String { name }

    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Corpus")

    static let all: [CorpusCase] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.sorted().compactMap { name in
            guard
                let text = try? String(contentsOf: folder.appendingPathComponent("\(name)/expect.txt"), encoding: .utf8)
            else { return nil }
            var item = CorpusCase(name: name)
            for line in text.split(separator: "\n") where !line.hasPrefix("#") {
                guard let colon = line.firstIndex(of: ":") else { continue }
                let key = line[..<colon], value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                switch key {
                case "exit": item.exit = Int32(value) ?? 1
                case "location": item.location = value
                case "message": item.message = value
                case "generate": item.generator = value
                case "revise": item.revise = value
                case "command": item.command = value
                default: break
                }
            }
            return item
        }
    }()

    /// A copy of datasets/demo-small with this case's files laid over it.
    func materialise() throws -> URL {
        let dataset = try copyOfDataset("demo-small")
        let source = Self.folder.appendingPathComponent(name)
        for file in try FileManager.default.contentsOfDirectory(atPath: source.path) where file != "expect.txt" {
            let target = dataset.appendingPathComponent(file)
            try? FileManager.default.removeItem(at: target)
            try FileManager.default.copyItem(at: source.appendingPathComponent(file), to: target)
        }
        if let generator { try Self.generate(generator, into: dataset) }
        return dataset
    }

    /// Writes the files of the cases that are too large to commit.
    static func generate(_ generator: String, into dataset: URL) throws {
        func write(_ text: String, _ file: String) throws {
            try Data(text.utf8).write(to: dataset.appendingPathComponent(file))
        }
        func read(_ file: String) throws -> String {
            try String(contentsOf: dataset.appendingPathComponent(file), encoding: .utf8)
        }
        switch generator {
        case "huge-field":
            // A 1 MB cell where gap_legal's value for AAA belongs (line 2, column 2).
            var lines = try read("indicators.csv").split(separator: "\n", omittingEmptySubsequences: false).map(
                String.init)
            lines[1] = "AAA," + String(repeating: "x", count: 1 << 20) + ",2.0,12,x"
            try write(lines.joined(separator: "\n"), "indicators.csv")
        case "deep-yaml":
            let depth = 100_000
            try write(
                "as_of: 2023-01-01\nscoring: " + String(repeating: "[", count: depth)
                    + String(repeating: "]", count: depth) + "\n", "model.yaml")
        case "deep-criteria":
            let depth = 5_000
            try write(
                "as_of: 2023-01-01\nscoring:\n  criteria: "
                    + String(repeating: "[{id: n, criteria: ", count: depth)
                    + "[{id: l, indicator: gap_legal}]" + String(repeating: "}]", count: depth) + "\n", "model.yaml")
        case "fifo-indicators", "fifo-events":
            // A named pipe that nobody writes to: opening it for reading would wait forever.
            let file = generator == "fifo-events" ? "events.csv" : "indicators.csv"
            let path = dataset.appendingPathComponent(file).path
            try FileManager.default.removeItem(atPath: path)
            #expect(mkfifo(path, 0o644) == 0, "mkfifo \(path)")
        case "devzero-model":
            // A link to a device that never ends.
            let path = dataset.appendingPathComponent("model.yaml").path
            try FileManager.default.removeItem(atPath: path)
            try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: "/dev/zero")
        default:
            Issue.record("unknown generator `\(generator)`")
        }
    }
}

@Suite struct CorpusTests {
    @Test func corpusIsNotEmpty() {
        #expect(CorpusCase.all.count >= 40)
    }

    /// Every case through `validate` and `score --output` (`plan --output` for a `command: plan`
    /// case, which must validate): the expected exit, the diagnostic at the expected place, no
    /// output file on failure, no crash, no hang.
    @Test(arguments: CorpusCase.all)
    func badInputIsReportedNotCrashed(_ item: CorpusCase) throws {
        let dataset = try item.materialise()
        let outputs = try temporaryFolder("out")
        defer {
            try? FileManager.default.removeItem(at: dataset)
            try? FileManager.default.removeItem(at: outputs)
        }
        // `command: plan` or `command: programme`: a valid dataset that only that command rejects.
        let planning = item.command != nil
        // A case about an adopted plan has a valid dataset; `revise` is checked below. A planning
        // case validates and fails only in `plan`.
        let exit = item.revise == nil ? item.exit : 0
        let validExit = planning ? 0 : exit

        let validate = try CLIRunner.run(["validate", dataset.path], timeout: 10)
        #expect(!validate.timedOut && validate.seconds < 10, "validate took \(validate.seconds) s")
        #expect(!validate.signalled && validate.status < 128, "validate crashed: \(validate.status)")
        #expect(validate.status == validExit, "validate exit \(validate.status): \(validate.stderr.prefix(2000))")
        #expect(validate.stderr.utf8.count < 64_000, "the messages are \(validate.stderr.utf8.count) bytes long")
        if validExit != 0 { expectDiagnostic(item, in: validate.stderr, dataset: dataset) }

        let words = (item.command ?? "plan").split(separator: " ").map(String.init)
        let file = planning ? "\(words[0]).json" : "scores.csv"
        let output = outputs.appendingPathComponent(file)
        // `{dataset}` in the command's arguments is the case's dataset folder (`batch --scenarios`).
        let given = words.dropFirst().map { $0.replacingOccurrences(of: "{dataset}", with: dataset.path) }
        let arguments =
            planning
            ? [words[0], dataset.path] + given + ["--format", "json"]
            : ["score", dataset.path, "--format", "csv"]
        let run = try CLIRunner.run(arguments + ["--output", output.path], timeout: 10)
        #expect(!run.timedOut && run.seconds < 10, "\(arguments[0]) took \(run.seconds) s")
        #expect(!run.signalled && run.status < 128, "\(arguments[0]) crashed: \(run.status)")
        #expect(run.status == exit, "\(arguments[0]) exit \(run.status): \(run.stderr.prefix(2000))")
        if exit != 0 {
            if planning { expectDiagnostic(item, in: run.stderr, dataset: dataset) }
            #expect(run.stderr.contains(item.message), "\(arguments[0])'s messages: \(run.stderr.prefix(2000))")
            #expect(contents(of: outputs).isEmpty, "left behind: \(contents(of: outputs))")
        } else {
            #expect(contents(of: outputs) == [file])
        }
    }

    /// The cases about adopted plans through `revise --output`: the expected exit, the
    /// diagnostic at the expected place, and no output file on failure.
    @Test(arguments: CorpusCase.all.filter { $0.revise != nil })
    func badAdoptedPlanIsReportedNotCrashed(_ item: CorpusCase) throws {
        let dataset = try item.materialise()
        let outputs = try temporaryFolder("out")
        defer {
            try? FileManager.default.removeItem(at: dataset)
            try? FileManager.default.removeItem(at: outputs)
        }
        let arguments = (item.revise ?? "").split(separator: " ").map(String.init)
        let revise = try CLIRunner.run(
            ["revise", dataset.path, "--adopted", dataset.path + "/adopted.json"] + arguments
                + ["--output", outputs.appendingPathComponent("revision.txt").path], timeout: 10)
        #expect(!revise.timedOut && !revise.signalled && revise.status < 128, "revise crashed: \(revise.status)")
        #expect(revise.status == item.exit, "revise exit \(revise.status): \(revise.stderr.prefix(2000))")
        if item.exit != 0 {
            expectDiagnostic(item, in: revise.stderr, dataset: dataset)
            #expect(contents(of: outputs).isEmpty, "left behind: \(contents(of: outputs))")
        }
    }

    /// The location and the message are on the same diagnostic line.
    func expectDiagnostic(_ item: CorpusCase, in stderr: String, dataset: URL) {
        let place = dataset.path + "/" + item.location
        let matching = stderr.split(separator: "\n").filter { $0.contains(place) && $0.contains(item.message) }
        #expect(!matching.isEmpty, "expected `\(item.location)` … `\(item.message)` in:\n\(stderr.prefix(2000))")
    }
}
