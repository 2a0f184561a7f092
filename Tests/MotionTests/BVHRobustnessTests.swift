import Autograd
import Foundation
import XCTest
@testable import Motion

/// Malformed BVH input: every problem is an error naming the file and line, never a crash.
final class BVHRobustnessTests: XCTestCase {
    func assertError(_ text: String, _ expected: [String], file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try BVHImporter()(BVHDocument(parsing: text, file: "bad.bvh"), file: "bad.bvh"),
                             file: file, line: line) { error in
            let message = "\(error)"
            for e in expected { XCTAssertTrue(message.contains(e), "'\(e)' not in: \(message)", file: file, line: line) }
        }
    }

    func testMissingMotionSection() {
        let cut = String(tinyBVH[..<tinyBVH.range(of: "MOTION")!.lowerBound])
        assertError(cut, ["bad.bvh:", "no MOTION section"])
    }

    func testWrongChannelCountInHierarchy() {
        let bad = tinyBVH.replacingOccurrences(of: "OFFSET 0 -42 0\n      CHANNELS 3 Zrotation Xrotation Yrotation",
                                               with: "OFFSET 0 -42 0\n      CHANNELS 4 Zrotation Xrotation Yrotation")
        assertError(bad, ["bad.bvh:14:", "joint LeftLeg", "unknown channel 'JOINT'"])
    }

    func testRowWithTooFewValues() {
        var lines = tinyBVH.components(separatedBy: "\n")
        lines[lines.count - 1] = lines[lines.count - 1].components(separatedBy: " ").dropLast().joined(separator: " ")
        assertError(lines.joined(separator: "\n"), ["bad.bvh:\(lines.count):", "53 values", "54 channels"])
    }

    func testNonNumericAndNonFiniteValues() {
        assertError(tinyBVH.replacingOccurrences(of: "5 94 0 90", with: "5 94 abc 90"), ["bad.bvh:\(tinyLineCount):", "value 3", "'abc'"])
        assertError(tinyBVH.replacingOccurrences(of: "5 94 0 90", with: "5 nan 0 90"), ["bad.bvh:\(tinyLineCount):", "value 2"])
        assertError(tinyBVH.replacingOccurrences(of: "5 94 0 90", with: "5 inf 0 90"), ["bad.bvh:\(tinyLineCount):", "not a finite number"])
        assertError(tinyBVH.replacingOccurrences(of: "OFFSET 10 -5 0", with: "OFFSET 10 x 0"), ["bad.bvh:8:", "OFFSET y"])
    }

    func testTooFewRowsAndZeroFrames() {
        assertError(tinyBVH.replacingOccurrences(of: "Frames: 2", with: "Frames: 3"), ["declares 3 frames", "only 2 rows"])
        assertError(tinyBVH.replacingOccurrences(of: "Frames: 2", with: "Frames: 0"), ["bad.bvh:", "positive whole number"])
        assertError(tinyBVH.replacingOccurrences(of: "Frames: 2", with: "Frames: 20000"), ["declares 20000 frames"])
    }

    func testExtraRowsAreReadToTheDeclaredCountWithAWarning() throws {
        let doc = try BVHDocument(parsing: tinyBVH.replacingOccurrences(of: "Frames: 2", with: "Frames: 1"), file: "x.bvh")
        XCTAssertEqual(doc.frameCount, 1)
        XCTAssertEqual(doc.warnings.count, 1)
        XCTAssertTrue(doc.warnings[0].contains("1 more row"))
    }

    func testEmptyAndNonBVHFiles() {
        assertError("", ["bad.bvh:1:", "empty file"])
        assertError("hello world", ["bad.bvh:1:", "expected HIERARCHY"])
        assertError("HIERARCHY\nROOT Hips\n{\n OFFSET 0 0 0\n CHANNELS 6 Xposition Yposition Zposition Zrotation Xrotation Yrotation\n",
                    ["bad.bvh:", "missing '}'"])
    }

    var tinyLineCount: Int { tinyBVH.components(separatedBy: "\n").count }

    /// Seeded mutations of the real Boxing and CMU files (header + 30 rows): deletions,
    /// insertions, replaced characters, duplicated/dropped/swapped lines, truncation.
    func testFuzzedRealFilesParseOrThrow() throws {
        var sources: [String] = []
        for name in ["Boxing_Toes.bvh", "01_01.bvh"] {
            guard let url = try? MotionIOFiles.real(name) else { continue }
            let lines = try String(contentsOf: url, encoding: .utf8).components(separatedBy: "\n")
            let motion = lines.firstIndex(of: "MOTION")!
            var head = Array(lines[...(motion + 2)] + lines[(motion + 3)..<(motion + 33)])
            head[motion + 1] = "Frames: 30"
            sources.append(head.joined(separator: "\n"))
        }
        if sources.isEmpty { sources.append(tinyBVH) } // still fuzz something without the package
        var rng = RandomGenerator(seed: 2024)
        let junk = ["{", "}", "JOINT", "End Site", "CHANNELS", "OFFSET", "MOTION", "-", "1e39", "nan", "Frames:", "\t", "\n", "999999999", "ROOT"]
        var parsed = 0, rejected = 0
        for i in 0..<300 {
            var text = Array(sources[i % sources.count].utf8)
            for _ in 0..<Int.random(in: 1...4, using: &rng) {
                let at = Int.random(in: 0..<max(text.count, 1), using: &rng)
                switch Int.random(in: 0..<8, using: &rng) {
                case 6, 7: // a digit becomes another digit: usually still a valid file
                    if let d = (at..<text.count).first(where: { (48...57).contains(text[$0]) }) {
                        text[d] = UInt8.random(in: 48...57, using: &rng)
                    }
                case 0: text.removeSubrange(at..<min(text.count, at + Int.random(in: 1...40, using: &rng)))
                case 1: text.insert(contentsOf: Array(junk.randomElement(using: &rng)!.utf8), at: at)
                case 2: if at < text.count { text[at] = UInt8.random(in: 32...126, using: &rng) }
                case 3: text = Array(text[..<at])
                case 4: // duplicate a chunk
                    let end = min(text.count, at + Int.random(in: 1...200, using: &rng))
                    text.insert(contentsOf: Array(text[at..<end]), at: at)
                default: if at < text.count { text[at] = UInt8.random(in: 0...255, using: &rng) }
                }
            }
            let mutated = String(decoding: text, as: UTF8.self)
            do {
                let motion = try BVHImporter()(BVHDocument(parsing: mutated, file: "fuzz\(i).bvh"), file: "fuzz\(i).bvh")
                XCTAssertGreaterThan(motion.joints.frameCount, 0)
                parsed += 1
            } catch let error as MotionFileError {
                XCTAssertEqual(error.file, "fuzz\(i).bvh")
                rejected += 1
            }
        }
        print("BVH fuzz: \(parsed) parsed, \(rejected) rejected with a located error")
        XCTAssertEqual(parsed + rejected, 300)
    }
}

final class BVHNumberTests: XCTestCase {
    /// The byte-level number reader agrees with `Float.init` on decimal forms BVH files use.
    func testNumberReaderMatchesFloatInit() {
        var rng = RandomGenerator(seed: 12)
        let fixed = ["0", "-0.000000", ".0083333", "12.", "-7.5e-3", "1E+2", "3.4028235e38", "1e-50", "00012.500", "+4.25"]
        var samples = fixed
        for _ in 0..<2000 {
            let v = Double.random(in: -1000...1000, using: &rng) * pow(10, Double(Int.random(in: -8...3, using: &rng)))
            samples.append([String(format: "%.6f", v), String(format: "%.9g", v), String(format: "%e", v), "\(Float(v))"].randomElement(using: &rng)!)
        }
        for s in samples {
            let bytes = Array(s.utf8)
            let ours = BVHParser.float(bytes, 0..<bytes.count)!, reference = Float(s)!
            XCTAssertEqual(ours, reference, accuracy: max(abs(reference) * 2e-7, 1e-38), s)
        }
        for bad in ["1e", "--1", "abc", "1.2.3", ""] {
            let bytes = Array(bad.utf8)
            XCTAssertNil(BVHParser.float(bytes, 0..<bytes.count), bad)
        }
        XCTAssertTrue(BVHParser.float(Array("nan".utf8), 0..<3)!.isNaN)
    }
}
