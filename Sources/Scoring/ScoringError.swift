import Dataset

/// A dataset that loads but cannot be scored: a value the model's formulas reject.
public struct ScoringError: Error, Sendable, CustomStringConvertible {
    /// The leaf or node whose formula failed, and where model.yaml defines it.
    public var criterion: String
    public var location: SourceLocation
    public var message: String

    public init(criterion: String, location: SourceLocation, message: String) {
        self.criterion = criterion
        self.location = location
        self.message = message
    }

    public var description: String {
        let path = location.path.isEmpty ? criterion : location.path
        return "\(path): \(message)"
    }

    /// The error as a diagnostic on model.yaml at `modelFile`.
    public func diagnostic(modelFile: String) -> Diagnostic {
        Diagnostic(file: modelFile, line: location.line, column: location.column, .error, description)
    }
}
