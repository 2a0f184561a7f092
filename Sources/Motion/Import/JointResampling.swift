extension JointSequence {
    /// The motion at `fps` by linear interpolation between the nearest frames, without a
    /// low-pass filter: at an integer ratio (120 → 20 fps) this is plain decimation, as the
    /// MBench fixtures were made. Curation resamples SMPL parameters instead (`Resampling`).
    public func resampled(to fps: Double) -> JointSequence {
        guard fps > 0, self.fps > 0, abs(fps - self.fps) > 1e-9, frameCount > 1 else { return self }
        let count = Int((Double(frameCount - 1) * fps / self.fps + 1e-9).rounded(.down)) + 1
        var out: [SIMD3<Float>] = []
        out.reserveCapacity(count * jointCount)
        for k in 0..<count {
            let time = Double(k) * self.fps / fps
            let t0 = min(Int(time + 1e-9), frameCount - 1), t1 = min(t0 + 1, frameCount - 1)
            let w = Float(max(0, time - Double(t0)))
            for j in 0..<jointCount {
                out.append(w < 1e-6 ? self[frame: t0, joint: j] : self[frame: t0, joint: j] * (1 - w) + self[frame: t1, joint: j] * w)
            }
        }
        return JointSequence(fps: fps, jointCount: jointCount, positions: out)
    }
}
