import Dataset
import Foundation
import TestSupport

/// A dataset whose proposed list alone pins two confidential values (worked by hand).
///
/// gaps (40) = mean of gap_open (goalposts 0–5) and secret (goalposts 0–10, confidential);
/// threat (35) = threat_index (minmax 0–10 over the three States); engagement (25) = never
/// visited (0 for all). WWW refused consent, so the list of one visit is SSS or UUU, which share
/// region, visit type and history: the list says score(SSS) ≥ score(UUU).
/// score(SSS) = 40 × (0 + 0.5 v_S) = 20 v_S; score(UUU) = 40 × 0.5 × 0.8 + 35 × 0.1 + 20 v_U
/// = 19.5 + 20 v_U. So 20 v_S ≥ 19.5 + 20 v_U with v in [0, 1]: v_S ≥ 0.975 and v_U ≤ 0.025,
/// intervals of width 0.025, below the default protection 0.10.
enum LeakyListFixture {
    static let states = """
        id,name,region,last_visit,consent
        SSS,Sierra,North,2010-01-01,given
        UUU,Uniform,North,2010-01-01,given
        WWW,Whiskey,South,2010-01-01,refused

        """

    static let indicators = """
        id,gap_open,secret,threat
        SSS,0,10,0
        UUU,4,0,1
        WWW,5,5,10

        """

    static func model(protection: Double? = nil) -> String {
        """
        name: Leaky list
        as_of: 2023-01-01
        scoring:
          criteria:
            - id: gaps
              weight: 40
              criteria:
                - id: gap_open
                  indicator: gap_open
                  normalisation: goalposts
                  goalposts: [0, 5]
                - id: secret
                  indicator: secret
                  normalisation: goalposts
                  goalposts: [0, 10]
                  confidential: true
            - id: threat
              weight: 35
              criteria:
                - id: threat_index
                  indicator: threat
            - id: engagement
              weight: 25
              criteria:
                - id: never_visited
                  engagement: never-visited
                  normalisation: none
        planning:
          visits: 1
          consent: [given, pending, unknown]
          reserve: 1

        """ + (protection.map { "confidentiality:\n  protection: \($0)\n" } ?? "")
    }

    static func write(protection: Double? = nil) throws -> String {
        let folder = try temporaryFolder("leaky")
        try states.write(to: folder.appendingPathComponent("states.csv"), atomically: true, encoding: .utf8)
        try indicators.write(to: folder.appendingPathComponent("indicators.csv"), atomically: true, encoding: .utf8)
        try model(protection: protection).write(
            to: folder.appendingPathComponent("model.yaml"), atomically: true, encoding: .utf8)
        return folder.path
    }
}

/// The shipped cycle (gap_human_rights confidential for every State) with per-State requests in
/// a `confidential` column of states.csv.
enum RequestsFixture {
    /// id → the request written in its row.
    static let requests: [String: String] = [
        "KGZ": "synthetic_gap_cft",  // its human-rights rating is missing
        "BLR": "synthetic_gap_cft; synthetic_gap_incitement",
        "AFG": "synthetic_gap_border_ftf",
    ]

    /// A copy of datasets/cycle-2023 with the `confidential` column added (and `extra` merged in).
    static func write(extra: [String: String] = [:]) throws -> String {
        let source = repositoryRoot.appendingPathComponent("datasets/cycle-2023")
        let folder = try copyOfDataset("cycle-2023")
        let requests = self.requests.merging(extra) { _, new in new }
        let text = try String(contentsOf: source.appendingPathComponent("states.csv"), encoding: .utf8)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines[0] += ",confidential"
        for k in 1..<lines.count where !lines[k].isEmpty {
            let id = String(lines[k].prefix { $0 != "," })
            lines[k] += "," + (requests[id].map { "\"\($0)\"" } ?? "")
        }
        try lines.joined(separator: "\n").write(
            to: folder.appendingPathComponent("states.csv"), atomically: true, encoding: .utf8)
        return folder.path
    }
}
