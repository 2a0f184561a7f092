import Foundation
import Plot

/// `plot(rows, file:, …)`: a chart of recipe values with gnuplot (the shapes of `:plot`, see
/// `ChartShape`): written as PNG (or SVG) under `Results/plots/`, or drawn as text on the
/// recipe's output without `file:`. For table rows, `x:` names the label field, `y:` the
/// numeric fields to draw and `errors:` the fields holding their interval half-widths.
enum PlotBuiltin {
    static func builtin(resultsRoot: URL) -> Builtin {
        Builtin("plot",
            [Parameter("rows", .any, doc: "a list of numbers, a record of numbers or of lists, or a list of records (table rows)"),
             Parameter("file", .optional(.string), default: Value.none,
                       doc: "a name (Results/plots/NAME.png) or a path ending in .png/.svg; none: a text plot on the output"),
             Parameter("title", .optional(.string), default: Value.none),
             Parameter("x", .optional(.string), default: Value.none, doc: "table rows: the field that labels each group of bars"),
             Parameter("y", .optional(.list(.string)), default: Value.none, doc: "table rows: the numeric fields to draw (default: all)"),
             Parameter("errors", .optional(.list(.string)), default: Value.none,
                       doc: "table rows: per `y` field, the field holding its 95 % half-width (error bars)")],
            returns: .oneOf([.string, .none]),
            doc: "Draws values as a gnuplot chart: PNG/SVG under Results/plots/ (returns the path), or text without file:.") { args, context in
            let file: String? = { if case .string(let f) = args["file"] { return f } else { return nil } }()
            let title: String = { if case .string(let t) = args["title"] { return t } else { return file.map { URL(fileURLWithPath: $0).deletingPathExtension().lastPathComponent } ?? "plot" } }()
            let chart = try chart(args, title: title)
            guard let file else {
                let lines = try chart.text(columns: 78, rows: 20).split(separator: "\n", omittingEmptySubsequences: false)
                context.output(lines.drop { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }.joined(separator: "\n")
                    .trimmingCharacters(in: .newlines))
                return .none
            }
            var url = file.contains("/") ? URL(fileURLWithPath: file)
                : resultsRoot.appendingPathComponent("plots").appendingPathComponent(file)
            if !["png", "svg"].contains(url.pathExtension) { url = url.appendingPathExtension("png") }
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            return .string(try chart.write(to: url).image.path)
        }
    }

    /// Table rows through `x`, `y` and `errors` into grouped bars; other shapes as `:plot` draws them.
    static func chart(_ args: Arguments, title: String) throws -> any Chart {
        let value = args["rows"]
        guard case .list(let items) = value, case .record? = items.first else {
            for name in ["x", "y", "errors"] where args.wasGiven(name) {
                throw BuiltinFailure("`\(name)` applies to table rows (a list of records)", argument: name)
            }
            do { return try ChartShape.chart(for: value, title: title) } catch let error as RxError {
                throw BuiltinFailure(error.message.replacingOccurrences(of: ":plot", with: "plot"), argument: "rows")
            }
        }
        let rows = try items.enumerated().map { i, item -> Record in
            guard case .record(let r) = item else { throw BuiltinFailure("row \(i) is a \(item.typeName), not a record", argument: "rows") }
            return r
        }
        let fields: [String] = try {
            if case .list(let names) = args["y"] { return names.compactMap { if case .string(let s) = $0 { return s } else { return nil } } }
            let labels = try? args.string("x")
            return rows[0].fields.filter { if case .number = $0.value { return $0.key != labels } else { return false } }.map(\.key)
        }()
        let errorFields: [String]? = {
            if case .list(let names) = args["errors"] { return names.compactMap { if case .string(let s) = $0 { return s } else { return nil } } }
            return nil
        }()
        if let errorFields, errorFields.count != fields.count {
            throw BuiltinFailure("give one error field per `y` field (\(fields.count)), got \(errorFields.count)", argument: "errors")
        }
        guard !fields.isEmpty else { throw BuiltinFailure("the rows have no numeric fields to draw", argument: "rows") }
        func number(_ row: Int, _ key: String, _ argument: String) throws -> Double {
            guard case .number(let x)? = rows[row][key] else {
                throw BuiltinFailure("row \(row) has no number `\(key)`\(Suggest.hint(key, in: rows[row].keys))", argument: argument)
            }
            return x
        }
        let groups: [String] = try rows.indices.map { i in
            guard case .string(let key) = args["x"] else { return String(i) }
            guard let label = rows[i][key] else { throw BuiltinFailure("row \(i) has no field `\(key)`\(Suggest.hint(key, in: rows[i].keys))", argument: "x") }
            if case .string(let s) = label { return s }
            return label.description
        }
        let series = try fields.enumerated().map { k, field in
            BarSeries(name: field, values: try rows.indices.map { try number($0, field, "y") },
                      errors: try errorFields.map { names in try rows.indices.map { try number($0, names[k], "errors") } })
        }
        return BarChart(title: title, groups: groups, series: series)
    }
}
