import Foundation
import XCTest
@testable import Lab

/// `TableReport.regenerate` on a tracker filled per TABLES-CONTRACT.md: exact rows and
/// intervals, the newest-run-per-seed rule, presets, notes, claims in all three states.
final class TablesReportTests: XCTestCase {
    /// Arms with known values: a's consistency 0.80 / 0.70 / 0.75 over seeds 0–2, b's 0.30
    /// thrice, c's 0.10 / 0.20 over seeds 0–1, the oracle 1.0 at one (cached) seed, no floor.
    private func filledFixture() throws -> TablesFixture {
        let fixture = try TablesFixture(self)
        try fixture.logArm(row: "a", seed: 0, preset: "smoke", correct: 10, jitter: TablesFixture.jitter())
        try fixture.logArm(row: "a", seed: 0, correct: 5, jitter: TablesFixture.jitter())  // superseded below
        for (seed, (correct, offset)) in [(16, 0.0), (14, 0.001), (15, 0.003)].enumerated() {
            try fixture.logArm(row: "a", seed: seed, correct: correct, jitter: TablesFixture.jitter(offset: offset))
            try fixture.logArm(row: "b", seed: seed, correct: 6, jitter: TablesFixture.jitter(shift: 7, offset: offset))
        }
        try fixture.logArm(row: "b", seed: 1, correct: 20, jitter: TablesFixture.jitter(), status: .failed)
        try fixture.logArm(row: "c", seed: 0, correct: 2, jitter: TablesFixture.jitter())
        try fixture.logArm(row: "c", seed: 1, correct: 4, jitter: TablesFixture.jitter())
        try fixture.logArm(row: "oracle", seed: 0, correct: 20, jitter: TablesFixture.jitter(), cached: true)
        try fixture.logArm(row: "adaptve", seed: 0, correct: 20, jitter: TablesFixture.jitter())
        try fixture.logArm(row: nil, seed: 0, correct: 20, jitter: TablesFixture.jitter())
        try fixture.logArm(row: "a", seed: 0, correct: 20, jitter: TablesFixture.jitter(), table: "table3")
        return fixture
    }

    func testRowsAreMeansOverSeedsWithTIntervals() throws {
        let fixture = try filledFixture()
        let outcome = try TableReport.regenerate(name: "tablex", tracker: fixture.tracker, resultsRoot: fixture.root,
                                                 options: fixture.options)
        XCTAssertEqual(outcome.preset, "small")
        XCTAssertEqual(outcome.rows.map(\.id), ["a", "b", "c", "paper:p", "oracle", "floor"])
        let a = outcome.rows[0]
        XCTAssertEqual(a.seeds, ["0", "1", "2"])
        let consistency = try XCTUnwrap(a.cells["Motion_Condition_Consistency"])
        XCTAssertEqual(consistency.mean!, 0.75, accuracy: 1e-12)
        XCTAssertEqual(consistency.ci95!, 4.303 * 0.05 / 3.0.squareRoot(), accuracy: 1e-12)
        XCTAssertEqual(consistency.paper, 0.53)
        let jitter = try XCTUnwrap(a.cells["Jitter_Degree"])
        XCTAssertEqual(jitter.mean!, 0.01475 + 0.004 / 3, accuracy: 1e-12)
        let sd = ((pow(-0.004 / 3, 2) + pow(0.001 - 0.004 / 3, 2) + pow(0.003 - 0.004 / 3, 2)) / 2).squareRoot()
        XCTAssertEqual(jitter.ci95!, 4.303 * sd / 3.0.squareRoot(), accuracy: 1e-12)

        let b = outcome.rows[1].cells["Motion_Condition_Consistency"]!
        XCTAssertEqual(b.mean!, 0.30, accuracy: 1e-12)
        XCTAssertEqual(b.ci95!, 0, accuracy: 1e-12)  // the failed seed-1 run (all correct) is ignored
        let c = outcome.rows[2].cells["Motion_Condition_Consistency"]!
        XCTAssertEqual(c.mean!, 0.15, accuracy: 1e-12)
        XCTAssertEqual(c.ci95!, 12.706 * 0.05, accuracy: 1e-9)
        let oracle = outcome.rows[4]
        XCTAssertEqual(oracle.cells["Motion_Condition_Consistency"]!.mean, 1.0)
        XCTAssertNil(oracle.cells["Motion_Condition_Consistency"]!.ci95)
        XCTAssertEqual(oracle.cachedRuns, 1)
        XCTAssertEqual(outcome.rows[5].runs, [])
        XCTAssertEqual(outcome.missingRows, ["floor"])
        XCTAssertTrue(outcome.notes.contains { $0.contains("floor") && $0.contains("Recipes/ablations/tablex.rx") }, "\(outcome.notes)")
        XCTAssertTrue(outcome.notes.contains { $0.contains("adaptve") }, "\(outcome.notes)")
        XCTAssertTrue(outcome.notes.contains { $0.contains("without a `row` tag") }, "\(outcome.notes)")
    }

    func testMarkdownPutsPaperBesideOursWithReferenceRowsAndClaims() throws {
        let fixture = try filledFixture()
        let outcome = try TableReport.regenerate(name: "tablex", tracker: fixture.tracker, resultsRoot: fixture.root,
                                                 options: fixture.options)
        XCTAssertEqual(outcome.markdown, fixture.root.appendingPathComponent("tables/tablex.md").path)
        let text = try String(contentsOfFile: outcome.markdown, encoding: .utf8)
        XCTAssertTrue(text.hasPrefix("# Table X — fixture\n\n> Table X: a caption.\n"))
        XCTAssertTrue(text.contains("| row | paper row | Consistency ↑ (paper) | Consistency ↑ (ours) | Jitter ↓ (paper) | Jitter ↓ (ours) |"))
        XCTAssertTrue(text.contains("| arm A | Paper A | 0.53 | 0.75 ± 0.12 | 0.0108 | 0.0161 ± 0.0038 |"), text)
        XCTAssertTrue(text.contains("| arm B | Paper B | 0.46 | 0.30 ± 0.00 | — |"), text)
        XCTAssertTrue(text.contains("| arm C | — | — | 0.15 ± 0.64 |"), text)
        XCTAssertTrue(text.contains("| (no counterpart here) | Paper P | — | not run here | 0.0200 | not run here |"), text)
        XCTAssertTrue(text.contains("| *Oracle* | — | — | 1.00 ± — |"), text)
        XCTAssertTrue(text.contains("| *Floor* | — | — | no runs | — | no runs |"), text)
        XCTAssertTrue(text.contains("- **reproduced** — A beats B on consistency."), text)
        XCTAssertTrue(text.contains("  - *By the World's construction:* partly: built into the fixture."), text)
        XCTAssertTrue(text.contains("- **not reproduced** — B beats A on consistency."), text)
        XCTAssertTrue(text.contains("- **inconclusive** — A jitters less than B."), text)
        XCTAssertTrue(text.contains("| oracle | 0 | \(outcome.rows[4].runs[0]) | 1 of 1 |"), text)
        XCTAssertTrue(text.contains("- Data: the World stands in for the data."), text)
        XCTAssertTrue(text.contains("preset `small`, seed(s) 0, 1, 2"), text)

        let terminal = outcome.text().split(separator: "\n").map(String.init)
        XCTAssertEqual(terminal.count, 6)   // header + five rows: the paper-only row is left to the Markdown
        XCTAssertTrue(terminal[0].hasPrefix("row     Consistency ↑"), terminal[0])
        XCTAssertEqual(terminal[1].split(separator: " ", omittingEmptySubsequences: true).joined(separator: " "),
                       "a 0.75 ± 0.12 (paper 0.53) 0.0161 ± 0.0038 (paper 0.0108)")
        XCTAssertTrue(terminal[4].hasPrefix("oracle  1.00 ± —  "), terminal[4])
    }

    func testClaimsReachAllThreeVerdictsDeterministically() throws {
        let fixture = try filledFixture()
        let first = try TableReport.regenerate(name: "tablex", tracker: fixture.tracker, resultsRoot: fixture.root,
                                               options: fixture.options)
        let firstText = try String(contentsOfFile: first.markdown, encoding: .utf8)
        let verdicts = Dictionary(uniqueKeysWithValues: first.claims.map { ($0.id, $0.verdict) })
        XCTAssertEqual(verdicts["a-beats-b"], .reproduced)
        XCTAssertEqual(verdicts["b-beats-a"], .notReproduced)
        XCTAssertEqual(verdicts["a-smoother"], .inconclusive)

        let beats = first.claims[0].comparisons[0]
        XCTAssertEqual(beats.difference!, 0.45, accuracy: 1e-12)
        XCTAssertEqual(beats.basis, "bootstrap over prompts and seeds")
        XCTAssertGreaterThan(beats.low!, 0)
        XCTAssertLessThan(beats.low!, 0.45)
        XCTAssertLessThan(first.claims[1].comparisons[0].high!, 0)
        let smoother = first.claims[2].comparisons[0]
        XCTAssertEqual(smoother.difference!, 0, accuracy: 1e-12)
        XCTAssertLessThan(smoother.low!, 0)
        XCTAssertGreaterThan(smoother.high!, 0)
        let gain = first.claims[3].comparisons[0]
        XCTAssertEqual(gain.better, "gain b → a")
        XCTAssertEqual(gain.difference!, (0.75 - 0.30) - (0.30 - 0.15), accuracy: 1e-12)
        XCTAssertLessThan(gain.low!, gain.difference!)
        XCTAssertGreaterThan(gain.high!, gain.difference!)
        XCTAssertEqual(first.claims[0].byConstruction, "partly: built into the fixture")

        let second = try TableReport.regenerate(name: "tablex", tracker: fixture.tracker, resultsRoot: fixture.root,
                                                options: fixture.options)
        XCTAssertEqual(second.claims, first.claims)
        XCTAssertEqual(try String(contentsOfFile: second.markdown, encoding: .utf8), firstText)
    }

    func testPresetSelectsRunsAndAMissingPresetNamesTheRecipe() throws {
        let fixture = try filledFixture()
        let smoke = try TableReport.regenerate(name: "tablex", tracker: fixture.tracker, resultsRoot: fixture.root,
                                               preset: "smoke", options: fixture.options)
        XCTAssertEqual(smoke.rows.first { $0.id == "a" }?.cells["Motion_Condition_Consistency"]?.mean, 0.5)
        XCTAssertEqual(smoke.missingRows, ["b", "c", "oracle", "floor"])
        XCTAssertEqual(smoke.claims[0].verdict, .inconclusive)
        XCTAssertEqual(smoke.claims[0].comparisons[0].basis, "no runs logged Motion_Condition_Consistency for row 'b'")

        XCTAssertThrowsError(try TableReport.regenerate(name: "tablex", tracker: fixture.tracker, resultsRoot: fixture.root,
                                                        preset: "large", options: fixture.options)) { error in
            let text = "\(error)"
            XCTAssertTrue(text.contains("runner recipe Recipes/ablations/tablex.rx --set size=large"), text)
            XCTAssertTrue(text.contains("runs exist at: small, smoke"), text)
        }
    }

    func testTableWithoutRunsNamesItsRecipeAndOthersStillRegenerate() throws {
        let fixture = try filledFixture()
        let other = TablesFixture.spec.replacingOccurrences(of: "tablex.rx", with: "tabley.rx")
        try Data(other.utf8).write(to: fixture.specs.appendingPathComponent("tabley.json"))
        let all = try TableReport.regenerateAll(tracker: fixture.tracker, resultsRoot: fixture.root, options: fixture.options)
        XCTAssertEqual(all.map(\.name), ["tablex", "tabley"])
        XCTAssertNoThrow(try all[0].result.get())
        guard case .failure(let error) = all[1].result else { return XCTFail("tabley has no runs") }
        XCTAssertEqual(error.description, "tabley: no finished 'mbench' runs tagged table=tabley in the tracker; "
            + "run `runner recipe Recipes/ablations/tabley.rx` to fill it")
        XCTAssertFalse(FileManager.default.fileExists(atPath: fixture.root.appendingPathComponent("tables/tabley.md").path))
    }

    func testSeedsWithoutPerPromptArtifactsFallBackToSeeds() throws {
        let fixture = try TablesFixture(self)
        for (seed, (a, b)) in [(0.70, 0.30), (0.80, 0.35), (0.75, 0.32)].enumerated() {
            for (row, value) in [("a", a), ("b", b)] {
                let run = try fixture.parent.startChild(name: "mbench", tags: ["step": "mbench", "table": "tablex", "row": row,
                                                                               "seed": String(seed), "preset": "small"],
                                                        heartbeat: false)
                try run.logMetrics(["Motion_Condition_Consistency": value, "Jitter_Degree": 0.01], step: 0)
                try run.finish()
            }
        }
        let outcome = try TableReport.regenerate(name: "tablex", tracker: fixture.tracker, resultsRoot: fixture.root,
                                                 options: fixture.options)
        let beats = outcome.claims[0].comparisons[0]
        XCTAssertEqual(beats.basis, "bootstrap over seeds")
        XCTAssertEqual(beats.verdict, .reproduced)
        // Seeds are paired (a and b share them), so no draw goes below the smallest per-seed gap, 0.40.
        XCTAssertGreaterThanOrEqual(beats.low!, 0.40 - 1e-12)
        XCTAssertLessThan(beats.low!, 0.43)
        XCTAssertTrue(outcome.notes.contains { $0.contains("no per-prompt MBench artifact") }, "\(outcome.notes)")
    }
}
