import Benchmark
import BenchmarkTolerances
import Dataset
import EngagementLedger
import Foundation

// The ledger (SPEC §9): appending 100,000 events in one transaction (what `ledger import` does
// after checking the rows), and deriving the engagement facts of 193 States from them (what every
// command does on a dataset with a ledger). Guides/Ledger.md quotes the CLI's times for the same
// sizes, measured with /usr/bin/time.

/// 100,000 events over 193 States and 2000–2022: visits, consents, requests, reports, reviews,
/// from a fixed linear congruential stream (the same events every run).
func syntheticEvents(count: Int = 100_000, states: Int = 193) -> [NewEvent] {
    var x: UInt64 = 20_230_101
    func next(_ bound: Int) -> Int {
        x = x &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int((x >> 33) % UInt64(bound))
    }
    let kinds: [(EventKind, [String])] = [
        (.visit, ["comprehensive", "follow-up"]), (.consent, ["given", "pending", "refused"]),
        (.stateRequest, [""]), (.requestSent, [""]), (.reportSubmitted, [""]), (.followupConsidered, [""]),
    ]
    return (0..<count).map { _ in
        let (kind, details) = kinds[next(kinds.count)]
        let date = CalendarDate(year: 2000 + next(23), month: 1 + next(12), day: 1 + next(28))!
        return NewEvent(kind: kind, date: date, id: "S\(next(states))", detail: details[next(details.count)])
    }
}

func temporaryLedger(_ name: String) -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("visitplan-bench-\(name)-\(getpid())")
    try? FileManager.default.removeItem(at: folder)
    try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder.appendingPathComponent("ledger.sqlite").path
}

let benchmarks: @Sendable () -> Void = {
    let events = syntheticEvents()

    Benchmark("ledger-append-100000", configuration: .measuring([.wallClock], maxIterations: 5)) { benchmark in
        for _ in benchmark.scaledIterations {
            benchmark.stopMeasurement()
            let ledger = try Ledger.create(at: temporaryLedger("append"))
            benchmark.startMeasurement()
            blackHole(try ledger.append(events))
        }
    }

    let path = temporaryLedger("facts")
    Benchmark("ledger-facts-193x100000", configuration: .measuring([.wallClock], maxIterations: 50)) { benchmark in
        benchmark.stopMeasurement()
        if !FileManager.default.fileExists(atPath: path) { _ = try Ledger.create(at: path).append(events) }
        let ledger = try Ledger.open(at: path)
        benchmark.startMeasurement()
        let asOf = CalendarDate(year: 2023, month: 1, day: 1)!
        for _ in benchmark.scaledIterations {
            blackHole(LedgerFacts.derive(from: try ledger.factEvents(asOf: asOf), asOf: asOf))
        }
    }
}
