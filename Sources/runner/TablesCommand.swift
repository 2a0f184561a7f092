import ArgumentParser
import Foundation
import Lab

/// `runner tables`: the paper's tables regenerated from the tracker, without training.
struct TablesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tables",
        abstract: "Regenerate the paper's tables (Results/tables/tableN.md) and charts (Results/plots) from the tracker.",
        discussion: """
            Reads the finished mbench/humanml3d child runs the table recipes logged (tags table, row, seed, \
            preset), takes the newest run per row and seed, and prints our mean ± 95 % interval over seeds \
            beside the paper's numbers. Nothing is trained. A table with no runs names the recipe that fills it.
            """)

    @Flag(help: "Print one line per paper claim: reproduced, not reproduced or inconclusive.")
    var claims = false
    @Option(help: "Use runs of this preset (smoke, small, large); default: the preset of each table's newest run.")
    var preset: String?
    @Option(help: ArgumentHelp("Only this table: 2 … 8 (or table5).", valueName: "N"))
    var table: String?
    @Option(help: ArgumentHelp("Folder of the table specs (default: Experiments/tables of the checkout).", valueName: "path"))
    var specs: String?
    @OptionGroup var trackerOptions: TrackerOptions
    @OptionGroup var output: JSONOption

    func run() throws {
        var options = TableReport.Options()
        if let specs { options.specFolder = URL(fileURLWithPath: specs) }
        let tracker = try trackerOptions.open()
        let root = trackerOptions.locations.resultsRoot
        let results: [(name: String, result: Result<TableOutcome, TableError>)]
        if let table {
            let name = Int(table).map { "table\($0)" } ?? table
            do {
                results = [(name, .success(try TableReport.regenerate(name: name, tracker: tracker, resultsRoot: root,
                                                                      preset: preset, options: options)))]
            } catch let error as TableError {
                guard case .noRuns = error else { throw error }
                results = [(name, .failure(error))]
            }
        } else {
            results = try TableReport.regenerateAll(tracker: tracker, resultsRoot: root, preset: preset, options: options)
        }
        let outcomes = results.compactMap { try? $0.result.get() }
        let missing = results.compactMap { entry -> Missing? in
            guard case .failure(let error) = entry.result, case let .noRuns(_, recipe, _, _, _) = error else { return nil }
            return Missing(table: entry.name, recipe: recipe, message: error.description)
        }
        if output.json {
            try Output.json(Report(tracker: tracker.path.path, tables: outcomes, missing: missing))
        } else {
            for outcome in outcomes { print(summary(outcome)) }
            fflush(stdout)  // so the tables come before the messages when both go to one terminal
            for entry in missing { Output.message(entry.message) }
        }
        if outcomes.isEmpty {
            throw RunnerError(table == nil ? "no table has runs yet; `runner recipe Recipes/ablations/all.rx` fills tables 3–7"
                                           : "nothing regenerated")
        }
    }

    private func summary(_ outcome: TableOutcome) -> String {
        let seeds = Set(outcome.rows.flatMap(\.seeds)).count
        var lines = ["\(outcome.table): \(outcome.markdown)" + (outcome.plot.map { ", \($0)" } ?? "")
            + " (preset \(outcome.preset), \(seeds) seed\(seeds == 1 ? "" : "s"))"]
        lines += outcome.text().split(separator: "\n").map { "  " + $0 }
        lines += outcome.notes.map { "  note: \($0)" }
        if claims {
            for claim in outcome.claims {
                let construction = claim.byConstruction.map { "  [by construction: \($0)]" } ?? ""
                lines.append("  \(claim.verdict.rawValue.padding(toLength: 15, withPad: " ", startingAt: 0))\(claim.text)\(construction)")
            }
        }
        return lines.joined(separator: "\n")
    }

    /// A table the tracker has no runs for, and the recipe that fills it.
    struct Missing: Encodable {
        var table: String
        var recipe: String
        var message: String
    }

    /// The `--json` object.
    struct Report: Encodable {
        var tracker: String
        var tables: [TableOutcome]
        var missing: [Missing]
    }
}
