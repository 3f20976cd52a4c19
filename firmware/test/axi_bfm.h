/* A cycle-by-cycle AXI4-Lite master on the Verilated IpcAxiLite top, behind the driver's MMIO seam. */
#ifndef AXI_BFM_H
#define AXI_BFM_H

#include <stdint.h>

#include "swapipc.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The MMIO seam of endpoint `endpoint`'s slave port (valid after bfm_start). */
const swapipc_mmio *bfm_port(int endpoint);
/* A write with byte strobes: what the 32-bit seam cannot express (partial writes). */
int bfm_write_strobes(int endpoint, uint32_t offset, uint32_t value, uint32_t strobes);
/* Clock cycles since reset. */
uint64_t bfm_cycles(void);
/* Runs cycles with no access. */
void bfm_idle(uint32_t cycles);

/* The firmware tests (driver_test.c): 0 when all pass. */
int driver_tests(void);

#ifdef __cplusplus
}
#endif

#endif
