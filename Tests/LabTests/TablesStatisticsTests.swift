import Foundation
import Plot
import XCTest
@testable import Lab

/// Seed intervals, number formatting, verdict combination and the charts.
final class TablesStatisticsTests: XCTestCase {
    func testTIntervalHalfWidths() {
        XCTAssertNil(SeedStatistics.halfWidth95([0.5]))
        XCTAssertEqual(SeedStatistics.halfWidth95([1, 2, 3])!, 4.303 / 3.0.squareRoot(), accuracy: 1e-12)
        XCTAssertEqual(SeedStatistics.halfWidth95([1, 3])!, 12.706 * 1, accuracy: 1e-12)
        XCTAssertEqual(SeedStatistics.tQuantile975(degreesOfFreedom: 30), 2.042)
        XCTAssertEqual(SeedStatistics.tQuantile975(degreesOfFreedom: 60), 2.0, accuracy: 0.003)   // true 2.0003
        XCTAssertEqual(SeedStatistics.tQuantile975(degreesOfFreedom: 120), 1.98, accuracy: 0.003) // true 1.9799
    }

    func testNumbersKeepThePaperDigitsAndTwoSignificantOnes() {
        XCTAssertEqual(TableNumber.cell(Cell(mean: 0.4712, ci95: 0.0312, n: 3), decimals: 2), "0.47 ± 0.03")
        XCTAssertEqual(TableNumber.cell(Cell(mean: 0.0123, ci95: 0.004, n: 3), decimals: 2), "0.012 ± 0.004")
        XCTAssertEqual(TableNumber.cell(Cell(mean: 0.5, n: 1), decimals: 2), "0.50 ± —")
        XCTAssertEqual(TableNumber.cell(Cell(mean: 0.542, ci95: 0.003, intervalSource: "repetitions", n: 1), decimals: 3),
                       "0.542 ± 0.003†")
        XCTAssertEqual(TableNumber.cell(Cell(n: 0), decimals: 2), "—")
        XCTAssertEqual(TableNumber.paper(Cell(n: 0, paper: 0.4, paperCI95: 0.003), decimals: 3), "0.400 ± 0.003")
        XCTAssertEqual(TableNumber.paper(Cell(n: 0, paper: 1.775), decimals: 3), "1.775")
        XCTAssertEqual(TableNumber.fixed(-1 * (0.0 - 0.0), digits: 4, signed: true), "+0.0000")
    }

    func testVerdictsCombineOverComparisons() {
        XCTAssertEqual(ClaimCheck.combine([.reproduced, .reproduced]), .reproduced)
        XCTAssertEqual(ClaimCheck.combine([.reproduced, .inconclusive]), .inconclusive)
        XCTAssertEqual(ClaimCheck.combine([.inconclusive, .notReproduced, .reproduced]), .notReproduced)
        XCTAssertEqual(ClaimCheck.quantile([1, 2, 3, 4, 5], 0.025), 1.1, accuracy: 1e-12)
        XCTAssertEqual(ClaimCheck.quantile([1, 2, 3, 4, 5], 0.975), 4.9, accuracy: 1e-12)
    }

    private func row(_ id: String, _ values: [String: (Double, Double?)]) -> RowResult {
        RowResult(id: id, label: id, paperLabel: nil, kind: .ours, seeds: ["0"], runs: ["r\(id)"], cachedRuns: 0,
                  cells: values.mapValues { Cell(mean: $0.0, ci95: $0.1, n: 3) })
    }

    func testBarsDivideEachMetricByItsLargestRow() throws {
        let spec = try TableSpecReader.decode(Data(TablesFixture.spec.utf8), file: "tablex.json", name: "tablex")
        let rows = [row("a", ["Motion_Condition_Consistency": (0.8, 0.1), "Jitter_Degree": (0.01, 0.002)]),
                    row("b", ["Motion_Condition_Consistency": (0.4, nil), "Jitter_Degree": (0.02, 0.004)])]
        let bars = TableChart(spec: spec, rows: rows).bars()
        XCTAssertEqual(bars.groups, ["Consistency ↑", "Jitter ↓"])
        XCTAssertEqual(bars.series.map(\.name), ["a", "b"])
        XCTAssertEqual(bars.series[0].values, [1.0, 0.5])
        XCTAssertEqual(bars.series[0].errors!, [0.125, 0.1], accuracy: 1e-12)
        XCTAssertEqual(bars.series[1].values, [0.5, 1.0])
        XCTAssertEqual(bars.series[1].errors!, [0, 0.2], accuracy: 1e-12)
    }

    func testTable2RadarNormalisesOverOurRowsAndSkipsIncompleteOnes() throws {
        let spec = try TableSpecReader.load("table2", from: packageRoot.appendingPathComponent("Experiments/tables"))
        func values(_ scale: Double) -> [String: (Double, Double?)] {
            Dictionary(uniqueKeysWithValues: spec.columns.map { ($0.key, (scale, nil)) })
        }
        let rows = [row("vimogen", values(2)), row("light", values(1)), row("t2m", ["Jitter_Degree": (1, nil)])]
        let radar = try TableChart(spec: spec, rows: rows).radar()
        XCTAssertEqual(radar.series.map(\.name), ["vimogen", "light"])
        XCTAssertEqual(radar.axes.count, 9)
        let radii = try radar.radii()
        for (k, column) in spec.columns.enumerated() {   // higher-is-better: vimogen best; lower-is-better: light best
            XCTAssertEqual(radii[0][k], column.better == .higher ? 1.0 : 0.2, accuracy: 1e-12, column.key)
            XCTAssertEqual(radii[1][k], column.better == .higher ? 0.2 : 1.0, accuracy: 1e-12, column.key)
        }
        XCTAssertThrowsError(try TableChart(spec: spec, rows: [rows[2]]).radar())   // one dimension only
        var partial = values(3)
        partial["Ground_Penetration"] = nil
        let withoutGround = try TableChart(spec: spec, rows: [row("vimogen", partial), row("light", partial)]).radar()
        XCTAssertEqual(withoutGround.axes.count, 8)
        XCTAssertEqual(withoutGround.series.count, 2)
    }

    func testChartIsWrittenAsPNGBesideTheTable() throws {
        let fixture = try TablesFixture(self)
        for seed in 0..<2 {
            try fixture.logArm(row: "a", seed: seed, correct: 15 + seed, jitter: TablesFixture.jitter())
            try fixture.logArm(row: "b", seed: seed, correct: 5, jitter: TablesFixture.jitter(offset: 0.002))
            try fixture.logArm(row: "oracle", seed: seed, correct: 19, jitter: TablesFixture.jitter(offset: -0.004))
        }
        var options = fixture.options
        options.drawChart = true
        options.resamples = 200
        let outcome = try TableReport.regenerate(name: "tablex", tracker: fixture.tracker, resultsRoot: fixture.root, options: options)
        guard let plot = outcome.plot else {
            if outcome.notes.contains(where: { $0.contains("gnuplot") && $0.contains("install") }) { throw XCTSkip("gnuplot missing") }
            return XCTFail("no chart: \(outcome.notes)")
        }
        XCTAssertEqual(plot, fixture.root.appendingPathComponent("plots/tablex.png").path)
        let header = try Data(contentsOf: URL(fileURLWithPath: plot)).prefix(8)
        XCTAssertEqual(Array(header), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        XCTAssertTrue(try String(contentsOfFile: outcome.markdown, encoding: .utf8).contains("![tablex](../plots/tablex.png)"))
        // TABLES_KEEP_OUTPUT=/some/dir keeps the whole results root (tracker, artifacts, specs,
        // table, chart) to look at, or to try `runner tables` on.
        if let keep = ProcessInfo.processInfo.environment["TABLES_KEEP_OUTPUT"] {
            let target = URL(fileURLWithPath: keep).appendingPathComponent("results")
            try? FileManager.default.removeItem(at: target)
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: fixture.root, to: target)
        }
    }
}

private func XCTAssertEqual(_ a: [Double], _ b: [Double], accuracy: Double, file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(a.count, b.count, file: file, line: line)
    for (x, y) in zip(a, b) { XCTAssertEqual(x, y, accuracy: accuracy, file: file, line: line) }
}
