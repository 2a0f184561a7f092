import Foundation
import XCTest
@testable import Rx

/// Writes recipe files into a fresh temporary folder and runs them, capturing printed lines.
final class Harness {
    let directory: URL
    var printed: [String] = []
    var notes: [String] = []
    lazy var interpreter: Interpreter = makeInterpreter()
    var registry: BuiltinRegistry = .standard()
    var options = Interpreter.Options()

    init() {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("rx-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    private func makeInterpreter() -> Interpreter {
        Interpreter(registry: registry, options: options, output: { [unowned self] in self.printed.append($0) },
                    diagnostics: { [unowned self] in self.notes.append($0) })
    }

    /// Writes `name` with `text` and returns its path.
    @discardableResult
    func write(_ name: String, _ text: String) -> String {
        let url = directory.appendingPathComponent(name)
        try! FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try! text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    /// Runs `text` as the recipe `main.rx` (shown under that name) from the temp folder.
    @discardableResult
    func run(_ text: String, name: String = "main.rx", overrides: [String] = []) throws -> Interpreter.Summary {
        write(name, text)
        let previous = FileManager.default.currentDirectoryPath
        FileManager.default.changeCurrentDirectoryPath(directory.path)
        defer { FileManager.default.changeCurrentDirectoryPath(previous) }
        return try interpreter.run(file: name, overrides: try overrides.map(Override.parse))
    }

    /// The error `text` raises; fails the test when it raises none.
    func error(_ text: String, overrides: [String] = [], file: StaticString = #filePath, line: UInt = #line) -> RxError? {
        do {
            try run(text, overrides: overrides)
            XCTFail("expected an error", file: file, line: line)
            return nil
        } catch let error as RxError {
            return error
        } catch {
            XCTFail("unexpected error type \(error)", file: file, line: line)
            return nil
        }
    }

    /// The value of variable `name` after a run.
    func value(_ name: String) -> Value? { interpreter.variables[name] }
}

/// Evaluates a one-line expression in a fresh interpreter.
func eval(_ expression: String) throws -> Value? {
    let interpreter = Interpreter(output: { _ in }, diagnostics: { _ in })
    return try interpreter.evaluate(Source(name: "repl", path: nil, text: expression))
}
