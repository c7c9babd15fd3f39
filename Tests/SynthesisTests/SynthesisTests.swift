import Dataset
import Foundation
import LinearAlgebra
import Synthesis
import TestSupport
import Testing

private func synthesise(_ candidates: Int, seed: UInt64, indicators: Int = 32) -> SyntheticDataset {
    var stream = Xoshiro256(seed: seed)
    return SyntheticDataset.generate(
        SynthesisSettings(candidates: candidates, indicators: indicators, seed: seed),
        using: &stream)
}

/// The lines of a file, without the final LF.
private func lines(_ bytes: [UInt8]) -> [String] {
    var text = String(decoding: bytes, as: UTF8.self)
    if text.hasSuffix("\n") { text.removeLast() }
    return text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
}

/// The cells of a CSV file without quoting (the generator never quotes), header first.
private func cells(_ bytes: [UInt8]) -> [[String]] {
    lines(bytes).map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
}

@Suite struct SynthesisTests {
    static let fileNames = ["states.csv", "indicators.csv", "events.csv", "model.yaml", "README.md"]
    static let regions: Set<String> = ["Northland", "Southland", "Eastmarch", "Westreach", "Midlands", "Isles"]

    // MARK: Determinism

    @Test func sameSeedGivesIdenticalBytesInEveryFile() {
        let first = synthesise(300, seed: 42)
        let second = synthesise(300, seed: 42)
        #expect(first.files.map(\.name) == Self.fileNames)
        for name in Self.fileNames {
            #expect(first.file(name) == second.file(name), "\(name) differs between two runs with seed 42")
        }
    }

    @Test func differentSeedsGiveDifferentData() {
        let first = synthesise(300, seed: 1)
        let second = synthesise(300, seed: 2)
        for name in ["states.csv", "indicators.csv", "events.csv", "model.yaml"] {
            #expect(first.file(name) != second.file(name), "\(name) is the same for seeds 1 and 2")
        }
    }

    @Test func filesUseLFAndFixedDecimals() {
        let dataset = synthesise(200, seed: 5)
        for name in Self.fileNames {
            let bytes = dataset.file(name)!
            #expect(!bytes.contains(UInt8(ascii: "\r")), "\(name) has a CR")
            #expect(bytes.last == UInt8(ascii: "\n"), "\(name) does not end with LF")
        }
        // Every value of a column is written with the same number of decimals.
        let table = cells(dataset.file("indicators.csv")!)
        for column in 1..<table[0].count {
            let decimals = Set(
                table.dropFirst().map(\.[column]).filter { !$0.isEmpty && $0 != "NA" }.map {
                    $0.split(separator: ".").dropFirst().first?.count ?? 0
                })
            #expect(decimals.count == 1, "column \(table[0][column]) mixes \(decimals.sorted()) decimals")
        }
        // Rounding never writes a negative zero.
        #expect(!table.joined().contains { $0.hasPrefix("-") && Double($0) == 0 })
    }

    // MARK: Shape

    @Test(arguments: [1, 7, 500])
    func writesOneRowPerCandidate(candidates: Int) {
        let dataset = synthesise(candidates, seed: 3)
        let states = cells(dataset.file("states.csv")!)
        let indicators = cells(dataset.file("indicators.csv")!)
        #expect(states.count == candidates + 1)
        #expect(indicators.count == candidates + 1)
        #expect(Set(states.dropFirst().map(\.[0])).count == candidates, "ids are not unique")
        #expect(states.dropFirst().map(\.[0]) == indicators.dropFirst().map(\.[0]))
        #expect(indicators[0].count == 33)  // id and the default 32 indicators
        #expect(indicators.allSatisfy { $0.count == 33 })
    }

    @Test func indicatorCountFollowsTheOption() throws {
        let dataset = synthesise(50, seed: 3, indicators: 8)
        #expect(cells(dataset.file("indicators.csv")!)[0].count == 9)
        let loaded = try load(dataset)
        #expect(loaded.indicators.columns.count == 8)
    }

    @Test(arguments: [6, 500])
    func everyRegionIsPresent(candidates: Int) {
        let states = cells(synthesise(candidates, seed: 11).file("states.csv")!)
        let region = states[0].firstIndex(of: "region")!
        let subregion = states[0].firstIndex(of: "subregion")!
        #expect(Set(states.dropFirst().map(\.[region])) == Self.regions)
        #expect(
            states.dropFirst().allSatisfy { $0[subregion].hasPrefix($0[region]) || $0[subregion].hasSuffix("Isles") })
    }

    @Test func severalIndicatorsHaveAFewPercentMissing() {
        let table = cells(synthesise(5000, seed: 8).file("indicators.csv")!)
        let rows = table.dropFirst()
        let shares = (1..<table[0].count).map { column in
            Double(rows.filter { $0[column].isEmpty || $0[column] == "NA" }.count) / Double(rows.count)
        }
        let withMissing = shares.filter { $0 > 0 }
        #expect(withMissing.count >= 5)
        #expect(withMissing.allSatisfy { $0 <= 0.08 }, "missing shares \(withMissing)")
        #expect(rows.contains { $0.contains("NA") } && rows.contains { $0.contains("") })
    }

    @Test func statesShowEveryEngagementFact() throws {
        // Eight candidates are enough: the first eight show every fact.
        let dataset = synthesise(8, seed: 21)
        let raw = cells(dataset.file("states.csv")!)
        let lastVisit = raw[0].firstIndex(of: "last_visit")!
        let visits = raw.dropFirst().map(\.[lastVisit])
        #expect(visits.contains(""))
        #expect(visits.contains { $0.count == 4 })  // YYYY
        #expect(visits.contains { $0.count == 10 })  // YYYY-MM-DD

        let loaded = try load(dataset)
        let asOf = loaded.model.asOf
        #expect(Set(loaded.states.compactMap(\.lastVisitType)) == Set(VisitType.allCases))
        #expect(Set(loaded.states.map(\.consent)) == Set(Consent.allCases))
        #expect(loaded.states.contains { $0.requestedVisit })
        #expect(loaded.states.contains { !$0.requestedVisit })
        #expect(loaded.states.contains { $0.followUpDue(asOf: asOf) })
        #expect(loaded.states.contains { $0.reportSubmitted != nil && !$0.followUpDue(asOf: asOf) })
    }

    @Test func eventsCoverTenYearsBeforeAsOf() throws {
        let dataset = synthesise(200, seed: 4)
        let rows = cells(dataset.file("events.csv")!)
        #expect(rows[0] == ["id", "indicator", "period", "value"])
        #expect(Set(rows.dropFirst().map(\.[1])) == ["incidents", "stability"])
        let years = Set(rows.dropFirst().map { Int($0[2])! })
        let asOf = try load(dataset).model.asOf
        #expect(years == Set((asOf.year - 10)..<asOf.year))
    }

    // MARK: The model

    @Test func modelUsesEveryMethod() throws {
        let model = try load(synthesise(100, seed: 6)).model
        var normalisations = Set<Normalisation>()
        var missing = Set<MissingRule>()
        var aggregations: Set<Aggregation> = [model.rootAggregation]
        var signals = Set<SignalKind>()
        var features = Set<String>()
        var logTransform = false, winsorised = false, goalposts = false
        func walk(_ criterion: Criterion) {
            switch criterion.kind {
            case .node(let aggregation, let children):
                aggregations.insert(aggregation)
                for child in children {
                    if aggregation == .geometric, let leaf = child.leaf {
                        #expect(leaf.normalisation != .zscore, "\(child.id) is zscore under a geometric node")
                        #expect([.minmax, .rank, .goalposts].contains(leaf.normalisation))
                    }
                    if aggregation == .topsis, let leaf = child.leaf {
                        #expect(leaf.missing != .reweight, "\(child.id) reweights under a topsis node")
                    }
                    walk(child)
                }
            case .leaf(let leaf):
                normalisations.insert(leaf.normalisation)
                missing.insert(leaf.missing)
                logTransform = logTransform || leaf.logTransform
                winsorised = winsorised || leaf.winsorise != nil
                goalposts = goalposts || leaf.goalposts != nil
                switch leaf.source {
                case .signal(let kind, _, _, _): signals.insert(kind)
                case .engagement(let feature): features.insert(feature.name)
                case .indicator: break
                }
            }
        }
        for criterion in model.criteria { walk(criterion) }
        #expect(model.rootAggregation == .arithmetic)
        #expect(normalisations == Set(Normalisation.allCases))
        #expect(missing == Set(MissingRule.allCases).subtracting([.error]))
        #expect(aggregations == Set(Aggregation.allCases))
        #expect(signals == Set(SignalKind.allCases))
        #expect(features == ["never-visited", "years-since-visit", "prior-request", "consent", "followup-due"])
        #expect(logTransform && winsorised && goalposts)
        #expect(model.planning != nil)
        #expect(model.sensitivity.samples > 0)
    }

    // MARK: Loading and planning

    @Test(arguments: [1, 7, 500])
    func loadsWithoutErrors(candidates: Int) throws {
        let dataset = try load(synthesise(candidates, seed: 13))
        #expect(dataset.states.count == candidates)
        #expect(!dataset.diagnostics.contains { $0.severity == .error })
        #expect(Set(dataset.states.map(\.region)).isSubset(of: Self.regions))
    }

    /// The list the generator offers as proof meets every constraint, checked from the loaded files.
    @Test(arguments: [1, 2, 7, 30, 500, 3000])
    func planningConstraintsAreFeasible(candidates: Int) throws {
        let synthetic = synthesise(candidates, seed: 17)
        let dataset = try load(synthetic)
        let planning = try #require(dataset.model.planning)
        let asOf = dataset.model.asOf
        let byID = Dictionary(uniqueKeysWithValues: dataset.states.map { ($0.id, $0) })
        let list = synthetic.feasibleList.compactMap { byID[$0] }
        #expect(list.count == synthetic.feasibleList.count)
        #expect(list.count == planning.visits)
        #expect(Set(list.map(\.id)).count == list.count)
        #expect(planning.visits <= min(12, candidates))

        var cost = 0.0
        var followUps = 0
        for state in list {
            #expect(planning.consent.contains(state.consent), "\(state.id): consent \(state.consent)")
            #expect(!planning.exclude.contains(state.id))
            let years = state.lastVisit.map { Double(asOf.dayNumber - $0.dayNumber) / 365.25 }
            if let years { #expect(years >= planning.cooldownYears, "\(state.id) is in the cooldown") }
            let followUp = state.followUpDue(asOf: asOf) && years.map { $0 <= planning.comprehensiveAfterYears } == true
            if followUp { followUps += 1 }
            cost += planning.cost[followUp ? .followUp : .comprehensive]!
        }
        #expect(planning.include.allSatisfy { id in list.contains { $0.id == id } })
        if let budget = planning.budget { #expect(cost <= budget) }
        #expect(followUps >= planning.followUpsMin ?? 0)
        #expect(list.filter(\.neverVisited).count >= planning.neverVisitedMin ?? 0)
        for (region, bounds) in planning.regions {
            let count = list.filter { $0.region == region }.count
            #expect(count >= bounds.min ?? 0, "\(region): \(count) visits below min")
            #expect(count <= bounds.max ?? Int.max, "\(region): \(count) visits above max")
        }
        if candidates >= 500 {
            #expect(planning.visits == 12)
            #expect(!planning.regions.isEmpty && planning.neverVisitedMin != nil && planning.followUpsMin != nil)
            #expect(planning.budget != nil && !planning.include.isEmpty && !planning.exclude.isEmpty)
        }
    }

    // MARK: Writing the folder

    @Test func refusesANonEmptyFolderUnlessReplacing() throws {
        let parent = try temporaryFolder("synth").path
        defer { try? FileManager.default.removeItem(atPath: parent) }
        let target = parent + "/out"
        try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: false)
        try Data("keep me".utf8).write(to: URL(fileURLWithPath: target + "/notes.txt"))

        let dataset = synthesise(20, seed: 1)
        #expect(throws: FolderOutputError.outputNotEmpty(path: target)) {
            try dataset.write(to: target, replacing: false)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: target) == ["notes.txt"])

        try dataset.write(to: target, replacing: true)
        #expect(try Set(FileManager.default.contentsOfDirectory(atPath: target)) == Set(Self.fileNames))
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent) == ["out"], "a temporary folder was left")
        for name in Self.fileNames {
            let written = try [UInt8](Data(contentsOf: URL(fileURLWithPath: "\(target)/\(name)")))
            #expect(written == dataset.file(name))
        }
    }

    @Test func writesIntoAnEmptyFolderOrANewOne() throws {
        let parent = try temporaryFolder("synth").path
        defer { try? FileManager.default.removeItem(atPath: parent) }
        let dataset = synthesise(5, seed: 2)
        try FileManager.default.createDirectory(atPath: parent + "/empty", withIntermediateDirectories: false)
        try dataset.write(to: parent + "/empty/", replacing: false)
        try dataset.write(to: parent + "/new", replacing: false)
        for folder in ["empty", "new"] {
            #expect(
                try Set(FileManager.default.contentsOfDirectory(atPath: "\(parent)/\(folder)")) == Set(Self.fileNames))
        }
        #expect(try Set(FileManager.default.contentsOfDirectory(atPath: parent)) == ["empty", "new"])
    }

    @Test func reportsAMissingParentAndAFileInTheWay() throws {
        let parent = try temporaryFolder("synth").path
        defer { try? FileManager.default.removeItem(atPath: parent) }
        let dataset = synthesise(5, seed: 2)
        #expect {
            try dataset.write(to: parent + "/absent/out", replacing: true)
        } throws: { error in
            guard case .cannotWrite(let path, let reason)? = error as? FolderOutputError else { return false }
            return path == parent + "/absent/out" && reason.contains("does not exist")
        }
        try Data("x".utf8).write(to: URL(fileURLWithPath: parent + "/file"))
        #expect(throws: FolderOutputError.outputNotAFolder(path: parent + "/file")) {
            try dataset.write(to: parent + "/file", replacing: true)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent) == ["file"])
    }

    // MARK: Helpers

    /// Writes the dataset into a temporary folder and loads it with the dataset loader.
    private func load(_ dataset: SyntheticDataset) throws -> Dataset {
        let parent = try temporaryFolder("synth").path
        defer { try? FileManager.default.removeItem(atPath: parent) }
        try dataset.write(to: parent + "/dataset", replacing: false)
        do {
            return try Dataset.load(directory: parent + "/dataset")
        } catch let error as DatasetError {
            Issue.record("the synthetic dataset does not load:\n\(error)")
            throw error
        }
    }
}
