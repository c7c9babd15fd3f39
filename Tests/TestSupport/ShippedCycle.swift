import Dataset

/// The shipped cycle (datasets/cycle-2023), loaded once for every test that reads it.
public let shippedCycle: Dataset = try! Dataset.load(
    directory: repositoryRoot.appendingPathComponent("datasets/cycle-2023").path)
