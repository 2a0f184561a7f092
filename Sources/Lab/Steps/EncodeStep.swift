import Foundation
import Motion
import TextEncoding

/// The `encode` step: MiniLM features of a dataset's unique captions in one style, cached per
/// encoder (`cache/text-features/<hash>/`). The key is the encoder and the *set* of unique
/// captions, so datasets with the same captions share an entry, and captions already encoded
/// in another entry of the same encoder are copied rather than run through MiniLM again. The
/// `bow` encoder needs no features (its embedding is learned with the model): no entry.
public struct EncodeStep: Sendable {
    public static let kind = "text-features"
    public static let version = "1"

    public let encoder: TextEncoderKind
    public let captions: [String]

    /// The unique captions, sorted (empty captions of unannotated takes are dropped).
    public init(encoder: TextEncoderKind, captions: [String]) {
        self.encoder = encoder
        self.captions = Set(captions).filter { !$0.isEmpty }.sorted()
    }

    public var needsFeatures: Bool { encoder != .bagOfWords }

    public func key() -> CacheKey {
        CacheKey(kind: Self.kind, version: Self.version, params: ["encoder": encoder.rawValue],
                 inputs: ["captions:" + SHA256.hex(captions.joined(separator: "\n")).prefix(32)])
    }

    /// The features, from the cache or computed now (nil for `bow`). `makeEncoder` defaults to
    /// the installed MiniLM and is called only when some caption has no features yet.
    public func run(cache: StepCache, reporting: StepReporting = .silent,
                    makeEncoder: (() throws -> any TextEncoder)? = nil)
        throws -> (features: TextFeatures?, wasCached: Bool, computed: Int) {
        guard needsFeatures else { return (nil, true, 0) }
        let entry = try cache.entry(for: key())
        var computed = 0
        let (folder, wasCached) = try entry.resolve { folder in
            computed = try write(into: folder, cache: cache, reporting: reporting,
                             makeEncoder: makeEncoder ?? { try encoder.make(warnings: .ignore) })
        }
        return (try TextFeatures(folder: folder), wasCached, computed)
    }

    /// Encodes the captions no other entry of this encoder has; returns how many it encoded.
    func write(into folder: URL, cache: StepCache, reporting: StepReporting, makeEncoder: () throws -> any TextEncoder) throws -> Int {
        let started = Date()
        var known: [String: EncodedText] = [:]
        let wanted = Set(captions)
        for info in try cache.entries(kind: Self.kind) where info.params["encoder"] == encoder.rawValue {
            guard let other = try? TextFeatures(folder: URL(fileURLWithPath: info.directory)),
                  other.captions.contains(where: wanted.contains) else { continue }
            for caption in other.captions where wanted.contains(caption) && known[caption] == nil {
                known[caption] = other.encodedText(of: caption)
            }
        }
        let missing = captions.filter { known[$0] == nil }
        if !missing.isEmpty {
            let model = try makeEncoder()
            let bar = reporting.bar("encode \(encoder.rawValue)", total: missing.count, unit: "captions")
            var done = 0
            for start in stride(from: 0, to: missing.count, by: 32) {
                let batch = Array(missing[start..<min(start + 32, missing.count)])
                for (caption, encoded) in zip(batch, model.encode(batch)) { known[caption] = encoded }
                done += batch.count
                bar?.progress(completed: done, total: missing.count)
            }
            bar?.finish()
        }
        try TextFeatures(encoder: encoder.rawValue, captions: captions, encoded: captions.map { known[$0]! }).write(to: folder)
        let seconds = Date().timeIntervalSince(started)
        try StepProducer(run: reporting.runID, seconds: seconds).write(to: folder)
        try reporting.metrics?.record(["captions": Double(captions.count), "encoded": Double(missing.count),
                                       "reused": Double(captions.count - missing.count), "seconds": seconds], step: 0)
        return missing.count
    }
}
