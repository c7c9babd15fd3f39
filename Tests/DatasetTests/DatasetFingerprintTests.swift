import Foundation
import TestSupport
import Testing

@testable import Dataset

@Suite struct DatasetFingerprintTests {
    /// Three small files (no events.csv) in a fresh folder.
    func folder(states: String = "id,name,region\nAAA,A,North\n") throws -> URL {
        let url = try temporaryFolder("fingerprint")
        try Data(states.utf8).write(to: url.appendingPathComponent("states.csv"))
        try Data("id,x\nAAA,1\n".utf8).write(to: url.appendingPathComponent("indicators.csv"))
        try Data("as_of: 2020-01-01\n".utf8).write(to: url.appendingPathComponent("model.yaml"))
        return url
    }

    /// The digests were computed with Python's hashlib, over the framing the guide documents
    /// (name, newline, length, newline, bytes, for each present file in order).
    @Test func digestsAreSHA256AsDocumented() throws {
        let url = try folder()
        defer { try? FileManager.default.removeItem(at: url) }
        let print = try DatasetFingerprint(directory: url.path)
        #expect(print.fingerprint == "sha256:9a3b0f83f2b1efdc0ba9ea33f405c542c8ec6cc37e93298f9ac5089560c9c722")
        #expect(print.files["states.csv"] == "sha256:b597d30b573e1dbbca6f71052d4b6d315e9737f6d31e9b233176ba4d857fe9c4")
        #expect(print.files["model.yaml"] == "sha256:6fe218d04af2866eb303c90dae35a7e0615ac5b1823a51ad6de6834620327e35")
        #expect(print.files["events.csv"] == nil)
        #expect(print.short == "9a3b0f83f2b1")
    }

    @Test func aCopyHasTheSameFingerprintAndOneChangedByteDoesNot() throws {
        let a = try folder(), b = try folder(), c = try folder(states: "id,name,region\nAAA,A,NortH\n")
        defer { for url in [a, b, c] { try? FileManager.default.removeItem(at: url) } }
        let (pa, pb, pc) = (
            try DatasetFingerprint(directory: a.path), try DatasetFingerprint(directory: b.path),
            try DatasetFingerprint(directory: c.path)
        )
        #expect(pa.fingerprint == pb.fingerprint && pa.path != pb.path)
        #expect(pa.fingerprint != pc.fingerprint)
        #expect(pa.differingFiles(from: pc) == ["states.csv"])
        // An events.csv appearing is a change of that file.
        try Data("id,indicator,period,value\n".utf8).write(to: b.appendingPathComponent("events.csv"))
        #expect(try DatasetFingerprint(directory: b.path).differingFiles(from: pa) == ["events.csv"])
    }

    @Test func aMissingFileIsALocatedError() throws {
        let url = try folder()
        defer { try? FileManager.default.removeItem(at: url) }
        try FileManager.default.removeItem(at: url.appendingPathComponent("model.yaml"))
        #expect(throws: DatasetError.self) { try DatasetFingerprint(directory: url.path) }
    }
}
