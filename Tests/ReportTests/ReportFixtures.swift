import Dataset
import Foundation
import Planning
import Report
import Scoring
import TestSupport

/// A small dataset whose `secret` leaf is confidential, with raw values that appear nowhere else
/// (7.654321…), a State whose name holds HTML, and a State (CCC) without any threat value.
///
/// Worked by hand: `gaps` (weight 40) averages gap_open (goalposts 0–5) and secret (goalposts
/// 0–10) with equal weights, so secret's contribution is 0.4 × 0.5 × raw / 10 × 100 = 2 × raw
/// points for every State whose threat is present (AAA: 15.308642).
enum ConfidentialFixture {
    static let secretRaw: [String: Double] = [
        "AAA": 7.654321, "BBB": 3.918273, "CCC": 5.271935, "DDD": 1.384726,
        "EEE": 9.012347, "FFF": 6.493821, "GGG": 2.718281, "HHH": 8.461537,
    ]

    static let states = """
        id,name,region,last_visit,consent,requested_visit
        AAA,"Alpha <b>& ""Co""</b>",North,2015-06-01,given,false
        BBB,Bravo,North,,given,true
        CCC,Charlie,South,2012-01-01,pending,false
        DDD,Delta,South,,unknown,false
        EEE,Echo,North,2018-03-01,given,false
        FFF,Foxtrot,South,2010-09-01,given,false
        GGG,Golf,North,2016-01-01,given,false
        HHH,Hotel,South,2014-01-01,refused,false

        """

    static let indicators = """
        id,gap_open,secret,threat
        AAA,4.2,7.654321,3.1
        BBB,1.5,3.918273,6.4
        CCC,3.3,5.271935,
        DDD,2.8,1.384726,4.4
        EEE,0.7,9.012347,2.2
        FFF,4.9,6.493821,5.0
        GGG,2.1,2.718281,1.9
        HHH,3.6,8.461537,7.7

        """

    static let model = """
        name: Confidential fixture
        as_of: 2023-01-01
        scoring:
          criteria:
            - id: gaps
              name: Implementation gaps
              weight: 40
              rationale: "Gaps <matter> & count"
              criteria:
                - id: gap_open
                  name: Open rating
                  indicator: gap_open
                  normalisation: goalposts
                  goalposts: [0, 5]
                - id: secret
                  name: Confidential rating
                  indicator: secret
                  normalisation: goalposts
                  goalposts: [0, 10]
                  confidential: true
            - id: threat
              name: Threat
              weight: 35
              criteria:
                - id: threat_index
                  name: Threat index
                  indicator: threat
            - id: engagement
              name: Engagement
              weight: 25
              criteria:
                - id: never_visited
                  name: Never visited
                  engagement: never-visited
                  normalisation: none
        planning:
          visits: 3
          regions:
            North: {min: 1}
          never_visited_min: 1
          reserve: 2
        sensitivity:
          samples: 400
          seed: 7

        """

    /// Writes the dataset into a fresh temporary folder, with `indicators` replaced if given.
    static func write(indicators: String = indicators) throws -> String {
        let folder = try temporaryFolder("report")
        try states.write(to: folder.appendingPathComponent("states.csv"), atomically: true, encoding: .utf8)
        try indicators.write(to: folder.appendingPathComponent("indicators.csv"), atomically: true, encoding: .utf8)
        try model.write(to: folder.appendingPathComponent("model.yaml"), atomically: true, encoding: .utf8)
        return folder.path
    }

    static let dataset: Dataset = try! Dataset.load(directory: write())
    static let inputs: ReportInputs = try! analyse(dataset)
}

/// The shipped cycle, analysed once with modest sample counts.
enum ShippedFixture {
    static let dataset: Dataset = shippedCycle
    static let inputs: ReportInputs = try! analyse(dataset, samples: 1000, planSamples: 20, sobolSamples: 64)
    static let internalPage = HTMLReport(inputs: inputs, audience: .internal).render()
}

/// Scores, plans and analyses a dataset as `visitplan report` does.
func analyse(_ dataset: Dataset, samples: Int? = nil, planSamples: Int = 20, sobolSamples: Int = 64) throws
    -> ReportInputs
{
    let table = try Scoring.score(dataset)
    let problem = dataset.model.planning.map { settings in
        PlanProblem(
            candidates: table.candidates.enumerated().map { i, c in
                PlanCandidate(
                    state: dataset.states[i], score: c.score.isNaN ? 0 : c.score, rank: c.rank,
                    drivers: table.driverIDs(of: c))
            },
            settings: settings, asOf: dataset.model.asOf)
    }
    let settings = ReportSettings(
        model: dataset.model, samples: samples, planSamples: planSamples,
        sobolSamples: sobolSamples, resamples: 20, workers: 2)
    return try ReportInputs.compute(dataset: dataset, table: table, problem: problem, settings: settings)
}

/// The markup between the element with `id` and the end of its table, section or figure.
func element(_ id: String, in page: String, until end: String = "</table>") -> String? {
    guard let start = page.range(of: " id=\"\(id)\"") else { return nil }
    guard let stop = page.range(of: end, range: start.upperBound..<page.endIndex) else { return nil }
    return String(page[start.lowerBound..<stop.upperBound])
}

/// How many times `needle` occurs in `text`.
func occurrences(of needle: String, in text: String) -> Int {
    text.components(separatedBy: needle).count - 1
}
