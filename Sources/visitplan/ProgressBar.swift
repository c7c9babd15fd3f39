import ArgumentParser
import Foundation
import TextOutput

/// The progress of a long stage of work, drawn on standard error as one line rewritten in place:
///
///     Monte Carlo  [=========>               ]  41%  2.1 M samples/s  ETA 0:03
///
/// A stage whose fraction is unknown (loading a file) shows a moving marker and the time spent.
///
/// The engines never print: they hand a fraction to `advance(to:)`, which only stores it. A timer
/// calls `draw()` every tenth of a second, which draws once the stage has run one second (shorter
/// stages stay silent) and at most ten lines a second. `finish()` erases the line, so nothing is
/// left between the messages of standard error. `ProgressOptions` decides whether a bar is drawn at
/// all: only when standard error is a terminal, and not with `--quiet`.
final class ProgressBar: @unchecked Sendable {
    /// What a stage is called and what it counts.
    struct Stage: Sendable, Equatable {
        var label: String
        /// The units of work of the whole stage, for the rate; nil when unknown.
        var total: Int?
        /// What the units are, e.g. `samples`.
        var unit: String

        init(_ label: String, total: Int? = nil, unit: String = "") {
            self.label = label
            self.total = total
            self.unit = unit
        }
    }

    /// Seconds into a stage before its first line.
    static let delay = 1.0
    /// The shortest time between two lines: at most ten a second.
    static let interval = 0.1

    private let lock = NSLock()
    private let clock: @Sendable () -> Double
    private let write: @Sendable (String) -> Void
    private let width: Int
    private var stage: Stage
    private var started: Double
    private var fraction: Double?
    private var lastLine: Double?
    private var finished = false

    /// - Parameters:
    ///   - clock: seconds on a monotonic clock.
    ///   - write: where the lines go (standard error).
    ///   - width: the terminal's columns; a longer line is cut, as a wrapped line could not be
    ///     rewritten in place.
    init(
        _ stage: Stage, width: Int = 80, clock: @escaping @Sendable () -> Double,
        write: @escaping @Sendable (String) -> Void
    ) {
        self.stage = stage
        self.width = width
        self.clock = clock
        self.write = write
        started = clock()
    }

    /// Records the fraction of the stage done, in [0, 1]; callable from any thread, draws nothing.
    func advance(to fraction: Double) {
        lock.lock()
        self.fraction = fraction
        lock.unlock()
    }

    /// Starts another stage, with its own clock for the rate and the time left.
    func begin(_ next: Stage) {
        lock.lock()
        defer { lock.unlock() }
        guard next != stage else { return }
        stage = next
        started = clock()
        fraction = nil
    }

    /// Draws the stage's line when it has run `delay` seconds and the last line is `interval` old.
    func draw() {
        lock.lock()
        defer { lock.unlock() }
        let now = clock()
        guard !finished, now - started >= Self.delay, now - (lastLine ?? -.infinity) >= Self.interval else { return }
        lastLine = now
        let line = Self.line(stage, fraction: fraction, elapsed: now - started)
        write("\r" + String(line.prefix(max(width - 1, 1))) + "\u{1B}[K")
    }

    /// Erases the line, if one was drawn; nothing is drawn after this.
    func finish() {
        lock.lock()
        defer { lock.unlock() }
        if !finished, lastLine != nil { write("\r\u{1B}[K") }
        finished = true
    }

    /// One line of progress: the label, a bar of `barWidth` characters, then the percentage, the
    /// rate and the time left when the fraction is known; a moving marker and the time spent when not.
    static func line(_ stage: Stage, fraction: Double?, elapsed: Double, barWidth: Int = 24) -> String {
        guard let fraction else {
            // A marker going back and forth, one step a tenth of a second.
            let span = barWidth - 3
            let step = Int(elapsed * 10) % (2 * span)
            let position = step <= span ? step : 2 * span - step
            let bar = String(repeating: " ", count: position) + "<=>" + String(repeating: " ", count: span - position)
            return "\(stage.label)  [\(bar)]  \(clockTime(elapsed)) elapsed"
        }
        let done = min(max(fraction, 0), 1)
        let filled = Int((done * Double(barWidth)).rounded(.down))
        let bar =
            filled == barWidth
            ? String(repeating: "=", count: barWidth)
            : String(repeating: "=", count: filled) + ">" + String(repeating: " ", count: barWidth - filled - 1)
        let percent = String(Int((done * 100).rounded(.down)))
        let padding = String(repeating: " ", count: 3 - min(percent.count, 3))
        var line = "\(stage.label)  [\(bar)] " + padding + percent + "%"
        if let total = stage.total, done > 0, elapsed > 0 {
            line += "  " + rate(done * Double(total) / elapsed) + " " + (stage.unit.isEmpty ? "/s" : "\(stage.unit)/s")
        }
        line += "  ETA " + (done > 0 ? clockTime(elapsed * (1 - done) / done) : "-:--")
        return line
    }

    /// A rate with one decimal and a k, M or G multiplier: `850`, `12.5 k`, `2.1 M`.
    static func rate(_ perSecond: Double) -> String {
        let steps: [(Double, String)] = [(1e9, "G"), (1e6, "M"), (1e3, "k")]
        for (scale, prefix) in steps where perSecond >= scale {
            return NumberFormat.fixed(1).text(perSecond / scale) + " " + prefix
        }
        return NumberFormat.fixed(0).text(perSecond)
    }

    /// Seconds as `m:ss`, or `h:mm:ss` from an hour, rounded to the second.
    static func clockTime(_ seconds: Double) -> String {
        let total = Int(min(seconds, 359_999).rounded())
        let (hours, minutes, rest) = (total / 3600, total / 60 % 60, total % 60)
        return hours > 0
            ? "\(hours):" + String(format: "%02d:%02d", minutes, rest)
            : "\(minutes):" + String(format: "%02d", rest)
    }
}

/// `--quiet`, and the decision to draw progress at all: on a terminal only, so that pipes, files
/// and CI logs never hold a progress line.
struct ProgressOptions: ParsableArguments {
    @Flag(help: "Draw no progress bar on standard error (drawn only on a terminal, for stages longer than a second).")
    var quiet = false

    /// Whether progress is drawn: standard error is a terminal and `--quiet` is not given.
    var enabled: Bool { !quiet && isatty(2) != 0 }

    /// Runs `body` as one stage, with a progress handler for the engines: nil when no progress is
    /// drawn, so the engines do no progress work at all.
    func run<T>(
        _ stage: ProgressBar.Stage,
        _ body: (_ progress: (@Sendable (Double) -> Void)?) throws -> T
    ) rethrows -> T {
        try running(stage) { bar in
            var handler: (@Sendable (Double) -> Void)?
            if let bar { handler = { fraction in bar.advance(to: fraction) } }
            return try body(handler)
        }
    }

    /// Runs `body` with the bar itself (nil when none is drawn), for work in several stages
    /// (`begin(_:)` starts the next).
    func running<T>(_ stage: ProgressBar.Stage, _ body: (ProgressBar?) throws -> T) rethrows -> T {
        guard enabled else { return try body(nil) }
        var size = winsize()
        let columns = ioctl(2, UInt(TIOCGWINSZ), &size) == 0 && size.ws_col > 0 ? Int(size.ws_col) : 80
        let bar = ProgressBar(
            stage, width: columns,
            clock: { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 },
            write: { StandardStreams.writeError($0) })
        let timer = DispatchSource.makeTimerSource(queue: DispatchQueue.global(qos: .utility))
        timer.schedule(deadline: .now() + ProgressBar.interval, repeating: ProgressBar.interval)
        timer.setEventHandler { bar.draw() }
        timer.resume()
        defer {
            timer.cancel()
            bar.finish()
        }
        return try body(bar)
    }
}
