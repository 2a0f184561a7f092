import XCTest
@testable import Plot

final class RadarNormalisationTests: XCTestCase {
    func testHigherIsBetterMapsBestToOneAndWorstToPointTwo() throws {
        // ratios to the max: 0.5, 0.25, 1 → 0.2 + 0.8 · (r − 0.25) / 0.75
        let normalised = try RadarNormalisation.normalise([0.5, 0.25, 1.0], higherIsBetter: true)
        XCTAssertEqual(normalised[0], 0.2 + 0.8 / 3, accuracy: 1e-12)   // 0.46667
        XCTAssertEqual(normalised[1], 0.2, accuracy: 1e-12)
        XCTAssertEqual(normalised[2], 1.0, accuracy: 1e-12)
    }

    func testLowerIsBetterUsesTheReciprocalOfTheRatio() throws {
        // jitter 1, 2, 4 → ratios 0.25, 0.5, 1 → reciprocals 4, 2, 1 → 1.0, 0.2 + 0.8 · 1/3, 0.2
        let normalised = try RadarNormalisation.normalise([1, 2, 4], higherIsBetter: false)
        XCTAssertEqual(normalised[0], 1.0, accuracy: 1e-12)
        XCTAssertEqual(normalised[1], 0.2 + 0.8 / 3, accuracy: 1e-12)
        XCTAssertEqual(normalised[2], 0.2, accuracy: 1e-12)
        // The reciprocal is not a linear flip: 3 sits nearer the worst end than a linear map puts it.
        let middle = try RadarNormalisation.normalise([1, 3, 4], higherIsBetter: false)[1]
        XCTAssertEqual(middle, 0.2 + 0.8 * (4.0 / 3 - 1) / 3, accuracy: 1e-12)   // 0.28889
    }

    func testTableIsNormalisedPerMetric() throws {
        let table = try RadarNormalisation.normalise([[0.5, 1], [0.25, 2], [1.0, 4]], higherIsBetter: [true, false])
        XCTAssertEqual(table.map { $0[0] }, try RadarNormalisation.normalise([0.5, 0.25, 1.0], higherIsBetter: true))
        XCTAssertEqual(table.map { $0[1] }, try RadarNormalisation.normalise([1, 2, 4], higherIsBetter: false))
    }

    func testTiesZerosAndBadValues() throws {
        XCTAssertEqual(try RadarNormalisation.normalise([0.3, 0.3], higherIsBetter: true), [1, 1])
        XCTAssertEqual(try RadarNormalisation.normalise([0, 0], higherIsBetter: false), [1, 1])
        XCTAssertEqual(try RadarNormalisation.normalise([0, 0.1, 0.2], higherIsBetter: false), [1, 0.2, 0.2])
        XCTAssertThrowsError(try RadarNormalisation.normalise([0.1, .nan], higherIsBetter: true, metric: "Foot Sliding")) {
            XCTAssertTrue("\($0)".contains("Foot Sliding") && "\($0)".contains("model 1"), "\($0)")
        }
        XCTAssertThrowsError(try RadarNormalisation.normalise([[1, 2], [3]], higherIsBetter: [true, true]))
    }

    func testRadarChartUsesTheNormalisation() throws {
        let chart = RadarChart(title: "r", axes: [RadarAxis("a"), RadarAxis("b", higherIsBetter: false), RadarAxis("c")],
                               series: [RadarSeries(name: "x", values: [0.5, 1, 2]), RadarSeries(name: "y", values: [1, 2, 1])])
        XCTAssertEqual(try chart.radii(), [[0.2, 1, 1], [1, 0.2, 0.2]])
        let raw = RadarChart(title: "r", axes: chart.axes, series: [RadarSeries(name: "x", values: [0.5, 1.5, 1])], normalise: false)
        XCTAssertThrowsError(try raw.radii()) { XCTAssertTrue("\($0)".contains("'b'"), "\($0)") }
    }
}
