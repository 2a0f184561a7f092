import Plot

/// Turns a value into a chart by its shape, for `:plot`:
/// - a list of numbers → one line over x = 0, 1, …;
/// - a record of lists of numbers → one named line each;
/// - a record of numbers → bars, one per key;
/// - a list of records (table rows) → grouped bars: groups from the first string field (or
///   else a leading numeric field such as `seed`), one series per other numeric field
///   (e.g. `[{arm: "core", MG: 0.41}, {arm: "wild", MG: 0.44}]`).
enum ChartShape {
    static func chart(for value: Value, title: String) throws -> any Chart {
        switch value {
        case .list(let items) where !items.isEmpty && items.allSatisfy({ number($0) != nil }):
            return LineChart(title: title, xLabel: "index", series: [LineSeries(name: title, values: items.compactMap(number))])
        case .record(let record) where !record.fields.isEmpty && record.fields.allSatisfy({ number($0.value) != nil }):
            return BarChart(title: title, groups: record.keys,
                            series: [BarSeries(name: title, values: record.fields.compactMap { number($0.value) })])
        case .record(let record) where !record.fields.isEmpty && record.fields.allSatisfy({ numbers($0.value) != nil }):
            return LineChart(title: title, xLabel: "index",
                             series: record.fields.map { LineSeries(name: $0.key, values: numbers($0.value)!) })
        case .list(let items) where !items.isEmpty:
            let rows = try items.enumerated().map { i, item -> Record in
                guard case .record(let r) = item else {
                    throw RxError(.type, ":plot: item \(i) is a \(item.typeName); plot a list of numbers or a list of records")
                }
                return r
            }
            return try bars(rows, title: title)
        default:
            throw RxError(.type, ":plot cannot draw a \(value.typeName) like \(Interpreter.short(value.literal)); "
                          + "give a list of numbers, a record of numbers or of lists, or a list of records")
        }
    }

    private static func bars(_ rows: [Record], title: String) throws -> any Chart {
        let stringKey = rows[0].fields.first { if case .string = $0.value { return true } else { return false } }?.key
        var numericKeys = rows[0].fields.filter { number($0.value) != nil }.map(\.key)
        // Without a string field, a leading numeric field (a seed, a step) labels the groups.
        var labelKey = stringKey
        if labelKey == nil, numericKeys.count > 1, rows[0].fields.first?.key == numericKeys.first {
            labelKey = numericKeys.removeFirst()
        }
        guard !numericKeys.isEmpty else { throw RxError(.type, ":plot: the rows have no numeric fields to draw") }
        let groups = rows.enumerated().map { i, row in labelKey.flatMap { row[$0]?.description } ?? String(i) }
        let series = try numericKeys.map { key in
            BarSeries(name: key, values: try rows.enumerated().map { i, row in
                guard let x = row[key].flatMap(number) else { throw RxError(.type, ":plot: row \(i) has no number `\(key)`") }
                return x
            })
        }
        return BarChart(title: title, groups: groups, series: series)
    }

    private static func number(_ value: Value) -> Double? {
        if case .number(let x) = value { return x } else { return nil }
    }

    private static func numbers(_ value: Value) -> [Double]? {
        guard case .list(let items) = value, !items.isEmpty else { return nil }
        let xs = items.compactMap(number)
        return xs.count == items.count ? xs : nil
    }
}
