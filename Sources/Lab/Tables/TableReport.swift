import Foundation

/// Regenerates a paper table from the tracker: the one mechanism behind `runner tables` and
/// the recipes' `table("tableN")` builtin (TABLES-CONTRACT.md).
///
/// ```swift
/// let outcome = try TableReport.regenerate(name: "table5", tracker: tracker, resultsRoot: locations.resultsRoot)
/// print(outcome.markdown)   // Results/tables/table5.md, chart in Results/plots/table5.png
/// ```
public enum TableReport {
    /// Knobs that tests and the command line change; the defaults are what recipes get.
    public struct Options: Sendable {
        /// Where the specs are (default `Experiments/tables` of the checkout).
        public var specFolder: URL
        /// Bootstrap resamples per comparison.
        public var resamples: Int
        /// Seed of the bootstrap (results are identical for identical runs).
        public var bootstrapSeed: UInt64
        /// Draw the chart (gnuplot); a failure to draw becomes a note, never an error.
        public var drawChart: Bool

        public init(specFolder: URL = TableSpecReader.defaultFolder, resamples: Int = 2000, bootstrapSeed: UInt64 = 0,
                    drawChart: Bool = true) {
            self.specFolder = specFolder; self.resamples = resamples
            self.bootstrapSeed = bootstrapSeed; self.drawChart = drawChart
        }
    }

    /// Regenerates table `name` (`table2` … `table8`) from the runs in `tracker`: writes
    /// `<resultsRoot>/tables/<name>.md` and `<resultsRoot>/plots/<name>.png`, checks the claims.
    ///
    /// - Parameter preset: take runs at this preset; nil = the preset of the newest run.
    /// - Throws: `TableError.noRuns` naming the recipe that fills the table when it has no
    ///   finished runs (at that preset); `TableError.invalidSpec`/`.unknownTable` for the spec.
    public static func regenerate(name: String, tracker: Tracker, resultsRoot: URL, preset: String? = nil,
                                  options: Options = Options()) throws -> TableOutcome {
        let spec = try TableSpecReader.load(name, from: options.specFolder)
        return try regenerate(spec: spec, tracker: tracker, resultsRoot: resultsRoot, preset: preset, options: options)
    }

    /// Same, for a spec already loaded.
    public static func regenerate(spec: TableSpec, tracker: Tracker, resultsRoot: URL, preset: String? = nil,
                                  options: Options = Options()) throws -> TableOutcome {
        let candidates = try tracker.tableRuns(table: spec.name, step: spec.step)
        let selection = TableRunSelection(candidates: candidates, knownRows: Set(spec.trackedRows.map(\.id)), preset: preset)
        guard !selection.runs.isEmpty else {
            throw TableError.noRuns(table: spec.name, recipe: spec.recipe, step: spec.step, preset: preset,
                                    presetsSeen: selection.presetsSeen)
        }
        var notes = selection.notes(table: spec.name)
        let rows = TableAggregation.rows(spec: spec, selection: selection)
        let missing = spec.trackedRows.filter { !$0.optional && selection.runs[$0.id] == nil }.map(\.id)
        if !missing.isEmpty {
            notes.append("no runs at preset '\(selection.preset)' for row(s) \(missing.joined(separator: ", ")); "
                + "`runner recipe \(spec.recipe)` fills them")
        }
        let samples = try PromptSamples.load(selection: selection, spec: spec, resultsRoot: resultsRoot, notes: &notes)
        let claims = ClaimCheck(resamples: options.resamples, seed: options.bootstrapSeed)
            .check(spec: spec, rows: rows, samples: samples)

        let markdownURL = resultsRoot.appendingPathComponent("tables/\(spec.name).md")
        let plotURL = resultsRoot.appendingPathComponent("plots/\(spec.name).png")
        var plotPath: String?
        if options.drawChart {
            do {
                try TableChart(spec: spec, rows: rows).write(to: plotURL)
                plotPath = plotURL.path
            } catch {
                notes.append("chart not drawn: \(error)")
            }
        }
        let outcome = TableOutcome(table: spec.name, title: spec.title, preset: selection.preset,
                                   markdown: markdownURL.path, plot: plotPath, columns: spec.columns, rows: rows, claims: claims,
                                   missingRows: missing, notes: notes)
        let text = TableMarkdown(spec: spec, outcome: outcome, tracker: tracker.path.path).render()
        try TableFiles.write(text, to: markdownURL)
        return outcome
    }

    /// Every table in the spec folder: an outcome, or the reason it could not be made (no runs).
    /// Spec errors are thrown: a broken spec must be fixed, not skipped.
    public static func regenerateAll(tracker: Tracker, resultsRoot: URL, preset: String? = nil,
                                     options: Options = Options()) throws -> [(name: String, result: Result<TableOutcome, TableError>)] {
        try TableSpecReader.loadAll(from: options.specFolder).map { spec in
            do {
                return (spec.name, .success(try regenerate(spec: spec, tracker: tracker, resultsRoot: resultsRoot,
                                                           preset: preset, options: options)))
            } catch let error as TableError {
                if case .noRuns = error { return (spec.name, .failure(error)) }
                throw error
            }
        }
    }
}

/// Writing a table file atomically, with an error that names it.
enum TableFiles {
    static func write(_ text: String, to url: URL) throws {
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url, options: .atomic)
        } catch {
            throw TableError.cannotWrite(file: url.path, reason: error.localizedDescription)
        }
    }
}

extension TableRunSelection {
    /// Notes about runs that could not be placed.
    func notes(table: String) -> [String] {
        var notes: [String] = []
        if !unknownRows.isEmpty {
            notes.append("ignored runs tagged table=\(table) with row(s) not in the spec: \(unknownRows.joined(separator: ", "))")
        }
        if untagged > 0 { notes.append("ignored \(untagged) run(s) tagged table=\(table) without a `row` tag") }
        return notes
    }
}
