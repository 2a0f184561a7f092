import AutogradKernels
import CBLAS
import Dispatch

/// Thin wrappers over OpenBLAS: row-major sgemm and Autograd's one pool of compute threads.
///
/// All parallel work (split GEMMs, batched and attention products, element-wise kernels) runs
/// on one pool of threads (`ThreadPool.c`) whose idle workers spin briefly, then sleep.
/// OpenBLAS itself is kept at one thread: its own workers, once woken by a mid-sized product,
/// spin in `sched_yield` for a long while and took about a third of the cores during sampling
/// while our loops needed them.
enum BLAS {
    /// C = alpha · op(A) · op(B) + beta · C, row-major, with leading dimensions.
    ///
    /// With several threads and a product large enough to pay for a thread hand-off, C is split
    /// into blocks of rows (or columns) and each block runs as a single-threaded GEMM on the
    /// pool. Inside a parallel loop every GEMM runs whole on its thread.
    ///
    /// `rowBias` (n floats), when given, replaces beta: every row of C starts as the bias (a
    /// linear layer's), set by the thread that computes the row, just before its GEMM.
    static func gemm(transA: Bool, transB: Bool, m: Int, n: Int, k: Int, alpha: Float = 1,
                     a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
                     beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int, rowBias: UnsafePointer<Float>? = nil) {
        let workers = ag_pool_inside_region() != 0 ? 1 : threads
        let beta: Float = rowBias == nil ? beta : 1
        func setBias(rows: Range<Int>, columns: Range<Int>) {
            guard let rowBias else { return }
            for r in rows { (c + r * ldc + columns.lowerBound).update(from: rowBias + columns.lowerBound, count: columns.count) }
        }
        guard splitsLargeProducts, workers > 1, m * n * k >= splitThreshold, max(m, n) >= 32 * workers else {
            setBias(rows: 0..<m, columns: 0..<n)
            rawGemm(transA: transA, transB: transB, m: m, n: n, k: k, alpha: alpha, a: a, lda: lda,
                    b: b, ldb: ldb, beta: beta, c: c, ldc: ldc)
            return
        }
        let splitRows = m >= n
        let length = splitRows ? m : n
        // Up to four blocks per thread, so a thread slowed by interrupts takes fewer, but at
        // least 256 rows (columns) each: every block packs the whole other operand again.
        // Edges on multiples of 16 keep every block a whole number of kernel tiles.
        let blocks = max(workers, min(workers * 4, length / 256))
        func edge(_ w: Int) -> Int { w == blocks ? length : min(length, (length * w / blocks + 8) / 16 * 16) }
        runOnPool(blocks) { w in
            let start = edge(w), count = edge(w + 1) - start
            guard count > 0 else { return }
            if splitRows {
                setBias(rows: start..<(start + count), columns: 0..<n)
                rawGemm(transA: transA, transB: transB, m: count, n: n, k: k, alpha: alpha,
                        a: transA ? a + start : a + start * lda, lda: lda, b: b, ldb: ldb,
                        beta: beta, c: c + start * ldc, ldc: ldc)
            } else {
                setBias(rows: 0..<m, columns: start..<(start + count))
                rawGemm(transA: transA, transB: transB, m: m, n: count, k: k, alpha: alpha, a: a, lda: lda,
                        b: transB ? b + start * ldb : b + start, ldb: ldb, beta: beta, c: c + start, ldc: ldc)
            }
        }
    }

    /// Products with fewer multiply-adds run on one thread: OpenBLAS's own threshold (65536 × 4).
    static let splitThreshold = 1 << 18

    /// One `cblas_sgemm` call with OpenBLAS's current threading.
    @inline(__always)
    static func rawGemm(transA: Bool, transB: Bool, m: Int, n: Int, k: Int, alpha: Float,
                        a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
                        beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int) {
        _ = coreSelection
        cblas_sgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
                    Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }

    /// Whether products are split over Autograd's pool with OpenBLAS at one thread (true), or
    /// left whole to OpenBLAS's own threads (false; kept for comparison); see `gemm`.
    nonisolated(unsafe) static var splitsLargeProducts = true {
        didSet { _ = coreSelection; applyOpenBLASThreads() }
    }

    /// Runs once before the first GEMM: upgrades OpenBLAS's kernels if it fell back to generic
    /// ones, and takes the initial thread count from OpenBLAS (`OPENBLAS_NUM_THREADS` or the cores).
    static let coreSelection: String? = {
        let core = ag_blas_upgrade_core().map { String(cString: $0) }
        storedThreads = max(1, Int(openblas_get_num_threads()))
        applyOpenBLASThreads()
        return core
    }()

    nonisolated(unsafe) private static var storedThreads = 1

    /// The compute thread count.
    static var threads: Int {
        _ = coreSelection
        return storedThreads
    }

    /// Sets the number of threads for Autograd's parallel loops (and OpenBLAS's when products
    /// are not split).
    static func setThreads(_ n: Int) {
        _ = coreSelection
        storedThreads = max(1, n)
        applyOpenBLASThreads()
    }

    private static func applyOpenBLASThreads() {
        openblas_set_num_threads(Int32(splitsLargeProducts ? 1 : storedThreads))
    }

    /// Runs `body(i)` for i in 0..<count across the threads, every GEMM inside single-threaded
    /// (many small products in parallel beat threaded BLAS on each).
    static func parallelFor(_ count: Int, _ body: (Int) -> Void) {
        let workers = ag_pool_inside_region() != 0 ? 1 : min(threads, count)
        if workers <= 1 {
            for i in 0..<count { body(i) }
            return
        }
        // Contiguous chunks, several per thread: neighbouring items share cache lines of their
        // operands, and a slowed thread takes fewer chunks.
        let chunks = min(count, workers * 4)
        runOnPool(chunks) { c in
            for i in (count * c / chunks)..<(count * (c + 1) / chunks) { body(i) }
        }
    }
}

extension BLAS {
    /// Element-wise work below this many elements per thread runs inline: a region costs about
    /// a microsecond with the pool's workers spinning, and 16 K floats take a few.
    static let elementsPerWorker = 16_384

    /// The row count per thread for row-wise kernels on rows of `width` elements.
    static func minimumRows(width: Int) -> Int { max(1, elementsPerWorker / max(width, 1)) }

    /// Splits 0..<count into contiguous ranges (up to four per thread, each at least half of
    /// `minimumPerWorker`) and runs `body` on them in parallel; below `2 · minimumPerWorker`
    /// items it runs inline. Each range must write only its own outputs.
    static func parallelRanges(_ count: Int, minimumPerWorker: Int = elementsPerWorker, _ body: (Range<Int>) -> Void) {
        let minimum = max(minimumPerWorker, 1)
        let workers = ag_pool_inside_region() != 0 ? 1 : min(threads, count / minimum)
        if workers <= 1 {
            body(0..<count)
            return
        }
        let chunks = max(workers, min(workers * 4, count / max(minimum / 2, 1)))
        runOnPool(chunks) { c in
            body((count * c / chunks)..<(count * (c + 1) / chunks))
        }
    }

    /// Runs `task(i)` for i in 0..<tasks on the pool (`ag_pool_run`), GEMMs inside single-threaded.
    static func runOnPool(_ tasks: Int, _ task: (Int) -> Void) {
        let savedOpenBLAS = openblas_get_num_threads()
        // Only when products are left to OpenBLAS's threads (splitsLargeProducts off).
        if savedOpenBLAS != 1 { openblas_set_num_threads(1) }
        defer { if savedOpenBLAS != 1 { openblas_set_num_threads(savedOpenBLAS) } }
        withoutActuallyEscaping(task) { task in
            var body = task
            withUnsafeMutablePointer(to: &body) { pointer in
                ag_pool_run(tasks, threads, { context, i in
                    context!.assumingMemoryBound(to: ((Int) -> Void).self).pointee(i)
                }, pointer)
            }
        }
    }
}

/// Process-wide thread settings for Autograd (OpenBLAS and the parallel loops).
public enum ComputeThreads {
    /// Sets how many threads GEMMs and the parallel loops use (default: OpenBLAS's default,
    /// i.e. `OPENBLAS_NUM_THREADS` or the core count, read once at first use).
    public static func set(_ n: Int) { BLAS.setThreads(n) }
    /// The current thread count.
    public static var count: Int { BLAS.threads }
    /// Whether matrix products run as single-threaded GEMMs on Autograd's workers, with OpenBLAS
    /// kept at one thread (default), instead of on OpenBLAS's own threads.
    public static var splitsLargeProducts: Bool {
        get { BLAS.splitsLargeProducts }
        set { BLAS.splitsLargeProducts = newValue }
    }
    /// Runs `body(i)` for i in 0..<count on the compute threads; each item must write only its
    /// own outputs (e.g. one parameter tensor each).
    public static func forEach(_ count: Int, _ body: (Int) -> Void) { BLAS.parallelFor(count, body) }

    /// Runs `body` with every parallel loop and product on this thread running inline, for
    /// background work (e.g. assembling the next training batch) that must leave the pool's
    /// threads to the main computation.
    public static func inline<R>(_ body: () throws -> R) rethrows -> R {
        let was = ag_pool_set_inline(1)
        defer { ag_pool_set_inline(was) }
        return try body()
    }

    /// The OpenBLAS kernel family in use (e.g. "SkylakeX").
    public static var blasCore: String {
        _ = BLAS.coreSelection
        return String(cString: openblas_get_corename())
    }
}
