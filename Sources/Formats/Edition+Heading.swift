import Dataset

extension Edition {
    /// The lines a table opens with: the internal warning, or the public edition's notes
    /// (each followed by a newline; empty when there is nothing to say).
    public var heading: String {
        let lines = (internalWarning.map { [$0] } ?? []) + publicNotes
        return lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n\n"
    }
}
