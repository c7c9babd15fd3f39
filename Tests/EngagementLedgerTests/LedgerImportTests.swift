import Dataset
import Formats
import Foundation
import TestSupport
import Testing

@testable import EngagementLedger

/// The CSV form: every bad row reported at file:line:column, nothing read when one is bad.
@Suite struct LedgerImportTests {
    let input = EventInput(
        knownIDs: ["MLI", "NER", "TCD", "BFA"], latestDate: CalendarDate(year: 2024, month: 1, day: 1)!)

    func write(_ text: String) throws -> String {
        let path = try temporaryFolder("ledger-import").appendingPathComponent("events.csv").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func goodRowsBecomeEventsInFileOrder() throws {
        let path = try write(
            """
            date,id,kind,detail,note
            2019-01-01,MLI,consent,given,by letter
            2019-05-01,,list-changed,withdraw NER,"security, as advised"
            2019-06-01,MLI,visit,follow-up,

            """)
        let events = try LedgerCSV.read(path: path, file: "events.csv", input: input)
        #expect(events.map(\.kind) == [.consent, .listChanged, .visit])
        // A list-changed row may leave the id to its detail.
        #expect(events[1].id == "NER" && events[1].note == "security, as advised")
        #expect(events[2].detail == "follow-up")
    }

    @Test func everyBadRowIsReportedAtItsLineAndColumn() throws {
        let path = try write(
            """
            date,id,kind,detail,note
            2019-02-30,MLI,visit,comprehensive,
            2019-01-01,MIL,consent,yes,
            2019-01-01,NER,vist,,
            2025-01-01,TCD,state-request,,
            2019-01-01,,correction,3,
            2019-01-01,BFA,visit,comprehensive,fine

            """)
        let error = #expect(throws: DatasetError.self) { try LedgerCSV.read(path: path, file: "h.csv", input: input) }
        let lines = error?.diagnostics.map(\.description) ?? []
        #expect(lines.count == 6)
        #expect(lines[0].hasPrefix("h.csv:2:1: error: column `date`: `2019-02-30` is not a date"))
        #expect(lines[1].hasPrefix("h.csv:3:2: error: column `id`: no State with id `MIL`"))
        #expect(lines[1].contains("did you mean `MLI`?"))
        #expect(lines[2].hasPrefix("h.csv:3:4: error: column `detail`: `consent` needs the consent"))
        #expect(lines[3].hasPrefix("h.csv:4:3: error: column `kind`: unknown kind `vist`; did you mean `visit`?"))
        #expect(lines[4].hasPrefix("h.csv:5:1: error: column `date`: 2025-01-01 is in the future"))
        #expect(lines[5].hasPrefix("h.csv:6:5: error: column `note`: `correction` needs its reason"))
    }

    @Test func anUnknownIdFarFromAnyListsTheNearestIds() {
        let result = input.event(date: "2019-01-01", id: "ZZZZZZ", kind: "visit", detail: "comprehensive", note: "")
        guard case .failure(let found) = result else { Issue.record("accepted"); return }
        let problems = found.list
        #expect(problems.map(\.column) == ["id"])
        #expect(problems[0].message.contains("the nearest ids are"))
    }

    @Test func aMissingColumnIsNamed() throws {
        let path = try write("date,kind,detail\n2019-01-01,visit,comprehensive\n")
        let error = #expect(throws: DatasetError.self) { try LedgerCSV.read(path: path, file: "h.csv", input: input) }
        #expect(error?.description.contains("`id`") == true)
    }

    @Test func theExportReadsBackAsTheSameEvents() throws {
        let folder = try temporaryFolder("ledger")
        let ledger = try Ledger.create(at: folder.path + "/ledger.sqlite")
        let original = [
            NewEvent(
                kind: .consent, date: CalendarDate(year: 2019, month: 1, day: 1)!, id: "MLI", detail: "given",
                note: "a \"quoted\", note"),
            NewEvent(
                kind: .correction, date: CalendarDate(year: 2019, month: 1, day: 2)!, detail: "1", note: "line\nbreak"),
        ]
        try ledger.append(original)
        let path = try write(LedgerCSV.text(of: try ledger.events()))
        #expect(try LedgerCSV.read(path: path, file: "x.csv", input: input) == original)
    }
}
