import Foundation

/// What the report's footer says about how it was made: the program's version, when it was
/// written (UTC) and the data it was made from (issue 20).
///
/// The time comes from the caller, so that a test (or a reproducible build, through
/// `SOURCE_DATE_EPOCH`) gets the same bytes twice.
public struct ReportStamp: Sendable, Equatable {
    /// visitplan's version (`visitplan --version`).
    public var version: String
    /// When the report was written.
    public var generatedAt: Date
    /// The dataset's fingerprint (`sha256:` and 64 hex digits, as plans record it). The page
    /// prints it only when the edition may: a public edition of data with confidential values
    /// leaves it out, as a public plan does.
    public var fingerprint: String?
    /// The ledger's events up to the last one recorded (its seq); nil without a ledger.
    public var ledgerEvents: Int?

    public init(version: String, generatedAt: Date, fingerprint: String? = nil, ledgerEvents: Int? = nil) {
        self.version = version
        self.generatedAt = generatedAt
        self.fingerprint = fingerprint
        self.ledgerEvents = ledgerEvents
    }

    /// The generation time a build asks for in `SOURCE_DATE_EPOCH` (whole seconds since
    /// 1970-01-01 UTC, the reproducible-builds.org convention), else `now`.
    ///
    /// - Returns: nil when the variable is set but is not a whole number of seconds from 0 to
    ///   253402300799 (9999-12-31T23:59:59Z).
    public static func generationTime(environment: [String: String], now: Date = Date()) -> Date? {
        guard let text = environment["SOURCE_DATE_EPOCH"] else { return now }
        guard let seconds = Int(text.trimmingCharacters(in: .whitespaces)), (0...253_402_300_799).contains(seconds)
        else { return nil }
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    /// `2026-11-30 09:52:44 UTC`.
    var generatedText: String {
        // ISO 8601 in UTC (the formatter's default zone is GMT): 2026-11-30T09:52:44Z.
        let iso = ISO8601DateFormatter().string(from: generatedAt)
        return iso.replacingOccurrences(of: "T", with: " ").replacingOccurrences(of: "Z", with: " UTC")
    }
}
