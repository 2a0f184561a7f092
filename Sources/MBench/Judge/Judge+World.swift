import MotionWorld
import TextEncoding

extension Judge {
    /// A judge trained on `JudgeTrainingSet.examples(worldSeed:takes:)`. The benchmark judge and
    /// the gate judge are two calls that differ only in `worldSeed` (ARCHITECTURE §9), so the
    /// gate's choices are never graded by the model that made them.
    public static func train(worldSeed: UInt64, takes: Int, textEncoder: any TextEncoder, settings: JudgeSettings,
                             progress: ((Int, Double) -> Void)? = nil) throws -> Judge {
        try train(examples: try JudgeTrainingSet.examples(worldSeed: worldSeed, takes: takes),
                  textEncoder: textEncoder, settings: settings, progress: progress)
    }
}
