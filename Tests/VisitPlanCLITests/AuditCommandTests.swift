import Foundation
import TestSupport
import Testing

/// `visitplan audit` (SPEC §12) from the command line.
@Suite struct AuditCommandTests {
    func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    /// The shipped cycle: the gap leaves are goalposts [0, 5] of the raw ratings (all within
    /// 0…5), an affine map, so their α, PCA and correlations are those of the raw columns of
    /// indicators.csv. numpy on those columns (complete rows: 155; α by the textbook formula;
    /// np.linalg.eigh(np.corrcoef(...)); scipy.stats.pearsonr over the 185 rows where both
    /// ratings exist) gives the figures below.
    @Test func shippedCycleGapsAgainstNumpy() throws {
        let result = try CLIRunner.run(["audit", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let document = try json(result.stdout)
        #expect(document["audience"] as? String == "internal")
        let nodes = try #require(document["nodes"] as? [[String: Any]])
        #expect(nodes.map { $0["id"] as? String } == ["root", "gaps", "threat", "engagement"])
        let gaps = nodes[1]
        let alpha = try #require(gaps["cronbach_alpha"] as? Double)
        #expect(abs(alpha - 0.931576501214177) < 1e-10)
        let pca = try #require(gaps["pca"] as? [String: Any])
        let eigenvalues = try #require(pca["eigenvalues"] as? [Double])
        #expect(abs(eigenvalues[0] - 4.979112992091748) < 1e-10)
        #expect(abs(eigenvalues[6] - 0.173492313036474) < 1e-10)
        let loadings = try #require(pca["loadings"] as? [Double])
        #expect(abs(loadings[0] - 0.395308327545967) < 1e-10)
        #expect(abs(loadings[4] - 0.338477725903645) < 1e-10)
        // No pair of gap ratings passes |r| > 0.9 in numpy either.
        let collinear = try #require(document["collinear"] as? [[String: Any]])
        #expect(
            !collinear.contains {
                ($0["a"] as? String)?.hasPrefix("gap_") == true && ($0["b"] as? String)?.hasPrefix("gap_") == true
            })
        for node in nodes {
            for child in try #require(node["children"] as? [[String: Any]]) {
                #expect(Set(child.keys) == ["id", "r_parent", "r_root"])
            }
        }
    }

    /// The table and CSV forms on the shipped cycle: α of gaps (numpy 0.9316 above) and its 155
    /// complete rows (counted with numpy on indicators.csv).
    @Test func shippedCycleTableAndCSV() throws {
        let table = try CLIRunner.run(["audit"])
        #expect(table.status == 0, "\(table.stderr)")
        #expect(table.stdout.contains("INTERNAL EDITION"))
        #expect(table.stdout.contains("Cronbach's α: 0.932"))
        #expect(table.stdout.contains("Flags:"))
        let csv = try CLIRunner.run(["audit", "--format", "csv"])
        #expect(csv.status == 0)
        #expect(csv.stdout.hasPrefix("statistic,node,item,value\n"))
        #expect(csv.stdout.contains("complete_cases,gaps,,155\n"))
        #expect(csv.stderr.contains("INTERNAL EDITION"))
    }

    /// The public edition runs the disclosure audit and computes on published values only:
    /// gap_human_rights is confidential for every State that has a rating, so no complete case
    /// of gaps is published and its α is null.
    @Test func shippedCyclePublicEdition() throws {
        let result = try CLIRunner.run(["audit", "--audience", "public", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("audit: "))
        let document = try json(result.stdout)
        #expect(document["audience"] as? String == "public")
        let nodes = try #require(document["nodes"] as? [[String: Any]])
        let gaps = try #require(nodes.first { $0["id"] as? String == "gaps" })
        #expect(gaps["cronbach_alpha"] is NSNull)
        let threat = try #require(nodes.first { $0["id"] as? String == "threat" })
        #expect(threat["cronbach_alpha"] is Double)
    }

    /// Bad input: exit 1 with a located message and no output file; a usage error exits 2; an
    /// output over an input file is refused and the input is unchanged.
    @Test func badInputWritesNothing() throws {
        let dataset = try copyOfDataset("demo-small")
        defer { try? FileManager.default.removeItem(at: dataset) }
        let model = dataset.appendingPathComponent("model.yaml")
        let before = try Data(contentsOf: model)
        let overwrite = try CLIRunner.run(["audit", dataset.path, "--output", model.path])
        #expect(overwrite.status == 1)
        #expect(try Data(contentsOf: model) == before)

        let usage = try CLIRunner.run(["audit", dataset.path, "--format", "xml"])
        #expect(usage.status == 2)

        let indicators = dataset.appendingPathComponent("indicators.csv")
        var text = try String(contentsOf: indicators, encoding: .utf8)
        text = text.replacingOccurrences(of: "AAA,3.5,", with: "AAA,three,")
        try text.write(to: indicators, atomically: true, encoding: .utf8)
        let output = dataset.appendingPathComponent("audit.json")
        let bad = try CLIRunner.run(["audit", dataset.path, "--format", "json", "--output", output.path])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("indicators.csv:2:"), "\(bad.stderr)")
        #expect(!FileManager.default.fileExists(atPath: output.path))
    }

    /// demo-small, written atomically to a file: the same text as standard output.
    @Test func outputFileHoldsTheSameText() throws {
        let folder = try temporaryFolder("audit")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("audit.json")
        let written = try CLIRunner.run(["audit", "datasets/demo-small", "--format", "json", "--output", file.path])
        #expect(written.status == 0, "\(written.stderr)")
        let printed = try CLIRunner.run(["audit", "datasets/demo-small", "--format", "json"])
        #expect(try String(contentsOf: file, encoding: .utf8) == printed.stdout)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["audit.json"])
    }
}
