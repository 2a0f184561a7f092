import Foundation

/// Gaussian filtering of SMPL motion along time: translations component-wise, rotations as
/// hemisphere-aligned quaternions averaged and renormalised (accurate for the small angular
/// spread inside one kernel). Beyond the ends the signal is extended by odd reflection
/// (x[−k] = 2·x[0] − x[k]), so a constant velocity passes unchanged and the first and last
/// poses do not shrink toward the inside.
public enum TemporalFilter {
    /// Normalised Gaussian weights for offsets −radius … radius (radius = ⌈3σ⌉).
    public static func gaussianKernel(sigma: Double) -> [Float] {
        guard sigma > 0 else { return [1] }
        let radius = Int((3 * sigma).rounded(.up))
        let w = (-radius...radius).map { exp(-Double($0 * $0) / (2 * sigma * sigma)) }
        let total = w.reduce(0, +)
        return w.map { Float($0 / total) }
    }

    /// `motion` smoothed with a Gaussian of `sigma` frames (σ ≤ 0 returns it unchanged).
    public static func smooth(_ motion: SMPLMotion, sigma: Double) -> SMPLMotion {
        guard sigma > 0, motion.frameCount > 1 else { return motion }
        let kernel = gaussianKernel(sigma: sigma)
        var out = motion
        out.rootTranslation = convolve(motion.rootTranslation, kernel)
        let n = SMPLJoint.count, frames = motion.frameCount
        for j in 0..<n {
            var q = (0..<frames).map { Quat(motion.rotations[$0 * n + j]) }
            for t in 1..<frames where dot4(q[t], q[t - 1]) < 0 { q[t] = Quat(w: -q[t].w, x: -q[t].x, y: -q[t].y, z: -q[t].z) }
            let smoothed = convolve(q.map { SIMD4($0.w, $0.x, $0.y, $0.z) }, kernel)
            for t in 0..<frames {
                let v = smoothed[t], norm = (v * v).sum().squareRoot()
                out.rotations[t * n + j] = Quat(w: v.x / norm, x: v.y / norm, y: v.z / norm, z: v.w / norm).matrix
            }
        }
        return out
    }

    static func dot4(_ a: Quat, _ b: Quat) -> Float { a.w * b.w + a.x * b.x + a.y * b.y + a.z * b.z }

    /// Discrete convolution with a centred, normalised kernel; odd reflection at the ends.
    // Specialised for the two types curation filters, so no generic SIMD witnesses run per element.
    @_specialize(where V == SIMD3<Float>)
    @_specialize(where V == SIMD4<Float>)
    static func convolve<V: SIMD>(_ x: [V], _ kernel: [Float]) -> [V] where V.Scalar == Float {
        let radius = kernel.count / 2, count = x.count, last = count - 1
        func sample(_ i: Int) -> V {
            if i < 0 { return 2 * x[0] - x[min(-i, last)] }
            if i > last { return 2 * x[last] - x[max(2 * last - i, 0)] }
            return x[i]
        }
        return (0..<count).map { t in
            var acc = V()
            for k in -radius...radius { acc += kernel[k + radius] * sample(t + k) }
            return acc
        }
    }
}
