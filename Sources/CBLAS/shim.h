#ifndef VISITPLAN_CBLAS_SHIM_H
#define VISITPLAN_CBLAS_SHIM_H
// OpenBLAS through its CBLAS interface. This folder is the only place BLAS C appears.
#include <cblas.h>
#endif
