import Foundation
import XCTest
@testable import Lab

/// The table specs: the checked-in ones load with the contract's row ids and the paper's
/// numbers; a bad field is an error naming the file and the field.
final class TablesSpecTests: XCTestCase {
    private let folder = packageRoot.appendingPathComponent("Experiments/tables")

    func testCheckedInSpecsLoadWithTheContractRowIds() throws {
        let specs = try TableSpecReader.loadAll(from: folder)
        XCTAssertEqual(specs.map(\.name), ["table2", "table3", "table4", "table5", "table6", "table7", "table8"])
        func ours(_ name: String) -> [String] {
            specs.first { $0.name == name }!.trackedRows.map(\.id)
        }
        XCTAssertEqual(ours("table2"), ["vimogen", "light", "t2m", "m2m", "oracle", "floor"])
        XCTAssertEqual(ours("table3"), ["video", "t2m", "m2m", "adaptive", "oracle", "floor"])
        XCTAssertEqual(ours("table4"), ["motion/motion", "motion/video", "video/motion", "video/video", "oracle", "floor"])
        XCTAssertEqual(ours("table5"), ["core", "core+extended", "core+extended+wild", "core+extended+wild+synthetic", "oracle", "floor"])
        XCTAssertEqual(ours("table6"), ["pooled", "tokens", "bow", "oracle", "floor"])
        XCTAssertEqual(ours("table7"), ["joint", "joint+m2m", "t2m+joint", "separate", "oracle", "floor"])
        XCTAssertEqual(ours("table8"), ["light", "vimogen", "t2m", "oracle", "floor"])
        XCTAssertEqual(specs.first { $0.name == "table8" }?.step, "humanml3d")
        XCTAssertEqual(specs.first { $0.name == "table2" }?.chart, .radar)
        XCTAssertEqual(specs.filter { !$0.claims.isEmpty }.map(\.name), ["table3", "table4", "table5", "table6", "table7"])
    }

    func testPaperNumbersAreTranscribed() throws {
        let table3 = try TableSpecReader.load("table3", from: folder)
        XCTAssertEqual(table3.row("adaptive")?.paper, ["Motion_Condition_Consistency": 0.53, "Motion_Generalizability": 0.68,
                                                       "Jitter_Degree": 0.0108, "Foot_Sliding": 0.0064])
        XCTAssertEqual(table3.row("video")?.paper?["Foot_Sliding"], 0.0161)
        let table6 = try TableSpecReader.load("table6", from: folder)
        XCTAssertEqual(table6.row("pooled")?.paperLabel, "CLIP")
        XCTAssertEqual(table6.row("tokens")?.paperLabel, "T5-XXL")
        XCTAssertNil(table6.row("bow")?.paper)
        let table7 = try TableSpecReader.load("table7", from: folder)
        XCTAssertEqual(table7.row("separate")?.paper?["Body_Penetration"], 1.984)
        let table8 = try TableSpecReader.load("table8", from: folder)
        XCTAssertEqual(table8.row("light")?.paper?["FID"], 0.114)
        XCTAssertEqual(table8.row("light")?.paperCI95?["FID"], 0.005)
        XCTAssertNil(table8.row("light")?.paper?["Diversity"])
        let table2 = try TableSpecReader.load("table2", from: folder)
        XCTAssertEqual(table2.rows.filter { $0.kind == .paper }.count, 7)
        XCTAssertEqual(table2.row("paper:motioncraft")?.paper?["Foot_Floating"], 0.402)
        let table5 = try TableSpecReader.load("table5", from: folder)
        let gain = try XCTUnwrap(table5.claims.first { $0.id == "synthetic-largest-gain" }?.comparisons.first)
        XCTAssertEqual(gain.better, .gain(from: "core+extended+wild", to: "core+extended+wild+synthetic"))
        XCTAssertNotNil(table5.claims.first?.byConstruction)
    }

    private func decodeError(_ json: String) -> String {
        do {
            _ = try TableSpecReader.decode(Data(json.utf8), file: "Experiments/tables/tablez.json", name: "tablez")
            return "no error"
        } catch {
            return "\(error)"
        }
    }

    private func mutated(_ from: String, _ to: String) -> String {
        XCTAssertTrue(TablesFixture.spec.contains(from), from)
        return TablesFixture.spec.replacingOccurrences(of: from, with: to)
    }

    func testBadFieldsNameTheFileAndTheField() {
        XCTAssertEqual(decodeError(mutated("\"metric\": \"Jitter_Degree\"", "\"metric\": \"Jitter_Degre\"")),
                       "Experiments/tables/tablez.json: field 'claims[2].comparisons[0].metric': "
                           + "'Jitter_Degre' is not a column of this table; did you mean 'Jitter_Degree'?")
        XCTAssertEqual(decodeError(mutated("\"decimals\": 4", "\"decimals\": \"four\"")),
                       "Experiments/tables/tablez.json: field 'columns[1].decimals': expected a number")
        XCTAssertEqual(decodeError(mutated("\"title\": \"Table X — fixture\",", "")),
                       "Experiments/tables/tablez.json: field 'title': missing")
        XCTAssertEqual(decodeError(mutated("\"better\": \"lower\"", "\"better\": \"down\"")),
                       "Experiments/tables/tablez.json: field 'columns[1].better': 'down' is not one of higher, lower")
        XCTAssertEqual(decodeError(mutated("\"paper\": {\"Jitter_Degree\": 0.02}", "\"paper\": {\"Jiter_Degree\": 0.02}")),
                       "Experiments/tables/tablez.json: field 'rows[3].paper.Jiter_Degree': not a column of this table; "
                           + "did you mean 'Jitter_Degree'?")
        XCTAssertEqual(decodeError(mutated("{\"id\": \"floor\", \"kind\": \"reference\", \"label\": \"Floor\"}", "{\"id\": \"floor\", \"label\": \"Floor\"}")),
                       "Experiments/tables/tablez.json: field 'rows[5].kind': the 'floor' row must have kind 'reference'")
        XCTAssertEqual(decodeError(mutated("\"worse\": \"b\"}]", "\"worse\": \"paper:p\"}]")),
                       "Experiments/tables/tablez.json: field 'claims[0].comparisons[0].worse': 'paper:p' is not a row the "
                           + "recipe fills (valid: a, b, c, oracle, floor)")
        XCTAssertEqual(decodeError(mutated("\"step\": \"mbench\"", "\"step\": \"mbenc\"")),
                       "Experiments/tables/tablez.json: field 'step': 'mbenc' is not one of mbench, humanml3d")
        XCTAssertTrue(decodeError("{\"title\": ").hasPrefix("Experiments/tables/tablez.json: not valid JSON"))
    }

    func testABadSpecFileIsNamedByItsPath() throws {
        let folder = try makeTemporaryFolder(self)
        let file = folder.appendingPathComponent("table9.json")
        try Data(mutated("\"id\": \"oracle\", \"kind\": \"reference\"", "\"id\": \"oracle\", \"kind\": \"refrence\"").utf8).write(to: file)
        XCTAssertThrowsError(try TableSpecReader.load("table9", from: folder)) { error in
            XCTAssertEqual("\(error)", "\(file.path): field 'rows[4].kind': 'refrence' is not one of ours, reference, paper")
        }
        XCTAssertThrowsError(try TableReport.regenerateAll(tracker: try Tracker(path: folder.appendingPathComponent("t.sqlite")),
                                                           resultsRoot: folder, options: .init(specFolder: folder))) { error in
            XCTAssertTrue("\(error)".hasPrefix(file.path), "\(error)")
        }
    }

    func testUnknownTableSuggestsTheNearestName() {
        XCTAssertThrowsError(try TableSpecReader.load("tabel5", from: folder)) { error in
            XCTAssertTrue("\(error)".contains("did you mean 'table5'?"), "\(error)")
        }
    }
}
