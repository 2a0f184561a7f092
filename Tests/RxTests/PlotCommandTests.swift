import Plot
import XCTest
@testable import Rx

final class PlotCommandTests: XCTestCase {
    func testValueShapesBecomeCharts() throws {
        let line = try ChartShape.chart(for: .list([.number(1), .number(4)]), title: "xs") as? LineChart
        XCTAssertEqual(line?.series, [LineSeries(name: "xs", x: [0, 1], y: [1, 4])])

        let bars = try ChartShape.chart(for: .record(Record([("a", .number(1)), ("b", .number(3))])), title: "r") as? BarChart
        XCTAssertEqual(bars?.groups, ["a", "b"])
        XCTAssertEqual(bars?.series, [BarSeries(name: "r", values: [1, 3])])

        let rows: Value = .list([.record(Record([("arm", .string("core")), ("MG", .number(0.41)), ("MCC", .number(0.5))])),
                                 .record(Record([("arm", .string("wild")), ("MG", .number(0.44)), ("MCC", .number(0.6))]))])
        let grouped = try ChartShape.chart(for: rows, title: "rows") as? BarChart
        XCTAssertEqual(grouped?.groups, ["core", "wild"])
        XCTAssertEqual(grouped?.series, [BarSeries(name: "MG", values: [0.41, 0.44]), BarSeries(name: "MCC", values: [0.5, 0.6])])

        let seeded: Value = .list([.record(Record([("seed", .number(1)), ("MG", .number(0.42))])),
                                   .record(Record([("seed", .number(2)), ("MG", .number(0.44))]))])
        let bySeed = try ChartShape.chart(for: seeded, title: "arms") as? BarChart
        XCTAssertEqual(bySeed?.groups, ["1", "2"])
        XCTAssertEqual(bySeed?.series, [BarSeries(name: "MG", values: [0.42, 0.44])])

        let curves = try ChartShape.chart(for: .record(Record([("loss", .list([.number(3), .number(2)]))])), title: "c") as? LineChart
        XCTAssertEqual(curves?.series.map(\.name), ["loss"])

        XCTAssertThrowsError(try ChartShape.chart(for: .string("x"), title: "s")) { error in
            XCTAssertTrue("\(error)".contains(":plot cannot draw a string"))
        }
    }

    func testPlotCommandDrawsTextInTheSession() throws {
        try XCTSkipUnless(Gnuplot.isAvailable, "gnuplot is not installed")
        var out: [String] = [], err: [String] = []
        let session = ReplSession(interpreter: Interpreter(output: { _ in }, diagnostics: { _ in }),
                                  commands: ColonCommand.standard + [.plot], output: { out.append($0) }, errors: { err.append($0) })
        session.feed("xs = [1, 3, 2]")
        session.feed(":plot xs")
        XCTAssertEqual(err, [])
        XCTAssertEqual(out.count, 1)
        XCTAssertTrue(out[0].contains("xs"))
        XCTAssertTrue(out[0].contains("*"), out[0])
        XCTAssertFalse(out[0].hasPrefix("\n"))
    }
}
