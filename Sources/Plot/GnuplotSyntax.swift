import Foundation

/// Small helpers that turn Swift values into gnuplot script text.
enum GnuplotSyntax {
    /// A single-quoted gnuplot string (inside single quotes only `'` needs escaping, as `''`).
    static func quote(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "''").replacingOccurrences(of: "\n", with: " ") + "'"
    }

    /// A number as gnuplot data: shortest round-trip text; NaN and infinities become `NaN`
    /// (gnuplot leaves such points out).
    static func number(_ value: Double) -> String {
        value.isFinite ? "\(value)" : "NaN"
    }

    /// The characters gnuplot's `dumb` terminal draws the first plot layers with, in order.
    static let dumbCharacters: [Character] = ["*", "#", "$", "%", "@", "&", "="]

    /// A title for a text chart, with the y label (which `dumb` cannot print sideways) added.
    static func textTitle(_ title: String, yLabel: String) -> String {
        yLabel.isEmpty ? title : "\(title)  (y: \(yLabel))"
    }

    static func number(_ value: Float) -> String { number(Double(value)) }

    /// A data-file field with no spaces, for labels written into data columns.
    static func field(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\"", with: "'").replacingOccurrences(of: "\n", with: " ") + "\""
    }
}

/// The colours series are drawn in: the Okabe–Ito palette (distinguishable with colour-vision
/// deficiencies), starting with blue and vermillion, then the rest, then darker grey.
public enum PlotPalette {
    /// Hex colours `#RRGGBB`, used in order and repeated when there are more series.
    public static let colours: [String] = [
        "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000", "#777777",
    ]

    /// The colour of series `index`.
    public static func colour(_ index: Int) -> String { colours[index % colours.count] }

    /// The colour with gnuplot transparency (`#AARRGGBB`, AA = 00 opaque … FF invisible).
    static func translucent(_ index: Int, alpha: Double) -> String {
        let aa = String(format: "%02X", Int(((1 - alpha) * 255).rounded()))
        return "#" + aa + colour(index).dropFirst()
    }
}

extension GnuplotSyntax {
    /// A double-quoted gnuplot string whose lines are joined by gnuplot's `\n` escape.
    static func multiline(_ lines: [String]) -> String {
        let escaped = lines.map {
            $0.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
                .replacingOccurrences(of: "\n", with: " ")
        }
        return "\"" + escaped.joined(separator: "\\n") + "\""
    }

    /// Word-wraps `text` to at most `maxLines` lines of about `width` characters, ending the
    /// last line with "…" when text is cut.
    static func wrap(_ text: String, width: Int, maxLines: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        var words = text.split(separator: " ").map(String.init)[...]
        while let word = words.first {
            let candidate = current.isEmpty ? word : current + " " + word
            if candidate.count <= width || current.isEmpty {
                current = candidate.count > width ? String(candidate.prefix(width - 1)) + "…" : candidate
                words = words.dropFirst()
            } else {
                lines.append(current)
                current = ""
                if lines.count == maxLines { break }
            }
        }
        if !current.isEmpty && lines.count < maxLines { lines.append(current) }
        if !words.isEmpty, var last = lines.popLast() {
            if last.count >= width { last = String(last.prefix(width - 1)) }
            lines.append(last + "…")
        }
        return lines
    }
}
