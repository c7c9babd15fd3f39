import Crypto
import Foundation

/// The identity of a dataset's contents: a SHA-256 digest of each of its four files and one of
/// the whole, so that a plan can say which data it was made on.
///
/// The whole-dataset digest is SHA-256 over, for each file in the order states.csv,
/// indicators.csv, events.csv, model.yaml: the file's name, a newline, its length in bytes in
/// decimal, a newline, then its bytes. An absent events.csv contributes nothing. Two datasets
/// have the same fingerprint exactly when their files are byte for byte the same; the folder's
/// name and the files' dates play no part, so a copy of a dataset has its fingerprint.
///
/// JSON keys: `path` (the folder as given when the fingerprint was taken; informative only),
/// `fingerprint` (`sha256:` and 64 hex digits), `files` (file name → `sha256:…`).
public struct DatasetFingerprint: Codable, Sendable, Equatable {
    /// The files that make a dataset, in the order they are hashed.
    public static let fileNames = ["states.csv", "indicators.csv", "events.csv", "model.yaml"]

    /// The folder the fingerprint was taken of (informative: not part of the identity).
    public var path: String
    /// `sha256:` followed by 64 lowercase hex digits.
    public var fingerprint: String
    /// Per present file, its own `sha256:` digest.
    public var files: [String: String]

    public init(path: String, fingerprint: String, files: [String: String]) {
        self.path = path
        self.fingerprint = fingerprint
        self.files = files
    }

    /// Reads the dataset's files and digests them.
    ///
    /// - Complexity: O(total size of the files).
    /// - Throws: `DatasetError` when a required file cannot be read (an absent events.csv is fine).
    public init(directory: String) throws {
        var whole = SHA256()
        var files: [String: String] = [:]
        for name in Self.fileNames {
            let path = directory + "/" + name
            if name == "events.csv" && !FileManager.default.fileExists(atPath: path) { continue }
            guard let bytes = FileManager.default.contents(atPath: path) else {
                throw DatasetError([Diagnostic(file: path, .error, "cannot read the file to fingerprint the dataset")])
            }
            whole.update(data: Data("\(name)\n\(bytes.count)\n".utf8))
            whole.update(data: bytes)
            files[name] = Self.hex(SHA256.hash(data: bytes))
        }
        self.init(path: directory, fingerprint: Self.hex(whole.finalize()), files: files)
    }

    /// The names of the files whose contents differ between two fingerprints (a file present in
    /// one only counts as differing).
    public func differingFiles(from other: DatasetFingerprint) -> [String] {
        Self.fileNames.filter { files[$0] != other.files[$0] }
    }

    /// The first 12 hex digits, enough for a person to tell two fingerprints apart.
    public var short: String {
        String(fingerprint.dropFirst("sha256:".count).prefix(12))
    }

    private static func hex(_ digest: SHA256.Digest) -> String {
        "sha256:"
            + digest.map { byte in
                let digits = String(byte, radix: 16)
                return digits.count == 1 ? "0" + digits : digits
            }.joined()
    }
}
