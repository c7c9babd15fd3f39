#ifndef VISITPLAN_CCLP_SHIM_H
#define VISITPLAN_CCLP_SHIM_H
// COIN-OR CLP (the LP solver under CBC) through its C interface: the disclosure audit's LPs.
// This folder is the only place CLP's C appears.
#include <Clp_C_Interface.h>
#endif
