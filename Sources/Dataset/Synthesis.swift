import Dispatch
import Foundation
import LinearAlgebra
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// A synthetic dataset of any size that exercises every feature of the SPEC: regions and
// sub-regions, missing values, every engagement fact, events for the three signals, a model with
// every normalisation, missing rule and aggregation, planning constraints that are feasible by
// construction, and sensitivity settings. `visitplan synth` writes it; benchmarks and tests read it.

// MARK: Settings

/// What to synthesise: how many candidates, how many indicator columns, and the seed to record.
public struct SynthesisSettings: Sendable, Equatable {
    /// The fewest indicator columns that still give every leaf kind of the model one column.
    public static let minimumIndicators = 8
    public static let defaultIndicators = 32

    public var candidates: Int
    public var indicators: Int
    /// Written into README.md and model.yaml; the random stream itself comes from the generator
    /// given to `SyntheticDataset.generate`.
    public var seed: UInt64

    public init(candidates: Int, indicators: Int = SynthesisSettings.defaultIndicators, seed: UInt64) {
        precondition(candidates >= 1, "synthesis: \(candidates) candidates, need at least 1")
        precondition(indicators >= Self.minimumIndicators,
                     "synthesis: \(indicators) indicators, need at least \(Self.minimumIndicators)")
        self.candidates = candidates
        self.indicators = indicators
        self.seed = seed
    }
}

// MARK: Errors

/// Why a synthetic dataset could not be written where the user asked.
public enum SynthesisError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The output folder exists and holds files; `--force` replaces it.
    case outputNotEmpty(path: String)
    /// The output path exists and is not a folder.
    case outputNotAFolder(path: String)
    /// The system refused to create or write something.
    case cannotWrite(path: String, reason: String)

    public var description: String {
        switch self {
        case .outputNotEmpty(let path):
            "\(path): the output folder exists and is not empty; choose another folder or pass --force to replace it"
        case .outputNotAFolder(let path):
            "\(path): exists and is not a folder; choose another output path"
        case .cannotWrite(let path, let reason):
            "\(path): cannot write: \(reason)"
        }
    }
}

// MARK: The dataset

/// A synthetic dataset folder held in memory: the bytes of each of its files.
///
/// The same settings and the same random stream always give the same bytes: numbers have a fixed
/// number of decimals, lines end in LF, rows follow the candidates' order and the model is written
/// in a fixed order.
public struct SyntheticDataset: Sendable {
    public var settings: SynthesisSettings
    /// `states.csv`, `indicators.csv`, `events.csv`, `model.yaml` and `README.md`, in that order.
    public var files: [(name: String, bytes: [UInt8])]
    /// Ids of a visit list that meets every planning constraint of model.yaml: the proof that the
    /// planning problem is feasible (not the optimal list).
    public var feasibleList: [String]

    /// The bytes of the file named `name`, or nil.
    public func file(_ name: String) -> [UInt8]? {
        files.first { $0.name == name }?.bytes
    }

    /// Generates the dataset.
    ///
    /// Four words drawn from `generator` key the internal streams (see `SynthesisStream`); each
    /// candidate then gets its region, latent risk, engagement facts, indicators and yearly events,
    /// so the output depends only on the settings and the generator's stream, not on the number of
    /// threads. The planning constraints are derived afterwards from a list that satisfies them all
    /// (see `PlanningWitness`), so the planning problem is feasible.
    ///
    /// - Parameter progress: called with the fraction of the candidates drawn, from any thread.
    /// - Complexity: O(candidates × (indicators + years)), in parallel over blocks of candidates;
    ///   about 0.7 GB of output per million candidates at 32 indicators is built in memory.
    public static func generate(_ settings: SynthesisSettings, using generator: inout some RandomNumberGenerator,
                                progress: (@Sendable (Double) -> Void)? = nil) -> SyntheticDataset {
        var synthesis = Synthesiser(settings: settings)
        synthesis.generate(key: (0..<4).map { _ in generator.next() }, progress: progress)
        let witness = PlanningWitness(candidates: synthesis.facts, regionCount: World.regions.count)
        let modelWriter = ModelWriter(settings: settings, columns: synthesis.columns, witness: witness,
                                      idWidth: synthesis.idWidth)
        let model = modelWriter.yaml()
        let readme = ReadmeWriter(settings: settings, columns: synthesis.columns, witness: witness,
                                  statistics: synthesis.statistics).markdown()
        return SyntheticDataset(settings: settings, files: [
            ("states.csv", synthesis.states),
            ("indicators.csv", synthesis.indicators),
            ("events.csv", synthesis.events),
            ("model.yaml", Array(model.utf8)),
            ("README.md", Array(readme.utf8)),
        ], feasibleList: witness.selected.map(modelWriter.id))
    }

    /// Writes the files into the folder `directory`, all or nothing.
    ///
    /// The files are written into a new hidden sibling folder, which is renamed to `directory`
    /// once every file is complete: a failure leaves nothing half-written and the old folder as it
    /// was. An existing empty folder is replaced; a non-empty one only when `replacing` is true, and
    /// only after the new folder is complete.
    ///
    /// - Throws: `SynthesisError`.
    public func write(to directory: String, replacing: Bool) throws {
        let (target, parent, base, exists, existingIsEmpty) = try Self.inspectOutput(directory, replacing: replacing)
        let staging = try Self.makeTemporaryFolder(beside: target, parent: parent, base: base, purpose: "synth")
        AtomicFile.registerTemporary(staging)
        defer { AtomicFile.unregisterTemporary(staging) }
        do {
            for file in files {
                do {
                    try AtomicFile.write(file.bytes, to: "\(staging)/\(file.name)")
                } catch let error as OutputError {
                    throw SynthesisError.cannotWrite(path: target, reason: "\(file.name): \(error.reason)")
                }
            }
            guard chmod(staging, 0o755) == 0 else { throw Self.systemError(target) }
            if !exists || existingIsEmpty {
                // rename(2) replaces an empty folder in one step.
                guard AtomicFile.moveIntoPlace(staging, target) else { throw Self.systemError(target) }
            } else {
                // Move the old folder aside, move the new one in, then delete the old one.
                let old = try Self.makeTemporaryFolder(beside: target, parent: parent, base: base, purpose: "old")
                guard rename(target, old) == 0 else {
                    let error = Self.systemError(target)
                    _ = rmdir(old)
                    throw error
                }
                guard AtomicFile.moveIntoPlace(staging, target) else {
                    let error = Self.systemError(target)
                    _ = rename(old, target)
                    throw error
                }
                try? FileManager.default.removeItem(atPath: old)
            }
        } catch {
            try? FileManager.default.removeItem(atPath: staging)
            throw error
        }
    }

    /// Checks that `directory` can receive a dataset before any work is done: it is absent (with an
    /// existing parent folder), an empty folder, or a folder that `replacing` allows to replace.
    ///
    /// - Throws: `SynthesisError`.
    public static func checkOutput(_ directory: String, replacing: Bool) throws {
        _ = try inspectOutput(directory, replacing: replacing)
    }

    /// The target without trailing slashes, its parent and last component, whether it exists and
    /// whether it is an empty folder.
    private static func inspectOutput(_ directory: String, replacing: Bool) throws
        -> (target: String, parent: String, base: String, exists: Bool, empty: Bool) {
        var target = directory
        while target.count > 1, target.hasSuffix("/") { target.removeLast() }
        let (parent, base) = split(target)
        guard base != "." && base != ".." && !base.isEmpty && target != "/" else {
            throw SynthesisError.outputNotAFolder(path: directory)
        }
        var status = stat()
        guard lstat(target, &status) == 0 else {
            var parentStatus = stat()
            guard stat(parent, &parentStatus) == 0 else {
                throw SynthesisError.cannotWrite(path: target, reason: "the parent folder \(parent) does not exist")
            }
            guard (parentStatus.st_mode & S_IFMT) == S_IFDIR else {
                throw SynthesisError.cannotWrite(path: target, reason: "\(parent) is not a folder")
            }
            guard access(parent, W_OK | X_OK) == 0 else {
                throw SynthesisError.cannotWrite(path: target, reason: "the folder \(parent) is not writable")
            }
            return (target, parent, base, false, false)
        }
        guard (status.st_mode & S_IFMT) == S_IFDIR else { throw SynthesisError.outputNotAFolder(path: target) }
        let entries: [String]
        do {
            entries = try FileManager.default.contentsOfDirectory(atPath: target)
        } catch {
            throw SynthesisError.cannotWrite(path: target, reason: "the folder cannot be read")
        }
        if !entries.isEmpty && !replacing { throw SynthesisError.outputNotEmpty(path: target) }
        guard access(parent, W_OK | X_OK) == 0 else {
            throw SynthesisError.cannotWrite(path: target, reason: "the folder \(parent) is not writable")
        }
        return (target, parent, base, true, entries.isEmpty)
    }

    private static func split(_ path: String) -> (parent: String, base: String) {
        guard let slash = path.lastIndex(of: "/") else { return (".", path) }
        let parent = String(path[..<slash])
        return (parent.isEmpty ? "/" : parent, String(path[path.index(after: slash)...]))
    }

    /// A new empty folder `.<base>.<purpose>-XXXXXX` next to the target.
    private static func makeTemporaryFolder(beside target: String, parent: String, base: String,
                                            purpose: String) throws -> String {
        let prefix = parent == "/" ? "/" : "\(parent)/"
        var template = Array("\(prefix).\(base).\(purpose)-XXXXXX".utf8CString)
        let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        guard made != nil else {
            throw SynthesisError.cannotWrite(
                path: target, reason: "cannot create a folder in \(parent): \(String(cString: strerror(errno)))")
        }
        return String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    private static func systemError(_ path: String) -> SynthesisError {
        .cannotWrite(path: path, reason: String(cString: strerror(errno)))
    }
}

// MARK: The synthetic world

/// The fixed frame every synthetic dataset shares: reference date, regions, history.
private enum World {
    static let asOf = CalendarDate(year: 2025, month: 1, day: 1)!
    /// Yearly events cover the ten years that end before `asOf`.
    static let firstEventYear = 2015
    static let lastEventYear = 2024
    /// The oldest possible last visit.
    static let historyStart = CalendarDate(year: 2005, month: 1, day: 1)!

    struct Region {
        var name: String
        var subregions: [String]
        /// Share of the candidates.
        var share: Double
        /// Added to every candidate's latent risk: regions differ, as real ones do.
        var riskShift: Double
    }

    static let regions: [Region] = [
        Region(name: "Northland", subregions: ["Northland Coast", "Northland Fjords", "Northland Tundra"],
               share: 0.20, riskShift: -0.4),
        Region(name: "Southland", subregions: ["Southland Savanna", "Southland Delta", "Southland Highlands",
                                               "Southland Cape"], share: 0.27, riskShift: 0.5),
        Region(name: "Eastmarch", subregions: ["Eastmarch Steppe", "Eastmarch Valleys"], share: 0.18, riskShift: 0.2),
        Region(name: "Westreach", subregions: ["Westreach Plains", "Westreach Lakes", "Westreach Coast"],
               share: 0.15, riskShift: -0.2),
        Region(name: "Midlands", subregions: ["Midlands North", "Midlands South"], share: 0.12, riskShift: 0.0),
        Region(name: "Isles", subregions: ["Outer Isles", "Inner Isles"], share: 0.08, riskShift: 0.1),
    ]

    // Planning settings the model states and the witness relies on.
    static let cooldownYears = 2.0
    static let comprehensiveAfterYears = 5.0
    static let followUpMonths = 12
    static let comprehensiveCost = 45.0
    static let followUpCost = 20.0
    static let maximumVisits = 12
}

// MARK: Indicator columns

/// How an indicator's values are distributed, and how many decimals they are written with.
private enum ValueKind: String {
    /// A 0–5 gap rating (higher = larger gap), 2 decimals.
    case rating
    /// A 0–100 capacity percentage (higher = more capacity), 2 decimals.
    case percent
    /// A standardised index around 0 with occasional outliers, 4 decimals.
    case index
    /// A yearly count (Poisson), an integer.
    case count
    /// A positive rate (log-normal), 4 decimals.
    case rate
    /// A proportion in (0, 1), 4 decimals.
    case proportion

    var decimals: Int {
        switch self {
        case .rating, .percent: 2
        case .index, .rate, .proportion: 4
        case .count: 0
        }
    }
}

/// One column of indicators.csv and the leaf of the model that reads it.
private struct IndicatorColumn {
    enum Group: String { case gapsLegal, gapsOperational, threat, exposure, capacity }

    var name: String
    var title: String
    var kind: ValueKind
    var group: Group
    /// Correlation of the value with the candidate's latent risk.
    var loading: Double
    /// Share of candidates whose value is missing.
    var missingRate: Double
    /// How a missing value is written: an empty cell or `NA`.
    var missingText: String
    var weight: Double
    var normalisation: Normalisation
    var missing: MissingRule
    var direction: Direction = .risk
    var goalposts: (Double, Double)?
    var logTransform = false
    var winsorise: (Double, Double)?
    var confidential = false
    var rationale: String

    /// The columns for `count` indicators: six with fixed roles (the geometric and topsis nodes and
    /// the threat leaves), then gap ratings that cycle through every normalisation and missing rule.
    static func columns(count: Int) -> [IndicatorColumn] {
        var columns = [
            IndicatorColumn(
                name: "capacity_institutions", title: "Institutional capacity (percent)", kind: .percent,
                group: .capacity, loading: 0.7, missingRate: 0.03, missingText: "", weight: 1,
                normalisation: .goalposts, missing: .reweight, direction: .protective, goalposts: (10, 90),
                rationale: "Goalposts fix the scale at 10-90 percent; protective, so the geometric node stays non-negative (1 - v)."),
            IndicatorColumn(
                name: "capacity_training", title: "Trained officials (percent)", kind: .percent,
                group: .capacity, loading: 0.5, missingRate: 0.02, missingText: "", weight: 1,
                normalisation: .rank, missing: .min, direction: .protective,
                rationale: "Rank-normalised; a missing value takes the column minimum (the worst capacity)."),
            IndicatorColumn(
                name: "exposure_trade", title: "Trade exposure (rate)", kind: .rate,
                group: .exposure, loading: 0.4, missingRate: 0.02, missingText: "", weight: 1,
                normalisation: .minmax, missing: .mean,
                rationale: "TOPSIS needs every value, so a missing one takes the column mean."),
            IndicatorColumn(
                name: "exposure_transit", title: "Transit exposure (rate)", kind: .rate,
                group: .exposure, loading: 0.5, missingRate: 0.04, missingText: "NA", weight: 1,
                normalisation: .vector, missing: .regionMean,
                rationale: "Vector-normalised; a missing value (written NA) takes the mean of the candidate's region."),
            IndicatorColumn(
                name: "incidents_total", title: "Incidents last year (count)", kind: .count,
                group: .threat, loading: 0.8, missingRate: 0, missingText: "", weight: 1,
                normalisation: .minmax, missing: .zero, logTransform: true,
                rationale: "Counts are skewed, hence the log transform; an unreported count is read as zero."),
            IndicatorColumn(
                name: "instability_index", title: "Instability index (standardised)", kind: .index,
                group: .threat, loading: 0.7, missingRate: 0.015, missingText: "", weight: 1,
                normalisation: .zscore, missing: .max, winsorise: (0.01, 0.99),
                rationale: "Heavy-tailed, so winsorised at the 1st and 99th percentiles; a missing value is assumed the worst (max)."),
        ]
        // The gap ratings cycle through the six normalisations and the six imputing or reweighting rules.
        let gapCount = count - columns.count
        let width = max(2, String(gapCount).count)
        let cycle: [(Normalisation, ValueKind, MissingRule, Double, Double, Direction)] = [
            (.goalposts, .rating, .reweight, 0.03, 1.25, .risk),
            (.minmax, .rating, .mean, 0.0, 1, .risk),
            (.zscore, .index, .regionMean, 0.02, 1, .protective),
            (.rank, .rating, .min, 0.0, 0.75, .risk),
            (.vector, .rate, .zero, 0.01, 0.75, .risk),
            (.none, .proportion, .max, 0.02, 0.5, .risk),
        ]
        for gap in 0..<gapCount {
            let (normalisation, kind, missing, missingRate, weight, direction) = cycle[gap % cycle.count]
            let number = String(gap + 1)
            let label = String(repeating: "0", count: width - number.count) + number
            var column = IndicatorColumn(
                name: "gap_\(label)", title: "Implementation gap \(label) (\(kind.rawValue))", kind: kind,
                group: gap < (gapCount + 1) / 2 ? .gapsLegal : .gapsOperational,
                loading: [0.75, 0.6, 0.5, 0.65, 0.45, 0.55][gap % 6], missingRate: missingRate,
                missingText: "", weight: weight, normalisation: normalisation, missing: missing,
                direction: direction,
                rationale: "Synthetic rating; \(normalisation.rawValue) normalisation, missing: \(missing.rawValue).")
            if normalisation == .goalposts { column.goalposts = (0, 5) }
            if kind == .index { column.rationale += " A quality index, so protective." }
            if gap == 0 {
                column.confidential = true
                column.rationale += " Marked confidential, as a State may ask."
            }
            columns.append(column)
        }
        return columns
    }
}

// MARK: Candidate facts

/// What the planning witness needs to know about one candidate.
private struct CandidateFacts {
    var region: UInt8
    /// Eligible with a margin: consent allowed and last visit well outside the cooldown.
    var eligible: Bool
    var neverVisited: Bool
    /// Certainly a follow-up visit: follow-up due and the last visit well inside the
    /// comprehensive_after_years horizon.
    var followUp: Bool
    var requestedVisit: Bool
}

/// Counts reported in README.md.
private struct SynthesisStatistics {
    var neverVisited = 0
    var followUpDue = 0
    var yearOnlyVisits = 0
    /// Indexed like `Consent.allCases`.
    var consent = [0, 0, 0, 0]
    var requested = 0
    var missingCells = 0
    var eventRows = 0

    mutating func add(_ other: SynthesisStatistics) {
        neverVisited += other.neverVisited
        followUpDue += other.followUpDue
        yearOnlyVisits += other.yearOnlyVisits
        for i in consent.indices { consent[i] += other.consent[i] }
        requested += other.requested
        missingCells += other.missingCells
        eventRows += other.eventRows
    }
}

// MARK: Random stream

/// xoshiro256** (Blackman & Vigna 2018), the generator's internal stream for one block of
/// candidates: keyed by four words drawn from the caller's generator and by the block's number, so
/// blocks can be generated in any order, on any number of threads, with the same result.
private struct SynthesisStream: RandomNumberGenerator {
    private var s0, s1, s2, s3: UInt64

    init(key: [UInt64], block: Int) {
        precondition(key.count == 4, "synthesis stream: key of \(key.count) words, need 4")
        // SplitMix64 spreads the block number over the whole state.
        var x = key[0] ^ (UInt64(block) &* 0xD1B5_4A32_D192_ED03)
        func mix() -> UInt64 {
            x &+= 0x9E37_79B9_7F4A_7C15
            var z = x
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        s0 = mix()
        s1 = mix() ^ key[1]
        s2 = mix() ^ key[2]
        s3 = mix() ^ key[3]
        if s0 | s1 | s2 | s3 == 0 { s0 = 1 }
    }

    @inline(__always) mutating func next() -> UInt64 {
        let result = rotate(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotate(s3, 45)
        return result
    }

    @inline(__always) private func rotate(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }
}

// MARK: Bytes

/// A growable byte buffer written through a raw pointer: numbers are formatted in place, without a
/// `String` per cell.
private final class ByteWriter {
    private var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private(set) var count = 0

    init(capacity: Int) {
        self.capacity = max(capacity, 64)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    /// The bytes written so far.
    var buffer: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }

    @inline(__always) private func reserve(_ extra: Int) {
        if count + extra > capacity { grow(to: count + extra) }
    }

    @inline(never) private func grow(to needed: Int) {
        let newCapacity = max(needed, capacity * 2)
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBase.update(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }

    @inline(__always) func append(_ byte: UInt8) {
        reserve(1)
        base[count] = byte
        count += 1
    }

    @inline(__always) func append(_ bytes: [UInt8]) {
        reserve(bytes.count)
        bytes.withUnsafeBufferPointer { source in
            guard let address = source.baseAddress else { return }
            (base + count).update(from: address, count: source.count)
        }
        count += bytes.count
    }

    func append(_ text: String) { append(Array(text.utf8)) }

    /// Drops the last byte (a byte written just before, so `count > 0`).
    func removeLast() { count -= 1 }

    /// The last byte written, if any.
    var last: UInt8? { count > 0 ? base[count - 1] : nil }

    /// Replaces the byte at `offset` (0-based, below `count`).
    subscript(offset: Int) -> UInt8 {
        get { base[offset] }
        set { base[offset] = newValue }
    }

    /// A non-negative integer, left-padded with zeros to `width` digits.
    @inline(__always) func append(integer value: Int, width: Int = 1) {
        var digits = 1
        var rest = value / 10
        while rest > 0 {
            digits += 1
            rest /= 10
        }
        let length = max(digits, width)
        reserve(length)
        var remaining = value
        var position = count + length - 1
        while position >= count {
            base[position] = UInt8(truncatingIfNeeded: 48 + remaining % 10)
            remaining /= 10
            position -= 1
        }
        count += length
    }

    /// `value` with exactly `decimals` decimals, rounded half away from zero; never `-0`.
    @inline(__always) func append(fixed value: Double, decimals: Int) {
        precondition(value.isFinite, "synthesis: non-finite value \(value)")
        let scale = ByteWriter.powersOfTen[decimals]
        var scaled = Int((value * Double(scale)).rounded(.toNearestOrAwayFromZero))
        if scaled < 0 {
            append(UInt8(ascii: "-"))
            scaled = -scaled
        }
        append(integer: scaled / scale)
        if decimals > 0 {
            append(UInt8(ascii: "."))
            append(integer: scaled % scale, width: decimals)
        }
    }

    func append(date: CalendarDate) {
        append(integer: date.year, width: 4)
        append(UInt8(ascii: "-"))
        append(integer: date.month, width: 2)
        append(UInt8(ascii: "-"))
        append(integer: date.day, width: 2)
    }

    static let powersOfTen = [1, 10, 100, 1000, 10_000, 100_000, 1_000_000]

    /// The concatenation of `head` and every writer's bytes, in order.
    static func join(_ head: String, _ writers: [ByteWriter]) -> [UInt8] {
        var result = Array(head.utf8)
        result.reserveCapacity(result.count + writers.reduce(0) { $0 + $1.count })
        for writer in writers { result.append(contentsOf: writer.buffer) }
        return result
    }
}

// MARK: Generation

/// The candidates of one block, generated with the block's own stream, and the rows they wrote.
private final class SynthesisBlock: @unchecked Sendable {
    // @unchecked: each block is written by one thread, then read after every thread has finished.
    var states: ByteWriter
    var indicators: ByteWriter
    var events: ByteWriter
    var facts: [CandidateFacts] = []
    var statistics = SynthesisStatistics()

    init(candidates: Int, indicators columns: Int, idWidth: Int) {
        states = ByteWriter(capacity: candidates * 110)
        indicators = ByteWriter(capacity: candidates * (idWidth + 2 + 7 * columns))
        events = ByteWriter(capacity: candidates * 15 * (idWidth + 20))
        facts.reserveCapacity(candidates)
    }
}

/// Draws the candidates and writes the three CSV files.
///
/// The candidates are cut into blocks of `blockSize`; block b draws from `SynthesisStream(key:
/// block: b)`. The blocks run in parallel and are joined in order, so the bytes depend on the key
/// and the settings only, not on the number of threads.
private struct Synthesiser {
    static let blockSize = 32_768

    let settings: SynthesisSettings
    let columns: [IndicatorColumn]
    let idWidth: Int
    private(set) var states: [UInt8] = []
    private(set) var indicators: [UInt8] = []
    private(set) var events: [UInt8] = []
    private(set) var facts: [CandidateFacts] = []
    private(set) var statistics = SynthesisStatistics()

    init(settings: SynthesisSettings) {
        self.settings = settings
        columns = IndicatorColumn.columns(count: settings.indicators)
        idWidth = max(4, String(settings.candidates).count)
    }

    mutating func generate(key: [UInt64], progress: (@Sendable (Double) -> Void)?) {
        let n = settings.candidates
        let blockCount = (n + Self.blockSize - 1) / Self.blockSize
        let writer = BlockWriter(settings: settings, columns: columns, idWidth: idWidth)
        let blocks = (0..<blockCount).map { b in
            SynthesisBlock(candidates: min(Self.blockSize, n - b * Self.blockSize),
                           indicators: columns.count, idWidth: idWidth)
        }
        let finished = FinishedBlocks(of: blockCount, progress: progress)
        DispatchQueue.concurrentPerform(iterations: blockCount) { b in
            var stream = SynthesisStream(key: key, block: b)
            let range = (b * Self.blockSize)..<min(n, (b + 1) * Self.blockSize)
            writer.write(range, into: blocks[b], using: &stream)
            finished.add()
        }

        states = ByteWriter.join(
            "id,name,region,subregion,last_visit,last_visit_type,report_submitted,consent,requested_visit\n",
            blocks.map(\.states))
        indicators = ByteWriter.join("id" + columns.map { "," + $0.name }.joined() + "\n", blocks.map(\.indicators))
        events = ByteWriter.join("id,indicator,period,value\n", blocks.map(\.events))
        facts.reserveCapacity(n)
        for block in blocks {
            facts += block.facts
            statistics.add(block.statistics)
        }
    }
}

/// Counts the blocks drawn, for the progress of `generate`.
private final class FinishedBlocks: @unchecked Sendable {
    private let lock = NSLock()
    private let total: Int
    private let progress: (@Sendable (Double) -> Void)?
    private var count = 0

    init(of total: Int, progress: (@Sendable (Double) -> Void)?) {
        self.total = total
        self.progress = progress
    }

    func add() {
        guard let progress else { return }
        lock.lock()
        count += 1
        let fraction = Double(count) / Double(total)
        lock.unlock()
        progress(fraction)
    }
}

/// Writes the rows of a range of candidates into a block.
private struct BlockWriter: Sendable {
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

    init(settings: SynthesisSettings, columns: [IndicatorColumn], idWidth: Int) {
        self.settings = settings
        self.idWidth = idWidth
        kinds = columns.map(\.kind)
        loadings = columns.map(\.loading)
        complements = columns.map { (1 - $0.loading * $0.loading).squareRoot() }
        missingRates = columns.map(\.missingRate)
        missingTexts = columns.map { Array($0.missingText.utf8) }
    }

    func write(_ range: Range<Int>, into block: SynthesisBlock, using stream: inout SynthesisStream) {
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

            writeState(index: index, region: region, subregion: subregion, state: state, yearOnly: yearOnly,
                       into: block, using: &stream)
            writeIndicators(index: index, risk: risk, into: block, using: &stream)
            writeEvents(index: index, risk: risk, into: block, using: &stream)
            record(state, region: region, into: block)
        }
    }

    // MARK: states.csv

    /// A candidate's engagement facts, and whether its last visit is written as a year alone.
    private func engagement(for index: Int, using stream: inout SynthesisStream) -> (State, Bool) {
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

    private func writeState(index: Int, region: Int, subregion: Int, state: State, yearOnly: Bool,
                            into block: SynthesisBlock, using stream: inout SynthesisStream) {
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

    private func writeIndicators(index: Int, risk: Double, into block: SynthesisBlock,
                                 using stream: inout SynthesisStream) {
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
    private func writeEvents(index: Int, risk: Double, into block: SynthesisBlock,
                             using stream: inout SynthesisStream) {
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
        block.facts.append(CandidateFacts(region: UInt8(region), eligible: eligible, neverVisited: state.neverVisited,
                                          followUp: followUp, requestedVisit: state.requestedVisit))
        if state.neverVisited { block.statistics.neverVisited += 1 }
        if due { block.statistics.followUpDue += 1 }
        if state.requestedVisit { block.statistics.requested += 1 }
        block.statistics.consent[Consent.allCases.firstIndex(of: state.consent)!] += 1
    }
}

// MARK: Planning constraints that are feasible

/// A visit list that satisfies every planning constraint written to model.yaml, which proves the
/// planning problem feasible.
///
/// The constraints are chosen first (visits, follow-ups, never-visited quota, regional minimums
/// where the region has enough eligible candidates, one regional maximum), then a list is built
/// greedily to meet them; whenever the list cannot meet a constraint, that constraint is dropped or
/// loosened to what the list achieves. The budget is at least the list's cost, counting every visit
/// not certainly a follow-up at the comprehensive cost.
private struct PlanningWitness {
    var visits: Int
    var selected: [Int] = []
    var followUpsMin = 0
    var neverVisitedMin = 0
    /// Region index → bound, in region order.
    var regionMin: [Int: Int] = [:]
    var regionMax: [Int: Int] = [:]
    var include: Int?
    var exclude: Int?
    var budget: Double = 0
    var reserve = 0
    var eligibleCount = 0

    init(candidates: [CandidateFacts], regionCount: Int) {
        let eligible = candidates.indices.filter { candidates[$0].eligible }
        eligibleCount = eligible.count
        // About half of the eligible candidates, at most 12: a list, not everyone.
        visits = min(World.maximumVisits, max(1, eligible.count / 2))
        let visits = visits
        precondition(!eligible.isEmpty, "synthesis: candidate 1 is always eligible")

        var eligibleByRegion = Array(repeating: [Int](), count: regionCount)
        for i in eligible { eligibleByRegion[Int(candidates[i].region)].append(i) }
        let followUps = eligible.filter { candidates[$0].followUp }
        let never = eligible.filter { candidates[$0].neverVisited }

        // Targets, scaled to the list's length.
        let followUpTarget = min(followUps.count, visits >= 4 ? 2 : visits >= 2 ? 1 : 0)
        let neverTarget = min(never.count, visits >= 6 ? 3 : visits >= 3 ? 1 : 0)
        let perRegion = visits / 6
        let byEligible = (0..<regionCount).sorted {
            (eligibleByRegion[$0].count, -$0) > (eligibleByRegion[$1].count, -$1)
        }
        var minRegions: [Int] = []
        if perRegion >= 1 {
            // Regional minimums only where the region has at least twice as many eligible candidates.
            minRegions = Array(byEligible.filter { eligibleByRegion[$0].count >= 2 * perRegion }.prefix(3))
        }
        let maxRegion = visits >= 4 ? byEligible.first { !minRegions.contains($0) } : nil
        let maxTarget = (visits + 2) / 3

        // Try the full set of constraints, then looser ones, until the greedy list fits.
        let attempts: [(followUps: Int, never: Int, regions: [Int])] = [
            (followUpTarget, neverTarget, minRegions),
            (followUpTarget, 0, minRegions),
            (followUpTarget, 0, []),
            (0, 0, []),
        ]
        for attempt in attempts {
            var picked: [Int] = []
            var taken = Set<Int>()
            var countInRegion = Array(repeating: 0, count: regionCount)
            func take(_ i: Int) {
                picked.append(i)
                taken.insert(i)
                countInRegion[Int(candidates[i].region)] += 1
            }
            for i in followUps.prefix(attempt.followUps) { take(i) }
            for i in never.prefix(attempt.never) { take(i) }
            for region in attempt.regions {
                for i in eligibleByRegion[region] where countInRegion[region] < perRegion && !taken.contains(i) {
                    take(i)
                }
            }
            guard picked.count <= visits else { continue }
            // Fill up, keeping the capped region under its bound when other candidates allow it.
            for i in eligible where picked.count < visits && !taken.contains(i) {
                if let maxRegion, Int(candidates[i].region) == maxRegion, countInRegion[maxRegion] >= maxTarget { continue }
                take(i)
            }
            for i in eligible where picked.count < visits && !taken.contains(i) { take(i) }

            selected = picked
            followUpsMin = attempt.followUps
            neverVisitedMin = attempt.never
            for region in attempt.regions { regionMin[region] = perRegion }
            if let maxRegion { regionMax[maxRegion] = max(maxTarget, countInRegion[maxRegion]) }
            break
        }

        // A prior commitment: the first selected candidate that asked for a visit, else the first.
        if visits >= 2 {
            include = selected.first { candidates[$0].requestedVisit } ?? selected.first
        }
        // An exclusion that the list does not need.
        let chosen = Set(selected)
        if visits >= 2 { exclude = eligible.first { !chosen.contains($0) } }

        let certainFollowUps = selected.filter { candidates[$0].followUp }.count
        let cost = Double(certainFollowUps) * World.followUpCost
            + Double(visits - certainFollowUps) * World.comprehensiveCost
        // Tight enough to matter (40 a visit on average), never below the list's cost.
        budget = (max(cost, 40 * Double(visits)) / 5).rounded(.up) * 5
        reserve = max(0, min(5, eligible.count - visits - (exclude == nil ? 0 : 1)))
    }
}

// MARK: model.yaml

private struct ModelWriter {
    var settings: SynthesisSettings
    var columns: [IndicatorColumn]
    var witness: PlanningWitness
    var idWidth: Int

    private var lines: [String] = []

    init(settings: SynthesisSettings, columns: [IndicatorColumn], witness: PlanningWitness, idWidth: Int) {
        self.settings = settings
        self.columns = columns
        self.witness = witness
        self.idWidth = idWidth
    }

    func id(_ index: Int) -> String {
        let number = String(index + 1)
        return "S" + String(repeating: "0", count: max(0, idWidth - number.count)) + number
    }

    func yaml() -> String {
        var writer = self
        writer.write()
        return writer.lines.joined(separator: "\n") + "\n"
    }

    private mutating func line(_ indent: Int, _ text: String) {
        lines.append(String(repeating: " ", count: indent) + text)
    }

    private mutating func node(_ indent: Int, id: String, name: String, weight: Double, rationale: String,
                               aggregation: Aggregation? = nil) {
        line(indent, "- id: \(id)")
        line(indent + 2, "name: \(quoted(name))")
        line(indent + 2, "weight: \(number(weight))")
        line(indent + 2, "rationale: \(quoted(rationale))")
        if let aggregation { line(indent + 2, "aggregation: \(aggregation.rawValue)") }
        line(indent + 2, "criteria:")
    }

    private mutating func leaf(_ indent: Int, _ column: IndicatorColumn) {
        line(indent, "- id: \(column.name)")
        line(indent + 2, "name: \(quoted(column.title))")
        line(indent + 2, "indicator: \(column.name)")
        line(indent + 2, "weight: \(number(column.weight))")
        line(indent + 2, "rationale: \(quoted(column.rationale))")
        line(indent + 2, "direction: \(column.direction.rawValue)")
        line(indent + 2, "normalisation: \(column.normalisation.rawValue)")
        if let bounds = column.goalposts { line(indent + 2, "goalposts: [\(number(bounds.0)), \(number(bounds.1))]") }
        line(indent + 2, "missing: \(column.missing.rawValue)")
        if column.logTransform { line(indent + 2, "transform: log") }
        if let bounds = column.winsorise { line(indent + 2, "winsorise: [\(number(bounds.0)), \(number(bounds.1))]") }
        if column.confidential { line(indent + 2, "confidential: true") }
    }

    private mutating func write() {
        line(0, "# Synthetic dataset written by `visitplan synth --candidates \(settings.candidates) --seed \(settings.seed) --indicators \(settings.indicators)`.")
        line(0, "# Every value is SYNTHETIC; see README.md for how it was generated.")
        line(0, "name: \(quoted("Synthetic cycle \(World.asOf.year) (\(settings.candidates) candidates, seed \(settings.seed))"))")
        line(0, "as_of: \(World.asOf)")
        line(0, "scoring:")
        line(2, "aggregation: arithmetic")
        line(2, "normalisation: minmax")
        line(2, "missing: reweight")
        line(2, "criteria:")

        node(4, id: "gaps", name: "Implementation gaps", weight: 35,
             rationale: "Synthetic gap ratings; every normalisation and every missing rule but error appears here.")
        for (id, name, group) in [("gaps_legal", "Legal and institutional gaps", IndicatorColumn.Group.gapsLegal),
                                  ("gaps_operational", "Operational gaps", .gapsOperational)] {
            node(8, id: id, name: name, weight: 1, rationale: "Half of the gap ratings, weighted equally.")
            for column in columns where column.group == group { leaf(12, column) }
        }

        node(4, id: "threat", name: "Threat level and emerging trends", weight: 25,
             rationale: "Indicators and the three signals derived from events.csv.")
        for column in columns where column.group == .threat { leaf(8, column) }
        signal(8, id: "incidents_level", name: "Incidents, mean of the last 5 years", kind: .level,
               indicator: "incidents", fill: .zero, weight: 1, extra: ["transform: log"],
               rationale: "Years without a row in events.csv count as zero incidents.")
        signal(8, id: "incidents_trend", name: "Trend in incidents over 5 years", kind: .trend,
               indicator: "incidents", fill: .zero, weight: 0.75, extra: ["normalisation: rank"],
               rationale: "Emerging trends: a rising count raises priority; rank-normalised as slopes are skewed.")
        signal(8, id: "stability_anomaly", name: "Drop in stability in the latest year", kind: .anomaly,
               indicator: "stability", fill: .missing, weight: 0.5,
               extra: ["direction: protective", "winsorise: [0.05, 0.95]"],
               rationale: "A fall below the earlier years raises priority; series too short give no value (reweighted).")
        node(8, id: "exposure", name: "Exposure", weight: 1,
             rationale: "TOPSIS distance to the best and worst profiles; its leaves impute, as TOPSIS requires.",
             aggregation: .topsis)
        for column in columns where column.group == .exposure { leaf(12, column) }

        node(4, id: "capacity", name: "Lack of capacity", weight: 15,
             rationale: "Geometric mean: weak capacity on one side is not offset by the other; leaves stay in [0, 1].",
             aggregation: .geometric)
        for column in columns where column.group == .capacity { leaf(8, column) }

        node(4, id: "engagement", name: "Engagement with the State", weight: 25,
             rationale: "The five engagement facts of states.csv.")
        engagement(8, id: "never_visited", name: "Never visited", feature: "never-visited", weight: 1,
                   extra: ["normalisation: none"], rationale: "States never visited come first.")
        engagement(8, id: "years_since_visit", name: "Years since last visit (cap 10)", feature: "years-since-visit",
                   weight: 0.75, extra: ["cap: 10", "normalisation: goalposts", "goalposts: [0, 10]"],
                   rationale: "Older assessments are stale.")
        engagement(8, id: "prior_request", name: "State requested a visit", feature: "prior-request", weight: 0.75,
                   extra: ["normalisation: none"], rationale: "Prior requests by the State.")
        engagement(8, id: "consent", name: "Consent previously expressed", feature: "consent", weight: 0.5,
                   extra: ["normalisation: none", "levels: {given: 1, pending: 0.6, unknown: 0.3, refused: 0}"],
                   rationale: "Likelier consent raises priority; levels overridden to show the key.")
        engagement(8, id: "followup_due", name: "Follow-up of recommendations due", feature: "followup-due",
                   weight: 0.75, extra: ["normalisation: none", "months: \(World.followUpMonths)"],
                   rationale: "Recommendations are followed up within 12 months of the report.")

        writePlanning()
        writeSensitivity()
    }

    private mutating func signal(_ indent: Int, id: String, name: String, kind: SignalKind, indicator: String,
                                 fill: SignalFill, weight: Double, extra: [String], rationale: String) {
        line(indent, "- id: \(id)")
        line(indent + 2, "name: \(quoted(name))")
        line(indent + 2, "signal: \(kind.rawValue)")
        line(indent + 2, "indicator: \(indicator)")
        line(indent + 2, "window: 5")
        line(indent + 2, "fill: \(fill.rawValue)")
        line(indent + 2, "weight: \(number(weight))")
        line(indent + 2, "rationale: \(quoted(rationale))")
        for text in extra { line(indent + 2, text) }
    }

    private mutating func engagement(_ indent: Int, id: String, name: String, feature: String, weight: Double,
                                     extra: [String], rationale: String) {
        line(indent, "- id: \(id)")
        line(indent + 2, "name: \(quoted(name))")
        line(indent + 2, "engagement: \(feature)")
        line(indent + 2, "weight: \(number(weight))")
        line(indent + 2, "rationale: \(quoted(rationale))")
        line(indent + 2, "direction: risk")
        for text in extra { line(indent + 2, text) }
    }

    private mutating func writePlanning() {
        line(0, "# Feasible by construction: README.md names a list that meets every constraint.")
        line(0, "planning:")
        line(2, "visits: \(witness.visits)")
        line(2, "budget: \(number(witness.budget))")
        line(2, "cost: {comprehensive: \(number(World.comprehensiveCost)), follow-up: \(number(World.followUpCost))}")
        line(2, "comprehensive_after_years: \(number(World.comprehensiveAfterYears))")
        line(2, "cooldown_years: \(number(World.cooldownYears))")
        line(2, "consent: [given, pending, unknown]")
        let bounded = (0..<World.regions.count).filter { witness.regionMin[$0] != nil || witness.regionMax[$0] != nil }
        if !bounded.isEmpty {
            line(2, "regions:")
            for region in bounded {
                var bounds: [String] = []
                if let min = witness.regionMin[region] { bounds.append("min: \(min)") }
                if let max = witness.regionMax[region] { bounds.append("max: \(max)") }
                line(4, "\(World.regions[region].name): {\(bounds.joined(separator: ", "))}")
            }
        }
        if witness.neverVisitedMin > 0 { line(2, "never_visited_min: \(witness.neverVisitedMin)") }
        if witness.followUpsMin > 0 { line(2, "followups_min: \(witness.followUpsMin)") }
        if let include = witness.include { line(2, "include: [\(id(include))]") }
        if let exclude = witness.exclude { line(2, "exclude: [\(id(exclude))]") }
        line(2, "reserve: \(witness.reserve)")
    }

    private mutating func writeSensitivity() {
        line(0, "sensitivity:")
        line(2, "samples: 1000")
        line(2, "seed: \(settings.seed & UInt64(Int64.max))")
        line(2, "weights: {perturb: uniform, spread: 0.25}")
        line(2, "alternatives:")
        line(4, "normalisation: [minmax, rank]")
        line(4, "aggregation: [arithmetic, geometric]")
    }
}

// MARK: README.md

private struct ReadmeWriter {
    var settings: SynthesisSettings
    var columns: [IndicatorColumn]
    var witness: PlanningWitness
    var statistics: SynthesisStatistics

    func markdown() -> String {
        let n = settings.candidates
        let ids = ModelWriter(settings: settings, columns: columns, witness: witness,
                              idWidth: max(4, String(n).count))
        let regions = World.regions.map {
            "\($0.name) (share \(number($0.share))): \($0.subregions.joined(separator: ", "))"
        }
        let consent = Consent.allCases.enumerated().map { "\($1.rawValue) \(statistics.consent[$0])" }
        var columnLines: [String] = []
        for column in columns {
            var missing = column.missingRate > 0
                ? "about \(number(column.missingRate * 100))% missing (written \(column.missingText.isEmpty ? "as an empty cell" : "`NA`"))"
                : "never missing"
            if column.kind == .count { missing += "; integer" }
            columnLines.append("| `\(column.name)` | \(column.kind.rawValue) | \(number(column.loading)) | \(missing) | "
                               + "\(column.normalisation.rawValue), missing: \(column.missing.rawValue) |")
        }
        return """
            # Synthetic dataset (\(n) candidates, seed \(settings.seed))

            **Every value in this folder is synthetic.** Nothing here describes a real State: the
            candidates, their names, regions, visits, indicators and events were drawn at random by

                visitplan synth --candidates \(n) --seed \(settings.seed) --indicators \(settings.indicators) --output DIR

            which rewrites exactly the same bytes for the same arguments and the same visitplan version,
            whatever the number of threads: the seed starts a xoshiro256** generator, four words of
            which key an independent xoshiro256** stream for each block of \(Synthesiser.blockSize) candidates.

            ## What it contains

            - `states.csv`: \(n) candidates `\(ids.id(0))`... with pronounceable made-up names, in
              \(World.regions.count) regions with sub-regions. The first six candidates cover the six regions;
              the others are drawn with the shares below.
            \(regions.map { "  - " + $0 }.joined(separator: "\n"))
            - Engagement facts as of \(World.asOf): \(statistics.neverVisited) never visited; the others last visited
              between \(World.historyStart.year) and \(World.asOf.year - 1) (uniformly), \(statistics.yearOnlyVisits) written
              as a year alone (`YYYY`, read as YYYY-07-01), comprehensive or follow-up; a report submitted
              60-270 days after most visits, or an older report followed by a later visit;
              \(statistics.followUpDue) have a follow-up due. Consent: \(consent.joined(separator: ", ")).
              \(statistics.requested) requested a visit. The first eight candidates show every fact
              (never visited, both visit types and date forms, due and not due, every consent level,
              a request), so even a tiny dataset has them all.
            - `indicators.csv`: \(settings.indicators) indicators, \(statistics.missingCells) missing cells. Each
              candidate has a latent risk (standard normal plus a regional shift); an indicator is
              `loading × risk + sqrt(1 − loading²) × noise`, mapped to its kind's scale. Candidate 1 is
              never missing a value, so no column is entirely missing.

              | column | kind | loading | missing | leaf in model.yaml |
              |---|---|---|---|---|
            \(columnLines.map { "  " + $0 }.joined(separator: "\n"))

              Kinds: rating 0-5 (2 decimals); percent 0-100 (2 decimals, higher = more capacity);
              index around 0 with 1% outliers ×4 (4 decimals); count (Poisson, integer); rate
              (log-normal, 4 decimals); proportion in (0, 1) (4 decimals).
            - `events.csv`: yearly series \(World.firstEventYear)-\(World.lastEventYear) (ending before as_of) for every
              candidate, \(statistics.eventRows) rows: `incidents` (Poisson counts with a candidate-specific
              growth; years with no incident have no row, read as 0 by `fill: zero`) and `stability`
              (an index with a drift; about 3% of rows absent, 3% of series starting late and 5% with a
              drop in the latest year, read with `fill: missing`).
            - `model.yaml`: every normalisation (minmax, zscore, rank, goalposts, vector, none),
              `transform: log`, `winsorise`, every missing rule but `error` (reweight, mean, region-mean,
              min, max, zero), every aggregation (arithmetic root and nodes; the geometric node
              `capacity`, whose leaves stay in [0, 1]; the topsis node `exposure`, whose leaves impute),
              the three signals (level, trend, anomaly), the five engagement features, a confidential
              leaf, planning constraints and sensitivity settings.

            ## Planning is feasible

            The constraints were derived from a list that meets all of them: \(witness.visits) visits
            (about half of the \(witness.eligibleCount) clearly eligible candidates, at most \(World.maximumVisits)), for example
            \(witness.selected.map { ids.id($0) }.joined(separator: ", ")).
            Eligible here means consent given, pending or unknown, and never visited or last visited more than
            \(number(World.cooldownYears)) years (plus a few days) before as_of. The budget (\(number(witness.budget))) is at least
            that list's cost with every visit that is not certainly a follow-up counted as comprehensive.
            Regional minimums are set only where a region has at least twice as many eligible candidates.

            """
    }
}

// MARK: Helpers

extension CalendarDate {
    /// The date `dayNumber` days after 1970-01-01 (Howard Hinnant's civil-from-days).
    fileprivate init(daysSinceEpoch: Int) {
        let z = daysSinceEpoch + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        self.init(year: year, month: month, day: day)!
    }
}

extension RandomNumberGenerator {
    /// A uniform integer in 0..<bound.
    fileprivate mutating func below(_ bound: Int) -> Int {
        Int(next(upperBound: UInt64(bound)))
    }

    /// A Poisson deviate by Knuth's multiplication method: O(mean), fine for the small means here.
    fileprivate mutating func poisson(mean: Double) -> Int {
        let limit = exp(-mean)
        var count = 0
        var product = nextUnit()
        while product > limit {
            count += 1
            product *= nextUnit()
        }
        return count
    }
}

/// A number for YAML or prose: an integer without decimals, otherwise up to 4 decimals.
private func number(_ value: Double) -> String {
    if value == value.rounded() && abs(value) < 1e15 { return String(Int(value)) }
    let writer = ByteWriter(capacity: 24)
    writer.append(fixed: value, decimals: 4)
    while writer.last == UInt8(ascii: "0") { writer.removeLast() }
    return String(decoding: writer.buffer, as: UTF8.self)
}

/// A double-quoted YAML string.
private func quoted(_ text: String) -> String {
    "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
}
