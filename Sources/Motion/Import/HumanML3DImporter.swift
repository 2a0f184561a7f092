import Foundation

/// One line of a HumanML3D `texts/<id>.txt` file: `caption#tokens#start#end`.
public struct HumanML3DCaption: Equatable, Sendable, Codable {
    public var caption: String
    /// `word/POS` tokens as HumanML3D stores them.
    public var tokens: [String]
    /// The captioned span in seconds; nil (stored as 0.0 or NaN) means the whole motion.
    public var start: Double?
    public var end: Double?

    public init(caption: String, tokens: [String], start: Double?, end: Double?) {
        self.caption = caption; self.tokens = tokens; self.start = start; self.end = end
    }
}

/// A HumanML3D sample: the joints of `new_joints/<id>.npy` and the captions of
/// `texts/<id>.txt` beside it (the dataset's folder layout).
public struct HumanML3DSample: Sendable {
    public var id: String
    public var motion: ImportedMotion
    public var captions: [HumanML3DCaption]
}

/// Reads HumanML3D samples (joints Y up in SMPL's axes at 20 fps, converted to the canonical frame).
public struct HumanML3DImporter: Sendable {
    public init() {}

    /// Reads `new_joints/<id>.npy` and, when it exists, `../texts/<id>.txt`.
    public func callAsFunction(_ jointsURL: URL) throws -> HumanML3DSample {
        let motion = try JointArrayImporter.humanML3D(jointsURL)
        let id = jointsURL.deletingPathExtension().lastPathComponent
        let textURL = jointsURL.deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("texts").appendingPathComponent(id + ".txt")
        let captions = FileManager.default.fileExists(atPath: textURL.path) ? try Self.captions(textURL) : []
        return HumanML3DSample(id: id, motion: motion, captions: captions)
    }

    /// Parses a `texts/<id>.txt` file.
    public static func captions(_ url: URL) throws -> [HumanML3DCaption] {
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw MotionFileError(file: url.path, "cannot read captions (\(error.localizedDescription))")
        }
        return try captions(parsing: text, file: url.path)
    }

    public static func captions(parsing text: String, file: String) throws -> [HumanML3DCaption] {
        var out: [HumanML3DCaption] = []
        for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty { continue }
            let fields = line.components(separatedBy: "#")
            guard fields.count == 4 else {
                throw MotionFileError(file: file, .line(n + 1), "expected 'caption#tokens#start#end' (4 fields), found \(fields.count)")
            }
            func time(_ s: String, _ what: String) throws -> Double? {
                guard let v = Double(s.trimmingCharacters(in: .whitespaces)) else {
                    throw MotionFileError(file: file, .line(n + 1), "\(what) time is not a number: '\(s)'")
                }
                return v.isNaN || v == 0 ? nil : v
            }
            let start = try time(fields[2], "start"), end = try time(fields[3], "end")
            if let s = start, let e = end, e <= s {
                throw MotionFileError(file: file, .line(n + 1), "end time \(e) is not after start time \(s)")
            }
            out.append(HumanML3DCaption(caption: fields[0], tokens: fields[1].split(separator: " ").map(String.init),
                                        start: start, end: end))
        }
        return out
    }
}
