/// Why a folder of outputs (a synthetic dataset) could not be written where the user asked.
public enum FolderOutputError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The output folder exists and holds files; `--force` replaces it.
    case outputNotEmpty(path: String)
    /// The output path exists and is not a folder.
    case outputNotAFolder(path: String)
    /// The system refused to create or write something.
    case cannotWrite(path: String, reason: String)

    public var description: String {
        switch self {
        case .outputNotEmpty(let path):
            "\(path): the output folder exists and is not empty; choose another folder or pass --force to replace it"
        case .outputNotAFolder(let path):
            "\(path): exists and is not a folder; choose another output path"
        case .cannotWrite(let path, let reason):
            "\(path): cannot write: \(reason)"
        }
    }
}
