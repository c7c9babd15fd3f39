import ArgumentParser
import Dataset
import LinearAlgebra
import Synthesis

extension VisitPlan {
    struct Synth: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "synth",
            abstract: "Write a synthetic dataset of any size that exercises every feature.",
            discussion: """
                Writes states.csv, indicators.csv, events.csv, model.yaml and a README.md saying how the data was made. Every value is synthetic; the same arguments always give the same bytes; the planning constraints in model.yaml are feasible for the generated data.

                The folder is written all or nothing: into a hidden sibling folder first, renamed into place once complete. An existing non-empty folder is replaced only with --force, and only once the new one is complete.

                Examples:
                  visitplan synth --candidates 500 --seed 7 --output /tmp/synth-500
                  visitplan synth --candidates 1000000 --seed 1 --output /tmp/s1m --force
                  visitplan validate /tmp/synth-500
                """
        )

        @Option(help: ArgumentHelp("Number of candidates (rows of states.csv), at least 1.", valueName: "N"))
        var candidates: Int

        @Option(help: ArgumentHelp("Seed of the random stream: the same seed gives the same bytes.", valueName: "S"))
        var seed: UInt64 = 1

        @Option(
            help: ArgumentHelp(
                "Number of indicator columns, at least \(SynthesisSettings.minimumIndicators).",
                valueName: "K"))
        var indicators: Int = SynthesisSettings.defaultIndicators

        @Option(help: ArgumentHelp("The dataset folder to write.", valueName: "DIR"))
        var output: String

        @Flag(help: "Replace the output folder if it exists and is not empty.")
        var force = false

        @OptionGroup var progressBar: ProgressOptions

        func validate() throws {
            if candidates < 1 {
                throw ValidationError("--candidates must be at least 1, got \(candidates).")
            }
            try checkLimits([(.syntheticCandidates, candidates, "--candidates")])
            if indicators < SynthesisSettings.minimumIndicators {
                throw ValidationError(
                    "--indicators must be at least \(SynthesisSettings.minimumIndicators) "
                        + "(one per kind of leaf in the model), got \(indicators).")
            }
            if indicators > 10_000 {
                throw ValidationError("--indicators must be at most 10000, got \(indicators).")
            }
            // Both counts are within their bounds here, so the product does not overflow.
            try checkLimits([(.syntheticCells, candidates * indicators, "--candidates × --indicators")])
            if output.isEmpty { throw ValidationError("--output must name a folder.") }
        }

        func run() throws {
            let settings = SynthesisSettings(candidates: candidates, indicators: indicators, seed: seed)
            do {
                // Fail before generating, which takes seconds for a million candidates.
                try SyntheticDataset.checkOutput(output, replacing: force)
                var generator = Xoshiro256(seed: seed)
                let dataset = progressBar.run(.init("Drawing", total: candidates, unit: "candidates")) { progress in
                    SyntheticDataset.generate(settings, using: &generator, progress: progress)
                }
                try progressBar.run(.init("Writing")) { _ in try dataset.write(to: output, replacing: force) }
            } catch let error as FolderOutputError {
                throw InputFailure(lines: ["error: \(error)"])
            }
            VisitPlan.report(["wrote \(output): \(candidates) candidates, \(indicators) indicators, seed \(seed)"])
        }
    }
}
