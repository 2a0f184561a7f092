import AutogradKernels
import CBLAS
import Dispatch

/// Thin wrappers over OpenBLAS: row-major sgemm and the thread-count switch.
enum BLAS {
    /// C = alpha · op(A) · op(B) + beta · C, row-major, with leading dimensions.
    ///
    /// With several threads and a large product, C is split into one block of rows (or
    /// columns) per thread and each block runs as a single-threaded GEMM on a
    /// `concurrentPerform` worker. All parallel work then shares one pool of threads that
    /// sleep when idle, instead of OpenBLAS's workers spinning (sched_yield) while Autograd's
    /// own parallel loops need the cores.
    static func gemm(transA: Bool, transB: Bool, m: Int, n: Int, k: Int, alpha: Float = 1,
                     a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
                     beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int) {
        let workers = threads
        guard splitsLargeProducts, workers > 1, m * n * k >= 1 << 21, max(m, n) >= 64 * workers else {
            rawGemm(transA: transA, transB: transB, m: m, n: n, k: k, alpha: alpha, a: a, lda: lda,
                    b: b, ldb: ldb, beta: beta, c: c, ldc: ldc)
            return
        }
        let splitRows = m >= n
        let length = splitRows ? m : n
        // Block edges on multiples of 32 keep every block a whole number of kernel tiles.
        func edge(_ w: Int) -> Int { w == workers ? length : min(length, (length * w / workers + 16) / 32 * 32) }
        parallelFor(workers) { w in
            let start = edge(w), count = edge(w + 1) - start
            guard count > 0 else { return }
            if splitRows {
                rawGemm(transA: transA, transB: transB, m: count, n: n, k: k, alpha: alpha,
                        a: transA ? a + start : a + start * lda, lda: lda, b: b, ldb: ldb,
                        beta: beta, c: c + start * ldc, ldc: ldc)
            } else {
                rawGemm(transA: transA, transB: transB, m: m, n: count, k: k, alpha: alpha, a: a, lda: lda,
                        b: transB ? b + start * ldb : b + start, ldb: ldb, beta: beta, c: c + start, ldc: ldc)
            }
        }
    }

    /// One `cblas_sgemm` call with OpenBLAS's current threading.
    @inline(__always)
    static func rawGemm(transA: Bool, transB: Bool, m: Int, n: Int, k: Int, alpha: Float,
                        a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
                        beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int) {
        _ = coreSelection
        cblas_sgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
                    Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }

    /// Whether large GEMMs are split over Autograd's workers (true) or left to OpenBLAS's
    /// own threads (false); see `gemm`.
    nonisolated(unsafe) static var splitsLargeProducts = true

    /// Runs once before the first GEMM: upgrades OpenBLAS's kernels if it fell back to generic ones.
    static let coreSelection: String? = ag_blas_upgrade_core().map { String(cString: $0) }

    /// The thread count: OpenBLAS's setting is the single source of truth, so code that sets
    /// it directly (e.g. a benchmark harness) also sizes Autograd's parallel loops.
    static var threads: Int {
        _ = coreSelection
        return Int(openblas_get_num_threads())
    }

    /// Sets the number of threads for OpenBLAS and for Autograd's own parallel loops.
    static func setThreads(_ n: Int) {
        _ = coreSelection
        openblas_set_num_threads(Int32(max(1, n)))
    }

    /// Runs `body(i)` for i in 0..<count across `threads` workers, with OpenBLAS single-threaded
    /// inside (many small products in parallel beat threaded BLAS on each).
    static func parallelFor(_ count: Int, _ body: (Int) -> Void) {
        let saved = threads
        let workers = min(saved, count)
        if workers <= 1 {
            for i in 0..<count { body(i) }
            return
        }
        openblas_set_num_threads(1)
        defer { openblas_set_num_threads(Int32(saved)) }
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            // Contiguous chunks: neighbouring items share cache lines of their operands.
            let start = count * w / workers, end = count * (w + 1) / workers
            for i in start..<end { body(i) }
        }
    }
}

extension BLAS {
    /// Splits 0..<count into one contiguous range per thread and runs `body` on each in
    /// parallel; below `2 · minimumPerWorker` items it runs inline (threads cost ~10 µs).
    static func parallelRanges(_ count: Int, minimumPerWorker: Int = 32_768, _ body: (Range<Int>) -> Void) {
        let workers = min(threads, count / max(minimumPerWorker, 1))
        if workers <= 1 {
            body(0..<count)
            return
        }
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            body((count * w / workers)..<(count * (w + 1) / workers))
        }
    }
}

/// Process-wide thread settings for Autograd (OpenBLAS and the parallel loops).
public enum ComputeThreads {
    /// Sets how many threads GEMMs and the parallel loops use (default: OpenBLAS's default,
    /// i.e. `OPENBLAS_NUM_THREADS` or the core count).
    public static func set(_ n: Int) { BLAS.setThreads(n) }
    /// The current thread count.
    public static var count: Int { BLAS.threads }
    /// Whether large matrix products run as one single-threaded GEMM per thread on Autograd's
    /// workers (default) instead of on OpenBLAS's own threads.
    public static var splitsLargeProducts: Bool {
        get { BLAS.splitsLargeProducts }
        set { BLAS.splitsLargeProducts = newValue }
    }
    /// The OpenBLAS kernel family in use (e.g. "SkylakeX").
    public static var blasCore: String {
        _ = BLAS.coreSelection
        return String(cString: openblas_get_corename())
    }
}
