// A reader for the Python literal that forms a .npy header, e.g.
// `{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }`: dicts, tuples, lists,
// quoted strings, integers, True/False/None. Nothing else is accepted (numpy itself refuses
// anything but literals there). Depth is bounded so that fuzzed headers cannot exhaust the stack.

indirect enum PythonLiteral {
    case dict([(key: PythonLiteral, value: PythonLiteral)])
    case sequence([PythonLiteral])  // a tuple or a list
    case string(String)
    case integer(Int)
    case bool(Bool)
    case none

    /// Parses `text` as one literal; throws a message naming the character offset of the problem.
    static func parse(_ text: String) throws -> PythonLiteral {
        var parser = Parser(characters: Array(text.unicodeScalars))
        parser.skipWhitespace()
        let value = try parser.parseValue(depth: 0)
        parser.skipWhitespace()
        guard parser.position == parser.characters.count else {
            throw PythonLiteralError(message: "unexpected text after the literal", offset: parser.position)
        }
        return value
    }

    private struct Parser {
        let characters: [Unicode.Scalar]
        var position = 0
        static let maximumDepth = 32

        var current: Unicode.Scalar? { position < characters.count ? characters[position] : nil }

        func failure(_ message: String) -> PythonLiteralError {
            PythonLiteralError(message: message, offset: position)
        }

        mutating func skipWhitespace() {
            while let character = current, character == " " || character == "\t" || character == "\n" || character == "\r" {
                position += 1
            }
        }

        mutating func parseValue(depth: Int) throws -> PythonLiteral {
            guard depth < Parser.maximumDepth else { throw failure("nesting too deep") }
            guard let character = current else { throw failure("unexpected end of the header") }
            switch character {
            case "{": return try parseDict(depth: depth)
            case "(": return .sequence(try parseSequence(closing: ")", depth: depth))
            case "[": return .sequence(try parseSequence(closing: "]", depth: depth))
            case "'", "\"": return .string(try parseString())
            case "-", "0"..."9": return .integer(try parseInteger())
            default:
                let word = parseWord()
                switch word {
                case "True": return .bool(true)
                case "False": return .bool(false)
                case "None": return .none
                case "": throw failure("unexpected character '\(character)'")
                default: throw failure("unexpected name '\(word)' (only literals are allowed)")
                }
            }
        }

        mutating func parseDict(depth: Int) throws -> PythonLiteral {
            position += 1
            var pairs: [(key: PythonLiteral, value: PythonLiteral)] = []
            while true {
                skipWhitespace()
                if current == "}" { position += 1; return .dict(pairs) }
                let key = try parseValue(depth: depth + 1)
                skipWhitespace()
                guard current == ":" else { throw failure("expected ':' after a dict key") }
                position += 1
                skipWhitespace()
                pairs.append((key, try parseValue(depth: depth + 1)))
                skipWhitespace()
                if current == "," { position += 1; continue }
                guard current == "}" else { throw failure("expected ',' or '}' in a dict") }
            }
        }

        mutating func parseSequence(closing: Unicode.Scalar, depth: Int) throws -> [PythonLiteral] {
            position += 1
            var elements: [PythonLiteral] = []
            while true {
                skipWhitespace()
                if current == closing { position += 1; return elements }
                elements.append(try parseValue(depth: depth + 1))
                skipWhitespace()
                if current == "," { position += 1; continue }
                guard current == closing else { throw failure("expected ',' or '\(closing)'") }
            }
        }

        mutating func parseString() throws -> String {
            let quote = characters[position]
            position += 1
            var result = String.UnicodeScalarView()
            while true {
                guard let character = current else { throw failure("unterminated string") }
                position += 1
                if character == quote { return String(result) }
                if character == "\\" {
                    guard let escaped = current else { throw failure("unterminated escape") }
                    position += 1
                    switch escaped {
                    case "n": result.append("\n")
                    case "t": result.append("\t")
                    case "r": result.append("\r")
                    case "\\", "'", "\"": result.append(escaped)
                    default: throw failure("unsupported escape '\\\(escaped)'")
                    }
                } else {
                    result.append(character)
                }
            }
        }

        mutating func parseInteger() throws -> Int {
            let start = position
            if current == "-" { position += 1 }
            while let character = current, ("0"..."9").contains(character) { position += 1 }
            let text = String(String.UnicodeScalarView(characters[start..<position]))
            if current == "L" { position += 1 }  // Python 2 long suffix in old files
            guard let value = Int(text) else { throw PythonLiteralError(message: "invalid integer '\(text)'", offset: start) }
            return value
        }

        mutating func parseWord() -> String {
            let start = position
            while let character = current, character.properties.isAlphabetic || character == "_" { position += 1 }
            return String(String.UnicodeScalarView(characters[start..<position]))
        }
    }
}

/// A syntax problem at a character offset of a .npy header (the caller adds the file name).
struct PythonLiteralError: Error {
    let message: String
    let offset: Int
}
