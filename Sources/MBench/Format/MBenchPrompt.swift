/// A prompt id as the official file gives it: a number or a string (written back the same way).
public enum MBenchPromptID: Hashable, Sendable, CustomStringConvertible {
    case number(Int)
    case text(String)

    public var description: String {
        switch self {
        case .number(let n): return String(n)
        case .text(let s): return s
        }
    }
}

/// One entry of the official MBench prompt list (ARCHITECTURE §6): a prompt to generate and
/// the dimension it is scored on.
public struct MBenchPrompt: Hashable, Sendable {
    /// The text given to the model.
    public var prompt: String
    /// The dimension this entry is scored on.
    public var dimension: MBenchDimension
    /// The entry's id (unique within a dimension).
    public var id: MBenchPromptID
    /// The official category (free text, e.g. "sports"); empty when the file gives none.
    public var category: String
    /// Requested length in frames (officially 60–200). Our models generate 100-frame clips
    /// whatever is requested; the request is recorded beside the result.
    public var motionDuration: Int?
    /// For Motion–Condition Consistency: the 9 distractor labels; otherwise empty.
    public var auxiliaryInfo: [String]
    /// The World action the prompt asks for (`action_id`, written by the World's suites; absent
    /// from the official list).
    public var actionID: String?

    /// Creates an entry.
    public init(prompt: String, dimension: MBenchDimension, id: MBenchPromptID, category: String = "",
                motionDuration: Int? = nil, auxiliaryInfo: [String] = [], actionID: String? = nil) {
        self.prompt = prompt; self.dimension = dimension; self.id = id; self.category = category
        self.motionDuration = motionDuration; self.auxiliaryInfo = auxiliaryInfo; self.actionID = actionID
    }
}

/// The score of one prompt, written in the prompt file's layout plus the result fields.
public struct MBenchPromptResult: Hashable, Sendable {
    /// Whether the prompt could be scored.
    public enum Status: String, Sendable {
        case scored
        /// A judge dimension whose action lies outside what the judge knows (ARCHITECTURE §6).
        case notApplicable = "not_applicable"
    }

    /// The prompt entry, unchanged.
    public var entry: MBenchPrompt
    /// The dimension's value on this prompt's motion (nil when not applicable).
    public var score: Double?
    /// Scored or not applicable.
    public var status: Status
    /// For the judge dimensions: the label the judge chose (consistency) or the similarity.
    public var judgeChoice: String?
    /// Number of frames actually generated (differs from `motion_duration` when the model
    /// generates fixed-length clips).
    public var generatedFrames: Int?

    /// Creates a result.
    public init(entry: MBenchPrompt, score: Double?, status: Status = .scored, judgeChoice: String? = nil,
                generatedFrames: Int? = nil) {
        self.entry = entry; self.score = score; self.status = status
        self.judgeChoice = judgeChoice; self.generatedFrames = generatedFrames
    }
}
