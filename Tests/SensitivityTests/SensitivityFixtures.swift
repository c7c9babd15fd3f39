import Dataset
import Foundation
import LinearAlgebra
import Scoring
import TestSupport

@testable import Sensitivity

// A small dataset written in code (the builders and the shipped cycle are in TestSupport).

/// Six candidates on three leaves in two groups, values chosen so that ranks move under
/// perturbation, with one tie (E and F have the same values).
func smallDataset(_ sensitivity: SensitivitySettings = SensitivitySettings()) -> Dataset {
    makeDataset(
        ids: ["A", "B", "C", "D", "E", "F"],
        columns: [
            "x": [0.9, 0.1, 0.5, 0.6, 0.3, 0.3],
            "y": [0.1, 0.9, 0.5, 0.2, 0.6, 0.6],
            "z": [0.4, 0.5, 0.3, 0.9, 0.2, 0.2],
        ],
        criteria: [node("g", weight: 2, [leaf("x"), leaf("y", weight: 1.5)]), leaf("z")],
        sensitivity: sensitivity)
}
