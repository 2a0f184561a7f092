import Foundation
import Lab

/// `table("table5")`: regenerates a paper table from the tracker now, with Lab's `TableReport`
/// (the mechanism of `runner tables`): `Results/tables/table5.md` with the paper's numbers
/// beside ours, the oracle and floor rows, the stand-ins footnote and one verdict per claim, and
/// the chart `Results/plots/table5.png`. A recipe calls it after its arms ran.
enum TableBuiltin {
    static func builtin(environment: RxEnvironment) -> Builtin {
        Builtin("table",
            [Parameter("name", .string, doc: "table2 … table8 (a spec in Experiments/tables/)"),
             Parameter("preset", .optional(.oneOf([.string, .record])), default: Value.none,
                       doc: "take runs at this preset; default: the recipe's `preset`, else the newest runs' preset")],
            returns: .record,
            doc: "Regenerates a paper table from the tracker: Results/tables/NAME.md and Results/plots/NAME.png; returns {markdown, plot, preset, claims}.",
            step: StepSpec(kind: "table") { args, _ in
                StepPlan(.willRun, reasons: ["regenerated from the tracker after the arms (\(try args.string("name")).md)"])
            }) { args, context in
            let name = try args.string("name")
            let preset = presetName(args["preset"]) ?? context.recipePreset.flatMap(presetName)
            // The runs of this invocation must be visible: the parent stays RUNNING, its steps are finished.
            let tracker = try environment.tracker.tracker()
            let outcome: TableOutcome
            do {
                outcome = try TableReport.regenerate(name: name, tracker: tracker, resultsRoot: environment.locations.resultsRoot, preset: preset)
            } catch let error as TableError {
                throw BuiltinFailure("\(error)", argument: "name")
            }
            context.output("\(name): \(outcome.markdown)" + (outcome.plot.map { " and \($0)" } ?? "") + " (preset \(outcome.preset))")
            for claim in outcome.claims { context.output("  \(claim.verdict.rawValue): \(claim.text)") }
            for note in outcome.notes { context.output("  note: \(note)") }
            return .record(Record([
                ("markdown", .string(outcome.markdown)), ("plot", outcome.plot.map { .string($0) } ?? Value.none),
                ("preset", .string(outcome.preset)),
                ("claims", .record(Record(outcome.claims.map { ($0.id, .string($0.verdict.rawValue)) }))),
                ("missing", .list(outcome.missingRows.map { .string($0) })),
            ]))
        }
    }

    /// A preset's name from a name or a `presets(…)` record.
    static func presetName(_ value: Value) -> String? {
        switch value {
        case .string(let name): return name
        case .record(let record): if case .string(let name)? = record["name"] { return name } else { return nil }
        default: return nil
        }
    }
}
