import Autograd
import Motion

/// What a batch is conditioned on. Samples are ordered T2M first, then M2M: the first
/// `text?.batch ?? 0` samples read the captions, the remaining ones the reference motions.
public struct Conditioning {
    public var text: TextContext?
    /// `[nM, T, 138]` normalised reference dims (0:126, 258:270), no translation.
    public var reference: Tensor?
    /// `[nM, T]`: 1 for reference frames present, 0 for frames lost to dropout.
    public var referenceKept: Tensor?

    public var textCount: Int { text?.batch ?? 0 }
    public var motionCount: Int { reference?.shape[0] ?? 0 }
    public var batch: Int { textCount + motionCount }

    public init(text: TextContext? = nil, reference: Tensor? = nil, referenceKept: Tensor? = nil) {
        precondition((reference == nil) == (referenceKept == nil), "Conditioning: reference and referenceKept go together")
        self.text = text
        self.reference = reference
        self.referenceKept = referenceKept
    }

    /// References as the M2M branch reads them, padded to `frames` (missing frames not kept).
    public init(text: TextContext? = nil, references: [ReferenceMotion], frames: Int) {
        guard !references.isEmpty else { self.init(text: text); return }
        let width = ViMoGenConfiguration.referenceWidth
        var values = [Float](repeating: 0, count: references.count * frames * width)
        var kept = [Float](repeating: 0, count: references.count * frames)
        for (i, ref) in references.enumerated() {
            for t in 0..<min(frames, ref.frameCount) {
                for d in 0..<width { values[(i * frames + t) * width + d] = ref.values[t * width + d] }
                kept[i * frames + t] = ref.kept[t] ? 1 : 0
            }
        }
        self.init(text: text, reference: Tensor(values, shape: [references.count, frames, width]),
                  referenceKept: Tensor(kept, shape: [references.count, frames]))
    }
}
