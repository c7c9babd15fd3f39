#ifndef VISITPLAN_CCBC_SHIM_H
#define VISITPLAN_CCBC_SHIM_H
// COIN-OR CBC through its C interface. This folder is the only place CBC's C appears.
#include <Cbc_C_Interface.h>
#endif
