import Foundation
import Lab
import XCTest

/// Every table recipe end to end through the binary at the smoke preset (training and judge
/// steps cut further), into one temporary results root, so caches are shared as in a real
/// study and all.rx after the others only re-reads them. Then the tracker: each recipe
/// invocation has a FINISHED `mbench` (or `humanml3d`) run for every row of its table spec and
/// every seed; and each `Results/tables/tableN.md` has a line with our number for every row.
final class TableRecipesTests: XCTestCase {
    private let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    private let tiny = ["--set", "preset.training_steps=4", "--set", "preset.judge_steps=10"]
    /// Recipe → the tables it fills.
    private let recipes: [(file: String, tables: [String])] = [
        ("Recipes/ablations/table3.rx", ["table3"]), ("Recipes/ablations/table4.rx", ["table4"]),
        ("Recipes/ablations/table5.rx", ["table5"]), ("Recipes/ablations/table6.rx", ["table6"]),
        ("Recipes/ablations/table7.rx", ["table7"]), ("Recipes/tables/table2.rx", ["table2"]),
        ("Recipes/tables/table8.rx", ["table8"]),
        ("Recipes/ablations/all.rx", ["table3", "table4", "table5", "table6", "table7"]),
    ]

    /// The rows a recipe must leave: the spec's rows that are not the paper's alone.
    private func trackedRows(_ table: String) throws -> (rows: [(id: String, label: String)], step: String) {
        let data = try Data(contentsOf: repository.appendingPathComponent("Experiments/tables/\(table).json"))
        let spec = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let rows = try XCTUnwrap(spec["rows"] as? [[String: Any]]).filter { ($0["kind"] as? String) != "paper" }
        return (rows.map { ($0["id"] as! String, $0["label"] as! String) }, table == "table8" ? "humanml3d" : "mbench")
    }

    func testEveryRecipeRunsAtSmokeAndLeavesItsRowsAndTables() throws {
        let results = try makeTemporaryFolder(self).appendingPathComponent("Results")
        let runner = RunnerProcess(results: results)
        var seconds: [String: Double] = [:]
        for recipe in recipes {
            let started = Date()
            let run = try runner.run(["recipe", repository.appendingPathComponent(recipe.file).path] + tiny)
            seconds[recipe.file] = Date().timeIntervalSince(started)
            XCTAssertEqual(run.status, 0, "\(recipe.file):\n\(run.stderr)")
            for table in recipe.tables {
                XCTAssertTrue(run.stdout.contains("\(table): \(results.path)/tables/\(table).md"), "\(recipe.file) left no \(table):\n\(run.stdout)")
            }
        }
        print("recipe seconds:", seconds.sorted { $0.key < $1.key }.map { "\($0.key) \(String(format: "%.1f", $0.value))" })

        let tracker = try Tracker(path: results.appendingPathComponent("tracker.sqlite"))
        for recipe in recipes {
            let experiment = URL(fileURLWithPath: recipe.file).deletingPathExtension().lastPathComponent
            let parent = try XCTUnwrap(tracker.runs(experiment: experiment).first { $0.parentUUID == nil }, recipe.file)
            XCTAssertEqual(parent.status, .finished, recipe.file)
            let children = try tracker.runs(parent: parent.uuid).map { try tracker.details(of: $0) }
            XCTAssertTrue(children.allSatisfy { $0.run.status == .finished }, "\(recipe.file): a step run did not finish")
            for table in recipe.tables {
                let (rows, step) = try trackedRows(table)
                for row in rows {
                    let scored = children.filter { $0.tags["step"] == step && $0.tags["table"] == table && $0.tags["row"] == row.id }
                    XCTAssertEqual(scored.map { $0.tags["seed"] }, ["0"], "\(recipe.file): \(table) row \(row.id) needs one run per seed")
                    XCTAssertEqual(scored.first?.tags["preset"], "smoke")
                    if step == "mbench" {
                        XCTAssertNotNil(scored.first?.metrics.first { $0.key == "Jitter_Degree" }, "\(table)/\(row.id): no dimensions")
                        XCTAssertEqual(scored.first?.artifacts.count, 1, "\(table)/\(row.id): the per-prompt JSON")
                    } else {
                        XCTAssertNotNil(scored.first?.metrics.first { $0.key == "FID.ci95" }, "\(table)/\(row.id): no FID interval")
                    }
                }
            }
            if experiment == "all" {
                let scored = children.filter { $0.tags["step"] == "mbench" }
                XCTAssertFalse(scored.isEmpty)
                XCTAssertTrue(scored.allSatisfy { $0.tags["cached"] == "true" }, "all.rx after the others scores nothing anew")
                XCTAssertFalse(children.contains { $0.tags["step"] == "train" && $0.tags["cached"] == nil }, "all.rx trains nothing anew")
            }
        }
        // Shared models are one cached step: ten distinct trainings for the ablations plus the
        // distilled student (Tables 2 and 8).
        XCTAssertEqual(try StepCache(root: results.appendingPathComponent("cache")).entries(kind: "train").count, 10)
        XCTAssertEqual(try StepCache(root: results.appendingPathComponent("cache")).entries(kind: "distill").count, 1)

        for table in ["table2", "table3", "table4", "table5", "table6", "table7", "table8"] {
            let text = try String(contentsOf: results.appendingPathComponent("tables/\(table).md"), encoding: .utf8)
            for row in try trackedRows(table).rows {
                let line = text.split(separator: "\n").first { $0.hasPrefix("| \(row.label) |") || $0.hasPrefix("| *\(row.label)* |") }
                XCTAssertNotNil(line, "\(table).md has no row \(row.label)")
                XCTAssertTrue(line?.contains(" ± ") ?? false, "\(table).md row \(row.label) has no number of ours: \(line ?? "")")
            }
        }
    }
}
