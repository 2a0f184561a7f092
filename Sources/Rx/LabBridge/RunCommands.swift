import Foundation
import Lab

/// `:runs`, `:show ID`, `:compare A B`: the tracker from inside the REPL.
enum RunCommands {
    static func all(tracker: TrackerAccess) -> [ColonCommand] {
        let ids = { tracker.recentIDs() }
        return [
            ColonCommand("runs", usage: ":runs [query]", doc: "Recent runs (query as for runs(…): status=finished tag.arm=wild).") { argument, session in
                let runs = try tracker.runs(matching: argument, limit: 20)
                session.say(runs.isEmpty ? "(no runs\(argument.isEmpty ? "" : " match `\(argument)`"))" : RunText.list(runs))
            },
            ColonCommand("show", usage: ":show ID", doc: "Everything about one run: params, tags, metrics, artifacts.", completeArgument: ids) { argument, session in
                let t = try tracker.tracker()
                session.say(RunText.show(try t.details(of: try t.run(try RunCommands.one(argument, usage: ":show ID")))))
            },
            ColonCommand("compare", usage: ":compare ID ID", doc: "Two runs side by side; * marks what differs.", completeArgument: ids) { argument, session in
                let parts = argument.split(separator: " ").map(String.init)
                guard parts.count == 2 else { throw RxError(.value, ":compare needs two run ids, e.g. :compare 3fa2c1d0 9be01c44") }
                let t = try tracker.tracker()
                session.say(RunText.compare(try t.details(of: try t.run(parts[0])), try t.details(of: try t.run(parts[1]))))
            },
        ]
    }

    static func one(_ argument: String, usage: String) throws -> String {
        let id = argument.trimmingCharacters(in: .whitespaces)
        guard !id.isEmpty, !id.contains(" ") else { throw RxError(.value, "\(usage) needs one run id (Tab completes ids; :runs lists them)") }
        return id
    }
}

/// Plain-text views of runs for the REPL.
enum RunText {
    /// One row per run, with the columns of `runner runs list` plus up to three metrics.
    static func list(_ runs: [RunDetails]) -> String {
        let rows = runs.map { d -> [String] in
            [d.run.shortID, d.run.name, d.run.experiment, d.run.status.rawValue,
             stamp(d.run.startTime), d.run.endTime.map { seconds($0.timeIntervalSince(d.run.startTime)) } ?? "-",
             d.metrics.prefix(3).map { "\($0.key)=\(Value.format($0.last))" }.joined(separator: " ")]
        }
        return table([["ID", "NAME", "EXPERIMENT", "STATUS", "STARTED", "DURATION", "METRICS (last)"]] + rows)
    }

    static func show(_ d: RunDetails) -> String {
        var lines = ["run \(d.run.shortID)  \(d.run.name)  \(d.run.status.rawValue)  experiment \(d.run.experiment)",
                     "started \(stamp(d.run.startTime))" + (d.run.endTime.map { ", took \(seconds($0.timeIntervalSince(d.run.startTime)))" } ?? "")
                        + (d.run.parentUUID.map { ", parent \($0.prefix(8))" } ?? "")]
        lines.append("params:  " + pairs(d.params))
        lines.append("tags:    " + pairs(d.tags))
        lines.append("metrics:" + (d.metrics.isEmpty ? " (none)" : ""))
        for m in d.metrics {
            lines.append("  \(m.key) = \(Value.format(m.last)) at step \(m.lastStep) (min \(Value.format(m.min)), max \(Value.format(m.max)), \(m.count) points)")
        }
        if !d.artifacts.isEmpty {
            lines.append("artifacts:")
            lines += d.artifacts.map { "  \($0.path) (\($0.size) bytes, sha256 \($0.sha256.prefix(12))…)" }
        }
        return lines.joined(separator: "\n")
    }

    /// Lab's `RunComparison` as rows: the params that differ, how many agree, then tags and
    /// each metric's last value; `*` marks a difference.
    static func compare(_ a: RunDetails, _ b: RunDetails) -> String {
        let comparison = RunComparison(details: [a, b])
        var rows: [[String]] = [["", a.run.shortID, b.run.shortID, ""], ["name", a.run.name, b.run.name, mark(a.run.name, b.run.name)],
                                ["status", a.run.status.rawValue, b.run.status.rawValue, mark(a.run.status, b.run.status)]]
        for difference in comparison.differingParams {
            rows.append(["param \(difference.key)", difference.values[0] ?? "-", difference.values[1] ?? "-", "*"])
        }
        if comparison.identicalParamCount > 0 {
            rows.append(["(\(comparison.identicalParamCount) param\(comparison.identicalParamCount == 1 ? "" : "s") identical)", "", "", ""])
        }
        for key in Set(a.tags.keys).union(b.tags.keys).sorted() {
            rows.append(["tag \(key)", a.tags[key] ?? "-", b.tags[key] ?? "-", mark(a.tags[key], b.tags[key])])
        }
        for column in comparison.metrics {
            let last = column.summaries.map { $0.map { Value.format($0.last) } ?? "-" }
            rows.append(["metric \(column.key)", last[0], last[1], mark(last[0], last[1])])
        }
        return table(rows)
    }

    private static func mark<T: Equatable>(_ a: T, _ b: T) -> String { a == b ? "" : "*" }

    private static func pairs(_ values: [String: String]) -> String {
        values.isEmpty ? "(none)" : values.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ")
    }

    private static func stamp(_ date: Date) -> String {
        let f = DateFormatter()
        f.dateFormat = "yyyy-MM-dd HH:mm"
        f.timeZone = TimeZone(identifier: "UTC")
        return f.string(from: date)
    }

    private static func seconds(_ s: Double) -> String { s < 120 ? String(format: "%.1f s", s) : String(format: "%.1f min", s / 60) }

    /// Left-aligned columns separated by two spaces, trailing blanks trimmed.
    static func table(_ rows: [[String]]) -> String {
        let widths = (0..<(rows.map(\.count).max() ?? 0)).map { c in rows.map { c < $0.count ? $0[c].count : 0 }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { c, cell in cell.padding(toLength: widths[c], withPad: " ", startingAt: 0) }
                .joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }.joined(separator: "\n")
    }
}
