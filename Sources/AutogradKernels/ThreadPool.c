// Autograd's pool of compute threads: tasks claimed from a shared counter; idle workers spin
// briefly, then sleep.
//
// A sampling step runs thousands of parallel regions of 10-100 microseconds each. Waking a
// sleeping thread (futex + inter-processor interrupt, dearer still on a virtual machine) costs
// about as much as the work, so an idle worker first spins for `spin_ns` (as OpenMP and
// OpenBLAS workers do) and only then sleeps on a condition variable.
//
// The caller and the workers claim tasks one at a time from the region's counter, so a thread
// slowed by interrupts or a busy neighbour simply takes fewer. Callers give every task its own
// outputs, so the results never depend on which thread ran what.
#include "AutogradKernels.h"
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <time.h>
#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define AG_CPU_RELAX() _mm_pause()
#else
#define AG_CPU_RELAX() ((void)0)
#endif

#define AG_POOL_MAX_WORKERS 255
// The region word: generation (24 bits) | task count (20 bits) | next task (20 bits). One word,
// so a thread can only claim a task of the region it read the count of.
#define AG_TASK_BITS 20
#define AG_TASK_MASK ((1ull << AG_TASK_BITS) - 1)
#define AG_MAX_TASKS ((long)AG_TASK_MASK)

static struct {
    pthread_mutex_t lock;          // guards sleeping workers and thread creation
    pthread_cond_t wake;
    atomic_flag busy;              // one region at a time; a second caller runs inline
    _Atomic uint64_t region;       // see AG_TASK_BITS
    atomic_long pending;           // tasks of the current region not yet finished
    ag_pool_task fn;
    void *context;
    long started;                  // worker threads created
    long spin_ns;
    int configured;
} pool = {
    .lock = PTHREAD_MUTEX_INITIALIZER,
    .wake = PTHREAD_COND_INITIALIZER,
    .busy = ATOMIC_FLAG_INIT,
    .spin_ns = 2000000,
};

// Set on pool workers and on a caller while it runs a region: a region started there runs inline.
static _Thread_local int inside_region;

static inline uint64_t generation_of(uint64_t word) { return word >> (2 * AG_TASK_BITS); }

static long now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long)t.tv_sec * 1000000000L + t.tv_nsec;
}

/// Claims and runs tasks of the region in `word` until none are left.
static void run_tasks(uint64_t word) {
    uint64_t generation = generation_of(word);
    for (;;) {
        uint64_t tasks = (word >> AG_TASK_BITS) & AG_TASK_MASK, next = word & AG_TASK_MASK;
        if (generation_of(word) != generation || next >= tasks) return;
        if (atomic_compare_exchange_weak_explicit(&pool.region, &word, word + 1, memory_order_acq_rel,
                                                  memory_order_acquire)) {
            pool.fn(pool.context, (long)next);
            atomic_fetch_sub_explicit(&pool.pending, 1, memory_order_release);
            word = atomic_load_explicit(&pool.region, memory_order_acquire);
        }
    }
}

/// Waits until a region newer than `seen` is published: spins for spin_ns, then sleeps.
static uint64_t wait_for_region(uint64_t seen) {
    long deadline = 0;
    for (unsigned spins = 0;; spins++) {
        uint64_t word = atomic_load_explicit(&pool.region, memory_order_acquire);
        if (generation_of(word) != seen) return word;
        AG_CPU_RELAX();
        if ((spins & 63) != 63) continue;
        long t = now_ns();
        if (deadline == 0) deadline = t + pool.spin_ns;
        if (t >= deadline) break;
    }
    pthread_mutex_lock(&pool.lock);
    uint64_t word;
    while (generation_of(word = atomic_load_explicit(&pool.region, memory_order_acquire)) == seen)
        pthread_cond_wait(&pool.wake, &pool.lock);
    pthread_mutex_unlock(&pool.lock);
    return word;
}

static void *worker_main(void *unused) {
    (void)unused;
    inside_region = 1;
    uint64_t seen = generation_of(atomic_load_explicit(&pool.region, memory_order_acquire));
    for (;;) {
        uint64_t word = wait_for_region(seen);
        seen = generation_of(word);
        run_tasks(word);
    }
    return 0;
}

/// Creates workers until `threads` threads (the caller included) can run a region.
static void ensure_workers(long threads) {
    if (threads > AG_POOL_MAX_WORKERS + 1) threads = AG_POOL_MAX_WORKERS + 1;
    if (pool.started + 1 >= threads) return;
    pthread_mutex_lock(&pool.lock);
    while (pool.started + 1 < threads) {
        pthread_t thread;
        pthread_attr_t attributes;
        pthread_attr_init(&attributes);
        pthread_attr_setdetachstate(&attributes, PTHREAD_CREATE_DETACHED);
        int failed = pthread_create(&thread, &attributes, worker_main, 0);
        pthread_attr_destroy(&attributes);
        if (failed) break;  // fewer threads: the caller runs the rest
        pool.started++;
    }
    pthread_mutex_unlock(&pool.lock);
}

void ag_pool_run(long tasks, long threads, ag_pool_task fn, void *context) {
    if (tasks <= 1 || threads <= 1 || tasks > AG_MAX_TASKS || inside_region
        || atomic_flag_test_and_set_explicit(&pool.busy, memory_order_acquire)) {
        int was_inside = inside_region;
        inside_region = 1;
        for (long i = 0; i < tasks; i++) fn(context, i);
        inside_region = was_inside;
        return;
    }
    inside_region = 1;
    if (!pool.configured) {
        const char *spin = getenv("AG_SPIN_US");
        if (spin) pool.spin_ns = atol(spin) * 1000L;
        pool.configured = 1;
    }
    ensure_workers(threads);
    pool.fn = fn;
    pool.context = context;
    atomic_store_explicit(&pool.pending, tasks, memory_order_relaxed);
    uint64_t old = atomic_load_explicit(&pool.region, memory_order_relaxed);
    uint64_t word = ((generation_of(old) + 1) << (2 * AG_TASK_BITS)) | ((uint64_t)tasks << AG_TASK_BITS);
    atomic_store_explicit(&pool.region, word, memory_order_release);
    pthread_mutex_lock(&pool.lock);
    pthread_cond_broadcast(&pool.wake);
    pthread_mutex_unlock(&pool.lock);
    run_tasks(word);
    for (unsigned spins = 0; atomic_load_explicit(&pool.pending, memory_order_acquire) > 0; spins++) {
        AG_CPU_RELAX();
        // A descheduled worker needs this core back; don't starve it.
        if ((spins & 4095) == 4095) sched_yield();
    }
    inside_region = 0;
    atomic_flag_clear_explicit(&pool.busy, memory_order_release);
}

int ag_pool_inside_region(void) { return inside_region; }

int ag_pool_set_inline(int on) {
    int was = inside_region;
    inside_region = on;
    return was;
}
