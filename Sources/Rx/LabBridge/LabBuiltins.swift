import Foundation
import Lab

/// The builtins that bridge into Lab without training anything: tracker queries and presets.
/// (The heavy steps of ARCHITECTURE.md §9 join them here as Lab grows.)
enum LabBuiltins {
    static func all(tracker: TrackerAccess, presetsFile: @escaping () -> URL) -> [Builtin] {
        [
            Builtin("runs", [Parameter("query", .string, default: .string(""),
                                       doc: "space-separated key=value: experiment, status, parent, name (substring), tag.KEY, param.KEY"),
                             Parameter("limit", .integer, default: .number(20))],
                    returns: .list(.handle("Run")),
                    doc: "Tracker runs matching the query, newest first: runs(\"tag.arm=wild status=finished\").") { args, _ in
                .list(try tracker.runs(matching: try args.string("query"), limit: try args.integer("limit")).map { .handle(RunHandle($0)) })
            },
            Builtin("run", [Parameter("id", .string, doc: "short id, uuid prefix or unique name")], returns: .handle("Run"),
                    doc: "One tracker run by id or name; its fields: id, name, status, params, tags, metrics, …") { args, _ in
                let t = try tracker.tracker()
                return .handle(RunHandle(try t.details(of: try t.run(try args.string("id")))))
            },
            Builtin("presets", [Parameter("name", .optional(.string), default: Value.none, doc: "smoke, small or large; none gives all")],
                    returns: .record,
                    doc: "A study size from Experiments/presets.toml as a record (preset = presets(\"small\"); --set preset.training_steps=50).") { args, _ in
                let presets = try Presets.load(from: presetsFile())
                if case .string(let name) = args["name"] {
                    return .record(record(of: try presets.preset(named: name)))
                }
                return .record(Record(presets.all.map { ($0.name, .record(record(of: $0))) }))
            },
        ]
    }

    /// A preset's keys (TOML names) with typed values, in the file's documented order.
    static func record(of preset: Preset) -> Record {
        Record([("name", .string(preset.name))] + Preset.fields.map { field in
            switch field.slot {
            case .int(let path): return (field.key, .number(Double(preset[keyPath: path])))
            case .double(let path): return (field.key, .number(preset[keyPath: path]))
            case .ints(let path): return (field.key, .list(preset[keyPath: path].map { .number(Double($0)) }))
            }
        })
    }
}
