import Foundation
import Lab
import Motion
import TextEncoding
import MotionWorld
import ViMoGen

/// The model half of the Lab steps that the merged branches allow: `train` and `generate`.
enum ModelStepBuiltins {
    static func all(environment: RxEnvironment) -> [Builtin] {
        let cache = StepCache(locations: environment.locations)
        let execution = StepExecution(environment: environment)
        return [train(environment: environment, cache: cache, execution: execution), generate(cache: cache, execution: execution),
                distill(environment: environment, cache: cache, execution: execution)]
    }

    /// The text encoder a step uses: for MiniLM, the `encode` step's cached features of the
    /// dataset's captions in front of the model (prompts and the CFG null text go to MiniLM).
    static func textEncoder(_ kind: TextEncoderKind, captions: [String], cache: StepCache, reporting: StepReporting) throws -> any TextEncoder {
        let step = EncodeStep(encoder: kind, captions: captions)
        guard step.needsFeatures, let features = try step.run(cache: cache, reporting: reporting).features else {
            return try kind.make(warnings: .ignore)
        }
        return CachedTextEncoder(cached: features, fallback: try kind.make(warnings: .ignore))
    }

    /// A preset record from the recipe (`presets("smoke")`, maybe changed by `--set`) as Lab's `Preset`.
    static func preset(_ value: Value, named fallback: String, file: URL) throws -> Preset {
        let presets = try Presets.load(from: file)
        guard case .record(let record) = value else { return try presets.preset(named: fallback) }
        guard case .string(let name)? = record["name"] else {
            throw BuiltinFailure("the preset record has no `name` (make it with presets(\"smoke\"))", argument: "preset")
        }
        var preset = try presets.preset(named: name)
        for field in Preset.fields {
            guard let v = record[field.key] else { continue }
            let text: String
            switch v {
            case .number(let x): text = Value.format(x)
            case .list(let items): text = items.map(\.description).joined(separator: ",")
            default: throw BuiltinFailure("preset key `\(field.key)` is a \(v.typeName)", argument: "preset")
            }
            do { preset = try preset.setting(field.key, to: text) } catch {
                throw BuiltinFailure("\(error)", argument: "preset")
            }
        }
        return preset
    }

    // MARK: train

    static func train(environment: RxEnvironment, cache: StepCache, execution: StepExecution) -> Builtin {
        func step(_ args: Arguments, _ context: CallContext) throws -> (DatasetHandle, TrainStep) {
            let data = try args.handle("data", as: DatasetHandle.self)
            let preset = try preset(args["preset"], named: data.preset, file: environment.presetsFile)
            return (data, TrainStep(model: TrainStep.ModelKind(rawValue: try args.string("model"))!,
                                    encoder: TextEncoderKind(rawValue: try args.string("encoder"))!,
                                    style: data.style, preset: preset, seed: try context.seed(explicit: args["seed"])))
        }
        return Builtin("train",
            [Parameter("data", .handle("Dataset")),
             Parameter("model", .choice(TrainStep.ModelKind.allCases.map(\.rawValue)), default: .string("light"),
                       doc: "vimogen (both branches), light (T2M only), t2m, m2m (single-branch, Table 7)"),
             Parameter("encoder", .choice(TextEncoderKind.allCases.map(\.rawValue)), default: .string("minilm-tokens")),
             Parameter("seed", .optional(.integer), default: Value.none, doc: "default: derived from the recipe's seed"),
             Parameter("preset", .optional(.record), default: Value.none, doc: "sizes and steps; default: the world's preset from presets.toml")],
            returns: .handle("Model"),
            doc: "Trains a ViMoGen model on a dataset by flow matching (cached by content; loss in the tracker).",
            step: StepSpec(kind: TrainStep.kind) { args, context in
                let (data, step) = try step(args, context)
                return try CachePlan.plan(for: step.key(dataset: data.dataset.key), in: cache, runID: StepExecution.producer) { entry in
                    .handle(ModelHandle(checkpoint: entry.directory.appendingPathComponent(TrainStep.checkpointName), key: entry.hash,
                                        step: step, runID: StepExecution.producer(entry)))
                }
            }) { args, context in
            let (data, step) = try step(args, context)
            let entry = try cache.entry(for: step.key(dataset: data.dataset.key))
            var params = step.params
            params["dataset"] = data.dataset.key
            let (checkpoint, runID) = try execution.run(kind: TrainStep.kind, context: context, seed: step.seed, preset: step.preset.name,
                                                        params: params, entry: entry) { reporting in
                let made = try step.run(data.dataset, cache: cache, textEncoder: {
                    try textEncoder(step.encoder, captions: data.dataset.captions(data.style), cache: cache, reporting: .silent)
                }, reporting: reporting)
                return (made.checkpoint, StepExecution.producer(entry))
            }
            return .handle(ModelHandle(checkpoint: checkpoint, key: entry.hash, step: step, runID: runID))
        }
    }

    // MARK: generate

    static func generate(cache: StepCache, execution: StepExecution) -> Builtin {
        func step(_ args: Arguments, _ context: CallContext) throws -> (ModelHandle, GenerateStep) {
            let model = try args.handle("model", as: ModelHandle.self)
            let prompts = try args.list("prompts").map { v -> String in
                guard case .string(let s) = v, !s.isEmpty else { throw BuiltinFailure("prompts must be non-empty strings", argument: "prompts") }
                return s
            }
            guard !prompts.isEmpty else { throw BuiltinFailure("no prompts given", argument: "prompts") }
            let mode = GenerationMode(rawValue: try args.string("mode"))!
            var priorKey: String?, gateKey: String?
            if mode != .t2m {
                guard case .handle(let h) = args["prior"], let world = h as? WorldHandle, world.takes is WorldTakes else {
                    throw BuiltinFailure("mode \"\(mode.rawValue)\" needs the video prior: pass prior: a World, e.g. prior: world()", argument: "mode")
                }
                priorKey = "video-prior-lexicon\((world.takes as! WorldTakes).world.lexicon.actions.count)"
            }
            if mode == .adaptive {
                guard case .handle(let h) = args["gate"], let judge = h as? JudgeHandle else {
                    throw BuiltinFailure("mode \"adaptive\" needs a gate: pass gate: a Judge trained with another seed than the benchmark's", argument: "mode")
                }
                gateKey = judge.key
            }
            return (model, GenerateStep(prompts: prompts, mode: mode, eulerSteps: model.step.preset.eulerSteps,
                                        seed: try context.seed(explicit: args["seed"]), priorKey: priorKey, gateKey: gateKey))
        }
        return Builtin("generate",
            [Parameter("model", .handle("Model")),
             Parameter("prompts", .list(.string)),
             Parameter("mode", .choice(GenerationMode.allCases.map(\.rawValue)), default: .string("t2m"),
                       doc: "t2m (from text); m2m (refine the video prior's motion), adaptive (the gate picks), video (the prior's motion itself)"),
             Parameter("prior", .optional(.handle("World")), default: Value.none, doc: "the World whose video prior gives references (m2m, adaptive, video)"),
             Parameter("gate", .optional(.handle("Judge")), default: Value.none, doc: "the gate judge of adaptive mode (its alignment check)"),
             Parameter("seed", .optional(.integer), default: Value.none, doc: "default: derived from the recipe's seed"),
             Parameter("motion_model", .optional(.handle("Model")), default: Value.none,
                       doc: "adaptive mode only (Table 7): the gate's M2M choices go to this model's motion branch, the rest to `model`'s text branch")],
            returns: .handle("Motions"),
            doc: "One motion per prompt from a trained model (Euler steps from its preset; cached by content).",
            step: StepSpec(kind: GenerateStep.kind) { args, context in
                let (model, step) = try step(args, context)
                if let pair = try pairStep(args, model, step) {
                    return try CachePlan.plan(for: pair.key, in: cache, runID: StepExecution.producer) { entry in
                        let (motions, record) = try GenerateStep.load(entry.directory)
                        return .handle(try motionsHandle(motions, record, origin: "gated pair \(entry.hash.prefix(8))", key: entry.hash,
                                                         seed: model.step.seed))
                    }
                }
                return try CachePlan.plan(for: step.key(model: model.key), in: cache, runID: StepExecution.producer) { entry in
                    let (motions, record) = try GenerateStep.load(entry.directory)
                    return .handle(try motionsHandle(motions, record, origin: "generated by \(model.key.prefix(8))", key: entry.hash,
                                                     seed: model.step.seed))
                }
            }) { args, context in
            let (model, step) = try step(args, context)
            if let pair = try pairStep(args, model, step) {
                let entry = try cache.entry(for: pair.key)
                let (motions, record) = try execution.run(kind: GatedPairStep.kind, context: context, seed: step.seed, preset: model.step.preset.name,
                                                          params: ["prompts": String(step.prompts.count), "euler_steps": String(step.eulerSteps),
                                                                   "model": model.key, "motion_model": pair.motion.key], entry: entry) { reporting in
                    let made = try pair.step.run(text: (model.checkpoint, model.key, { try model.step.encoder.make(warnings: .ignore) }),
                                                 motion: (pair.motion.checkpoint, pair.motion.key, { try pair.motion.step.encoder.make(warnings: .ignore) }),
                                                 cache: cache, prior: try videoPrior(args), gate: try args.handle("gate", as: JudgeHandle.self).judge,
                                                 reporting: reporting)
                    return (made.motions, made.record)
                }
                return .handle(try motionsHandle(motions, record, origin: "gated pair \(entry.hash.prefix(8))", key: entry.hash,
                                                 seed: model.step.seed))
            }
            let entry = try cache.entry(for: step.key(model: model.key))
            let (motions, record) = try execution.run(kind: GenerateStep.kind, context: context, seed: step.seed, preset: model.step.preset.name,
                                                      params: ["mode": step.mode.rawValue, "prompts": String(step.prompts.count),
                                                               "euler_steps": String(step.eulerSteps), "model": model.key],
                                                      entry: entry) { reporting in
                let made = try step.run(checkpoint: model.checkpoint, modelKey: model.key,
                                        textEncoder: { try model.step.encoder.make(warnings: .ignore) }, cache: cache,
                                        prior: step.priorKey == nil ? nil : try videoPrior(args), gate: (try? args.handle("gate", as: JudgeHandle.self))?.judge,
                                        reporting: reporting)
                return (made.motions, made.record)
            }
            return .handle(try motionsHandle(motions, record, origin: "generated by \(model.key.prefix(8))", key: entry.hash,
                                             seed: model.step.seed))
        }
    }

    /// Table 7's gated pair, when `motion_model:` is given: `model` answers through its text
    /// branch, `motion_model` through its motion branch, the gate decides per prompt.
    static func pairStep(_ args: Arguments, _ model: ModelHandle, _ step: GenerateStep)
        throws -> (step: GatedPairStep, key: CacheKey, motion: ModelHandle)? {
        guard case .handle = args["motion_model"] else { return nil }
        let motion = try args.handle("motion_model", as: ModelHandle.self)
        guard step.mode == .adaptive, let priorKey = step.priorKey, let gateKey = step.gateKey else {
            throw BuiltinFailure("motion_model: pairs two models behind the gate: use mode: \"adaptive\" with prior: and gate:", argument: "motion_model")
        }
        guard model.step.model.branches.hasText else {
            throw BuiltinFailure("`model` answers the gate's T2M choices but a \(model.step.model.rawValue) model has no text branch", argument: "model")
        }
        guard motion.step.model.branches.hasMotion else {
            throw BuiltinFailure("a \(motion.step.model.rawValue) model has no motion branch (use a vimogen or m2m model)", argument: "motion_model")
        }
        let pair = GatedPairStep(prompts: step.prompts, eulerSteps: step.eulerSteps, seed: step.seed, priorKey: priorKey, gateKey: gateKey)
        return (pair, pair.key(textModel: model.key, motionModel: motion.key), motion)
    }

    // MARK: distill

    static func distill(environment: RxEnvironment, cache: StepCache, execution: StepExecution) -> Builtin {
        func step(_ args: Arguments, _ context: CallContext) throws -> (ModelHandle, DatasetHandle, DistillStep) {
            let teacher = try args.handle("teacher", as: ModelHandle.self)
            let data = try args.handle("data", as: DatasetHandle.self)
            let prompts = try args.list("prompts").compactMap { v -> String? in if case .string(let s) = v, !s.isEmpty { return s } else { return nil } }
            guard !prompts.isEmpty else { throw BuiltinFailure("no prompts given (make some with prompts(world, n: …))", argument: "prompts") }
            let mode = GenerationMode(rawValue: try args.string("mode"))!
            if mode != .t2m, (try? args.handle("prior", as: WorldHandle.self)) == nil { throw BuiltinFailure("teacher mode \"\(mode.rawValue)\" needs prior: a World", argument: "mode") }
            if mode == .adaptive, (try? args.handle("gate", as: JudgeHandle.self)) == nil { throw BuiltinFailure("teacher mode \"adaptive\" needs gate: a Judge", argument: "mode") }
            let preset = try preset(args["preset"], named: data.preset, file: environment.presetsFile)
            let student = TrainStep(model: .light, encoder: TextEncoderKind(rawValue: try args.string("encoder"))!, style: data.style,
                                    preset: preset, seed: try context.seed(explicit: args["seed"]))
            return (teacher, data, DistillStep(student: student, prompts: prompts, teacherMode: mode))
        }
        return Builtin("distill",
            [Parameter("teacher", .handle("Model")),
             Parameter("prompts", .list(.string), doc: "synthesised prompts reaching the long tail: prompts(world, n: …)"),
             Parameter("data", .handle("Dataset"), doc: "the MoCap clips the student also trains on"),
             Parameter("encoder", .choice(TextEncoderKind.allCases.map(\.rawValue)), default: .string("minilm-tokens")),
             Parameter("mode", .choice(GenerationMode.allCases.map(\.rawValue)), default: .string("t2m"),
                       doc: "how the teacher generates (the paper: adaptive, which needs prior: and gate:)"),
             Parameter("prior", .optional(.handle("World")), default: Value.none),
             Parameter("gate", .optional(.handle("Judge")), default: Value.none),
             Parameter("seed", .optional(.integer), default: Value.none, doc: "default: derived from the recipe's seed"),
             Parameter("preset", .optional(.record), default: Value.none)],
            returns: .handle("Model"),
            doc: "ViMoGen-light: a T2M student trained on the data plus the teacher's motions for the prompts (cached).",
            step: StepSpec(kind: DistillStep.kind) { args, context in
                let (teacher, data, step) = try step(args, context)
                return try CachePlan.plan(for: step.key(teacher: teacher.key, dataset: data.dataset.key), in: cache, runID: StepExecution.producer) { entry in
                    .handle(ModelHandle(checkpoint: entry.directory.appendingPathComponent(TrainStep.checkpointName), key: entry.hash,
                                        step: step.student, runID: StepExecution.producer(entry)))
                }
            }) { args, context in
            let (teacher, data, step) = try step(args, context)
            let entry = try cache.entry(for: step.key(teacher: teacher.key, dataset: data.dataset.key))
            var params = step.student.params
            params["teacher"] = teacher.key
            params["prompt_count"] = String(step.prompts.count)
            params["teacher_mode"] = step.teacherMode.rawValue
            let (checkpoint, runID) = try execution.run(kind: DistillStep.kind, context: context, seed: step.student.seed,
                                                        preset: step.student.preset.name, params: params, entry: entry) { reporting in
                let made = try step.run(teacher: teacher.checkpoint, teacherKey: teacher.key, dataset: data.dataset, cache: cache,
                                        teacherEncoder: { try teacher.step.encoder.make(warnings: .ignore) },
                                        studentEncoder: { try textEncoder(step.student.encoder, captions: data.dataset.captions(data.style),
                                                                          cache: cache, reporting: .silent) },
                                        prior: step.teacherMode == .t2m ? nil : try videoPrior(args),
                                        gate: (try? args.handle("gate", as: JudgeHandle.self))?.judge,
                                        eulerSteps: teacher.step.preset.eulerSteps, reporting: reporting)
                return (made.checkpoint, StepExecution.producer(entry))
            }
            return .handle(ModelHandle(checkpoint: checkpoint, key: entry.hash, step: step.student, runID: runID))
        }
    }

    /// The video prior of the `prior:` World (its lexicon, matched with MiniLM).
    static func videoPrior(_ args: Arguments) throws -> VideoPrior {
        guard let takes = try args.handle("prior", as: WorldHandle.self).takes as? WorldTakes else {
            throw BuiltinFailure("this world has no video prior", argument: "prior")
        }
        return try priors.value("lexicon\(takes.world.lexicon.actions.count)") {
            try VideoPrior(lexicon: takes.world.lexicon, embedder: MiniLMPhraseEmbedder(model: try MiniLM.pretrained()))
        }
    }

    /// One video prior per lexicon and process (every `generate` with `prior:` asks for it, cached or not).
    static let priors = ProcessMemo<VideoPrior>()

    static func motionsHandle(_ motions: [FeatureFrames], _ record: GenerateStep.Record, origin: String, key: String,
                              seed: UInt64) throws -> MotionsHandle {
        try MotionsHandle(frames: motions, prompts: record.prompts, origin: origin, key: key, seed: seed, branches: record.branches)
    }
}
