import Autograd
import Foundation
import XCTest
@testable import Motion

/// Shared helpers for the importer/exporter tests.
enum MotionIOFiles {
    static let assimpBVH = URL(fileURLWithPath: "/usr/share/assimp/models/BVH")

    /// A real BVH file from Debian's assimp-testmodels, or a skip naming the package.
    static func real(_ name: String) throws -> URL {
        let url = assimpBVH.appendingPathComponent(name)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw XCTSkip("\(url.path) not found: install Debian's assimp-testmodels (apt-get install assimp-testmodels) to run the real-file tests")
        }
        return url
    }

    static func fixture(_ path: String) -> URL {
        Bundle.module.resourceURL!.appendingPathComponent("Fixtures").appendingPathComponent(path)
    }

    static func temporaryDirectory() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("motionio-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }
}

/// A seeded random SMPL motion: rotations up to ~60° per joint, wandering root.
func randomSMPLMotion(frames: Int, seed: UInt64) -> SMPLMotion {
    var rng = RandomGenerator(seed: seed)
    var rotations: [Mat3] = [], roots: [SIMD3<Float>] = []
    for t in 0..<frames {
        roots.append(SIMD3(Float(t) * 0.02, Float.random(in: -0.1...0.1, using: &rng), 0.95))
        for _ in 0..<SMPLJoint.count {
            let axis = SIMD3(Float.random(in: -1...1, using: &rng), Float.random(in: -1...1, using: &rng), Float.random(in: -1...1, using: &rng))
            rotations.append(Mat3(axis: axis, angle: Float.random(in: 0...1, using: &rng)))
        }
    }
    return SMPLMotion(fps: 20, rootTranslation: roots, rotations: rotations)
}

/// A tiny Y-up, centimetre BVH body with CMU-style names (no spine2, no collars), two frames.
let tinyBVH = """
HIERARCHY
ROOT Hips
{
  OFFSET 0 0 0
  CHANNELS 6 Xposition Yposition Zposition Zrotation Xrotation Yrotation
  JOINT LeftUpLeg
  {
    OFFSET 10 -5 0
    CHANNELS 3 Zrotation Xrotation Yrotation
    JOINT LeftLeg
    {
      OFFSET 0 -42 0
      CHANNELS 3 Zrotation Xrotation Yrotation
      JOINT LeftFoot
      {
        OFFSET 0 -42 0
        CHANNELS 3 Zrotation Xrotation Yrotation
        End Site
        {
          OFFSET 0 -5 12
        }
      }
    }
  }
  JOINT RightUpLeg
  {
    OFFSET -10 -5 0
    CHANNELS 3 Zrotation Xrotation Yrotation
    JOINT RightLeg
    {
      OFFSET 0 -42 0
      CHANNELS 3 Zrotation Xrotation Yrotation
      JOINT RightFoot
      {
        OFFSET 0 -42 0
        CHANNELS 3 Zrotation Xrotation Yrotation
        End Site
        {
          OFFSET 0 -5 12
        }
      }
    }
  }
  JOINT Spine
  {
    OFFSET 0 12 0
    CHANNELS 3 Zrotation Xrotation Yrotation
    JOINT Chest
    {
      OFFSET 0 20 0
      CHANNELS 3 Zrotation Xrotation Yrotation
      JOINT Neck
      {
        OFFSET 0 20 0
        CHANNELS 3 Zrotation Xrotation Yrotation
        JOINT Head
        {
          OFFSET 0 8 0
          CHANNELS 3 Zrotation Xrotation Yrotation
          End Site
          {
            OFFSET 0 15 0
          }
        }
      }
      JOINT LeftArm
      {
        OFFSET 18 16 0
        CHANNELS 3 Zrotation Xrotation Yrotation
        JOINT LeftForeArm
        {
          OFFSET 28 0 0
          CHANNELS 3 Zrotation Xrotation Yrotation
          JOINT LeftHand
          {
            OFFSET 25 0 0
            CHANNELS 3 Zrotation Xrotation Yrotation
          }
        }
      }
      JOINT RightArm
      {
        OFFSET -18 16 0
        CHANNELS 3 Zrotation Xrotation Yrotation
        JOINT RightForeArm
        {
          OFFSET -28 0 0
          CHANNELS 3 Zrotation Xrotation Yrotation
          JOINT RightHand
          {
            OFFSET -25 0 0
            CHANNELS 3 Zrotation Xrotation Yrotation
          }
        }
      }
    }
  }
}
MOTION
Frames: 2
Frame Time: 0.05
0 94 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0
5 94 0 90 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0
"""
