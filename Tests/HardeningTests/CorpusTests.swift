import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing

/// One bad (or deliberately odd but valid) input from `Corpus/`: a folder whose files replace
/// those of a copy of datasets/demo-small, and whose `expect.txt` says what must happen.
///
/// `expect.txt` lines: `exit: N` (1, or 0 for inputs the SPEC accepts), `location: file:line:col`
/// (a fragment of the diagnostic's position, after the dataset folder), `message: text` (a
/// fragment of the same diagnostic line), `generate: name` (files too large or too odd to commit,
/// written by `CorpusCase.generate`), and `#` comments.
struct CorpusCase: CustomTestStringConvertible, Sendable {
    var name: String
    var exit: Int32 = 1
    var location = ""
    var message = ""
    var generator: String?

    var testDescription: String { name }

    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Corpus")

    static let all: [CorpusCase] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.sorted().compactMap { name in
            guard let text = try? String(contentsOf: folder.appendingPathComponent("\(name)/expect.txt"), encoding: .utf8)
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
                default: break
                }
            }
            return item
        }
    }()

    /// A copy of datasets/demo-small with this case's files laid over it.
    func materialise() throws -> URL {
        let dataset = try Subprocess.copyOfDataset("demo-small")
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
            var lines = try read("indicators.csv").split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            lines[1] = "AAA," + String(repeating: "x", count: 1 << 20) + ",2.0,12,x"
            try write(lines.joined(separator: "\n"), "indicators.csv")
        case "deep-yaml":
            let depth = 100_000
            try write("as_of: 2023-01-01\nscoring: " + String(repeating: "[", count: depth)
                      + String(repeating: "]", count: depth) + "\n", "model.yaml")
        case "deep-criteria":
            let depth = 5_000
            try write("as_of: 2023-01-01\nscoring:\n  criteria: "
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

    /// Every case through `validate` and `score --output`: the expected exit, the diagnostic at
    /// the expected place, no output file on failure, no crash, no hang.
    @Test(arguments: CorpusCase.all)
    func badInputIsReportedNotCrashed(_ item: CorpusCase) throws {
        let dataset = try item.materialise()
        let outputs = try Subprocess.temporaryFolder("out")
        defer {
            try? FileManager.default.removeItem(at: dataset)
            try? FileManager.default.removeItem(at: outputs)
        }

        let validate = try Subprocess.run(["validate", dataset.path], timeout: 10)
        #expect(!validate.timedOut && validate.seconds < 10, "validate took \(validate.seconds) s")
        #expect(!validate.signalled && validate.status < 128, "validate crashed: \(validate.status)")
        #expect(validate.status == item.exit, "validate exit \(validate.status): \(validate.stderr.prefix(2000))")
        #expect(validate.stderr.utf8.count < 64_000, "the messages are \(validate.stderr.utf8.count) bytes long")
        if item.exit != 0 {
            // The location and the message are on the same diagnostic line.
            let place = dataset.path + "/" + item.location
            let matching = validate.stderr.split(separator: "\n").filter {
                $0.contains(place) && $0.contains(item.message)
            }
            #expect(!matching.isEmpty, "expected `\(item.location)` … `\(item.message)` in:\n\(validate.stderr.prefix(2000))")
        }

        let output = outputs.appendingPathComponent("scores.csv")
        let score = try Subprocess.run(["score", dataset.path, "--format", "csv", "--output", output.path], timeout: 10)
        #expect(!score.timedOut && score.seconds < 10, "score took \(score.seconds) s")
        #expect(!score.signalled && score.status < 128, "score crashed: \(score.status)")
        #expect(score.status == item.exit, "score exit \(score.status): \(score.stderr.prefix(2000))")
        if item.exit != 0 {
            #expect(score.stderr.contains(item.message), "score's messages: \(score.stderr.prefix(2000))")
            #expect(Subprocess.contents(of: outputs).isEmpty, "left behind: \(Subprocess.contents(of: outputs))")
        } else {
            #expect(Subprocess.contents(of: outputs) == ["scores.csv"])
        }
    }
}
