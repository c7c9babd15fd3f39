import Foundation
import LinearAlgebra
import Synthesis
import Testing

@testable import Dataset

/// SPEC §7: what the model and the planning section rely on must be in states.csv, spelt right,
/// and what `planning` names must exist.
@Suite struct ColumnRequirementTests {
    /// Engagement leaves of every kind over TemporaryDataset's indicators, then a planning section.
    /// Lines: 9 `- id: never_visited`, 11 `- id: prior_request`, 13 `- id: consent`,
    /// 15 `- id: followup_due`, 17 `planning:`, 19 `cooldown_years` (column 3), 20 `consent`,
    /// 22 `North` (column 5), 23 `include`.
    static func model(
        leaves: Bool = true,
        planning: String = """
          cooldown_years: 2
          consent: [given, pending]
          regions:
            North: {min: 1}
          include: [AAA]
        """
    ) -> String {
        let engagement =
            leaves
            ? """
                    - id: never_visited
                      engagement: never-visited
                    - id: prior_request
                      engagement: prior-request
                    - id: consent
                      engagement: consent
                    - id: followup_due
                      engagement: followup-due
            """
            : """
                    - id: threat
                      indicator: threat
                    - id: threat_again
                      indicator: threat
                    - id: threat_thrice
                      indicator: threat
                    - id: threat_four
                      indicator: threat
            """
        return """
            name: Requirements
            as_of: 2023-01-01
            scoring:
              criteria:
                - id: gap
                  indicator: gap
                - id: engagement
                  criteria:
            \(engagement)
            planning:
              visits: 1
            \(planning)

            """
    }

    static let everyColumn = """
        id,name,region,last_visit,report_submitted,consent,requested_visit
        AAA,Candidate A,North,2019-03-01,2019-09-01,given,true
        BBB,Candidate B,South,,,pending,false
        CCC,Candidate C,South,2015,,refused,false

        """

    /// states.csv without `column` (the header and every row lose it).
    static func states(without column: String) -> String {
        let lines = everyColumn.split(separator: "\n").map {
            $0.split(separator: ",", omittingEmptySubsequences: false)
        }
        let drop = lines[0].firstIndex(of: Substring(column))!
        return lines.map { fields in
            fields.enumerated().filter { $0.offset != drop }.map { String($0.element) }.joined(separator: ",")
        }.joined(separator: "\n") + "\n"
    }

    @Test func theFixtureLoadsWithEveryColumn() throws {
        let dataset = try TemporaryDataset(["states.csv": Self.everyColumn, "model.yaml": Self.model()]).success()
        #expect(dataset.states.map(\.id) == ["AAA", "BBB", "CCC"])
    }

    /// Each column of SPEC §7, removed, is named at the header with the first thing in
    /// model.yaml that needs it and that thing's line.
    @Test(arguments: [
        ("consent", "leaf `consent` (engagement: consent, model.yaml:13:11)"),
        ("last_visit", "leaf `never_visited` (engagement: never-visited, model.yaml:9:11)"),
        ("report_submitted", "leaf `followup_due` (engagement: followup-due, model.yaml:15:11)"),
        ("requested_visit", "leaf `prior_request` (engagement: prior-request, model.yaml:11:11)"),
    ])
    func aColumnALeafNeedsMustBeThere(column: String, need: String) throws {
        let error = try TemporaryDataset(["states.csv": Self.states(without: column), "model.yaml": Self.model()])
            .failure()
        expectReported(
            error, "states.csv", line: 1, column: 0, "missing column `\(column)`, which the model relies on: \(need)")
    }

    /// The planning settings of SPEC §7, without any leaf that needs the same column.
    @Test func planningSettingsNeedTheirColumns() throws {
        let noConsent = try TemporaryDataset([
            "states.csv": Self.states(without: "consent"), "model.yaml": Self.model(leaves: false),
        ]).failure()
        expectReported(
            noConsent, "states.csv", line: 1, column: 0,
            "missing column `consent`, which the model relies on: planning.consent (model.yaml:20:3), which leaves out `unknown`, `refused`"
        )
        let noLastVisit = try TemporaryDataset([
            "states.csv": Self.states(without: "last_visit"), "model.yaml": Self.model(leaves: false),
        ]).failure()
        expectReported(
            noLastVisit, "states.csv", line: 1, column: 0,
            "missing column `last_visit`, which the model relies on: planning.cooldown_years: 2 (model.yaml:19:3)")
        #expect(noLastVisit?.errors.count == 1)

        let quotas = """
              comprehensive_after_years: 4
              never_visited_min: 1
              followups_min: 1
            """
        let noVisits = try TemporaryDataset([
            "states.csv": Self.states(without: "last_visit"), "model.yaml": Self.model(leaves: false, planning: quotas),
        ]).failure()
        // consent is not written: the default list leaves out `refused`, but the column is there.
        expectReported(
            noVisits, "states.csv", line: 1, column: 0,
            "planning.comprehensive_after_years: 4 (model.yaml:19:3); planning.never_visited_min: 1 (model.yaml:20:3); planning.followups_min: 1 (model.yaml:21:3); without it every State would read as never visited"
        )
        let noReports = try TemporaryDataset([
            "states.csv": Self.states(without: "report_submitted"),
            "model.yaml": Self.model(leaves: false, planning: quotas),
        ]).failure()
        expectReported(
            noReports, "states.csv", line: 1, column: 0,
            "missing column `report_submitted`, which the model relies on: planning.followups_min: 1 (model.yaml:21:3); without it no State would have a follow-up due"
        )
    }

    /// planning.consent left at its default, [given, pending, unknown], leaves out `refused`:
    /// without the column, States that refused would be planned (SPEC §7).
    @Test func theDefaultConsentListNeedsTheColumn() throws {
        let error = try TemporaryDataset([
            "states.csv": Self.states(without: "consent"), "model.yaml": Self.model(leaves: false, planning: ""),
        ]).failure()
        expectReported(
            error, "states.csv", line: 1, column: 0,
            "planning (model.yaml:17:1), whose consent list is not written and by default leaves out `refused`")
    }

    /// Settings that constrain nothing need nothing: every consent level allowed, a zero cooldown,
    /// zero quotas, and no engagement leaf.
    @Test func settingsThatConstrainNothingNeedNoColumn() throws {
        let open = """
              cooldown_years: 0
              consent: [given, pending, unknown, refused]
              never_visited_min: 0
              followups_min: 0
            """
        let states = "id,name,region\nAAA,Candidate A,North\nBBB,Candidate B,South\nCCC,Candidate C,South\n"
        let dataset = try TemporaryDataset([
            "states.csv": states, "model.yaml": Self.model(leaves: false, planning: open),
        ])
        .success()
        #expect(dataset.states.count == 3)
    }

    /// A header that stands for a known column is an error at its place with the column meant:
    /// the expected column is worked out by hand (case, spaces, one edit, two for long names).
    @Test(arguments: [
        ("Consent", "consent"), (" consent", "consent"), ("consent ", "consent"), ("CONSENT", "consent"),
        ("consnt", "consent"), ("consents", "consent"), ("Last Visit", "last_visit"), ("lastvisit", "last_visit"),
        ("Report Submitted", "report_submitted"), ("requested-visits", "requested_visit"),
        ("last_visit_typ", "last_visit_type"), ("Subregion", "subregion"), ("regoin", "region"),
        ("Confidential", "confidential"),
    ])
    func aMisspeltHeaderIsAnError(header: String, meant: String) throws {
        let states = Self.everyColumn.replacingOccurrences(of: "requested_visit", with: "requested_visit,\(header)")
            .replacingOccurrences(of: ",true\n", with: ",true,x\n").replacingOccurrences(
                of: ",false\n", with: ",false,x\n")
        let error = try TemporaryDataset(["states.csv": states, "model.yaml": Self.model()]).failure()
        expectReported(error, "states.csv", line: 1, column: 8, "column `\(header)` is not a column of this file")
        expectReported(error, "states.csv", line: 1, column: 8, "did you mean `\(meant)`?")
    }

    /// `Consent` in place of `consent` is one error, the misspelling: not also a missing column.
    @Test func aMisspeltRequiredColumnIsReportedOnce() throws {
        let states = Self.everyColumn.replacingOccurrences(of: ",consent,", with: ",Consent,")
        let error = try TemporaryDataset(["states.csv": states, "model.yaml": Self.model()]).failure()
        #expect(error?.errors.count == 1, "\(String(describing: error))")
        expectReported(error, "states.csv", line: 1, column: 6, "did you mean `consent`?")
    }

    /// Columns further off stay notes: they are kept and ignored (SPEC §2).
    @Test(arguments: ["provenance", "regn", "notes", "iso3", "last_visit_date"])
    func aDistantHeaderIsANote(header: String) throws {
        let states = Self.everyColumn.replacingOccurrences(of: "requested_visit", with: "requested_visit,\(header)")
            .replacingOccurrences(of: ",true\n", with: ",true,x\n").replacingOccurrences(
                of: ",false\n", with: ",false,x\n")
        let dataset = try TemporaryDataset(["states.csv": states, "model.yaml": Self.model()]).success()
        #expect(
            dataset.diagnostics.contains {
                $0.matches("states.csv", line: 1, column: 8, "unknown column `\(header)` is ignored", severity: .note)
            })
    }

    @Test func aRegionNoStateHasIsAnErrorWithTheNearestNames() throws {
        let model = Self.model().replacingOccurrences(of: "North: {min: 1}", with: "Nort: {min: 1}")
        let error = try TemporaryDataset(["states.csv": Self.everyColumn, "model.yaml": model]).failure()
        expectReported(
            error, "model.yaml", line: 22, column: 5,
            "planning.regions.Nort: no State of states.csv is in region `Nort`, so its bound would constrain nothing; did you mean `North`? (regions of states.csv: North, South)"
        )
    }

    @Test func anIncludedIdThatIsNoStateIsAnErrorWithTheNearestIds() throws {
        let model = Self.model().replacingOccurrences(of: "include: [AAA]", with: "include: [ABC]")
        let error = try TemporaryDataset(["states.csv": Self.everyColumn, "model.yaml": model]).failure()
        // ABC is two edits from each of AAA, BBB and CCC; a 3-letter id allows one: no suggestion.
        expectReported(
            error, "model.yaml", line: 23, column: 13, "planning.include[0]: `ABC` is not an id of states.csv")
        let near = Self.model().replacingOccurrences(of: "include: [AAA]", with: "include: [AAB]")
        let nearError = try TemporaryDataset(["states.csv": Self.everyColumn, "model.yaml": near]).failure()
        expectReported(
            nearError, "model.yaml", line: 23, column: 13, "`AAB` is not an id of states.csv; did you mean `AAA`?")
    }

    @Test func aConsentLevelThatIsNoLevelIsAnError() throws {
        let model = Self.model().replacingOccurrences(of: "[given, pending]", with: "[given, pendng]")
        let error = try TemporaryDataset(["states.csv": Self.everyColumn, "model.yaml": model]).failure()
        expectReported(
            error, "model.yaml", line: 20, column: 20,
            "planning.consent[1]: unknown value `pendng`; did you mean `pending`?")
    }

    @Test func intendedColumnFollowsTheRule() {
        let known = StatesLoader.known
        #expect(intendedColumn(for: "consent", among: known) == nil)
        #expect(intendedColumn(for: "Consent", among: known) == "consent")
        #expect(intendedColumn(for: "ID", among: known) == "id")
        #expect(intendedColumn(for: "idx", among: known) == "id")
        #expect(intendedColumn(for: "regn", among: known) == nil)
        // Two edits are allowed from names of 12 characters or more only.
        #expect(intendedColumn(for: "LastVisitType", among: known) == "last_visit_type")
        #expect(intendedColumn(for: "LastVisit", among: known) == "last_visit")
        #expect(intendedColumn(for: "Last-Visit!", among: known) == nil)
        #expect(intendedColumn(for: "", among: known) == nil)
    }

    @Test func nearestWordsAreListedNearestFirst() {
        #expect(nearestWords(to: "Nort", among: ["South", "North", "Norte"]) == ["North", "Norte"])
        // Only the nearest: South is one edit from Sooth, North two.
        #expect(nearestWords(to: "Sooth", among: ["North", "South"]) == ["South"])
        #expect(didYouMeanAny("Nort", among: ["South", "North", "Norte"]) == "; did you mean `North` or `Norte`?")
        #expect(didYouMeanAny("AAB", among: ["AAA", "AAC", "ABB", "ZZZ"]) == "; did you mean `AAA`, `AAC` or `ABB`?")
        #expect(didYouMeanAny("colour", among: ["North"]) == "")
    }

    /// `visitplan synth` writes a model that relies on every column of SPEC §7, and a
    /// states.csv that has each of them, spelt exactly.
    @Test(arguments: [1, 40] as [Int])
    func synthWritesTheColumnsItsModelNeeds(candidates: Int) throws {
        var stream = Xoshiro256(seed: 3)
        let synthetic = SyntheticDataset.generate(
            SynthesisSettings(candidates: candidates, indicators: 8, seed: 3),
            using: &stream)
        let yaml = String(decoding: try #require(synthetic.file("model.yaml")), as: UTF8.self)
        let (model, problems) = ModelLoader.load(yaml: yaml, file: "model.yaml", defaultName: "synth")
        #expect(!problems.contains { $0.severity == .error })
        let needed = Set(ColumnRequirement.requirements(of: try #require(model)).map(\.column))
        #expect(needed == Set(ColumnRequirement.columns))
        let states = String(decoding: try #require(synthetic.file("states.csv")), as: UTF8.self)
        let header = states.prefix { $0 != "\n" }.split(separator: ",").map(String.init)
        #expect(needed.isSubset(of: Set(header)), "header: \(header)")
    }
}
