import Testing

@testable import Dataset

@Suite struct CSVReadingTests {
    @Test func acceptsABOMAndCRLFLineEnds() throws {
        let states = "\u{FEFF}" + TemporaryDataset.states.replacingOccurrences(of: "\n", with: "\r\n")
        let indicators = "\u{FEFF}" + TemporaryDataset.indicators.replacingOccurrences(of: "\n", with: "\r\n")
        let dataset = try TemporaryDataset(["states.csv": states, "indicators.csv": indicators]).success()
        #expect(dataset.states.map(\.id) == ["AAA", "BBB", "CCC"])
        #expect(dataset.states[2].region == "South")  // no stray \r in the last column
        #expect(dataset.indicators.columns["threat"]![1] == 5)
    }

    @Test func countsLinesInsideQuotedFields() throws {
        // The name of AAA spans lines 2–3, so the bad consent is on line 5.
        let states = """
            id,name,region,consent
            AAA,"Candidate A,
            two lines",North,given
            BBB,Candidate B,South,pending
            CCC,Candidate C,South,maybe

            """
        let error = try TemporaryDataset(states: states).failure()
        expectReported(error, "states.csv", line: 5, column: 4, "unknown value `maybe`")
    }

    @Test func reportsTheLineWhereAnUnclosedQuoteStarts() throws {
        let states = """
            id,name,region
            AAA,Candidate A,North
            BBB,"Candidate B,South
            CCC,Candidate C,South

            """
        let error = try TemporaryDataset(states: states).failure()
        expectReported(error, "states.csv", line: 3, column: 2, "never closed")
    }

    @Test func reportsARowWithTheWrongNumberOfFields() throws {
        let states = """
            id,name,region
            AAA,Candidate A,North
            BBB,Candidate B,South,extra

            """
        let error = try TemporaryDataset(states: states).failure()
        expectReported(error, "states.csv", line: 3, column: 4, "row has 4 fields but the header has 3")
    }

    @Test func reportsTheLineOfBytesThatAreNotUTF8() throws {
        let folder = try TemporaryDataset()
        var bytes = Array("id,name,region\nAAA,Candidate A,North\nBBB,Candidate ".utf8)
        bytes += [0xE9, 0xFF]  // Latin-1 é and a byte that never occurs in UTF-8
        bytes += Array(",South\nCCC,Candidate C,South\n".utf8)
        try folder.write(bytes, to: "states.csv")
        expectReported(folder.failure(), "states.csv", line: 3, "not valid UTF-8")
    }

    @Test func reportsAnEmptyDatasetAsNoCandidates() throws {
        let error = try TemporaryDataset(states: "id,name,region\n").failure()
        expectReported(error, "states.csv", line: 1, "no candidates")
        let empty = try TemporaryDataset(states: "").failure()
        expectReported(empty, "states.csv", line: 0, "no candidates")
    }

    @Test func notesUnknownColumnsWithoutRejectingThem() throws {
        let states = """
            id,name,region,provenance,regn,last_visit
            AAA,Candidate A,North,made up,x,
            BBB,Candidate B,South,made up,x,
            CCC,Candidate C,South,made up,x,

            """
        let dataset = try TemporaryDataset(states: states).success()
        let notes = dataset.diagnostics.filter { $0.severity == .note }
        #expect(
            notes.contains {
                $0.matches("states.csv", line: 1, column: 4, "unknown column `provenance`", severity: .note)
            })
        #expect(notes.contains { $0.message.contains("did you mean `region`?") })
    }
}

extension TemporaryDataset {
    /// A dataset whose states.csv is `states`; must not fail to write.
    init(states: String) throws {
        try self.init(["states.csv": states])
    }
}
