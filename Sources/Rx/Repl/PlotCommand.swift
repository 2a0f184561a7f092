import Foundation
import Plot

extension ColonCommand {
    /// `:plot EXPR [to FILE.png|.svg]`: draws the value as text in the terminal (gnuplot's dumb
    /// terminal), or writes an image when a file is named. See `ChartShape` for the shapes.
    public static let plot = ColonCommand("plot", usage: ":plot EXPR [to FILE.png]",
                                         doc: "Draws a value (numbers, a record, table rows) as text, or as PNG/SVG with `to FILE`.") { argument, session in
        var expression = argument, file: String? = nil
        if let range = argument.range(of: " to ", options: .backwards) {
            expression = String(argument[..<range.lowerBound])
            file = argument[range.upperBound...].trimmingCharacters(in: .whitespaces)
        }
        guard !expression.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw RxError(.value, ":plot needs a value, e.g. :plot losses  or  :plot rows to rows.png")
        }
        let value = try session.interpreter.evaluate(Source(name: "plot", path: nil, text: expression)) ?? .none
        let chart = try ChartShape.chart(for: value, title: expression.trimmingCharacters(in: .whitespaces))
        if let file {
            let files = try chart.write(to: URL(fileURLWithPath: file))
            session.say("wrote \(files.image.path) (script \(files.script.lastPathComponent), data \(files.data.lastPathComponent))")
        } else {
            // gnuplot's dumb terminal starts with a form feed and blank lines; keep only the drawing.
            let lines = try chart.text(columns: 78, rows: 20).split(separator: "\n", omittingEmptySubsequences: false)
            let drawing = lines.drop { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
            session.say(drawing.joined(separator: "\n").trimmingCharacters(in: .newlines))
        }
    }
}
