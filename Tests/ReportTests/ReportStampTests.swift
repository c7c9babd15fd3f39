import Dataset
import Foundation
import Testing

@testable import Report

/// The footer: visitplan's version, the generation time (UTC) and the dataset fingerprint, which
/// a public edition of confidential data leaves out (issue 20).
@Suite struct ReportStampTests {
    static let fingerprint = "sha256:" + String(repeating: "ab", count: 32)
    // 1700000000 s after the epoch is 2023-11-14 22:13:20 UTC (19675 days + 80000 s).
    static let stamp = ReportStamp(
        version: "9.8.7", generatedAt: Date(timeIntervalSince1970: 1_700_000_000),
        fingerprint: fingerprint)

    @Test func sourceDateEpochSetsTheTimeAndIsCheckedWhenSet() throws {
        let now = Date(timeIntervalSince1970: 5)
        #expect(ReportStamp.generationTime(environment: [:], now: now) == now)
        #expect(ReportStamp.generationTime(environment: ["SOURCE_DATE_EPOCH": "0"]) == Date(timeIntervalSince1970: 0))
        #expect(
            ReportStamp.generationTime(environment: ["SOURCE_DATE_EPOCH": "1700000000"])
                == Date(timeIntervalSince1970: 1_700_000_000))
        for bad in ["", "yesterday", "-1", "1.5", "253402300800"] {
            #expect(ReportStamp.generationTime(environment: ["SOURCE_DATE_EPOCH": bad]) == nil, "\(bad)")
        }
        #expect(Self.stamp.generatedText == "2023-11-14 22:13:20 UTC")
        #expect(
            ReportStamp(version: "", generatedAt: Date(timeIntervalSince1970: 0)).generatedText
                == "1970-01-01 00:00:00 UTC")
    }

    @Test func theInternalFooterHasVersionTimeAndFingerprint() throws {
        let page = HTMLReport(inputs: ConfidentialFixture.inputs, audience: .internal, stamp: Self.stamp).render()
        let footer = try #require(element("stamp", in: page, until: "</p>"))
        #expect(footer.contains("visitplan 9.8.7 · generated 2023-11-14 22:13:20 UTC"))
        #expect(footer.contains(Self.fingerprint))
        #expect(!page.contains("fingerprint-withheld"))
        // The same stamp renders the same bytes; without one the footer has no stamp at all.
        #expect(page == HTMLReport(inputs: ConfidentialFixture.inputs, audience: .internal, stamp: Self.stamp).render())
        #expect(!HTMLReport(inputs: ConfidentialFixture.inputs).render().contains("id=\"stamp\""))
    }

    @Test func aPublicEditionOfConfidentialDataLeavesTheFingerprintOut() throws {
        let page = HTMLReport(inputs: ConfidentialFixture.inputs, audience: .public, stamp: Self.stamp).render()
        #expect(page.contains("visitplan 9.8.7 · generated 2023-11-14 22:13:20 UTC"))
        #expect(!page.contains(Self.fingerprint) && !page.contains("abababab"))
        #expect(page.contains("id=\"fingerprint-withheld\""))
    }

    @Test func aPublicEditionOfDataWithoutConfidentialValuesKeepsIt() throws {
        // The fixture without its confidential mark: nothing to guess, so the digest is printed.
        let folder = try ConfidentialFixture.write()
        let model = ConfidentialFixture.model.replacingOccurrences(
            of: #"\n +confidential: true"#, with: "", options: .regularExpression)
        #expect(model != ConfidentialFixture.model)
        try model.write(toFile: folder + "/model.yaml", atomically: true, encoding: .utf8)
        let inputs = try analyse(Dataset.load(directory: folder))
        let page = HTMLReport(inputs: inputs, audience: .public, stamp: Self.stamp).render()
        #expect(page.contains(Self.fingerprint))
        #expect(!page.contains("id=\"fingerprint-withheld\""))
    }
}
