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
        process.arguments = [
            "python3", Self.root.appendingPathComponent("datasets/build/derive_cycle.py").path,
            "--output", output.path,
        ]
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

    /// The names are the UN's own (UNTERM short names, in English, French and Spanish, without the
    /// article UNTERM writes after some: "Netherlands (the)"), not CLDR's ("UK", "Congo - Kinshasa",
    /// "St. Lucia"). CIV and TUR have no French or Spanish name: the source snapshot has none.
    @Test func namesAreTheUNTERMShortNames() throws {
        let dataset = try Dataset.load(directory: Self.cycle.path)
        let byID = Dictionary(uniqueKeysWithValues: dataset.states.map { ($0.id, $0) })
        // UNTERM's short names, read on the UNTERM entries themselves.
        let expected: [(id: String, en: String, fr: String?, es: String?)] = [
            (
                "GBR", "United Kingdom of Great Britain and Northern Ireland",
                "Royaume-Uni de Grande-Bretagne et d'Irlande du Nord", "Reino Unido de Gran Bretaña e Irlanda del Norte"
            ),
            ("USA", "United States of America", "États-Unis d'Amérique", "Estados Unidos de América"),
            ("BIH", "Bosnia and Herzegovina", "Bosnie-Herzégovine", "Bosnia y Herzegovina"),
            (
                "COD", "Democratic Republic of the Congo", "République démocratique du Congo",
                "República Democrática del Congo"
            ),
            ("COG", "Congo", "Congo", "Congo"),
            ("LCA", "Saint Lucia", "Sainte-Lucie", "Santa Lucía"),
            ("ATG", "Antigua and Barbuda", "Antigua-et-Barbuda", "Antigua y Barbuda"),
            (
                "BOL", "Bolivia (Plurinational State of)", "Bolivie (État plurinational de)",
                "Bolivia (Estado Plurinacional de)"
            ),
            ("NLD", "Netherlands", "Pays-Bas", "Países Bajos"),
            ("CIV", "Côte d'Ivoire", nil, nil),
            ("TUR", "Türkiye", nil, nil),
        ]
        for (id, en, fr, es) in expected {
            let state = try #require(byID[id])
            #expect(state.name(in: .en) == en && state.name(in: .fr) == fr && state.name(in: .es) == es, "\(state)")
        }
        // No CLDR abbreviation and no UNTERM article marker anywhere; French and Spanish for all but two.
        let articles = ["(the)", "(le)", "(la)", "(les)", "(l')", "(el)", "(los)", "(las)"]
        for state in dataset.states {
            for name in NameLanguage.allCases.compactMap(state.name(in:)) {
                #expect(!name.contains(" & ") && !name.contains(" - ") && !name.hasPrefix("St. "), "\(name)")
                #expect(!articles.contains { name.hasSuffix(" " + $0) }, "\(name)")
            }
        }
        let withoutTranslation = dataset.states.filter { $0.name(in: .fr) == nil || $0.name(in: .es) == nil }.map(\.id)
        #expect(withoutTranslation == ["CIV", "TUR"])
    }

    /// `country-codes.csv`, where the French and Spanish names come from, is the upstream file
    /// unchanged (datasets/country-codes at commit caa72d1e, `data/country-codes.csv`): its SHA-256
    /// is the one datasets/README.md records.
    @Test func sourceOfTheTranslatedNamesIsUnchanged() throws {
        let process = Process()
        let pipe = Pipe()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sha256sum", Self.root.appendingPathComponent("datasets/sources/country-codes.csv").path]
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let digest = "67b009b529330b0a6043551189f43faa785c9c3cc0011ad2bdb4eac876356c43"
        #expect(output.hasPrefix(digest))
        let readme = try String(contentsOf: Self.root.appendingPathComponent("datasets/README.md"), encoding: .utf8)
        #expect(readme.contains(digest))
    }
}
