/// A reason written in JSON as its words (its description): the model keeps the value, the
/// output keeps the sentence it has always had.
public protocol WrittenAsWords: Encodable, CustomStringConvertible {}

extension WrittenAsWords {
    /// Written as its description.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
