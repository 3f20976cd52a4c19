// The native baseline of the simulation benchmark: the same model library and the same stimulus
// as the Java bench, driven from a C++ loop with no JVM. Prints the elapsed nanoseconds.
// usage: native_bench <model.so> <stimulus.bin> <batch cycles>
// stimulus.bin: int32 n_in, n_out, cycles, in_words, out_words; in_ids; out_ids; in words.
#include <dlfcn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <vector>
#include "model_api.h"

static int64_t now_ns() {
    timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return static_cast<int64_t>(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

int main(int argc, char** argv) {
    if (argc != 4) {
        fprintf(stderr, "usage: %s <model.so> <stimulus.bin> <batch cycles>\n", argv[0]);
        return 2;
    }
    void* lib = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
    if (!lib) {
        fprintf(stderr, "cannot load %s: %s\n", argv[1], dlerror());
        return 1;
    }
    auto get = reinterpret_cast<const swapipc_model_api* (*)()>(dlsym(lib, "swapipc_model_api_get"));
    const swapipc_model_api* api = get ? get() : nullptr;
    if (!api || api->version != SWAPIPC_API_VERSION) {
        fprintf(stderr, "%s is not a swapipc model library of API version %d\n", argv[1], SWAPIPC_API_VERSION);
        return 1;
    }
    FILE* f = fopen(argv[2], "rb");
    int32_t h[5];
    if (!f || fread(h, sizeof(int32_t), 5, f) != 5) {
        fprintf(stderr, "cannot read stimulus header from %s\n", argv[2]);
        return 1;
    }
    const int n_in = h[0], n_out = h[1], cycles = h[2], in_words = h[3], out_words = h[4];
    std::vector<int32_t> in_ids(n_in), out_ids(n_out);
    std::vector<uint32_t> in(static_cast<size_t>(in_words) * cycles);
    if (fread(in_ids.data(), 4, n_in, f) != static_cast<size_t>(n_in) ||
        fread(out_ids.data(), 4, n_out, f) != static_cast<size_t>(n_out) ||
        fread(in.data(), 4, in.size(), f) != in.size()) {
        fprintf(stderr, "stimulus file %s is truncated\n", argv[2]);
        return 1;
    }
    fclose(f);
    const int batch = atoi(argv[3]);
    std::vector<uint32_t> out(static_cast<size_t>(out_words) * batch);
    void* inst = api->create(nullptr);
    int64_t t0 = now_ns();
    for (int c = 0; c < cycles; c += batch) {
        int n = cycles - c < batch ? cycles - c : batch;
        api->run_batch(inst, in_ids.data(), n_in, out_ids.data(), n_out,
                       in.data() + static_cast<size_t>(c) * in_words, out.data(), n);
    }
    int64_t t1 = now_ns();
    api->destroy(inst);
    printf("%lld\n", static_cast<long long>(t1 - t0));
    return 0;
}
