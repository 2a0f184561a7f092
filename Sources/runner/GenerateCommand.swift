import ArgumentParser
import Foundation
import Lab
import MBench
import Motion
import MotionWorld
import TextEncoding
import ViMoGen

/// `runner generate --run ID --prompt "…" --out FILE`: one motion from a tracked model.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Generate one motion from a trained model (a tracked train or distill run) and write it as .bvh, .npz, .gif or .png.",
        discussion: """
            The run's model is found in the step cache through the run's cache_key tag. Modes: t2m (from the text), \
            m2m (refine the World video prior's motion for the prompt), adaptive (M2M when the reference depicts the \
            prompt and its Jitter Degree is under 0.04, else T2M; the check is the prior's own match confidence, or \
            the judge of --gate), video (the prior's raw motion). The output type follows the extension: .bvh and \
            .npz (AMASS layout) hold SMPL parameters, .gif is a 20 fps stick-figure animation, .png a filmstrip.
            """)

    /// Output extensions this command writes.
    static let outputTypes = ["bvh", "npz", "gif", "png"]

    @OptionGroup var trackerOptions: TrackerOptions
    @Option(name: .customLong("run"), help: "A train or distill run: short id, uuid prefix, or unique name.") var runID: String
    @Option(name: .long, help: "What the motion should show.") var prompt: String
    @Option(name: .long, help: "t2m, m2m, adaptive or video.") var mode: String = GenerationMode.t2m.rawValue
    @Option(name: .long, help: "Seed of the starting noise (and of the video prior's take).") var seed: UInt64 = 0
    @Option(name: .long, help: "Euler steps of the sampler.") var steps = 50
    @Option(name: .long, help: "Classifier-free guidance scale on the text (1: none).") var guidance: Float = 5
    @Option(name: .long, help: "adaptive mode: a judge run whose alignment check replaces the prior's confidence.") var gate: String?
    @Option(name: .long, help: ArgumentHelp("The file to write (.bvh, .npz, .gif or .png).", valueName: "file")) var out: String
    @OptionGroup var output: JSONOption

    func validate() throws {
        guard !prompt.trimmingCharacters(in: .whitespaces).isEmpty else { throw ValidationError("--prompt is empty") }
        guard GenerationMode(rawValue: mode) != nil else {
            let known = GenerationMode.allCases.map(\.rawValue)
            let hint = NearestName.suggest(for: mode, among: known).map { " Did you mean '\($0)'?" } ?? ""
            throw ValidationError("unknown --mode '\(mode)'.\(hint) (valid: \(known.joined(separator: ", ")))")
        }
        guard steps >= 1 else { throw ValidationError("--steps must be at least 1, got \(steps)") }
        guard guidance > 0, guidance.isFinite else { throw ValidationError("--guidance must be positive, got \(guidance)") }
        let ext = URL(fileURLWithPath: out).pathExtension.lowercased()
        guard Self.outputTypes.contains(ext) else {
            throw ValidationError("cannot write '\(out)': unknown output type '.\(ext)'; "
                + "expected one of \(Self.outputTypes.map { "." + $0 }.joined(separator: ", "))")
        }
        if gate != nil && mode != GenerationMode.adaptive.rawValue {
            throw ValidationError("--gate only applies to --mode adaptive")
        }
    }

    func run() throws {
        let tracker = try trackerOptions.open()
        let model = try TrackedModel(runID, tracker: tracker, cache: StepCache(locations: trackerOptions.locations))
        let generationMode = GenerationMode(rawValue: mode)!
        let (network, header) = try ViMoGenCheckpoint.loadModel(from: model.checkpoint)
        guard let statistics = header.statistics else {
            throw RunnerError("\(model.checkpoint.path): the checkpoint has no normalisation statistics; cannot denormalise its motions")
        }
        let textEncoder = try model.encoder.make(warnings: .ignore)
        var references: ReferenceProvider?
        var alignment: AlignmentCheck = PriorConfidenceCheck()
        if generationMode != .t2m {
            let embedder = MiniLMPhraseEmbedder(model: try MiniLM.pretrained())
            references = VideoPriorReferences(prior: try VideoPrior(lexicon: .standard, embedder: embedder), statistics: statistics)
        }
        if let gate {
            let judgeFile = try TrackedJudge.file(gate, tracker: tracker, cache: StepCache(locations: trackerOptions.locations)).file
            let judge = try Judge.load(from: judgeFile, textEncoder: MiniLMEncoder(model: try MiniLM.pretrained(), output: .pooled, warnings: .ignore))
            alignment = JudgeAlignmentCheck(judge: judge, referenceStatistics: statistics)
        }
        let generator = MotionGenerator(model: network, statistics: statistics, textEncoder: textEncoder,
                                        sampler: SamplerSettings(steps: steps, guidance: guidance), references: references,
                                        gate: AdaptiveGate(alignment: alignment))
        let started = Date()
        let motion = try generator.generate([prompt], mode: generationMode, seed: seed)[0]
        let seconds = Date().timeIntervalSince(started)
        let decoded = try FrameEncoding.decode(motion.features, .integrated, appendFinalPose: true)
        let url = URL(fileURLWithPath: out)
        try Self.write(decoded, prompt: prompt, to: url)
        let joints = decoded.joints
        let summary = Summary(file: url.path, run: model.run.shortID, model: model.kind.rawValue, prompt: prompt, mode: mode,
                              branch: motion.branch?.rawValue ?? "reference", frames: joints.frameCount, fps: joints.fps,
                              seconds: seconds, jitter: try QualityMetrics.jitterDegree(joints),
                              footSliding: try QualityMetrics.footSliding(joints), referenceJitter: motion.referenceJitter)
        if output.json { return try Output.json(summary) }
        print("wrote \(summary.file): \(summary.frames) frames at \(Int(summary.fps)) fps from run \(summary.run) (\(summary.model)), "
            + "mode \(mode) → \(summary.branch) branch, \(String(format: "%.2f", seconds)) s; "
            + "jitter \(Output.number(summary.jitter)), foot sliding \(Output.number(summary.footSliding))")
    }

    /// Writes a decoded motion by the file's extension. Pictures draw the skeleton posed by
    /// forward kinematics (rotations and root translation), as the BVH/npz files hold it: the
    /// per-joint integrated positions the metrics read can drift apart limb by limb.
    static func write(_ decoded: DecodedMotion, prompt: String, to url: URL) throws {
        switch url.pathExtension.lowercased() {
        case "gif":
            _ = try MotionRenderer().animation([.init(decoded.smpl.joints(), title: prompt)], to: url)
        case "png":
            _ = try MotionRenderer().filmstrip([.init(decoded.smpl.joints(), title: prompt)], to: url)
        default:
            let report = ImportReport(file: "generated: \(prompt)", format: "ViMoGen 276-dim frames", frames: decoded.joints.frameCount,
                                      fps: decoded.joints.fps, skeleton: "SMPL 22 joints", unit: LengthUnit.metres.rawValue, upAxis: "+Z")
            _ = try MotionFiles.write(ImportedMotion(joints: decoded.joints, storedSMPL: decoded.smpl, report: report), to: url)
        }
    }

    /// What `--json` prints.
    struct Summary: Encodable {
        var file: String
        var run: String
        var model: String
        var prompt: String
        var mode: String
        /// `text`, `motion`, or `reference` (video mode: the prior's motion itself).
        var branch: String
        var frames: Int
        var fps: Double
        var seconds: Double
        var jitter: Double
        var footSliding: Double
        var referenceJitter: Double?

        enum CodingKeys: String, CodingKey {
            case file, run, model, prompt, mode, branch, frames, fps, seconds, jitter
            case footSliding = "foot_sliding", referenceJitter = "reference_jitter"
        }
    }
}
