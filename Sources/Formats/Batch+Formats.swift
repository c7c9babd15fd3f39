import Dataset
import Scoring
import Sensitivity
import TextOutput

// The outputs of `visitplan batch` (SPEC §13), streamed: one long CSV, or one JSON document
// with every scenario's ranked list as `score` writes it.

extension ScenarioBatch {
    /// `scenario,rank,id,name,region,score,coverage` (+ `selected`, true or false, with plans),
    /// one row per candidate and scenario, each scenario's rows by rank.
    public static func writeCSV(
        _ results: [ScenarioResult], to out: OutputBuffer, layout: ScoreLayout = ScoreLayout(columns: [])
    ) {
        for (k, result) in results.enumerated() {
            let selected = result.visits.map { Set($0.map(\.candidate)) }
            result.table.writeCSV(
                to: out, layout: layout, leadingHeader: ["scenario"], leading: [result.id],
                trailingHeader: selected == nil ? nil : "selected",
                trailing: selected.map { chosen in { i in chosen.contains(i) ? "true" : "false" } },
                header: k == 0)
        }
    }

    /// `{"scenarios": [{"as_of", "candidates", "id", "plan"}]}`: `candidates` as in the JSON of
    /// `score`, `plan` (with plans) the list with `selected` (each visit's `cost`, `drivers`,
    /// `id`, `name`, `rank`, `region`, `score`, `visit_type`) and `objective` (the sum of their
    /// scores). Keys sorted, as every JSON output.
    public static func writeJSON(_ results: [ScenarioResult], to out: OutputBuffer, layout: ScoreLayout = ScoreLayout())
    {
        var json = JSONWriter(out)
        json.openObject()
        json.key("scenarios")
        json.openArray()
        let edition = Edition.internal(holdsConfidential: false)
        for result in results {
            json.item()
            json.openObject()
            json.key("as_of"); json.string(result.model.asOf.description)
            json.key("candidates")
            result.table.writeCandidates(into: &json, edition: edition, layout: layout)
            json.key("id"); json.string(result.id)
            if let visits = result.visits {
                json.key("plan")
                json.openObject()
                let table = result.table
                // The planner's scores: a missing score counts 0.
                func score(_ visit: ScenarioVisit) -> Double {
                    let score = table.candidates[visit.candidate].score
                    return score.isNaN ? 0 : score
                }
                json.key("objective"); json.number(visits.reduce(0) { $0 + score($1) })
                json.key("selected")
                json.openArray()
                for visit in visits {
                    let candidate = table.candidates[visit.candidate]
                    json.item()
                    json.openObject()
                    json.key("cost"); json.number(visit.cost)
                    json.key("drivers")
                    json.openArray()
                    for driver in table.driverIDs(of: candidate) { json.item(); json.string(driver) }
                    json.closeArray()
                    json.key("id"); json.string(candidate.id)
                    json.key("name"); json.string(candidate.name)
                    json.key("rank"); json.integer(candidate.rank)
                    json.key("region"); json.string(candidate.region)
                    json.key("score"); json.number(score(visit))
                    json.key("visit_type"); json.string(visit.visitType.rawValue)
                    json.closeObject()
                }
                json.closeArray()
                json.closeObject()
            }
            json.closeObject()
        }
        json.closeArray()
        json.closeObject()
        json.finish()
    }
}
