import Foundation

/// Values that are expensive to build and the same for every call of one process — the video
/// prior (MiniLM loaded, the lexicon embedded) and the World's MBench suites — built once per
/// key, so a recipe whose steps are all cached costs little more than reading the cache.
final class ProcessMemo<Value>: @unchecked Sendable {
    private var values: [String: Value] = [:]
    private let lock = NSLock()

    func value(_ key: String, _ make: () throws -> Value) rethrows -> Value {
        lock.lock()
        defer { lock.unlock() }
        if let made = values[key] { return made }
        let made = try make()
        values[key] = made
        return made
    }
}
