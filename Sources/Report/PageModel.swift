// The values the Mustache template renders: every text already worded and every number already
// formatted, so that the template holds layout only. Mustache reads these through reflection.

struct PageModel {
    var title: String
    var asOf: String
    var isPublic: Bool
    var audienceLabel: String
    var audienceNote: String
    var summary: [String]
    var style: String
    var script: String
    var list: ListSection?
    var noPlanNote: String?
    var contributions: ContributionSection
    var robustness: RobustnessSection
    var model: ModelSection
    var whatIf: WhatIfSection
    /// Nil when the dataset has no panel.yaml.
    var members: MembersSection?
    var footer: String
    // Programme grid (issue 17): nil without a programme.
    var programmeGrid: ProgrammeGridSection? = nil
    /// Version, generation time and dataset fingerprint; nil when the caller gave no stamp.
    var stamp: FooterStamp? = nil
    /// The record of the ledger (issue 16); nil without a ledger.
    var history: HistorySection? = nil
    /// The audit section (issue 19), rendered whole by its own template (AuditSection.swift).
    var auditSection: String = ""
}

/// The footer's account of how the page was made.
struct FooterStamp {
    var version: String
    /// `2026-11-30 09:52:44 UTC`.
    var generated: String
    /// `sha256:…`, or nil when the edition leaves it out.
    var fingerprint: String?
    /// Why the fingerprint is left out, when it is.
    var fingerprintNote: String?
    /// "ledger.sqlite: 299 events", when the dataset has a ledger.
    var ledger: String?
}

// MARK: 1. The proposed list

struct ListSection {
    var intro: String
    var selected: [SelectedRow]
    var reserve: [ReserveRow]
    /// Why the reserve list is withheld, in a public edition that withholds it.
    var reserveWithheld: String?
    var constraints: [ConstraintRow]
    var excluded: [ExcludedRow]
    var hasExcluded: Bool
    var excludedDepth: Int
    var regionChart: String
    var regionNote: String
    /// How firm each State's place on the list is; empty when the edition withholds it.
    var firmness: [FirmnessRow] = []
    var firmnessNote: String = ""
    /// Stored, not computed: the template reads the model by reflection.
    var hasFirmness: Bool = false
    /// The size of the list, for the "P(top visits)" header.
    var visits: Int = 0
}

/// One State on the list and how robust its place is (the robustness summary of the first page).
struct FirmnessRow {
    var name: String
    var id: String
    /// The 5th–95th percentile of its rank under perturbed weights ("3–7").
    var interval: String
    var top: String
    var selected: String
}

struct SelectedRow {
    var position: Int
    var name: String
    var id: String
    var region: String
    var visitType: String
    var score: String
    var rank: String
    var reasons: String
    var drivers: String
}

struct ReserveRow {
    var position: Int
    var name: String
    var id: String
    var region: String
    var visitType: String
    var score: String
    var rank: String
    var replaces: String
}

struct ConstraintRow {
    var name: String
    var bound: String
    var value: String
    var binds: Bool
    var status: String
}

struct ExcludedRow {
    var name: String
    var id: String
    var rank: Int
    var score: String
    var reason: String
}

// MARK: 2. Why each State scores as it does

struct ContributionSection {
    var intro: String
    var chart: String
    var decomposition: String
    var withheldNote: String?
    var states: [StateDetail]
}

struct StateDetail {
    var name: String
    var id: String
    var rank: String
    var score: String
    var coverage: String
    var groups: [LeafGroup]
}

struct LeafGroup {
    var name: String
    var contribution: String
    var leaves: [LeafRow]
}

struct LeafRow {
    var name: String
    var id: String
    var raw: String
    var normalised: String
    var contribution: String
    var withheld: Bool
    var note: String
}

// MARK: 3. How robust it is

struct RobustnessSection {
    var intro: String
    /// Headings that say whether they speak of the ranking or of the list (issue 20).
    var intervalHeading: String = ""
    var thresholdHeading: String = ""
    var intervalChart: String
    var intervalNote: String
    var sobolChart: String
    var sobolNote: String
    var thresholds: [ThresholdGroup]
    var thresholdNote: String
}

struct ThresholdGroup {
    /// The criterion's name, its id (small print) and its weight in the model.
    var name: String
    var id: String
    var weight: String
    var sentences: [String]
}

// MARK: 4. The model

struct ModelSection {
    var intro: String
    var nodes: [TreeRow]
    var weightsChart: String
    var weightsNote: String
}

struct TreeRow {
    var depth: Int
    var isLeaf: Bool
    var name: String
    var id: String
    var weight: String
    var shareOfParent: String
    var shareOfScore: String
    var method: String
    var source: String
    var rationale: String
    var confidential: Bool
}

// MARK: 5. What if

struct WhatIfSection {
    var available: Bool
    var intro: String
    var unavailableReason: String
    var sliders: [Slider]
    /// The data the page's script recomputes from, as JSON (HTML-escaped by the template).
    var data: String
}

struct Slider {
    var index: Int
    var id: String
    var name: String
    var weight: String
    var max: String
    var step: String
    var colour: String
}

// MARK: 6. Where the members agree

struct MembersSection {
    var intro: String
    /// Why the section is withheld, in the public edition; the rest is then empty.
    var withheld: String?
    var memberNames: [String]
    /// Every State on the proposed list, the consensus list or some member's list, proposed first.
    var rows: [MemberGridRow]
    var consensusNote: String
    var consistency: [ConsistencyRow]
}

struct MemberGridRow {
    var name: String
    var id: String
    var proposed: Bool
    /// On the consensus list (`visitplan panel`'s default tolerance rule).
    var agreed: Bool
    /// One per member: on that member's list.
    var cells: [MemberCell]
    var count: String
}

struct MemberCell {
    var on: Bool
}

struct ConsistencyRow {
    var member: String
    var node: String
    var lambdaMax: String
    var ratio: String
    var flagged: Bool
    var judgement: String
}
