/// Changes a motion's frame rate: low-pass first when decimating (a Gaussian of σ = r/2
/// source frames for a rate ratio r, which keeps the new Nyquist band and removes what would
/// alias), then translation interpolated linearly and rotations by slerp at the new times,
/// and finally the root shifted so feet in stance stay planted (`StancePinning`).
public enum Resampling {
    /// `motion` at `fps`; the first pose is kept, the last new pose is the last that fits
    /// inside the original duration.
    public static func resample(_ motion: SMPLMotion, to fps: Double) -> SMPLMotion {
        precondition(fps > 0 && motion.fps > 0, "resample: frame rates must be positive")
        guard motion.frameCount > 1, abs(motion.fps - fps) > 1e-9 else {
            var same = motion; same.fps = fps; return same
        }
        let ratio = motion.fps / fps
        let sigma = ratio > 1 ? ratio / 2 : 0
        let source = TemporalFilter.smooth(motion, sigma: sigma)
        let n = SMPLJoint.count, last = motion.frameCount - 1
        let count = Int((Double(last) / ratio + 1e-9).rounded(.down)) + 1
        var roots: [SIMD3<Float>] = [], rotations: [Mat3] = []
        roots.reserveCapacity(count); rotations.reserveCapacity(count * n)
        let quats = source.rotations.map(Quat.init)
        let times = (0..<count).map { Double($0) * ratio }
        for s in times {
            let i = min(Int(s.rounded(.down)), last), i1 = min(i + 1, last)
            let f = Float(s - Double(i))
            roots.append(source.rootTranslation[i] * (1 - f) + source.rootTranslation[i1] * f)
            for j in 0..<n {
                rotations.append(f == 0 ? source.rotations[i * n + j]
                                        : Quat.slerp(quats[i * n + j], quats[i1 * n + j], f).matrix)
            }
        }
        let resampled = SMPLMotion(fps: fps, rootTranslation: roots, rotations: rotations, skeleton: motion.skeleton)
        return StancePinning.pin(resampled, source: motion, times: times, kernel: TemporalFilter.gaussianKernel(sigma: sigma))
    }
}
