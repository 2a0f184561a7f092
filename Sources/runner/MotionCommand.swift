import ArgumentParser
import Foundation
import Motion

/// `runner motion info|convert|render`: look at, convert and draw motion files.
struct MotionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "motion",
        abstract: "Look at, convert and render motion files (BVH, AMASS .npz, joint .npy, curated clips .safetensors).",
        subcommands: [MotionInfoCommand.self, MotionConvertCommand.self, MotionRenderCommand.self])
}

/// `--unit` for BVH files whose units the height-based guess gets wrong.
struct MotionUnitOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("BVH length unit: metres, centimetres, millimetres, inches or cmu (default: guessed from the skeleton's height).",
                                             valueName: "unit"))
    var unit: String?

    func lengthUnit() throws -> LengthUnit? {
        guard let unit else { return nil }
        guard let u = LengthUnit(rawValue: unit) else {
            throw ValidationError("unknown unit '\(unit)'; use one of \(LengthUnit.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return u
    }
}

/// Shared printing for the motion and mbench commands (stdout for results, stderr for messages).
enum MotionCLI {
    static func json<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func printOut(_ text: String) { FileHandle.standardOutput.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8)) }
    static func printError(_ text: String) { FileHandle.standardError.write(Data((text + "\n").utf8)) }

    static func number(_ v: Double) -> String { String(format: "%.6g", v) }
}

/// `runner motion info FILE…`: what a file holds and how it maps onto the SMPL 22.
struct MotionInfoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info",
        abstract: "Frames, rate, duration, skeleton, units and the joints mapped to (or synthesised for) the SMPL 22.")

    @Argument(help: "Motion files (.bvh, .npz, .npy, .safetensors).") var files: [String]
    @OptionGroup var unit: MotionUnitOption
    @Flag(name: .long, help: "Print one JSON object per file (one per line) instead of text.") var json = false

    func run() throws {
        for file in files { MotionCLI.printOut(try output(for: file)) }
    }

    func output(for file: String) throws -> String {
        let motion = try MotionFiles.read(URL(fileURLWithPath: file), unit: unit.lengthUnit())
        if json { return try MotionCLI.json(motion.report) }
        return Self.text(motion.report)
    }

    static func text(_ r: ImportReport) -> String {
        var lines = [
            "\(r.file)",
            "  format      \(r.format)",
            "  frames      \(r.frames) at \(MotionCLI.number(r.fps)) fps (\(String(format: "%.2f", r.duration)) s)",
            "  skeleton    \(r.skeleton)",
            "  units       \(r.unit), up axis \(r.upAxis)" + (r.stature > 0 ? ", rest height \(String(format: "%.2f", r.stature)) m" : ""),
        ]
        let mapped = SMPLJoint.allCases.filter { !r.synthesised.contains($0.name) }
        lines.append("  mapped      \(mapped.count) of 22" + (mapped.allSatisfy { r.mapping[$0.name] == $0.name } ? " (SMPL names)" : ":"))
        if !mapped.allSatisfy({ r.mapping[$0.name] == $0.name }) {
            for j in mapped { lines.append("    \(j.name.padding(toLength: 15, withPad: " ", startingAt: 0)) ← \(r.mapping[j.name] ?? "?")") }
        }
        if !r.synthesised.isEmpty {
            lines.append("  synthesised \(r.synthesised.count):")
            for name in r.synthesised { lines.append("    \(name.padding(toLength: 15, withPad: " ", startingAt: 0)) = \(r.mapping[name] ?? "?")") }
        }
        for w in r.warnings { lines.append("  note        \(w)") }
        return lines.joined(separator: "\n")
    }
}

/// `runner motion convert IN OUT`: format conversion by extension.
struct MotionConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Convert between formats, chosen by extension: .bvh ↔ .npz (AMASS) ↔ .safetensors (curated 276-dim clips); also .npy and .json joints out.",
        discussion: """
            BVH input is mapped to the SMPL 22 and turned into SMPL rotations by inverse kinematics. \
            A .safetensors output runs curation (20 fps, 100-frame clips, canonical frame, quality filters) \
            and stores normalised frames with their mean and std; as input, --clip picks the clip to decode.
            """)

    @Argument(help: "Input motion file (.bvh, .npz, .npy, .safetensors).") var input: String
    @Argument(help: "Output file (.bvh, .npz, .safetensors, .npy, .json).") var output: String
    @OptionGroup var unit: MotionUnitOption
    @Option(name: .long, help: "Clip to decode from a curated .safetensors input.") var clip = 0
    @Flag(name: .long, help: "Print a JSON summary instead of text.") var json = false

    func run() throws { MotionCLI.printOut(try convert()) }

    func convert() throws -> String {
        let motion = try MotionFiles.read(URL(fileURLWithPath: input), unit: unit.lengthUnit(), clip: clip)
        for w in motion.report.warnings { MotionCLI.printError("note: \(w)") }
        let summary = try MotionFiles.write(motion, to: URL(fileURLWithPath: output))
        if json { return try MotionCLI.json(summary) }
        var text = "\(summary.input) → \(summary.output): \(summary.frames) frames at \(MotionCLI.number(summary.fps)) fps"
        if let clips = summary.clips { text += " in \(clips) clips" }
        for r in summary.rejected ?? [] { text += "\n  dropped \(r)" }
        return text
    }
}

/// `runner motion render FILE… --gif|--filmstrip OUT`: stick-figure pictures.
struct MotionRenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Draw motions as stick figures: a PNG filmstrip of key frames or an animated GIF at 20 fps (several files side by side).")

    @Argument(help: "Motion files; several are drawn side by side (GIF) or one row each (filmstrip).") var files: [String]
    @Option(name: .long, help: ArgumentHelp("Write an animated GIF here.", valueName: "out.gif")) var gif: String?
    @Option(name: .long, help: ArgumentHelp("Write a PNG (or SVG) filmstrip here.", valueName: "out.png")) var filmstrip: String?
    @Option(name: .long, help: "A caption per file (default: the file names).") var title: [String] = []
    @Option(name: .long, help: "Key frames in a filmstrip.") var keyFrames = 6
    @Option(name: .long, help: "Seconds to skip at the start.") var start: Double = 0
    @Option(name: .long, help: "Seconds to draw (default: all).") var duration: Double?
    @OptionGroup var unit: MotionUnitOption

    func validate() throws {
        guard (gif == nil) != (filmstrip == nil) else { throw ValidationError("give exactly one of --gif OUT or --filmstrip OUT") }
        guard title.isEmpty || title.count == files.count else {
            throw ValidationError("\(title.count) --title values for \(files.count) files; give one per file or none")
        }
        guard start >= 0, duration.map({ $0 > 0 }) ?? true else { throw ValidationError("--start must be ≥ 0 and --duration > 0") }
    }

    func run() throws { MotionCLI.printOut(try render()) }

    func render() throws -> String {
        var items: [MotionRenderer.Item] = []
        for (k, file) in files.enumerated() {
            var joints = try MotionFiles.read(URL(fileURLWithPath: file), unit: unit.lengthUnit()).joints
            let first = min(joints.frameCount - 1, Int((start * joints.fps).rounded()))
            let count = duration.map { max(1, Int(($0 * joints.fps).rounded())) } ?? joints.frameCount
            let last = min(joints.frameCount, first + count)
            joints.positions = Array(joints.positions[(first * joints.jointCount)..<(last * joints.jointCount)])
            items.append(.init(joints, title: k < title.count ? title[k] : URL(fileURLWithPath: file).lastPathComponent))
        }
        let renderer = MotionRenderer()
        if let gif { return "wrote \(try renderer.animation(items, to: URL(fileURLWithPath: gif)).path)" }
        return "wrote \(try renderer.filmstrip(items, keyFrames: keyFrames, to: URL(fileURLWithPath: filmstrip!)).path)"
    }
}
