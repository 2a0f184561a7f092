import Foundation

/// A chart as a value: it knows its data and the gnuplot commands that draw it, and can be
/// written as PNG or SVG (with its `.gp` script and `.dat` data beside it) or rendered as text.
public protocol Chart: Sendable {
    /// The title printed above the chart (also used in error messages).
    var title: String { get }

    /// The data file's text and the commands that draw it. Commands refer to the data file
    /// through the gnuplot variable `datafile`; they set no terminal and no output.
    /// Throws `PlotError.noData` when there is nothing to draw.
    func script(for medium: PlotMedium) throws -> ChartScript
}

/// What a chart is drawn on; text output cannot show fills or transparency.
public enum PlotMedium: Sendable, Equatable {
    case image
    case text
}

/// A chart's gnuplot data file and drawing commands (see `Chart.script(for:)`).
public struct ChartScript: Sendable, Equatable {
    /// The data file's contents: blocks separated by two blank lines, addressed by `index`.
    public var data: String
    /// Commands that draw the chart from `datafile`.
    public var commands: String

    public init(data: String, commands: String) {
        self.data = data
        self.commands = commands
    }
}

/// An output image size in pixels.
public struct PlotSize: Sendable, Equatable {
    public var width: Int
    public var height: Int

    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }

    /// 900 × 560: legible at full width in a README or a notebook.
    public static let standard = PlotSize(width: 900, height: 560)
}

/// The files one render wrote: the image and, beside it, the script and data that made it.
public struct PlotFiles: Sendable, Equatable {
    public var image: URL
    public var script: URL
    public var data: URL
}

extension Chart {
    /// Writes the chart to `url` (`.png` through pngcairo or `.svg`), with `<stem>.gp` and
    /// `<stem>.dat` beside it. Every file is written atomically; on an error no image is left.
    @discardableResult
    public func write(to url: URL, size: PlotSize = .standard, gnuplot: Gnuplot? = nil) throws -> PlotFiles {
        let format = try ImageFormat(path: url, allowed: [.png, .svg])
        let script = try self.script(for: .image)
        let terminal = format.terminal(size: size)
        return try PlotJob(imageURL: url, data: script.data, terminal: terminal, commands: script.commands)
            .run(gnuplot: gnuplot ?? Gnuplot())
    }

    /// The chart drawn with gnuplot's `dumb` terminal, as text for a terminal or the REPL.
    public func text(columns: Int = 100, rows: Int = 30, gnuplot: Gnuplot? = nil) throws -> String {
        let script = try self.script(for: .text)
        let input = PlotJob.inlineScript(data: script.data, commands: script.commands,
                                         terminal: "set terminal dumb size \(columns),\(rows) noenhanced")
        let output = try (gnuplot ?? Gnuplot()).run(input, scriptName: "text rendering of chart \(GnuplotSyntax.quote(title))")
        // gnuplot pads every line (and the top) with blanks; trim for tidy REPL output.
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false)
            .map { String($0.reversed().drop(while: { $0 == " " }).reversed()) }
        return lines.drop(while: { $0.isEmpty }).reversed().drop(while: { $0.isEmpty }).reversed().joined(separator: "\n") + "\n"
    }
}
