import Foundation

/// A progress bar for long work: count, rate and time left.
///
/// On a terminal it redraws one line in place (at most 10 times a second); when stderr is a file
/// or a pipe (CI logs) it prints a plain line every `plainInterval` seconds instead, so logs stay
/// readable. Thread-safe; a `ProgressObserver`, so science code can drive it without knowing it.
///
/// ```swift
/// let bar = ProgressBar("train", total: steps)
/// for step in 0..<steps { …; bar.advance() }
/// bar.finish()
/// ```
public final class ProgressBar: ProgressObserver, @unchecked Sendable {
    /// How lines are written.
    public enum Style: Sendable {
        /// Redraw in place (`\r`), for terminals.
        case redraw
        /// One line every `plainInterval` seconds, for logs.
        case plain
        /// `redraw` when stderr is a terminal, else `plain`.
        case automatic
    }

    public let label: String
    public private(set) var total: Int?
    public private(set) var completed = 0
    private let unit: String
    private let style: Style
    private let plainInterval: TimeInterval
    private let write: (String) -> Void
    private let clock: () -> Date
    private let start: Date
    private var lastDraw: Date
    /// The count and time of the first progress report: rate and time left count from there,
    /// so set-up before the first unit (encoding captions, loading a checkpoint) and units a
    /// resumed run had already done do not skew them.
    private var firstReport: (count: Int, at: Date)?
    private var finished = false
    private let lock = NSLock()

    /// - Parameters:
    ///   - total: units of work, or nil when unknown (then no bar and no time left).
    ///   - unit: shown in the rate, e.g. "steps/s".
    ///   - write: where text goes (default: stderr).
    ///   - clock: the time source (tests pass a fake one).
    public init(_ label: String, total: Int?, unit: String = "it", style: Style = .automatic,
                plainInterval: TimeInterval = 10, write: ((String) -> Void)? = nil,
                clock: @escaping () -> Date = Date.init) {
        self.label = label
        self.total = total
        self.unit = unit
        self.style = style == .automatic ? (isatty(STDERR_FILENO) == 1 ? .redraw : .plain) : style
        self.plainInterval = plainInterval
        self.write = write ?? { FileHandle.standardError.write(Data($0.utf8)) }
        self.clock = clock
        start = clock()
        lastDraw = start
    }

    /// Marks `count` more units done.
    public func advance(by count: Int = 1) {
        lock.lock(); defer { lock.unlock() }
        completed += count
        drawIfDue()
    }

    /// Sets the completed count (and the total, if it became known).
    public func progress(completed: Int, total: Int?) {
        lock.lock(); defer { lock.unlock() }
        self.completed = completed
        if let total { self.total = total }
        drawIfDue()
    }

    /// Prints the final line (once).
    public func finish() {
        lock.lock(); defer { lock.unlock() }
        guard !finished else { return }
        finished = true
        let elapsed = clock().timeIntervalSince(start)
        let line = "\(label): \(completed)\(total.map { "/\($0)" } ?? "") \(unit) in \(ProgressBar.clockText(elapsed))"
            + " (\(ProgressBar.rateText(Double(completed), elapsed)) \(unit)/s)"
        write(style == .redraw ? "\r\u{1B}[2K" + line + "\n" : line + "\n")
    }

    private func drawIfDue() {
        guard !finished else { return }
        let now = clock()
        if firstReport == nil { firstReport = (completed, now) }
        let due = style == .redraw ? 0.1 : plainInterval
        guard now.timeIntervalSince(lastDraw) >= due || (style == .redraw && completed == total) else { return }
        lastDraw = now
        let measured = firstReport.map { first -> Double in
            let seconds = now.timeIntervalSince(first.at)
            return seconds > 0 ? Double(completed - first.count) / seconds : 0
        }
        let line = ProgressBar.line(label: label, completed: completed, total: total, unit: unit,
                                    elapsed: now.timeIntervalSince(start), withBar: style == .redraw, rate: measured)
        write(style == .redraw ? "\r\u{1B}[2K" + line : line + "\n")
    }

    /// One status line, e.g. `train [######------] 50/100 steps 12.5 steps/s 0:04 left`;
    /// `rate` (units per second) defaults to `completed / elapsed`.
    public static func line(label: String, completed: Int, total: Int?, unit: String, elapsed: TimeInterval,
                            withBar: Bool, barWidth: Int = 24, rate measured: Double? = nil) -> String {
        let rate = measured ?? (elapsed > 0 ? Double(completed) / elapsed : 0)
        var parts = [label]
        if let total, total > 0 {
            let fraction = min(1, Double(completed) / Double(total))
            if withBar {
                let filled = Int((fraction * Double(barWidth)).rounded(.down))
                parts.append("[" + String(repeating: "#", count: filled) + String(repeating: "-", count: barWidth - filled) + "]")
            }
            parts.append("\(completed)/\(total) \(unit) (\(Int((fraction * 100).rounded(.down)))%)")
            parts.append(rate > 0 ? "\(rateText(rate, 1)) \(unit)/s" : "– \(unit)/s")
            parts.append(rate > 0 ? "\(clockText(Double(max(0, total - completed)) / rate)) left" : "time left unknown")
        } else {
            parts.append("\(completed) \(unit)")
            parts.append("\(rateText(Double(completed), elapsed)) \(unit)/s")
            parts.append("\(clockText(elapsed)) elapsed")
        }
        return parts.joined(separator: "  ")
    }

    static func rateText(_ count: Double, _ elapsed: TimeInterval) -> String {
        guard elapsed > 0 else { return "–" }
        let rate = count / elapsed
        return rate >= 100 ? String(format: "%.0f", rate) : rate >= 10 ? String(format: "%.1f", rate) : String(format: "%.2f", rate)
    }

    /// `m:ss`, or `h:mm:ss` from an hour on.
    static func clockText(_ seconds: TimeInterval) -> String {
        let whole = Int(seconds.rounded())
        let (hours, minutes, secs) = (whole / 3600, (whole % 3600) / 60, whole % 60)
        return hours > 0 ? String(format: "%d:%02d:%02d", hours, minutes, secs) : String(format: "%d:%02d", minutes, secs)
    }
}
