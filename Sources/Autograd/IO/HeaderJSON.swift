// A small strict JSON reader for safetensors headers. Written here rather than using
// JSONSerialization so that key order is kept (errors and round trips follow the file),
// integers are parsed exactly (no Double rounding of offsets), duplicate keys are rejected and
// nesting depth is bounded (fuzzed input cannot exhaust the stack).

indirect enum HeaderJSON {
    case object([(key: String, value: HeaderJSON)])
    case array([HeaderJSON])
    case string(String)
    case integer(Int)
    /// A number that is not an integer representable as `Int` (kept as written).
    case otherNumber(String)
    case bool(Bool)
    case null

    /// A short name of the value's kind, for error messages ("a string", "an array", …).
    var kindName: String {
        switch self {
        case .object: return "an object"
        case .array: return "an array"
        case .string: return "a string"
        case .integer, .otherNumber: return "a number"
        case .bool: return "a boolean"
        case .null: return "null"
        }
    }

    /// Parses one JSON value filling all of `bytes` (surrounding whitespace allowed).
    /// Throws a message (without the file name) describing the first problem and its byte offset.
    static func parse(_ bytes: UnsafeRawBufferPointer) throws -> HeaderJSON {
        var parser = Parser(bytes: bytes)
        parser.skipWhitespace()
        let value = try parser.parseValue(depth: 0)
        parser.skipWhitespace()
        guard parser.position == bytes.count else {
            throw HeaderJSONError(message: "unexpected text after the JSON value", offset: parser.position)
        }
        return value
    }

    private struct Parser {
        let bytes: UnsafeRawBufferPointer
        var position = 0
        static let maximumDepth = 64

        init(bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

        var current: UInt8? { position < bytes.count ? bytes[position] : nil }

        mutating func skipWhitespace() {
            while let byte = current, byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
                position += 1
            }
        }

        func failure(_ message: String) -> HeaderJSONError {
            HeaderJSONError(message: message, offset: position)
        }

        mutating func expect(_ byte: UInt8, _ what: String) throws {
            guard current == byte else { throw failure("expected \(what)") }
            position += 1
        }

        mutating func parseValue(depth: Int) throws -> HeaderJSON {
            guard depth < Parser.maximumDepth else { throw failure("nesting deeper than \(Parser.maximumDepth) levels") }
            guard let byte = current else { throw failure("unexpected end of the JSON text") }
            switch byte {
            case UInt8(ascii: "{"): return try parseObject(depth: depth)
            case UInt8(ascii: "["): return try parseArray(depth: depth)
            case UInt8(ascii: "\""): return .string(try parseString())
            case UInt8(ascii: "t"): try parseLiteral("true"); return .bool(true)
            case UInt8(ascii: "f"): try parseLiteral("false"); return .bool(false)
            case UInt8(ascii: "n"): try parseLiteral("null"); return .null
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
            default: throw failure("unexpected character '\(Character(Unicode.Scalar(byte)))'")
            }
        }

        mutating func parseObject(depth: Int) throws -> HeaderJSON {
            position += 1
            var members: [(key: String, value: HeaderJSON)] = []
            var seen = Set<String>()
            skipWhitespace()
            if current == UInt8(ascii: "}") { position += 1; return .object(members) }
            while true {
                skipWhitespace()
                guard current == UInt8(ascii: "\"") else { throw failure("expected a quoted key") }
                let keyOffset = position
                let key = try parseString()
                guard seen.insert(key).inserted else {
                    throw HeaderJSONError(message: "duplicate key '\(key)'", offset: keyOffset)
                }
                skipWhitespace()
                try expect(UInt8(ascii: ":"), "':' after a key")
                skipWhitespace()
                members.append((key, try parseValue(depth: depth + 1)))
                skipWhitespace()
                if current == UInt8(ascii: ",") { position += 1; continue }
                try expect(UInt8(ascii: "}"), "',' or '}' in an object")
                return .object(members)
            }
        }

        mutating func parseArray(depth: Int) throws -> HeaderJSON {
            position += 1
            var elements: [HeaderJSON] = []
            skipWhitespace()
            if current == UInt8(ascii: "]") { position += 1; return .array(elements) }
            while true {
                skipWhitespace()
                elements.append(try parseValue(depth: depth + 1))
                skipWhitespace()
                if current == UInt8(ascii: ",") { position += 1; continue }
                try expect(UInt8(ascii: "]"), "',' or ']' in an array")
                return .array(elements)
            }
        }

        mutating func parseLiteral(_ word: String) throws {
            for expected in word.utf8 {
                guard current == expected else { throw failure("invalid literal (expected '\(word)')") }
                position += 1
            }
        }

        mutating func parseNumber() throws -> HeaderJSON {
            let start = position
            var isInteger = true
            if current == UInt8(ascii: "-") { position += 1 }
            var digits = 0
            while let byte = current, byte >= 0x30 && byte <= 0x39 { position += 1; digits += 1 }
            guard digits > 0 else { throw failure("a number needs digits") }
            if current == UInt8(ascii: ".") {
                isInteger = false
                position += 1
                var fraction = 0
                while let byte = current, byte >= 0x30 && byte <= 0x39 { position += 1; fraction += 1 }
                guard fraction > 0 else { throw failure("a number needs digits after '.'") }
            }
            if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
                isInteger = false
                position += 1
                if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { position += 1 }
                var exponent = 0
                while let byte = current, byte >= 0x30 && byte <= 0x39 { position += 1; exponent += 1 }
                guard exponent > 0 else { throw failure("a number needs digits in its exponent") }
            }
            let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
            if isInteger, let value = Int(text) { return .integer(value) }
            return .otherNumber(text)
        }

        mutating func parseString() throws -> String {
            position += 1  // opening quote
            var scalars = String.UnicodeScalarView()
            var runStart = position
            func flushRun(_ parser: Parser, upTo end: Int) throws {
                guard end > runStart else { return }
                let run = UnsafeRawBufferPointer(rebasing: parser.bytes[runStart..<end])
                // Decoding repairs invalid UTF-8; a changed byte sequence means it was invalid.
                let text = String(decoding: run, as: UTF8.self)
                guard text.utf8.elementsEqual(run) else {
                    throw HeaderJSONError(message: "a string is not valid UTF-8", offset: runStart)
                }
                scalars.append(contentsOf: text.unicodeScalars)
            }
            while true {
                guard let byte = current else { throw failure("unterminated string") }
                if byte == UInt8(ascii: "\"") {
                    try flushRun(self, upTo: position)
                    position += 1
                    return String(scalars)
                }
                if byte < 0x20 { throw failure("a control character inside a string must be escaped") }
                if byte != UInt8(ascii: "\\") { position += 1; continue }
                try flushRun(self, upTo: position)
                position += 1
                guard let escape = current else { throw failure("unterminated escape") }
                position += 1
                switch escape {
                case UInt8(ascii: "\""): scalars.append("\"")
                case UInt8(ascii: "\\"): scalars.append("\\")
                case UInt8(ascii: "/"): scalars.append("/")
                case UInt8(ascii: "b"): scalars.append("\u{08}")
                case UInt8(ascii: "f"): scalars.append("\u{0C}")
                case UInt8(ascii: "n"): scalars.append("\n")
                case UInt8(ascii: "r"): scalars.append("\r")
                case UInt8(ascii: "t"): scalars.append("\t")
                case UInt8(ascii: "u"): scalars.append(try parseUnicodeEscape())
                default: throw failure("invalid escape '\\\(Character(Unicode.Scalar(escape)))'")
                }
                runStart = position
            }
        }

        mutating func parseUnicodeEscape() throws -> Unicode.Scalar {
            let first = try parseHex4()
            if (0xD800..<0xDC00).contains(first) {
                guard current == UInt8(ascii: "\\") else { throw failure("unpaired UTF-16 surrogate") }
                position += 1
                guard current == UInt8(ascii: "u") else { throw failure("unpaired UTF-16 surrogate") }
                position += 1
                let second = try parseHex4()
                guard (0xDC00..<0xE000).contains(second) else { throw failure("invalid UTF-16 surrogate pair") }
                let combined = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
                guard let scalar = Unicode.Scalar(combined) else { throw failure("invalid \\u escape") }
                return scalar
            }
            guard let scalar = Unicode.Scalar(first) else { throw failure("unpaired UTF-16 surrogate") }
            return scalar
        }

        mutating func parseHex4() throws -> UInt32 {
            var value: UInt32 = 0
            for _ in 0..<4 {
                guard let byte = current, let digit = Character(Unicode.Scalar(byte)).hexDigitValue else {
                    throw failure("a \\u escape needs four hex digits")
                }
                value = value << 4 | UInt32(digit)
                position += 1
            }
            return value
        }
    }
}

/// A JSON syntax problem at a byte offset of the header (the caller adds the file name).
struct HeaderJSONError: Error {
    let message: String
    let offset: Int
}

extension HeaderJSON {
    /// Serialises a string the way serde_json does (the safetensors reference writer):
    /// escapes quote, backslash and control characters; other characters stay as UTF-8.
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case "\u{08}": result += "\\b"
            case "\u{0C}": result += "\\f"
            case let control where control.value < 0x20:
                let hex = String(control.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
