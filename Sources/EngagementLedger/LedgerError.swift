/// A ledger that cannot be used, or an event that cannot be recorded, worded for the user.
public struct LedgerError: Error, Sendable, CustomStringConvertible, Equatable {
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
