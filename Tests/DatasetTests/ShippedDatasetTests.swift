import Dataset
import Foundation
import Testing

/// The shipped cycle: its integrity, and that `make datasets` reproduces it from its sources.
@Suite struct ShippedDatasetTests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let cycle = root.appendingPathComponent("datasets/cycle-2023")

    @Test func holdsThe193MemberStatesOnce() throws {
        let dataset = try Dataset.load(directory: Self.cycle.path)
        let ids = dataset.states.map(\.id)
        #expect(ids.count == 193)
        #expect(Set(ids).count == 193)
        #expect(ids.allSatisfy { $0.count == 3 && $0.allSatisfy { $0.isASCII && $0.isUppercase } })
    }

    @Test func everyM49RegionIsPresent() throws {
        let dataset = try Dataset.load(directory: Self.cycle.path)
        #expect(Set(dataset.states.map(\.region)) == ["Africa", "Americas", "Asia", "Europe", "Oceania"])
    }

    @Test func noVisitIsAfterTheReferenceDate() throws {
        let dataset = try Dataset.load(directory: Self.cycle.path)
        #expect(dataset.states.allSatisfy { ($0.lastVisit ?? dataset.model.asOf) <= dataset.model.asOf })
        // Calibrated to the public total: about 112 of 193 States visited by late 2022.
        let visited = dataset.states.filter { !$0.neverVisited }.count
        #expect((100...125).contains(visited))
    }

    @Test func loadsWithoutErrors() throws {
        let dataset = try Dataset.load(directory: Self.cycle.path)
        #expect(dataset.diagnostics.allSatisfy { $0.severity != .error })
        #expect(dataset.model.planning != nil)
    }

    @Test func buildStepReproducesTheShippedFilesByteForByte() throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("cycle-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Self.root.appendingPathComponent("datasets/build/derive_cycle.py").path,
                             "--output", output.path]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        for file in ["states.csv", "history.csv", "indicators.csv", "events.csv", "model.yaml"] {
            let rebuilt = try Data(contentsOf: output.appendingPathComponent(file))
            let shipped = try Data(contentsOf: Self.cycle.appendingPathComponent(file))
            #expect(rebuilt == shipped, "\(file) differs from its rebuild")
        }
    }
}
