// Generic Verilator model library. ports.h (generated from the manifest) names the top and its
// ports; everything else is the same for every design.
#include "ports.h"
#include SWAPIPC_TOP_HEADER
#include "verilated.h"
#ifdef SWAPIPC_TRACE
#include "verilated_fst_c.h"
#endif
#include "model_api.h"
#include <cstdarg>
#include <cstdio>
#include <new>
#include <string>
#include <vector>

// A failing simulation assertion executes $finish, and the batch stops after that cycle
// (gotFinish). Verilator's own vl_finish exits the process on a second $finish, and several
// assertions may fail in the same cycle (compiled with -DVL_USER_FINISH).
void vl_finish(const char* filename, int linenum, const char* hier) VL_MT_UNSAFE {
    (void)hier;
    VL_PRINTF("- %s:%d: Verilog $finish\n", filename, linenum);
    Verilated::threadContextp()->gotFinish(true);
}

namespace {
/** The FAILURE lines printed by the instance evaluating on this thread since its last tick or batch began. */
thread_local std::string* t_failures = nullptr;
}  // namespace

void swapipc_printf(const char* format, ...) {
    va_list ap, measure;
    va_start(ap, format);
    va_copy(measure, ap);
    const int length = vsnprintf(nullptr, 0, format, measure);
    va_end(measure);
    std::string line(length > 0 ? length : 0, '\0');
    vsnprintf(line.data(), line.size() + 1, format, ap);
    va_end(ap);
    fputs(line.c_str(), stdout);
    if (t_failures && line.compare(0, 7, "FAILURE") == 0) t_failures->append(line);
}

namespace {

enum Kind { K8, K16, K32, K64, KWIDE };

struct Port {
    void* ptr;
    Kind kind;
    int words;
};

constexpr Kind kind_of(int width) {
    return width <= 8 ? K8 : width <= 16 ? K16 : width <= 32 ? K32 : width <= 64 ? K64 : KWIDE;
}

#define SWAPIPC_NAME(name, width, input) #name,
#define SWAPIPC_WIDTH(name, width, input) width,
#define SWAPIPC_INPUT(name, width, input) input,
const char* const kNames[] = {SWAPIPC_PORTS(SWAPIPC_NAME)};
const int kWidths[] = {SWAPIPC_PORTS(SWAPIPC_WIDTH)};
const int kInputs[] = {SWAPIPC_PORTS(SWAPIPC_INPUT)};
constexpr int kPortCount = sizeof(kWidths) / sizeof(kWidths[0]);

struct Instance {
    VerilatedContext ctx;
    SWAPIPC_TOP* top;
    Port ports[kPortCount];
    uint64_t time = 0;
    std::string failures;
#ifdef SWAPIPC_TRACE
    VerilatedFstC* trace = nullptr;
#endif
    explicit Instance(const char* trace_path) {
        ctx.traceEverOn(trace_path != nullptr);
#ifdef SWAPIPC_XINIT_SEED
        ctx.randReset(2);  // every register and memory word starts random (--x-initial unique)
        ctx.randSeed(SWAPIPC_XINIT_SEED);
#endif
        top = new SWAPIPC_TOP(&ctx);
        int i = 0;
#define SWAPIPC_BIND(name, width, input) \
        ports[i++] = Port{static_cast<void*>(&top->name), kind_of(width), (width + 31) / 32};
        SWAPIPC_PORTS(SWAPIPC_BIND)
#ifdef SWAPIPC_TRACE
        if (trace_path) {
            trace = new VerilatedFstC;
            top->trace(trace, 99);
            trace->open(trace_path);
        }
#endif
    }
    ~Instance() {
#ifdef SWAPIPC_TRACE
        if (trace) {
            trace->close();
            delete trace;
        }
#endif
        top->final();
        delete top;
        if (t_failures == &failures) t_failures = nullptr;
    }
    void dump() {
#ifdef SWAPIPC_TRACE
        if (trace) trace->dump(time);
#endif
    }
};

inline void write_port(const Port& p, const uint32_t* w) {
    switch (p.kind) {
        case K8: *static_cast<uint8_t*>(p.ptr) = static_cast<uint8_t>(w[0]); break;
        case K16: *static_cast<uint16_t*>(p.ptr) = static_cast<uint16_t>(w[0]); break;
        case K32: *static_cast<uint32_t*>(p.ptr) = w[0]; break;
        case K64: *static_cast<uint64_t*>(p.ptr) = w[0] | (static_cast<uint64_t>(w[1]) << 32); break;
        case KWIDE: for (int k = 0; k < p.words; k++) static_cast<uint32_t*>(p.ptr)[k] = w[k]; break;
    }
}

inline void read_port(const Port& p, uint32_t* w) {
    switch (p.kind) {
        case K8: w[0] = *static_cast<uint8_t*>(p.ptr); break;
        case K16: w[0] = *static_cast<uint16_t*>(p.ptr); break;
        case K32: w[0] = *static_cast<uint32_t*>(p.ptr); break;
        case K64: {
            uint64_t v = *static_cast<uint64_t*>(p.ptr);
            w[0] = static_cast<uint32_t>(v);
            w[1] = static_cast<uint32_t>(v >> 32);
            break;
        }
        case KWIDE: for (int k = 0; k < p.words; k++) w[k] = static_cast<uint32_t*>(p.ptr)[k]; break;
    }
}

inline void eval(Instance* in) {
    in->top->eval();
    in->dump();
}

inline void tick(Instance* in) {
    in->top->SWAPIPC_CLOCK = 1;
    in->time++;
    eval(in);
    in->top->SWAPIPC_CLOCK = 0;
    in->time++;
}

void* api_create(const char* trace_path) { return new (std::nothrow) Instance(trace_path); }
void api_destroy(void* inst) { delete static_cast<Instance*>(inst); }
void api_poke(void* inst, int id, const uint32_t* w) { write_port(static_cast<Instance*>(inst)->ports[id], w); }
void api_peek(void* inst, int id, uint32_t* w) { read_port(static_cast<Instance*>(inst)->ports[id], w); }
void api_eval(void* inst) { eval(static_cast<Instance*>(inst)); }

/** From here on this thread's FAILURE lines are `in`'s, starting afresh. */
inline void collect_failures(Instance* in) {
    in->failures.clear();
    t_failures = &in->failures;
}

int api_tick(void* inst, int cycles) {
    Instance* in = static_cast<Instance*>(inst);
    collect_failures(in);
    for (int c = 0; c < cycles; c++) {
        eval(in);
        tick(in);
        if (in->ctx.gotFinish()) return c;
    }
    return cycles;
}

int api_run_batch(void* inst, const int32_t* in_ids, int n_in, const int32_t* out_ids, int n_out,
                  const uint32_t* in, uint32_t* out, int cycles) {
    Instance* s = static_cast<Instance*>(inst);
    collect_failures(s);
    // Resolve ids once per batch, not once per cycle.
    std::vector<Port> ins(n_in), outs(n_out);
    for (int k = 0; k < n_in; k++) ins[k] = s->ports[in_ids[k]];
    for (int k = 0; k < n_out; k++) outs[k] = s->ports[out_ids[k]];
    for (int c = 0; c < cycles; c++) {
        for (const Port& p : ins) {
            write_port(p, in);
            in += p.words;
        }
        eval(s);
        for (const Port& p : outs) {
            read_port(p, out);
            out += p.words;
        }
        tick(s);
        if (s->ctx.gotFinish()) return c;
    }
    return cycles;
}

int api_write_coverage(void* inst, const char* path) {
#ifdef SWAPIPC_COVERAGE
    static_cast<Instance*>(inst)->ctx.coveragep()->write(path);
    return 1;
#else
    (void)inst;
    (void)path;
    return 0;
#endif
}

const char* api_failures(void* inst) { return static_cast<Instance*>(inst)->failures.c_str(); }

const swapipc_model_api kApi = {
    SWAPIPC_API_VERSION, kPortCount, kNames, kWidths, kInputs,
    api_create, api_destroy, api_poke, api_peek, api_eval, api_tick, api_run_batch, api_write_coverage,
    api_failures,
};

}  // namespace

extern "C" __attribute__((visibility("default"))) const swapipc_model_api* swapipc_model_api_get() {
    return &kApi;
}

