import Foundation

extension BVHDocument {
    /// Reads a BVH file.
    public init(contentsOf url: URL) throws {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw MotionFileError(file: url.path, "cannot read the file (\(error.localizedDescription))")
        }
        guard let text = String(data: data, encoding: .utf8) ?? String(data: data, encoding: .isoLatin1) else {
            throw MotionFileError(file: url.path, "not a text file")
        }
        try self.init(parsing: text, file: url.path)
    }

    /// Parses BVH text; `file` names the source in error messages.
    ///
    /// A data section with more rows than `Frames:` declares is read to the declared count
    /// (with a warning); fewer rows is an error, as is a row with the wrong number of values.
    public init(parsing text: String, file: String) throws {
        var parser = BVHParser(text: text, file: file)
        self = try parser.document()
    }
}

/// Recursive-descent reader of the HIERARCHY section, then a row reader for MOTION.
struct BVHParser {
    /// The text as bytes and each line's byte range (without its line break): the data
    /// section is parsed from bytes, since it is almost all of a file.
    let bytes: [UInt8]
    let lineRanges: [Range<Int>]
    let file: String
    /// Current position: line index and token index within that line.
    var lineIndex = 0
    var tokens: [Substring] = []
    var tokenIndex = 0

    init(text: String, file: String) {
        bytes = Array(text.utf8)
        var ranges: [Range<Int>] = [], start = 0
        for (i, b) in bytes.enumerated() where b == UInt8(ascii: "\n") {
            ranges.append(start..<(i > start && bytes[i - 1] == UInt8(ascii: "\r") ? i - 1 : i))
            start = i + 1
        }
        ranges.append(start..<bytes.count)
        lineRanges = ranges
        self.file = file
        tokens = Self.split(Self.text(bytes, ranges[0]))
    }

    static func text(_ bytes: [UInt8], _ range: Range<Int>) -> Substring {
        Substring(String(decoding: bytes[range], as: UTF8.self))
    }

    var lineCount: Int { lineRanges.count }

    static func split(_ line: Substring) -> [Substring] {
        line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })
    }

    var lineNumber: Int { min(lineIndex, max(lineCount - 1, 0)) + 1 }

    func error(_ message: String) -> MotionFileError { MotionFileError(file: file, .line(lineNumber), message) }

    /// The next token, or nil at the end of the text.
    mutating func next() -> Substring? {
        while tokenIndex >= tokens.count {
            lineIndex += 1
            guard lineIndex < lineCount else { return nil }
            tokens = Self.split(Self.text(bytes, lineRanges[lineIndex])); tokenIndex = 0
        }
        defer { tokenIndex += 1 }
        return tokens[tokenIndex]
    }

    mutating func expect(_ word: String) throws {
        guard let t = next() else { throw error("expected '\(word)', found the end of the file") }
        guard t.lowercased() == word.lowercased() else { throw error("expected '\(word)', found '\(t)'") }
    }

    mutating func number(_ what: String) throws -> Float { Float(try double(what)) }

    mutating func double(_ what: String) throws -> Double {
        guard let t = next() else { throw error("expected \(what), found the end of the file") }
        guard let v = Double(t), v.isFinite, abs(v) < 1e30 else { throw error("\(what) is not a finite number: '\(t)'") }
        return v
    }

    /// The rest of the current line (a joint name may contain spaces).
    mutating func restOfLine(_ what: String) throws -> String {
        guard tokenIndex < tokens.count else { throw error("missing \(what)") }
        let name = tokens[tokenIndex...].joined(separator: " ")
        tokenIndex = tokens.count
        return name
    }

    mutating func document() throws -> BVHDocument {
        guard let first = next() else { throw MotionFileError(file: file, .line(1), "empty file (expected HIERARCHY)") }
        guard first.uppercased() == "HIERARCHY" else { throw error("expected HIERARCHY, found '\(first)'") }
        try expect("ROOT")
        var joints: [BVHDocument.Joint] = []
        try joint(parent: -1, into: &joints)
        guard let motion = next() else {
            throw error("no MOTION section after the hierarchy (the file ends at line \(lineCount))")
        }
        if motion.uppercased() == "ROOT" { throw error("a second ROOT is not supported; split the file per skeleton") }
        guard motion.uppercased() == "MOTION" else { throw error("expected MOTION after the hierarchy, found '\(motion)'") }
        try expect("Frames:")
        let declared = try number("the frame count")
        guard declared >= 1, declared == declared.rounded(), declared < 1e8 else {
            throw error("'Frames:' must be a positive whole number, got \(declared)")
        }
        try expect("Frame"); try expect("Time:")
        let frameTime = try double("the frame time")
        guard frameTime > 0 else { throw error("'Frame Time:' must be positive, got \(frameTime)") }
        var warnings: [String] = []
        let values = try rows(count: Int(declared), channels: joints.reduce(0) { $0 + $1.channels.count },
                              warnings: &warnings)
        return BVHDocument(joints: joints, frameTime: frameTime, values: values, warnings: warnings)
    }

    /// Reads one ROOT/JOINT block (its name follows the keyword already consumed).
    mutating func joint(parent: Int, into joints: inout [BVHDocument.Joint]) throws {
        let name = try restOfLine("joint name")
        try expect("{")
        try expect("OFFSET")
        let offset = SIMD3(try number("OFFSET x"), try number("OFFSET y"), try number("OFFSET z"))
        try expect("CHANNELS")
        let declared = try number("the channel count of \(name)")
        guard declared >= 0, declared <= 6, declared == declared.rounded() else {
            throw error("joint \(name): CHANNELS count must be 0…6, got \(declared)")
        }
        var channels: [BVHDocument.Channel] = []
        for _ in 0..<Int(declared) {
            guard let t = next() else { throw error("joint \(name): CHANNELS ends early") }
            guard let c = BVHDocument.Channel.allCases.first(where: { $0.rawValue.lowercased() == t.lowercased() }) else {
                throw error("joint \(name): unknown channel '\(t)' (CHANNELS declares \(Int(declared)); expected names like Xposition, Zrotation)")
            }
            guard !channels.contains(c) else { throw error("joint \(name): channel \(c.rawValue) listed twice") }
            channels.append(c)
        }
        let index = joints.count
        joints.append(.init(name: name, parent: parent, offset: offset, channels: channels))
        while true {
            guard let t = next() else { throw error("joint \(name): missing '}' (the file ends inside its block)") }
            switch t.uppercased() {
            case "JOINT": try joint(parent: index, into: &joints)
            case "END":
                try expect("Site"); try expect("{"); try expect("OFFSET")
                joints[index].endSites.append(SIMD3(try number("End Site x"), try number("End Site y"), try number("End Site z")))
                try expect("}")
            case "}": return
            default:
                throw error("joint \(name): unexpected '\(t)' (expected JOINT, End Site or '}'; is a CHANNELS count wrong?)")
            }
        }
    }

    /// The data rows after `Frame Time:`, one frame per non-blank line.
    mutating func rows(count: Int, channels: Int, warnings: inout [String]) throws -> [Float] {
        if tokenIndex < tokens.count { throw error("unexpected '\(tokens[tokenIndex])' after the frame time") }
        var values: [Float] = []
        values.reserveCapacity(min(count, lineCount) * channels) // a lying header must not allocate
        var frames = 0, extra = 0
        for i in (lineIndex + 1)..<max(lineIndex + 1, lineCount) {
            let range = lineRanges[i]
            let before = values.count
            var k = range.lowerBound, field = 0
            while true {
                while k < range.upperBound && Self.isBlank(bytes[k]) { k += 1 }
                if k == range.upperBound { break }
                let fieldStart = k
                while k < range.upperBound && !Self.isBlank(bytes[k]) { k += 1 }
                field += 1
                if frames >= count { continue } // extra rows are only counted
                guard field <= channels else { continue }
                guard let v = Self.float(bytes, fieldStart..<k), v.isFinite else {
                    throw MotionFileError(file: file, .line(i + 1),
                                          "frame \(frames + 1), value \(field) is not a finite number: '\(Self.text(bytes, fieldStart..<k))'")
                }
                values.append(v)
            }
            if field == 0 { continue }
            guard frames < count else { extra += 1; continue }
            guard field == channels else {
                values.removeSubrange(before...)
                throw MotionFileError(file: file, .line(i + 1),
                                      "frame \(frames + 1) has \(field) values; the hierarchy declares \(channels) channels")
            }
            frames += 1
        }
        guard frames == count else {
            throw MotionFileError(file: file, .line(lineCount),
                                  "'Frames:' declares \(count) frames but the data section has only \(frames) rows")
        }
        if extra > 0 {
            warnings.append("\(file): the data section has \(extra) more row\(extra == 1 ? "" : "s") than 'Frames: \(count)' declares; read the declared \(count)")
        }
        return values
    }

    static func isBlank(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0B || b == 0x0C }

    /// A decimal number (`-12.5`, `.0083`, `1e-05`) parsed from bytes; anything else goes
    /// through `Float.init` (which also knows `nan`, `inf`, hex floats).
    static func float(_ bytes: [UInt8], _ range: Range<Int>) -> Float? {
        var k = range.lowerBound
        var negative = false
        if k < range.upperBound && (bytes[k] == UInt8(ascii: "-") || bytes[k] == UInt8(ascii: "+")) {
            negative = bytes[k] == UInt8(ascii: "-"); k += 1
        }
        var mantissa: UInt64 = 0, digits = 0, scale = 0, sawDigit = false
        while k < range.upperBound, bytes[k] >= 48, bytes[k] <= 57 {
            if digits < 18 { mantissa = mantissa * 10 + UInt64(bytes[k] - 48); if mantissa > 0 { digits += 1 } } else { scale += 1 }
            sawDigit = true; k += 1
        }
        if k < range.upperBound && bytes[k] == UInt8(ascii: ".") {
            k += 1
            while k < range.upperBound, bytes[k] >= 48, bytes[k] <= 57 {
                if digits < 18 { mantissa = mantissa * 10 + UInt64(bytes[k] - 48); if mantissa > 0 { digits += 1 }; scale -= 1 }
                sawDigit = true; k += 1
            }
        }
        if k < range.upperBound && (bytes[k] == UInt8(ascii: "e") || bytes[k] == UInt8(ascii: "E")) && sawDigit {
            k += 1
            var expNegative = false, exponent = 0, expDigits = 0
            if k < range.upperBound && (bytes[k] == UInt8(ascii: "-") || bytes[k] == UInt8(ascii: "+")) {
                expNegative = bytes[k] == UInt8(ascii: "-"); k += 1
            }
            while k < range.upperBound, bytes[k] >= 48, bytes[k] <= 57 {
                exponent = min(exponent * 10 + Int(bytes[k] - 48), 10_000); expDigits += 1; k += 1
            }
            if expDigits == 0 { return nil }
            scale += expNegative ? -exponent : exponent
        }
        guard sawDigit, k == range.upperBound else {
            return Float(String(decoding: bytes[range], as: UTF8.self))
        }
        guard scale > -400 else { return negative ? -0 : 0 }
        guard scale < 400 else { return mantissa == 0 ? 0 : (negative ? -.infinity : .infinity) }
        let value = Double(mantissa) * pow(10, Double(scale))
        return Float(negative ? -value : value)
    }
}
