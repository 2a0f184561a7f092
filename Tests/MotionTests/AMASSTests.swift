import Autograd
import Foundation
import XCTest
@testable import Motion

final class AMASSTests: XCTestCase {
    func testExportImportRoundTrip() throws {
        let motion = randomSMPLMotion(frames: 8, seed: 11)
        let npz = try AMASSExporter().npz(motion)
        XCTAssertEqual(npz.arrays["poses"]?.shape, [8, 156])
        XCTAssertEqual(npz.arrays["mocap_framerate"]?.doubles(), [20])
        let back = try AMASSImporter(placeOnFloor: false)(NPZFile(data: npz.encoded(), fileName: "rt.npz"), file: "rt.npz")
        XCTAssertEqual(back.report.format, "AMASS npz (SMPL-H, 52 joints)")
        var worst: Float = 0
        for (a, b) in zip(back.joints.positions, motion.joints().positions) { worst = max(worst, length(a - b)) }
        XCTAssertLessThan(worst, 1e-5)
        let smpl = try back.smpl()
        for (a, b) in zip(smpl.rotations, motion.rotations) {
            for c in 0..<3 { XCTAssertEqual(length(a.column(c) - b.column(c)), 0, accuracy: 1e-5) }
        }
    }

    /// An SMPL-X file (`mocap_frame_rate`, 165 values) whose root orientation stands the
    /// Y-up body up in AMASS's Z-up world: the head ends up above the pelvis.
    func testSMPLXFileStandsUpInZUpWorld() throws {
        var poses = [Double](repeating: 0, count: 3 * 165)
        for f in 0..<3 { poses[f * 165] = Double.pi / 2 } // root: +90° about x
        let npz = NPZFile(arrays: [
            "poses": try NDArray(poses, shape: [3, 165]),
            "trans": try NDArray([Double](repeating: 0, count: 9), shape: [3, 3]),
            "mocap_frame_rate": try NDArray([Double(30)], shape: []),
            "betas": try NDArray([Double](repeating: 0, count: 16), shape: [16]),
        ])
        let m = try AMASSImporter()(npz, file: "x.npz")
        XCTAssertEqual(m.report.fps, 30)
        XCTAssertTrue(m.report.format.contains("SMPL-X"))
        XCTAssertTrue(m.report.warnings.contains { $0.contains("betas") })
        let j = m.joints
        let height = j[frame: 0, joint: SMPLJoint.head.rawValue].z - j[frame: 0, joint: SMPLJoint.leftFoot.rawValue].z
        XCTAssertEqual(height, 1.4, accuracy: 0.15)
        XCTAssertEqual(j.positions.map(\.z).min()!, 0, accuracy: 1e-6)
    }

    /// The same parameters read as a Y-up SMPL world are the Z-up reading turned by SMPL's
    /// axes change (x, y, z) → (−x, z, y).
    func testYUpWorldIsTheZUpReadingRotated() throws {
        let npz = try AMASSExporter().npz(randomSMPLMotion(frames: 3, seed: 21))
        let z = try AMASSImporter(worldAxes: .zUp, placeOnFloor: false)(npz, file: "a.npz").joints
        let y = try AMASSImporter(worldAxes: .yUp, placeOnFloor: false)(npz, file: "a.npz").joints
        for (a, b) in zip(z.positions, y.positions) {
            XCTAssertLessThan(length(SMPLFrame.toCanonical(a) - b), 1e-5)
        }
    }

    func assertError(_ arrays: [String: NDArray], _ expected: [String], file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try AMASSImporter()(NPZFile(arrays: arrays), file: "bad.npz"), file: file, line: line) { error in
            let text = "\(error)"
            for e in expected { XCTAssertTrue(text.contains(e), "'\(e)' not in: \(text)", file: file, line: line) }
        }
    }

    func testBadFilesNameTheKey() throws {
        let poses = try NDArray([Double](repeating: 0, count: 2 * 156), shape: [2, 156])
        let trans = try NDArray([Double](repeating: 0, count: 6), shape: [2, 3])
        let rate = try NDArray([Double(60)], shape: [])
        assertError(["trans": trans, "mocap_framerate": rate], ["bad.npz", "key 'poses'", "missing"])
        assertError(["poses": poses, "mocap_framerate": rate], ["key 'trans'", "missing"])
        assertError(["poses": poses, "trans": trans], ["key 'mocap_framerate'", "mocap_frame_rate"])
        assertError(["poses": try NDArray([Double](repeating: 0, count: 200), shape: [2, 100]), "trans": trans, "mocap_framerate": rate],
                    ["key 'poses'", "[2, 100]", "156"])
        assertError(["poses": poses, "trans": try NDArray([Double](repeating: 0, count: 9), shape: [3, 3]), "mocap_framerate": rate],
                    ["key 'trans'", "(2, 3)"])
        var nan = [Double](repeating: 0, count: 2 * 156); nan[156 + 7] = .nan
        assertError(["poses": try NDArray(nan, shape: [2, 156]), "trans": trans, "mocap_framerate": rate],
                    ["key 'poses'", "frame 1, value 7", "NaN"])
        var inf = [Double](repeating: 0, count: 6); inf[4] = .infinity
        assertError(["poses": poses, "trans": try NDArray(inf, shape: [2, 3]), "mocap_framerate": rate], ["key 'trans'", "frame 1"])
        assertError(["poses": try NDArray([Double](), shape: [0, 156]), "trans": try NDArray([Double](), shape: [0, 3]), "mocap_framerate": rate],
                    ["key 'poses'", "no frames"])
        assertError(["poses": poses, "trans": trans, "mocap_framerate": try NDArray([Double(-1)], shape: [])], ["key 'mocap_framerate'", "positive"])
    }

    /// Seeded byte mutations of a valid file: every case decodes or throws a located error.
    func testFuzzedNPZParsesOrThrows() throws {
        let bytes = [UInt8](try AMASSExporter().npz(randomSMPLMotion(frames: 3, seed: 5)).encoded())
        var rng = RandomGenerator(seed: 99)
        var parsed = 0, rejected = 0
        for i in 0..<300 {
            var b = bytes
            for _ in 0..<Int.random(in: 1...6, using: &rng) {
                let at = Int.random(in: 0..<b.count, using: &rng)
                switch Int.random(in: 0..<4, using: &rng) {
                case 0: b[at] = UInt8.random(in: 0...255, using: &rng)
                case 1: b.removeSubrange(at..<min(b.count, at + Int.random(in: 1...64, using: &rng)))
                case 2: b = Array(b[..<at])
                default: b[at] ^= 1 << UInt8.random(in: 0...7, using: &rng)
                }
                if b.isEmpty { break }
            }
            do {
                let npz = try NPZFile(data: Data(b), fileName: "fuzz\(i).npz")
                _ = try AMASSImporter()(npz, file: "fuzz\(i).npz")
                parsed += 1
            } catch is ArrayFileError {
                rejected += 1
            } catch let e as MotionFileError {
                XCTAssertEqual(e.file, "fuzz\(i).npz"); rejected += 1
            }
        }
        // Array-level mutations (the zip checksum stops most byte flips above): odd values,
        // reshaped or dropped arrays, renamed keys.
        let clean = try AMASSExporter().npz(randomSMPLMotion(frames: 4, seed: 6))
        let specials: [Double] = [.nan, .infinity, -.infinity, 1e30, -1e30, 0, 1e-30, 1e6]
        for i in 0..<300 {
            var arrays = clean.arrays
            for _ in 0..<Int.random(in: 1...3, using: &rng) {
                let key = ["poses", "trans", "mocap_framerate"].randomElement(using: &rng)!
                guard let a = arrays[key] else { continue }
                var values = a.doubles()
                switch Int.random(in: 0..<4, using: &rng) {
                case 0: if !values.isEmpty { values[Int.random(in: 0..<values.count, using: &rng)] = specials.randomElement(using: &rng)! }
                    arrays[key] = try NDArray(values, shape: a.shape)
                case 1: arrays[key] = try NDArray(Array(values.dropLast(a.shape.last ?? 1)), shape: [max(0, a.count - (a.shape.last ?? 1))])
                case 2: arrays[key] = nil; arrays[key + "_x"] = a
                default: arrays[key] = try NDArray(values.map(Float.init), shape: a.shape)
                }
            }
            do {
                let m = try AMASSImporter()(NPZFile(arrays: arrays), file: "mut\(i).npz")
                XCTAssertTrue(m.joints.positions.allSatisfy { $0.x.isFinite && $0.y.isFinite && $0.z.isFinite }, "a file that imports has finite joints")
                parsed += 1
            } catch let e as MotionFileError {
                XCTAssertEqual(e.file, "mut\(i).npz"); rejected += 1
            }
        }
        print("npz fuzz: \(parsed) parsed, \(rejected) rejected")
        XCTAssertEqual(parsed + rejected, 600)
    }
}
