import Autograd
import Foundation
import Motion
import TextEncoding

extension Judge {
    /// Trains a judge: a plain function of the examples, the text encoder and the settings
    /// (seeded; the same inputs give the same weights), so Lab can cache it as a step.
    ///
    /// Holds out `settings.heldOutFraction` of the clips, fits the normalisation on the rest,
    /// trains with symmetric InfoNCE on batches of distinct actions (one clip each, a random
    /// caption of it), then measures R@1/R@5 and calibrates the yes/no threshold on the
    /// held-out clips. `progress` receives (step, loss) after every step.
    public static func train(examples: [JudgeExample], textEncoder: any TextEncoder, settings: JudgeSettings,
                             progress: ((Int, Double) -> Void)? = nil) throws -> Judge {
        let actions = Set(examples.map(\.actionID))
        guard actions.count >= 2 else { throw MBenchError.tooFewSamples(what: "judge training actions", got: actions.count, need: 2) }
        if let bad = examples.firstIndex(where: { $0.captions.isEmpty }) {
            throw MBenchError.tooFewSamples(what: "captions of judge example \(bad) (action \(examples[bad].actionID))", got: 0, need: 1)
        }
        guard settings.steps >= 1 else { throw MBenchError.tooFewSamples(what: "judge training steps (settings.steps)", got: settings.steps, need: 1) }
        guard textEncoder.featureSize > 0 else {
            throw MBenchError.tooFewSamples(what: "text feature size of encoder '\(textEncoder.name)' (the judge needs a MiniLM encoder)", got: 0, need: 1)
        }
        var rng = RandomGenerator(seed: settings.seed &+ 0x9E37_79B9)
        let (training, heldOut) = split(examples, fraction: settings.heldOutFraction, rng: &rng)
        guard training.count >= 2 else { throw MBenchError.tooFewSamples(what: "judge training clips", got: training.count, need: 2) }

        let statistics = try FeatureStatistics(fitting: training.map(\.frames))
        let judge = Judge(settings: settings, statistics: statistics, textEncoder: textEncoder)
        let normalised = training.map { statistics.normalize($0.frames) }
        let captions = Array(Set(training.flatMap(\.captions))).sorted()
        let featureOf = Dictionary(uniqueKeysWithValues: zip(captions, judge.textFeatures(captions)))

        var byAction: [String: [Int]] = [:]
        for (i, example) in training.enumerated() { byAction[example.actionID, default: []].append(i) }
        let actionList = byAction.keys.sorted()
        let optimiser = AdamW(judge.namedParameters, learningRate: settings.learningRate, beta1: 0.9, beta2: 0.98, weightDecay: 1e-4)
        let schedule = WarmupConstant(peak: settings.learningRate, warmupSteps: max(1, settings.steps / 20))
        let batchSize = min(settings.batchSize, actionList.count)
        var recentLosses: [Double] = []
        for step in 0..<settings.steps {
            let chosenActions = rng.permutation(actionList.count).prefix(batchSize).map { actionList[$0] }
            let picks = chosenActions.map { byAction[$0]![rng.integer(below: byAction[$0]!.count)] }
            let texts = picks.map { training[$0].captions[rng.integer(below: training[$0].captions.count)] }
            let batch = judge.motionBatch(picks.map { normalised[$0] })
            let motion = judge.motionEncoder(batch.tokens, mask: batch.mask)
            let text = judge.textProjection(Tensor(texts.flatMap { featureOf[$0]! }, shape: [texts.count, textEncoder.featureSize]))
            let logits = matmul(motion, text, transposeB: true) / settings.temperature
            let labels = Array(0..<picks.count)
            let loss = (crossEntropyLoss(logits, labels: labels) + crossEntropyLoss(logits.transposed(), labels: labels)) / 2
            optimiser.zeroGrad()
            loss.backward()
            _ = clipGradientNorm(judge.motionEncoder.parameters + judge.textProjection.parameters, maxNorm: 1)
            optimiser.learningRate = schedule.rate(at: step)
            optimiser.step()
            let value = Double(loss.item)
            recentLosses.append(value)
            progress?(step, value)
        }
        let tail = recentLosses.suffix(max(1, settings.steps / 10))
        judge.report = judge.evaluate(heldOut.isEmpty ? training : heldOut, trainingSet: training, rng: &rng, actions: actions.count,
                                      finalLoss: tail.reduce(0, +) / Double(tail.count))
        judge.threshold = judge.report!.threshold
        judge.knownActions = Set(actionList)
        judge.knownCaptions = Array(Set(actionList.flatMap { action in
            Array(Set(byAction[action]!.flatMap { training[$0].captions })).sorted().prefix(4)
        })).sorted()
        return judge
    }

    /// R@1/R@5 and the calibrated threshold on `clips` (first caption each; mismatched pairs
    /// take a caption of a clip of another action).
    func evaluate(_ clips: [JudgeExample], trainingSet: [JudgeExample], rng: inout RandomGenerator, actions: Int,
                  finalLoss: Double) -> JudgeReport {
        let trainingClips = trainingSet.count
        let motions = embed(motions: clips.map(\.frames))
        let texts = embed(texts: clips.map { $0.captions[0] })
        let labels = clips.map(\.actionID)
        var (matched, mismatched) = pairs(texts: texts, motions: motions, labels: labels, rng: &rng)
        var calibration = JudgeCalibration.threshold(matched: matched, mismatched: mismatched)
        var note: String?
        if calibration.balancedAccuracy == nil {
            // Tiny worlds: the held-out clips show one action, so no mismatched pair exists.
            // Calibrate on the training clips as well (they always hold ≥ 2 actions) and say so.
            let all = clips + trainingSet
            let allMotions = embed(motions: all.map(\.frames)), allTexts = embed(texts: all.map { $0.captions[0] })
            (matched, mismatched) = pairs(texts: allTexts, motions: allMotions, labels: all.map(\.actionID), rng: &rng)
            calibration = JudgeCalibration.threshold(matched: matched, mismatched: mismatched)
            note = "held-out clips show \(Set(labels).count) action(s): threshold calibrated on held-out + training clips"
                + (calibration.balancedAccuracy == nil ? " (still one class only: threshold is the midpoint of its similarities)" : "")
        }
        return JudgeReport(recallAt1: JudgeCalibration.recall(texts: texts, motions: motions, labels: labels, k: 1),
                           recallAt5: JudgeCalibration.recall(texts: texts, motions: motions, labels: labels, k: 5),
                           balancedAccuracy: calibration.balancedAccuracy ?? 0.5, threshold: calibration.threshold,
                           trainingClips: trainingClips, heldOutClips: clips.count, actions: actions, finalLoss: finalLoss,
                           calibrationNote: note).sanitised()
    }

    /// One matched pair per clip (its own first caption) and one mismatched pair per clip that
    /// has a clip of another action (that clip's first caption), as similarities.
    func pairs(texts: [[Float]], motions: [[Float]], labels: [String], rng: inout RandomGenerator) -> (matched: [Float], mismatched: [Float]) {
        var matched: [Float] = [], mismatched: [Float] = []
        for i in labels.indices {
            matched.append(dotProduct(texts[i], motions[i]))
            let others = labels.indices.filter { labels[$0] != labels[i] }
            if !others.isEmpty { mismatched.append(dotProduct(texts[others[rng.integer(below: others.count)]], motions[i])) }
        }
        return (matched, mismatched)
    }

    /// A seeded split that keeps every action's first clip in training.
    static func split(_ examples: [JudgeExample], fraction: Double, rng: inout RandomGenerator)
        -> (training: [JudgeExample], heldOut: [JudgeExample]) {
        var seen = Set<String>(), training: [JudgeExample] = [], heldOut: [JudgeExample] = []
        for index in rng.permutation(examples.count) {
            let example = examples[index]
            if seen.insert(example.actionID).inserted || rng.uniformDouble() >= fraction {
                training.append(example)
            } else {
                heldOut.append(example)
            }
        }
        return (training, heldOut)
    }
}
