import Foundation

/// Draws stick-figure motions with gnuplot: a PNG filmstrip of key frames (one row per motion)
/// and an animated GIF (motions side by side). Every frame's projected drawing goes into one
/// data file of index blocks, and one gnuplot process draws all of it.
public struct StickFigureRenderer: Sendable {
    /// Pixel size of one frame panel (the caption band above each row comes on top).
    public var panelSize: PlotSize
    public var camera: StickFigureCamera
    /// The gnuplot to run; nil finds one when rendering.
    public var gnuplot: Gnuplot?

    /// Height of the caption band above each row of panels, pixels (two lines of text).
    static let captionHeight = 46

    public init(panelSize: PlotSize = PlotSize(width: 240, height: 300), camera: StickFigureCamera = .standard,
                gnuplot: Gnuplot? = nil) {
        self.panelSize = panelSize
        self.camera = camera
        self.gnuplot = gnuplot
    }

    /// A PNG (or SVG) with `keyFrames` evenly spaced frames of each motion side by side, first
    /// and last included, one row per motion under its caption (e.g. "ours" above "baseline").
    @discardableResult
    public func filmstrip(_ motions: [StickFigureMotion], keyFrames: Int = 6, to url: URL) throws -> PlotFiles {
        let format = try ImageFormat(path: url, allowed: [.png, .svg])
        try validate(motions)
        guard keyFrames >= 1 else { throw PlotError.invalidData("filmstrip \(url.path): keyFrames must be at least 1, got \(keyFrames)") }
        let columns = min(keyFrames, motions.map(\.frames.count).max()!)
        let size = PlotSize(width: columns * panelSize.width,
                            height: motions.count * (panelSize.height + Self.captionHeight))
        var data = ""
        var commands = panelSettings() + ["set multiplot"]
        for (row, motion) in motions.enumerated() {
            let scene = StickFigureScene(motion: motion, camera: camera)
            let frames = Self.keyFrameIndices(count: motion.frames.count, keyFrames: columns)
            commands.append(captionLabel(motion.title, row: row, column: 0, span: columns, image: size))
            for (column, t) in frames.enumerated() {
                let base = (row * columns + column) * StickFigureScene.blocksPerFrame
                data += "# \(motion.title): frame \(t)\n" + scene.blocks(frame: t)
                commands += panelPlacement(row: row, column: column, image: size)
                commands.append("set label 101 \(GnuplotSyntax.quote(Self.timeLabel(t, fps: motion.fps))) at graph 0.04, graph 0.05 font ',9' textcolor rgb '#555555'")
                commands.append(plotCommand(motion: motion, block: "\(base)"))
                if column == 0 { commands.append("unset label 100") }
            }
        }
        commands.append("unset multiplot")
        let job = PlotJob(imageURL: url, data: data, terminal: format.terminal(size: size),
                          commands: commands.joined(separator: "\n"))
        return try job.run(gnuplot: gnuplot ?? Gnuplot())
    }

    /// An animated GIF of the motions side by side, each under its caption, at `fps` frames per
    /// second (gnuplot's GIF delay is in hundredths of a second, so the rate is rounded to one
    /// of 100 / n). A shorter motion holds its last frame until the longest one ends.
    @discardableResult
    public func animation(_ motions: [StickFigureMotion], fps: Double = 20, to url: URL) throws -> PlotFiles {
        _ = try ImageFormat(path: url, allowed: [.gif])
        try validate(motions)
        guard fps > 0, fps <= 100 else { throw PlotError.invalidData("animation \(url.path): fps must be in (0, 100], got \(fps)") }
        let delay = max(1, Int((100 / fps).rounded()))
        let size = PlotSize(width: motions.count * panelSize.width, height: panelSize.height + Self.captionHeight)
        let longest = motions.map(\.frames.count).max()!
        var data = ""
        var body: [String] = []
        var base = 0
        for (column, motion) in motions.enumerated() {
            let scene = StickFigureScene(motion: motion, camera: camera)
            for t in motion.frames.indices { data += "# \(motion.title): frame \(t)\n" + scene.blocks(frame: t) }
            let frame = "(f < \(motion.frames.count) ? f : \(motion.frames.count - 1))"
            body.append(captionLabel(motion.title, row: 0, column: column, span: 1, image: size))
            body += panelPlacement(row: 0, column: column, image: size)
            body.append("set label 101 sprintf('%.2f s', \(frame) / \(motion.fps)) at graph 0.04, graph 0.05 font ',9' textcolor rgb '#555555'")
            body.append(plotCommand(motion: motion, block: "\(base) + \(StickFigureScene.blocksPerFrame) * \(frame)"))
            body.append("unset label 100")
            base += motion.frames.count * StickFigureScene.blocksPerFrame
        }
        let commands = panelSettings() + [
            "do for [f = 0:\(longest - 1)] {",
            "  set multiplot",
        ] + body.map { "  " + $0 } + [
            "  unset multiplot",
            "}",
        ]
        let terminal = "set terminal gif animate delay \(delay) loop 0 optimize size \(size.width),\(size.height) noenhanced font 'DejaVu Sans,10'"
        let job = PlotJob(imageURL: url, data: data, terminal: terminal, commands: commands.joined(separator: "\n"))
        return try job.run(gnuplot: gnuplot ?? Gnuplot())
    }

    /// `keyFrames` indices spread evenly over `count` frames, first and last included.
    public static func keyFrameIndices(count: Int, keyFrames: Int) -> [Int] {
        guard count > 0, keyFrames > 0 else { return [] }
        if keyFrames == 1 || count == 1 { return [0] }
        let k = min(keyFrames, count)
        return (0..<k).map { Int((Double($0) * Double(count - 1) / Double(k - 1)).rounded()) }
    }

    // MARK: - Script pieces

    private func validate(_ motions: [StickFigureMotion]) throws {
        guard !motions.isEmpty else { throw PlotError.noData(what: "stick-figure render (no motions)") }
        for motion in motions { try motion.validate() }
    }

    /// Settings shared by every panel: no axes, zero margins, ranges matching the camera's field
    /// of view and the panel's aspect, so one unit on x is as long as one on y.
    private func panelSettings() -> [String] {
        let half = tan(camera.fieldOfViewDegrees * .pi / 360)
        let halfWidth = half * Double(panelSize.width) / Double(panelSize.height)
        return [
            "unset key", "unset tics", "set border 15 lc rgb '#d8d8d8' lw 1",
            "set margins 0, 0, 0, 0",
            "set xrange [\(-halfWidth):\(halfWidth)]", "set yrange [\(-half):\(half)]",
            "set style fill solid 1.0 noborder",
        ]
    }

    private func panelPlacement(row: Int, column: Int, image: PlotSize) -> [String] {
        let w = Double(panelSize.width) / Double(image.width)
        let h = Double(panelSize.height) / Double(image.height)
        let rowHeight = Double(panelSize.height + Self.captionHeight) / Double(image.height)
        let y = 1 - Double(row + 1) * rowHeight
        return ["set origin \(Double(column) * w), \(y)", "set size \(w), \(h)"]
    }

    /// Label 100: the motion's caption in the band above its row (or panel), wrapped to fit.
    private func captionLabel(_ title: String, row: Int, column: Int, span: Int, image: PlotSize) -> String {
        let charactersPerLine = max(10, span * panelSize.width / 7)
        let lines = GnuplotSyntax.wrap(title, width: charactersPerLine, maxLines: 2)
        let rowTop = 1 - Double(row * (panelSize.height + Self.captionHeight)) / Double(image.height)
        let x = (Double(column * panelSize.width) + 8) / Double(image.width)
        let y = rowTop - 16 / Double(image.height)
        return "set label 100 \(GnuplotSyntax.multiline(lines)) at screen \(x), screen \(y) left font ',11' textcolor rgb '#222222'"
    }

    private func plotCommand(motion: StickFigureMotion, block: String) -> String {
        var layers = ["datafile index (\(block)) using 1:2:3 with lines lc rgb variable lw 1"]
        if motion.rootTrajectory != nil {
            layers.append("datafile index (\(block) + 1) using 1:2 with lines lc rgb '\(StickFigureScene.pathColour)' lw 1.5")
        }
        layers.append("datafile index (\(block) + 2) using 1:2:3 with lines lc rgb variable lw 3.5")
        if motion.headJoint != nil {
            layers.append("datafile index (\(block) + 3) using 1:2:3 with circles lc rgb '\(StickFigureScene.headColour)'")
        }
        return "plot " + layers.joined(separator: ", \\\n     ")
    }

    static func timeLabel(_ frame: Int, fps: Double) -> String {
        "\(StickFigureScene.fixed(Double(frame) / fps).dropLast(3)) s"
    }
}
