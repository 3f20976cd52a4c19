// The host side of the firmware tests: the committed rtl-generated/IpcAxiLite.v, Verilated, with an
// AXI4-Lite master per endpoint port. Each MMIO access runs the clock until its response; the master
// checks that no response comes without a request and that a response waits while not taken.
#include <cstdio>
#include <cstdlib>
#include <memory>

#include "VIpcAxiLite.h"
#include "verilated.h"
#include "axi_bfm.h"

namespace {
struct Port {
    CData *awvalid, *awready, *wvalid, *wready, *bvalid, *bready, *arvalid, *arready, *rvalid, *rready, *bresp, *rresp, *wstrb;
    SData *awaddr, *araddr;
    IData *wdata, *rdata;
};

std::unique_ptr<VIpcAxiLite> top;
Port ports[2];
uint64_t cycles = 0;
swapipc_mmio seams[2];
int ids[2] = {0, 1};

#define BIND(k) Port{&top->ep_##k##_awvalid, &top->ep_##k##_awready, &top->ep_##k##_wvalid, &top->ep_##k##_wready, \
    &top->ep_##k##_bvalid, &top->ep_##k##_bready, &top->ep_##k##_arvalid, &top->ep_##k##_arready, &top->ep_##k##_rvalid, \
    &top->ep_##k##_rready, &top->ep_##k##_bresp, &top->ep_##k##_rresp, &top->ep_##k##_wstrb, &top->ep_##k##_awaddr, \
    &top->ep_##k##_araddr, &top->ep_##k##_wdata, &top->ep_##k##_rdata}

void fail(const char *what) {
    std::fprintf(stderr, "cycle %llu: AXI4-Lite violation: %s\n", static_cast<unsigned long long>(cycles), what);
    std::exit(2);
}

// Inputs are set; settle, let the caller sample, then the rising edge.
void edge() {
    top->clk = 1;
    top->eval();
    top->clk = 0;
    top->eval();
    cycles++;
}

void quiet(int self) {
    // Responses on the other port must not appear: nobody asked there.
    for (int k = 0; k < 2; k++) {
        if (k == self) continue;
        if (*ports[k].bvalid || *ports[k].rvalid) fail("response without a request");
    }
}

int access(int k, bool write, uint32_t offset, uint32_t value, uint32_t strobes, uint32_t *out) {
    Port &p = ports[k];
    if (write) {
        *p.awvalid = 1; *p.awaddr = offset; *p.wvalid = 1; *p.wdata = value; *p.wstrb = strobes;
    } else {
        *p.arvalid = 1; *p.araddr = offset;
    }
    *p.bready = 1; *p.rready = 1;
    bool aw = !write, w = !write, ar = write;
    for (int t = 0; t < 100000; t++) {
        top->eval();
        quiet(k);
        if (write && (*p.rvalid)) fail("R for a write");
        if (!write && (*p.bvalid)) fail("B for a read");
        bool done = write ? (*p.bvalid != 0) : (*p.rvalid != 0);
        if (done && !(aw && w && ar)) fail("response before the request was taken");
        int resp = write ? *p.bresp : *p.rresp;
        uint32_t data = *p.rdata;
        if (*p.awvalid && *p.awready) aw = true;
        if (*p.wvalid && *p.wready) w = true;
        if (*p.arvalid && *p.arready) ar = true;
        edge();
        if (aw) *p.awvalid = 0;
        if (w) *p.wvalid = 0;
        if (ar) *p.arvalid = 0;
        if (done) {
            *p.bready = 0; *p.rready = 0;
            top->eval();
            if (out) *out = data;
            return resp == 0 ? 0 : 1;
        }
    }
    fail("no response within 100000 cycles");
    return 1;
}

int read32(void *ctx, uint32_t offset, uint32_t *value) { return access(*static_cast<int *>(ctx), false, offset, 0, 0xF, value); }
int write32(void *ctx, uint32_t offset, uint32_t value) { return access(*static_cast<int *>(ctx), true, offset, value, 0xF, nullptr); }
}  // namespace

extern "C" const swapipc_mmio *bfm_port(int endpoint) { return &seams[endpoint]; }
extern "C" int bfm_write_strobes(int endpoint, uint32_t offset, uint32_t value, uint32_t strobes) {
    return access(endpoint, true, offset, value, strobes, nullptr);
}
extern "C" uint64_t bfm_cycles(void) { return cycles; }
extern "C" void bfm_idle(uint32_t n) {
    while (n--) { top->eval(); quiet(-1); edge(); }
}

int main(int argc, char **argv) {
    Verilated::commandArgs(argc, argv);
    top = std::make_unique<VIpcAxiLite>();
    ports[0] = BIND(0);
    ports[1] = BIND(1);
    for (int k = 0; k < 2; k++) seams[k] = swapipc_mmio{read32, write32, &ids[k]};
    top->reset = 1;
    for (int i = 0; i < 4; i++) edge();
    top->reset = 0;
    for (int i = 0; i < 10000 && !top->io_initDone; i++) { top->eval(); edge(); }
    if (!top->io_initDone) fail("never initialised");
    int rc = driver_tests();
    top->final();
    top.reset();  // before the static Verilated context goes away
    return rc;
}
