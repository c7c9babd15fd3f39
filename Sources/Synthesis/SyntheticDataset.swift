import Dataset
import LinearAlgebra

/// A synthetic dataset folder held in memory: the bytes of each of its files, and its model.
///
/// A dataset of any size that exercises every feature of the SPEC: regions and sub-regions,
/// missing values, every engagement fact, events for the three signals, a model with every
/// normalisation, missing rule and aggregation, planning constraints that are feasible by
/// construction, and sensitivity settings. `visitplan synth` writes it; benchmarks and tests read it.
///
/// The same settings and the same random stream always give the same bytes: numbers have a fixed
/// number of decimals, lines end in LF, rows follow the candidates' order and the model is written
/// by `ModelWriter` in its fixed order.
public struct SyntheticDataset: Sendable {
    public var settings: SynthesisSettings
    /// `states.csv`, `indicators.csv`, `events.csv`, `model.yaml` and `README.md`, in that order.
    public var files: [(name: String, bytes: [UInt8])]
    /// What model.yaml holds: loading the folder gives this model back (source locations aside).
    public var model: Model
    /// Ids of a visit list that meets every planning constraint of model.yaml: the proof that the
    /// planning problem is feasible (not the optimal list).
    public var feasibleList: [String]

    /// The bytes of the file named `name`, or nil.
    public func file(_ name: String) -> [UInt8]? {
        files.first { $0.name == name }?.bytes
    }

    /// Generates the dataset.
    ///
    /// Four words drawn from `generator` key the internal streams (`Xoshiro256(key:stream:)`, one
    /// per block of candidates); each candidate then gets its region, latent risk, engagement
    /// facts, indicators and yearly events, so the output depends only on the settings and the
    /// generator's stream, not on the number of threads. The planning constraints are derived
    /// afterwards from a list that satisfies them all (see `PlanningWitness`), so the planning
    /// problem is feasible.
    ///
    /// - Parameter progress: called with the fraction of the candidates drawn, from any thread.
    /// - Complexity: O(candidates × (indicators + years)), in parallel over blocks of candidates;
    ///   about 0.7 GB of output per million candidates at 32 indicators is built in memory.
    public static func generate(
        _ settings: SynthesisSettings, using generator: inout some RandomNumberGenerator,
        progress: (@Sendable (Double) -> Void)? = nil
    ) -> SyntheticDataset {
        var synthesis = Synthesiser(settings: settings)
        let key = (generator.next(), generator.next(), generator.next(), generator.next())
        synthesis.generate(key: key, progress: progress)
        let witness = PlanningWitness(candidates: synthesis.facts, regionCount: World.regions.count)
        let synthetic = SyntheticModel(settings: settings, columns: synthesis.columns, witness: witness)
        let model = synthetic.model
        let yaml = ModelWriter(model, layout: synthetic.layout).yaml()
        let readme = ReadmeWriter(
            settings: settings, columns: synthesis.columns, witness: witness,
            statistics: synthesis.statistics
        ).markdown()
        return SyntheticDataset(
            settings: settings,
            files: [
                ("states.csv", synthesis.states),
                ("indicators.csv", synthesis.indicators),
                ("events.csv", synthesis.events),
                ("model.yaml", Array(yaml.utf8)),
                ("README.md", Array(readme.utf8)),
            ], model: model, feasibleList: witness.selected.map(settings.candidateID))
    }

    /// Writes the files into the folder `directory`, all or nothing (`AtomicFile.writeFolder`):
    /// an existing non-empty folder is replaced only when `replacing` is true, and only once the
    /// new one is complete.
    ///
    /// - Throws: `FolderOutputError`.
    public func write(to directory: String, replacing: Bool) throws {
        try AtomicFile.writeFolder(files, to: directory, replacing: replacing)
    }

    /// Checks that `directory` can receive a dataset before any work is done: it is absent (with an
    /// existing parent folder), an empty folder, or a folder that `replacing` allows to replace.
    ///
    /// - Throws: `FolderOutputError`.
    public static func checkOutput(_ directory: String, replacing: Bool) throws {
        try AtomicFile.checkFolderDestination(directory, replacing: replacing)
    }
}
