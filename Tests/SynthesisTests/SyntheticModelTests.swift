@_spi(Testing) import Dataset
import Foundation
import LinearAlgebra
import Synthesis
import Testing

/// model.yaml of a synthetic dataset is written from the loader's own model types: loading it
/// gives the same model back, and the bytes are those the generator wrote before it used
/// `ModelWriter` (files kept in Golden/, written by visitplan 75f4667's `synth`).
@Suite struct SyntheticModelTests {
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    private func synthesise(_ candidates: Int, seed: UInt64) -> SyntheticDataset {
        var stream = Xoshiro256(seed: seed)
        return SyntheticDataset.generate(SynthesisSettings(candidates: candidates, seed: seed), using: &stream)
    }

    private func golden(_ folder: String, _ file: String) throws -> [UInt8] {
        try [UInt8](Data(contentsOf: Self.golden.appendingPathComponent(folder).appendingPathComponent(file)))
    }

    /// Every file of a small dataset, byte for byte.
    @Test func everyFileIsTheBytesWrittenBefore() throws {
        let dataset = synthesise(40, seed: 3)
        for name in ["states.csv", "indicators.csv", "events.csv", "model.yaml", "README.md"] {
            #expect(dataset.file(name) == (try golden("synth-40-seed-3", name)), "\(name) differs")
        }
    }

    /// model.yaml and README.md of larger datasets (regional bounds, quotas, include and exclude).
    @Test(arguments: [(300, 3), (5000, 9)] as [(Int, UInt64)])
    func modelAndReadmeAreTheBytesWrittenBefore(candidates: Int, seed: UInt64) throws {
        let dataset = synthesise(candidates, seed: seed)
        for name in ["model.yaml", "README.md"] {
            #expect(dataset.file(name) == (try golden("synth-\(candidates)-seed-\(seed)", name)), "\(name) differs")
        }
    }

    /// Synthesise, write, load: the loaded model is the one the generator built.
    @Test(arguments: [1, 7, 300, 5000])
    func writtenModelLoadsBackEqual(candidates: Int) throws {
        let dataset = synthesise(candidates, seed: 11)
        let folder = FileManager.default.temporaryDirectory.path + "/visitplan-model-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try dataset.write(to: folder, replacing: false)
        let loaded = try Dataset.load(directory: folder)
        #expect(loaded.model.withoutSourceLocations == dataset.model)
        // The model says what the generator promised: the planning quotas and the sensitivity seed.
        #expect(loaded.model.planning?.visits == dataset.feasibleList.count)
        #expect(loaded.model.sensitivity.seed == 11)
    }
}
