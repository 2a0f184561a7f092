import XCTest
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import Plot

final class ChartTests: XCTestCase {
    static func loss(step: Int, decay: Double, floor: Double, wiggle: Double, frequency: Double) -> Double {
        let s = Double(step)
        let trend: Double = 2.5 * exp(-s / decay) + floor
        return trend + wiggle * sin(s * frequency)
    }
    static let steps: [Double] = (0..<200).map { Double($0 * 10) }
    static let runs: [LineSeries] = [
        LineSeries(name: "run a1b2 (lr 3e-4)", x: steps,
                   y: (0..<200).map { loss(step: $0, decay: 60, floor: 0.3, wiggle: 0.08, frequency: 1.7) }),
        LineSeries(name: "run c3d4 (lr 1e-3)", x: steps,
                   y: (0..<200).map { loss(step: $0, decay: 30, floor: 0.4, wiggle: 0.1, frequency: 2.3) }),
    ]
    static let lossChart = LineChart(title: "train/loss", xLabel: "step", yLabel: "flow-matching loss",
                                     series: runs, logY: true, smoothing: 0.8)

    func testLineChartPNGHasSignatureAndRequestedSize() throws {
        let gnuplot = try requireGnuplot()
        let folder = try outputFolder("line")
        let files = try Self.lossChart.write(to: folder.appendingPathComponent("loss.png"), gnuplot: gnuplot)
        let data = try Data(contentsOf: files.image)
        let png = try XCTUnwrap(PNGInfo(data), "not a PNG")
        XCTAssertEqual(png.width, PlotSize.standard.width)
        XCTAssertEqual(png.height, PlotSize.standard.height)
        XCTAssertGreaterThan(data.count, 10_000, "a two-curve chart should not be a near-blank image")
        XCTAssertEqual(files.script.lastPathComponent, "loss.gp")
        XCTAssertEqual(files.data.lastPathComponent, "loss.dat")
        let script = try String(contentsOf: files.script, encoding: .utf8)
        XCTAssertTrue(script.contains("set logscale y"))
        XCTAssertTrue(script.contains("'run c3d4 (lr 1e-3)'"))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix(".") }
        XCTAssertEqual(leftovers, [], "temporary files left behind")
    }

    func testSavedScriptRedrawsTheImageFromItsOwnFolder() throws {
        let gnuplot = try requireGnuplot()
        let folder = try outputFolder("redraw")
        let files = try Self.lossChart.write(to: folder.appendingPathComponent("loss.png"), gnuplot: gnuplot)
        try FileManager.default.removeItem(at: files.image)
        try gnuplot.run("load 'loss.gp'", in: folder, scriptName: files.script.path)
        XCTAssertNotNil(PNGInfo(try Data(contentsOf: files.image)))
    }

    func testBarChartSVGParsesAndNamesEverySeries() throws {
        let gnuplot = try requireGnuplot()
        let chart = BarChart(title: "MBench quality", yLabel: "score",
                             groups: ["Jitter Degree", "Foot Sliding", "Dynamic Degree"],
                             series: [BarSeries(name: "ViMoGen", values: [0.012, 0.31, 0.72], errors: [0.002, 0.04, 0.05]),
                                      BarSeries(name: "T2M only", values: [0.010, 0.22, 0.55], errors: [0.001, 0.03, 0.06]),
                                      BarSeries(name: "video prior", values: [0.031, 0.58, 0.81], errors: [0.004, 0.07, 0.04])])
        let files = try chart.write(to: try outputFolder("bars").appendingPathComponent("quality.svg"), gnuplot: gnuplot)
        let data = try Data(contentsOf: files.image)
        let collector = SVGTextCollector()
        let parser = XMLParser(data: data)
        parser.delegate = collector
        XCTAssertTrue(parser.parse(), "SVG does not parse: \(parser.parserError.map { "\($0)" } ?? "?")")
        XCTAssertEqual(collector.root, "svg")
        for name in ["ViMoGen", "T2M only", "video prior", "Foot Sliding", "MBench quality"] {
            XCTAssertTrue(collector.text.contains(name), "SVG lacks '\(name)'")
        }
        let text = try chart.text(columns: 80, rows: 22, gnuplot: gnuplot)
        XCTAssertTrue(text.contains("video prior") && text.contains("Dynamic Degree"), text)
        let table = try String(contentsOf: files.data, encoding: .utf8)
        XCTAssertTrue(table.contains("\"Foot Sliding\" 0.31 0.04 0.22 0.03 0.58 0.07"), table)
    }

    func testRadarChartPNGAndTextRendering() throws {
        let gnuplot = try requireGnuplot()
        let chart = RadarChart(title: "MBench (normalised, paper C.3)",
                               axes: [RadarAxis("Consistency"), RadarAxis("Generalizability"),
                                      RadarAxis("Jitter Degree", higherIsBetter: false),
                                      RadarAxis("Foot Sliding", higherIsBetter: false), RadarAxis("Dynamic Degree")],
                               series: [RadarSeries(name: "ViMoGen", values: [0.53, 0.68, 0.012, 0.31, 0.72]),
                                        RadarSeries(name: "MoMask", values: [0.41, 0.44, 0.010, 0.25, 0.61]),
                                        RadarSeries(name: "T2M-GPT", values: [0.39, 0.40, 0.016, 0.40, 0.66])])
        let files = try chart.write(to: try outputFolder("radar").appendingPathComponent("radar.png"),
                                    size: PlotSize(width: 700, height: 520), gnuplot: gnuplot)
        XCTAssertEqual(PNGInfo(try Data(contentsOf: files.image)).map { [$0.width, $0.height] }, [700, 520])
        let text = try chart.text(columns: 90, rows: 30, gnuplot: gnuplot)
        XCTAssertTrue(text.contains("MBench (normalised, paper C.3)"))
        XCTAssertTrue(text.contains("MoMask"))
    }

    func testTextRenderingContainsTitleAndLegend() throws {
        let gnuplot = try requireGnuplot()
        let text = try Self.lossChart.text(columns: 80, rows: 24, gnuplot: gnuplot)
        XCTAssertTrue(text.contains("train/loss"), text)
        XCTAssertTrue(text.contains("run a1b2 (lr 3e-4)"), text)
        XCTAssertLessThanOrEqual(text.split(separator: "\n").count, 24)
    }

    func testEmptyChartsFailClearlyAndWriteNothing() throws {
        let folder = try outputFolder("empty")
        let empty: [any Chart] = [
            LineChart(title: "nothing", series: []),
            LineChart(title: "all NaN", series: [LineSeries(name: "r", values: [.nan, .nan])]),
            BarChart(title: "no groups", groups: [], series: [BarSeries(name: "a", values: [])]),
            RadarChart(title: "no models", axes: [RadarAxis("a"), RadarAxis("b"), RadarAxis("c")], series: []),
        ]
        for chart in empty {
            let url = folder.appendingPathComponent("empty.png")
            XCTAssertThrowsError(try chart.write(to: url)) { error in
                guard case PlotError.noData = error else { return XCTFail("expected noData, got \(error)") }
                XCTAssertTrue("\(error)".contains(chart.title), "\(error)")
                XCTAssertTrue("\(error)".contains("no image was written"), "\(error)")
            }
            XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), [])
        }
    }

    func testBadInputNamesTheSeries() {
        let mismatched = LineChart(title: "t", series: [LineSeries(name: "run x", x: [1, 2, 3], y: [1, 2])])
        XCTAssertThrowsError(try mismatched.script(for: .image)) { XCTAssertTrue("\($0)".contains("run x")) }
        let logOfZero = LineChart(title: "t", series: [LineSeries(name: "run y", values: [1, 0])], logY: true)
        XCTAssertThrowsError(try logOfZero.script(for: .image)) { XCTAssertTrue("\($0)".contains("log-y")) }
        let shortBars = BarChart(title: "b", groups: ["g1", "g2"], series: [BarSeries(name: "arm", values: [1])])
        XCTAssertThrowsError(try shortBars.script(for: .image)) { XCTAssertTrue("\($0)".contains("arm")) }
        XCTAssertThrowsError(try LineChart.lossChartWithExtension("loss.jpg")) { error in
            guard case PlotError.unsupportedFormat(_, let expected) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(expected, ["png", "svg"])
        }
    }

    func testGnuplotErrorCarriesItsMessageAndScript() throws {
        let gnuplot = try requireGnuplot()
        XCTAssertThrowsError(try gnuplot.run("plot sin(x) with nonsense", scriptName: "broken.gp")) { error in
            guard case PlotError.gnuplotFailed(let script, let message, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(script, "broken.gp")
            XCTAssertTrue(message.contains("unrecognized plot type"), message)
        }
    }

    func testMissingGnuplotSaysHowToInstall() {
        XCTAssertThrowsError(try Gnuplot(executable: "/nonexistent/gnuplot")) { error in
            XCTAssertTrue("\(error)".contains("apt-get install gnuplot-nox"), "\(error)")
        }
    }

    func testSmoothingIsDebiasedMovingAverage() {
        let smoothed = LineChart.exponentialMovingAverage([1, 3, .nan, 5], weight: 0.5)
        XCTAssertEqual(smoothed[0], 1, accuracy: 1e-12)             // debiased: first point kept
        XCTAssertEqual(smoothed[1], (0.25 + 1.5) / 0.75, accuracy: 1e-12)
        XCTAssertTrue(smoothed[2].isNaN)
        XCTAssertEqual(smoothed[3], (0.875 + 2.5) / 0.875, accuracy: 1e-12)
    }
}

private extension LineChart {
    static func lossChartWithExtension(_ name: String) throws -> PlotFiles {
        try ChartTests.lossChart.write(to: FileManager.default.temporaryDirectory.appendingPathComponent(name))
    }
}

/// Collects the root element name and all character data of an XML document.
private final class SVGTextCollector: NSObject, XMLParserDelegate {
    var root: String?
    var text = ""

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String] = [:]) {
        if root == nil { root = elementName }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }
}

final class LogTicTests: XCTestCase {
    func testLogTicsLabelOneTwoFivePerDecade() {
        XCTAssertEqual(LineChart.logTics(from: 0.25, to: 3.5), [0.5, 1, 2])
        XCTAssertEqual(LineChart.logTics(from: 0.011, to: 0.9).map { ($0 * 1000).rounded() }, [20, 50, 100, 200, 500])
        XCTAssertEqual(LineChart.logTics(from: 2.1, to: 4.5).map { ($0 * 10).rounded() / 10 }, [3, 4])
    }
}
