import Foundation
import CReadline

/// Where the REPL gets its lines: readline on a terminal, plain stdin otherwise.
public protocol LineReader {
    /// The next line without its newline, or nil at end of input.
    func readLine(prompt: String) -> String?
    /// Records a finished entry in the history.
    func remember(_ entry: String)
    /// Whether Ctrl-C was pressed since the last call (the REPL then drops a half-typed entry).
    func takeInterrupt() -> Bool
}

extension LineReader {
    public func takeInterrupt() -> Bool { false }
}

/// Reads stdin line by line with no prompt and no history (pipes, tests, scripts).
public struct PlainLineReader: LineReader {
    public init() {}
    public func readLine(prompt: String) -> String? { Swift.readLine(strippingNewline: true) }
    public func takeInterrupt() -> Bool {
        defer { Completion.interrupted = false }
        return Completion.interrupted
    }

    public func remember(_ entry: String) {}
}

/// GNU readline: line editing, history kept in a file across sessions, tab completion.
public final class ReadlineLineReader: LineReader {
    private let historyFile: String

    /// Loads the history file (creating its folder) and installs `complete` for Tab.
    public init(historyFile: String, primaryPrompt: String = "rx> ",
                complete: @escaping (_ word: String, _ line: String) -> [String]) {
        self.historyFile = historyFile
        try? FileManager.default.createDirectory(atPath: (historyFile as NSString).deletingLastPathComponent,
                                                 withIntermediateDirectories: true)
        read_history(historyFile)
        Completion.provider = complete
        rl_readline_name = UnsafePointer(strdup("rx"))
        Completion.primaryPrompt = UnsafePointer(strdup(primaryPrompt))
        // Ctrl-C at the prompt clears the line (and a half-typed entry); while an entry runs
        // it ends the process as usual (status 130), since a step cannot be stopped midway.
        signal(SIGINT) { _ in
            guard Completion.atPrompt else { _exit(130) }
            Completion.interrupted = true
            rl_crlf()
            if let prompt = Completion.primaryPrompt { rl_set_prompt(prompt) }
            rl_replace_line("", 0)
            rl_on_new_line()
            rl_redisplay()
        }
        rl_completer_word_break_characters = UnsafePointer(strdup(" \t\n\"(),[]{}+-*/%=<>;"))
        rl_attempted_completion_function = { text, _, _ in
            rl_attempted_completion_over = 1
            rl_completion_append_character = 0  // so `mea<Tab>` gives `mean` ready for `(`
            let word = text.map { String(cString: $0) } ?? ""
            let line = rl_line_buffer.map { String(cString: $0) } ?? ""
            Completion.matches = Completion.provider?(word, line) ?? []
            Completion.next = 0
            return rl_completion_matches(text, { _, _ in
                guard Completion.next < Completion.matches.count else { return nil }
                defer { Completion.next += 1 }
                return strdup(Completion.matches[Completion.next])
            })
        }
    }

    public func readLine(prompt: String) -> String? {
        Completion.atPrompt = true
        let line = readline(prompt)
        Completion.atPrompt = false
        guard let pointer = line else { return nil }
        defer { free(pointer) }
        return String(cString: pointer)
    }

    public func takeInterrupt() -> Bool {
        defer { Completion.interrupted = false }
        return Completion.interrupted
    }

    public func remember(_ entry: String) {
        guard !entry.trimmingCharacters(in: .whitespaces).isEmpty else { return }
        add_history(entry)
        write_history(historyFile)
    }
}

/// readline's callbacks and the signal handler are C function pointers and cannot capture, so
/// their state lives here: the candidates of one Tab press, and the Ctrl-C flags.
private enum Completion {
    nonisolated(unsafe) static var atPrompt = false
    nonisolated(unsafe) static var primaryPrompt: UnsafePointer<CChar>?
    nonisolated(unsafe) static var interrupted = false
    nonisolated(unsafe) static var provider: ((String, String) -> [String])?
    nonisolated(unsafe) static var matches: [String] = []
    nonisolated(unsafe) static var next = 0
}
