import Autograd
import Foundation
import MotionWorld

/// Rewrites concise motion-style prompts as video-style descriptions (Table 4's "video" test
/// style): the motion subject is dropped and the predicate wrapped in a video subject, a scene
/// and a camera from the World's vocabulary, as its caption writer words video captions
/// ("A woman in a red jacket jumps twice in a sunlit park, filmed from a low angle.").
struct VideoStylePrompts {
    let lexicon: Lexicon
    let seed: UInt64

    /// Original → rewritten, each prompt with its own seeded draw (independent of order).
    func rewrite(_ prompts: [String]) -> [String: String] {
        var result: [String: String] = [:]
        for prompt in prompts where result[prompt] == nil {
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in prompt.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
            var rng = RandomGenerator(seed: SeedMixing.seed(seed, index: 0, stream: hash))
            result[prompt] = rewrite(prompt, using: &rng)
        }
        return result
    }

    func rewrite(_ prompt: String, using rng: inout RandomGenerator) -> String {
        var predicate = prompt.trimmingCharacters(in: .whitespaces)
        if predicate.hasSuffix(".") { predicate.removeLast() }
        for subject in CaptionWriter.motionSubjects where predicate.lowercased().hasPrefix(subject + " ") {
            predicate = String(predicate.dropFirst(subject.count + 1))
            break
        }
        let video = lexicon.video
        let subject = video.subjects[rng.integer(below: video.subjects.count)]
        let scene = video.scenes[rng.integer(below: video.scenes.count)]
        let camera = video.cameras[rng.integer(below: video.cameras.count)]
        let text = subject + " " + predicate + " " + scene + ", " + camera + "."
        return text.prefix(1).uppercased() + text.dropFirst()
    }
}
