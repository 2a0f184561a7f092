import XCTest
@testable import TextEncoding

extension Fixtures {
    /// The installed model, or a skip that says why (with the install command).
    static func miniLM() throws -> MiniLM {
        let files: MiniLMFiles
        do { files = try MiniLMFiles.locate() } catch {
            throw XCTSkip("MiniLM tests skipped: \(error.localizedDescription)")
        }
        return try SharedModel.load(files)
    }
}

/// One model load per test process (loading takes a fraction of a second, but adds up).
enum SharedModel {
    nonisolated(unsafe) private static var model: MiniLM?
    private static let lock = NSLock()

    static func load(_ files: MiniLMFiles) throws -> MiniLM {
        lock.lock(); defer { lock.unlock() }
        if let model { return model }
        let loaded = try MiniLM(files: files)
        model = loaded
        return loaded
    }
}
