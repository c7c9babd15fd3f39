import Dataset
import TextOutput

/// A JSON result with the edition's top-level keys added beside its own (SPEC §8):
/// `"audience": "internal"` when the data hold confidential values; for a public edition
/// `"audience": "public"`, `"withheld"` (what was withheld and why) and `"audit"` (its figures).
/// The result's own keys are unchanged, so the document stays exactly machine-readable.
public struct EditionDocument<Body: Encodable>: Encodable {
    public var body: Body
    public var edition: Edition

    public init(_ body: Body, edition: Edition) {
        self.body = body
        self.edition = edition
    }

    private enum Keys: String, CodingKey {
        case audience, withheld, audit
    }

    public func encode(to encoder: any Encoder) throws {
        try body.encode(to: encoder)
        guard edition.isPublic || edition.holdsConfidential else { return }
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(edition.audience.rawValue, forKey: .audience)
        if edition.isPublic {
            try container.encode(edition.statement, forKey: .withheld)
            try container.encodeIfPresent(edition.audit, forKey: .audit)
        }
    }
}

extension JSONFields {
    /// The keys an edition adds to a result (``EditionDocument``): `audience` when the data hold
    /// confidential values or the edition is public; a public edition's `withheld` and `audit`.
    public mutating func addEdition(_ edition: Edition) {
        guard edition.isPublic || edition.holdsConfidential else { return }
        add("audience") { $0.string(edition.audience.rawValue) }
        guard edition.isPublic else { return }
        add("withheld") { $0.encoded(edition.statement) }
        if let audit = edition.audit { add("audit") { $0.encoded(audit) } }
    }
}
