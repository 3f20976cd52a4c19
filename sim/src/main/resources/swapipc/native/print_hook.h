// Force-included into every translation unit of a model library (-include print_hook.h):
// Verilator prints through VL_PRINTF ("redefine if desired", verilated.h). The library's version
// prints as before and also keeps each FAILURE line of a simulation assertion, so a bench can
// name the property that stopped it.
#pragma once
void swapipc_printf(const char* format, ...) __attribute__((format(printf, 1, 2)));
#define VL_PRINTF swapipc_printf
