// OpenBLAS's CBLAS interface (Debian: libopenblas-dev). Its cblas.h also declares
// openblas_set_num_threads / openblas_get_config, which the numeric core uses to run small
// per-head products single-threaded inside its own parallel loops.
#include <cblas.h>
