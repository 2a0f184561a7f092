// The one LAPACK routine MBench calls: the symmetric eigensolver (divide and conquer), as
// exported by Debian's libopenblas (Fortran calling convention: every argument by pointer).
// Declared here because Debian ships no lapacke.h with libopenblas-dev.
void dsyevd_(const char *jobz, const char *uplo, const int *n, double *a, const int *lda,
             double *w, double *work, const int *lwork, int *iwork, const int *liwork, int *info);
