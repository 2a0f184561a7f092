// Picks a faster OpenBLAS kernel family on CPUs that this OpenBLAS release does not recognise.
//
// Debian's OpenBLAS 0.3.21 (DYNAMIC_ARCH) identifies the core by CPU model number; on newer
// Intel models (e.g. family 6, model 207) it falls back to the SSE3 "Prescott" kernels, about
// 5x slower than its AVX-512 kernels on the same machine. If the fallback was chosen, the
// user set no OPENBLAS_CORETYPE, and the CPU reports the needed features, we re-run
// OpenBLAS's own core selection with OPENBLAS_CORETYPE set from the feature flags.
#include "AutogradKernels.h"
#include <stdlib.h>
#include <string.h>
#include <strings.h>

// Exported by OpenBLAS DYNAMIC_ARCH builds; weak so other BLAS builds still link.
extern void gotoblas_dynamic_init(void) __attribute__((weak));
extern void gotoblas_dynamic_quit(void) __attribute__((weak));
extern char *openblas_get_corename(void) __attribute__((weak));

const char *ag_blas_upgrade_core(void) {
    if (!gotoblas_dynamic_init || !gotoblas_dynamic_quit || !openblas_get_corename) return 0;
    if (getenv("OPENBLAS_CORETYPE")) return 0;
    const char *current = openblas_get_corename();
    if (!current || strcasecmp(current, "prescott") != 0) return 0;
    __builtin_cpu_init();
    const char *target = 0;
    if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw")
        && __builtin_cpu_supports("avx512dq") && __builtin_cpu_supports("avx512vl")) {
        target = "SkylakeX";
    } else if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) {
        target = "Haswell";
    }
    if (!target) return 0;
    setenv("OPENBLAS_CORETYPE", target, 1);
    gotoblas_dynamic_quit();
    gotoblas_dynamic_init();
    return openblas_get_corename();
}
