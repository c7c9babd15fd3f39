#ifndef VISITPLAN_CBLAS_SHIM_H
#define VISITPLAN_CBLAS_SHIM_H
// OpenBLAS through its CBLAS interface. This folder is the only place BLAS C appears.
#include <cblas.h>
#include <stddef.h>

// LAPACK's general eigensolver, exported by OpenBLAS (which bundles LAPACK) but declared in no
// header it installs here. Fortran passes every argument by reference and, after them, the
// hidden lengths of the two one-character arguments.
void dgeev_(const char *jobvl, const char *jobvr, const blasint *n, double *a, const blasint *lda,
            double *wr, double *wi, double *vl, const blasint *ldvl, double *vr, const blasint *ldvr,
            double *work, const blasint *lwork, blasint *info, size_t jobvl_length, size_t jobvr_length);

/// Eigenvalues (wr + i·wi) and right eigenvectors (columns of vr, real pairs packed as LAPACK
/// packs them) of the n × n column-major matrix a, which is overwritten. Returns LAPACK's info.
static inline blasint visitplan_dgeev(blasint n, double *a, double *wr, double *wi, double *vr,
                                      double *work, blasint lwork) {
    blasint info = 0;
    blasint one = 1;
    double unused = 0;
    dgeev_("N", "V", &n, a, &n, wr, wi, &unused, &one, vr, &n, work, &lwork, &info, 1, 1);
    return info;
}

// LAPACK's symmetric eigensolver, exported by OpenBLAS like dgeev above: every eigenvalue of a
// real symmetric matrix (ascending) and, with jobz "V", orthonormal eigenvectors in the columns
// of a. Only the triangle named by uplo is read.
void dsyev_(const char *jobz, const char *uplo, const blasint *n, double *a, const blasint *lda, double *w,
            double *work, const blasint *lwork, blasint *info, size_t jobz_length, size_t uplo_length);

/// Eigenvalues (w, ascending) and eigenvectors (the columns of a, overwritten) of the n × n
/// symmetric column-major matrix a, read from its lower triangle. Returns LAPACK's info.
static inline blasint visitplan_dsyev(blasint n, double *a, double *w, double *work, blasint lwork) {
    blasint info = 0;
    dsyev_("V", "L", &n, a, &n, w, work, &lwork, &info, 1, 1);
    return info;
}
#endif
