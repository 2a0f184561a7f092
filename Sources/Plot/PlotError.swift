import Foundation

/// Everything that can go wrong while drawing a chart or a motion; each message says what to fix.
public enum PlotError: Error, Equatable, CustomStringConvertible, LocalizedError {
    /// No gnuplot executable was found.
    case gnuplotMissing(searched: [String])
    /// gnuplot ran but reported an error (its stderr, the script that failed, its exit status).
    case gnuplotFailed(script: String, message: String, status: Int32)
    /// The chart or motion holds nothing to draw; no image was written.
    case noData(what: String)
    /// An input value cannot be drawn (names the series, group, model or frame).
    case invalidData(String)
    /// The output file's extension is not one this call can write.
    case unsupportedFormat(path: String, expected: [String])
    /// Writing or moving an output file failed.
    case io(path: String, reason: String)

    public var description: String {
        switch self {
        case .gnuplotMissing(let searched):
            return "gnuplot not found (looked for \(searched.joined(separator: ", "))). "
                + "Install it with `sudo apt-get install gnuplot-nox` (or run scripts/setup), "
                + "or point MOGENLAB_GNUPLOT at the executable."
        case .gnuplotFailed(let script, let message, let status):
            let text = message.trimmingCharacters(in: .whitespacesAndNewlines)
            return "gnuplot failed (exit status \(status)) running \(script):\n\(text.isEmpty ? "(no message)" : text)"
        case .noData(let what):
            return "\(what) has no data to plot; no image was written"
        case .invalidData(let message):
            return message
        case .unsupportedFormat(let path, let expected):
            return "\(path): cannot write this file type; use one of \(expected.map { "." + $0 }.joined(separator: ", "))"
        case .io(let path, let reason):
            return "\(path): \(reason)"
        }
    }

    public var errorDescription: String? { description }
}
