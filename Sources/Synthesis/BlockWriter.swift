import Dataset
import Foundation
import LinearAlgebra

/// Writes the rows of a range of candidates into a block.
struct BlockWriter: Sendable {
    let settings: SynthesisSettings
    let idWidth: Int
    // The columns' properties as flat arrays, read once per cell.
    private let kinds: [ValueKind]
    private let loadings: [Double]
    private let complements: [Double]
    private let missingRates: [Double]
    private let missingTexts: [[UInt8]]

    private let asOfDay = World.asOf.dayNumber
    private let regionNames: [[UInt8]] = World.regions.map { Array($0.name.utf8) }
    private let subregionNames: [[[UInt8]]] = World.regions.map { $0.subregions.map { Array($0.utf8) } }
    private let cumulativeShares = World.regions.reduce(into: [Double]()) { $0.append(($0.last ?? 0) + $1.share) }
    private static let syllables: [[UInt8]] = [
        "ka", "lo", "mi", "ra", "ven", "dor", "sa", "tel", "ru", "an", "is", "or", "bel", "ta", "no",
        "gar", "zi", "el", "um", "pra", "sol", "mar", "in", "ko",
    ].map { Array($0.utf8) }
    private static let endings: [[UInt8]] = ["ia", "land", "stan", "ora", "", "a", "es", "ovia"].map { Array($0.utf8) }
    private static let incidents = Array("incidents".utf8)
    private static let stability = Array("stability".utf8)
    private static let consentNames = Consent.allCases.map { Array($0.rawValue.utf8) }
    private static let visitTypeNames = VisitType.allCases.map { Array($0.rawValue.utf8) }

    init(settings: SynthesisSettings, columns: [IndicatorColumn]) {
        self.settings = settings
        idWidth = settings.idWidth
        kinds = columns.map(\.kind)
        loadings = columns.map(\.loading)
        complements = columns.map { (1 - $0.loading * $0.loading).squareRoot() }
        missingRates = columns.map(\.missingRate)
        missingTexts = columns.map { Array($0.missingText.utf8) }
    }

    func write(_ range: Range<Int>, into block: SynthesisBlock, using stream: inout Xoshiro256) {
        for index in range {
            // Every region appears once the first few candidates are drawn.
            var region = index
            if index >= World.regions.count {
                let u = stream.nextUnit() * cumulativeShares.last!
                region = cumulativeShares.firstIndex { u < $0 } ?? World.regions.count - 1
            }
            let subregion = stream.below(subregionNames[region].count)
            let risk = stream.nextNormal() + World.regions[region].riskShift
            let (state, yearOnly) = engagement(for: index, using: &stream)

            writeState(
                index: index, region: region, subregion: subregion, state: state, yearOnly: yearOnly,
                into: block, using: &stream)
            writeIndicators(index: index, risk: risk, into: block, using: &stream)
            writeEvents(index: index, risk: risk, into: block, using: &stream)
            record(state, region: region, into: block)
        }
    }

    // MARK: states.csv

    /// A candidate's engagement facts, and whether its last visit is written as a year alone.
    private func engagement(for index: Int, using stream: inout Xoshiro256) -> (State, Bool) {
        var state = State(id: "", name: "", region: "")
        var yearOnly = false
        let asOfDay = asOfDay
        func daysAgo(_ days: Int) -> CalendarDate { CalendarDate(daysSinceEpoch: asOfDay - days) }
        func years(_ y: Double) -> Int { Int(y * 365.25) }
        /// A dated visit `yearsAgo` (plus up to `jitter` days) and its report `reportAfter` days later.
        func visited(yearsAgo: Double, jitter: Int, _ type: VisitType, reportAfter: Int, _ consent: Consent) {
            let visit = daysAgo(years(yearsAgo) + stream.below(jitter))
            state.lastVisit = visit
            state.lastVisitType = type
            state.reportSubmitted = CalendarDate(daysSinceEpoch: visit.dayNumber + reportAfter)
            state.consent = consent
        }
        if index < 8 {
            // The first eight candidates show every engagement fact, so even tiny datasets have them.
            switch index {
            case 0:
                state.consent = .given
                state.requestedVisit = true
            case 1:
                visited(yearsAgo: 6.5, jitter: 200, .comprehensive, reportAfter: 150, .pending)
            case 2:
                visited(yearsAgo: 3.5, jitter: 100, .followUp, reportAfter: 120, .unknown)
            case 3:
                state.lastVisit = CalendarDate(year: World.asOf.year - 9, month: 7, day: 1)
                yearOnly = true
                state.lastVisitType = .comprehensive
                state.consent = .given
            case 4:
                visited(yearsAgo: 4, jitter: 100, .comprehensive, reportAfter: 200, .refused)
            case 5:
                visited(yearsAgo: 1, jitter: 30, .followUp, reportAfter: 90, .given)
            case 6:
                state.consent = .unknown
            default:
                // A report from an earlier visit, then a later follow-up visit: not due.
                state.lastVisit = CalendarDate(year: World.asOf.year - 4, month: 7, day: 1)
                yearOnly = true
                state.lastVisitType = .followUp
                state.reportSubmitted = CalendarDate(year: World.asOf.year - 6, month: 3, day: 15)
                state.consent = .pending
                state.requestedVisit = true
            }
            return (state, yearOnly)
        }

        if stream.nextUnit() >= 0.35 {
            let start = World.historyStart.dayNumber
            var visit = CalendarDate(daysSinceEpoch: start + stream.below(asOfDay - start))
            if stream.nextUnit() < 0.2 {
                // `YYYY` is read as YYYY-07-01, which stays before as_of for any year before it.
                visit = CalendarDate(year: visit.year, month: 7, day: 1)!
                yearOnly = true
            }
            state.lastVisit = visit
            state.lastVisitType = stream.nextUnit() < 0.65 ? .comprehensive : .followUp
            let report = stream.nextUnit()
            if report < 0.6 {
                let submitted = visit.dayNumber + 60 + stream.below(210)
                if submitted < asOfDay { state.reportSubmitted = CalendarDate(daysSinceEpoch: submitted) }
            } else if report < 0.68 {
                // The report of an earlier visit; the later visit makes it not due.
                state.reportSubmitted = CalendarDate(daysSinceEpoch: visit.dayNumber - 400 - stream.below(1100))
            }
        }
        let consent = stream.nextUnit()
        state.consent = consent < 0.45 ? .given : consent < 0.65 ? .pending : consent < 0.9 ? .unknown : .refused
        state.requestedVisit = stream.nextUnit() < 0.12
        return (state, yearOnly)
    }

    private func writeState(
        index: Int, region: Int, subregion: Int, state: State, yearOnly: Bool,
        into block: SynthesisBlock, using stream: inout Xoshiro256
    ) {
        let out = block.states
        out.append(UInt8(ascii: "S"))
        out.append(integer: index + 1, width: idWidth)
        out.append(UInt8(ascii: ","))
        // A pronounceable name of two or three syllables and an ending.
        let syllables = 2 + stream.below(2)
        let nameStart = out.count
        for _ in 0..<syllables {
            out.append(Self.syllables[stream.below(Self.syllables.count)])
        }
        out.append(Self.endings[stream.below(Self.endings.count)])
        out[nameStart] -= 32  // capitalise: every syllable starts with a lowercase ASCII letter
        out.append(UInt8(ascii: ","))
        out.append(regionNames[region])
        out.append(UInt8(ascii: ","))
        out.append(subregionNames[region][subregion])
        out.append(UInt8(ascii: ","))
        if let visit = state.lastVisit {
            if yearOnly { out.append(integer: visit.year, width: 4) } else { out.append(date: visit) }
        }
        out.append(UInt8(ascii: ","))
        if let type = state.lastVisitType { out.append(Self.visitTypeNames[type == .comprehensive ? 0 : 1]) }
        out.append(UInt8(ascii: ","))
        if let report = state.reportSubmitted { out.append(date: report) }
        out.append(UInt8(ascii: ","))
        out.append(Self.consentNames[Consent.allCases.firstIndex(of: state.consent)!])
        out.append(UInt8(ascii: ","))
        out.append(state.requestedVisit ? Array("true".utf8) : Array("false".utf8))
        out.append(UInt8(ascii: "\n"))
        if yearOnly { block.statistics.yearOnlyVisits += 1 }
    }

    // MARK: indicators.csv

    private func writeIndicators(
        index: Int, risk: Double, into block: SynthesisBlock,
        using stream: inout Xoshiro256
    ) {
        let out = block.indicators
        out.append(UInt8(ascii: "S"))
        out.append(integer: index + 1, width: idWidth)
        for j in kinds.indices {
            out.append(UInt8(ascii: ","))
            let noise = stream.nextNormal()
            // Candidate 1 is always complete, so no column is ever entirely missing.
            if index > 0, missingRates[j] > 0, stream.nextUnit() < missingRates[j] {
                out.append(missingTexts[j])
                block.statistics.missingCells += 1
                continue
            }
            let u = loadings[j] * risk + complements[j] * noise
            let kind = kinds[j]
            let value: Double
            switch kind {
            case .rating: value = min(5, max(0, 2.5 + 1.1 * u))
            case .percent: value = min(100, max(0, 50 - 18 * u))
            case .index: value = stream.nextUnit() < 0.01 ? 4 * u : u
            case .count: value = Double(stream.poisson(mean: min(50, exp(0.9 * u - 0.2))))
            case .rate: value = exp(0.6 * u)
            case .proportion: value = 1 / (1 + exp(-u))
            }
            out.append(fixed: value, decimals: kind.decimals)
        }
        out.append(UInt8(ascii: "\n"))
    }

    // MARK: events.csv

    /// Ten years of two series: `incidents` (a count; years without incidents have no row, which
    /// the model's `fill: zero` reads as 0) and `stability` (an index; a few rows absent and some
    /// series starting late, which `fill: missing` leaves out).
    private func writeEvents(
        index: Int, risk: Double, into block: SynthesisBlock,
        using stream: inout Xoshiro256
    ) {
        let out = block.events
        let middle = Double(World.firstEventYear + World.lastEventYear) / 2
        let rate = exp(0.9 * risk - 0.4 + 0.3 * stream.nextNormal())
        let growth = 0.08 * risk + 0.1 * stream.nextNormal()
        for year in World.firstEventYear...World.lastEventYear {
            let mean = min(50, rate * exp(growth * (Double(year) - middle)))
            let count = stream.poisson(mean: mean)
            guard count > 0 else { continue }
            writeEventPrefix(index: index, indicator: Self.incidents, year: year, into: out)
            out.append(integer: count)
            out.append(UInt8(ascii: "\n"))
            block.statistics.eventRows += 1
        }

        let level = -0.6 * risk + 0.4 * stream.nextNormal()
        let drift = -0.02 * risk + 0.04 * stream.nextNormal()
        let shock = stream.nextUnit() < 0.05 ? 0.8 + 0.5 * stream.nextUnit() : 0
        let firstYear = stream.nextUnit() < 0.03 ? World.firstEventYear + 3 + stream.below(6) : World.firstEventYear
        for year in World.firstEventYear...World.lastEventYear {
            let noise = 0.12 * stream.nextNormal()
            let absent = stream.nextUnit() < 0.03
            guard year >= firstYear, !absent else { continue }
            var value = level + drift * (Double(year) - middle) + noise
            if year == World.lastEventYear { value -= shock }
            writeEventPrefix(index: index, indicator: Self.stability, year: year, into: out)
            out.append(fixed: value, decimals: 4)
            out.append(UInt8(ascii: "\n"))
            block.statistics.eventRows += 1
        }
    }

    @inline(__always) private func writeEventPrefix(index: Int, indicator: [UInt8], year: Int, into out: ByteWriter) {
        out.append(UInt8(ascii: "S"))
        out.append(integer: index + 1, width: idWidth)
        out.append(UInt8(ascii: ","))
        out.append(indicator)
        out.append(UInt8(ascii: ","))
        out.append(integer: year, width: 4)
        out.append(UInt8(ascii: ","))
    }

    // MARK: Facts for planning

    private func record(_ state: State, region: Int, into block: SynthesisBlock) {
        let asOf = World.asOf
        let years = state.yearsSinceVisit(asOf: asOf, cap: 1000)
        let due = state.followUpDue(asOf: asOf, months: World.followUpMonths)
        // Margins of a few days keep the witness clear of every boundary of the planner's rules.
        let eligible = state.consent != .refused && (state.neverVisited || years > World.cooldownYears + 0.05)
        let followUp = eligible && due && !state.neverVisited && years < World.comprehensiveAfterYears - 0.05
        block.facts.append(
            CandidateFacts(
                region: UInt8(region), eligible: eligible, neverVisited: state.neverVisited,
                followUp: followUp, requestedVisit: state.requestedVisit))
        if state.neverVisited { block.statistics.neverVisited += 1 }
        if due { block.statistics.followUpDue += 1 }
        if state.requestedVisit { block.statistics.requested += 1 }
        block.statistics.consent[Consent.allCases.firstIndex(of: state.consent)!] += 1
    }
}
