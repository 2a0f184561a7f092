import ArgumentParser
import Foundation
import Lab

/// `runner cache list|gc`: the content-addressed step cache under $MOGENLAB_RESULTS/cache.
struct CacheCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cache", abstract: "List or clean the step cache ($MOGENLAB_RESULTS/cache).",
        subcommands: [CacheListCommand.self, CacheGCCommand.self])
}

/// `runner cache list`.
struct CacheListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List cached step results.")

    @OptionGroup var output: JSONOption
    @Option(help: "Only entries of this kind (e.g. curate, train).") var kind: String?

    func run() throws {
        let cache = StepCache()
        let entries = try cache.entries(kind: kind)
        let partials = try cache.partials(kind: kind)
        if output.json {
            struct Listing: Encodable { var root: String; var entries: [CacheEntryInfo]; var partials: [String] }
            return try Output.json(Listing(root: cache.root.path, entries: entries, partials: partials.map(\.directory.path)))
        }
        if entries.isEmpty {
            Output.message("no cached steps in \(cache.root.path)")
        } else {
            var table = TextTable(["KIND", "HASH", "VERSION", "SIZE", "CREATED", "LAST USED", "PARAMS"])
            for entry in entries {
                let params = entry.params.keys.sorted().map { "\($0)=\(entry.params[$0]!)" }.joined(separator: " ")
                table.add([entry.kind, entry.hash, entry.version, Output.bytes(entry.sizeBytes), Output.date(entry.created),
                           Output.date(entry.lastUsed), params])
            }
            print(table.render())
            let total = entries.map(\.sizeBytes).reduce(0, +)
            Output.message("\(entries.count) entries, \(Output.bytes(total)) in \(cache.root.path)")
        }
        if !partials.isEmpty {
            let dead = partials.filter { !$0.writerIsAlive }.count
            Output.message("\(partials.count) unfinished writes (\(dead) from writers that are gone; `runner cache gc` removes those)")
        }
    }
}

/// `runner cache gc`.
struct CacheGCCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gc",
        abstract: "Remove leftovers of killed writers; with --kind or --older-than, also matching entries.")

    @OptionGroup var output: JSONOption
    @Option(name: .long, help: "Remove every entry of this kind (repeatable).") var kind: [String] = []
    @Option(help: ArgumentHelp("Remove entries not used for this long: 90s, 30m, 12h, 7d.", valueName: "age"))
    var olderThan: String?
    @Flag(help: "Only say what would be removed.") var dryRun = false

    func run() throws {
        let age = try olderThan.map(CacheGCCommand.seconds(of:))
        let report = try StepCache().collectGarbage(kinds: kind, olderThan: age, dryRun: dryRun)
        if output.json { return try Output.json(report) }
        let verb = dryRun ? "would remove" : "removed"
        for partial in report.partials { print("\(verb) unfinished write \(partial)") }
        for entry in report.entries { print("\(verb) \(entry.kind)/\(entry.hash) (\(Output.bytes(entry.sizeBytes)))") }
        Output.message("\(verb) \(report.partials.count) unfinished writes and \(report.entries.count) entries, \(Output.bytes(report.bytes))")
    }

    /// `90s`, `30m`, `12h`, `7d`, or plain seconds.
    static func seconds(of text: String) throws -> TimeInterval {
        let units: [Character: Double] = ["s": 1, "m": 60, "h": 3600, "d": 86_400]
        var number = text
        var scale = 1.0
        if let last = text.last, let unit = units[last] {
            number = String(text.dropLast())
            scale = unit
        }
        guard let value = Double(number), value >= 0 else {
            throw RunnerError("--older-than '\(text)' is not an age; use e.g. 90s, 30m, 12h or 7d")
        }
        return value * scale
    }
}
