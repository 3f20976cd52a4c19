// C ABI between a Verilated model library and its users (the JNI bridge, the native benchmark).
// A model library exports exactly one symbol, swapipc_model_api, so any number of different
// models can be loaded into one process without symbol clashes.
#pragma once
#include <stdint.h>

#define SWAPIPC_API_VERSION 4

typedef struct swapipc_model_api {
    int version;
    int port_count;
    const char* const* port_names;
    const int* port_widths;   // bits
    const int* port_inputs;   // 1 = input
    // Creates an instance; trace_path != NULL writes an FST waveform (trace builds only).
    void* (*create)(const char* trace_path);
    void (*destroy)(void* inst);
    // Ports are addressed by id = index in port_names. Values travel as 32-bit words, LSW first.
    void (*poke)(void* inst, int id, const uint32_t* words);
    void (*peek)(void* inst, int id, uint32_t* words);
    void (*eval)(void* inst);
    // One rising edge per cycle: clock high, evaluate, clock low. Returns the cycles completed: on
    // $finish (a simulation assertion of the RTL failed) the index of the edge that executed it.
    int (*tick)(void* inst, int cycles);
    // Per cycle: poke the in_ids from `in`, evaluate, peek the out_ids into `out`, tick.
    // Each port takes ceil(width/32) consecutive words in the cycle's record. Returns the cycles
    // completed: on $finish, the index of the cycle whose edge executed it (its outputs are in).
    int (*run_batch)(void* inst, const int32_t* in_ids, int n_in, const int32_t* out_ids, int n_out,
                     const uint32_t* in, uint32_t* out, int cycles);
    // Writes line/toggle coverage counts (coverage builds only); returns 0 if the build has none.
    int (*write_coverage)(void* inst, const char* path);
    // The FAILURE lines the simulation assertions printed during the last tick or run_batch call
    // ("" if none); valid until the next call on the instance.
    const char* (*failures)(void* inst);
} swapipc_model_api;
