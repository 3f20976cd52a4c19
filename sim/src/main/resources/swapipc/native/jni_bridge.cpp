// JNI side of the simulation bridge: loads model libraries with dlopen and forwards calls to
// their swapipc_model_api. One JNI crossing per call; run_batch crosses once per batch.
#include <jni.h>
#include <dlfcn.h>
#include <stdint.h>
#include <string>
#include <vector>
#include "model_api.h"

#define EXPORT extern "C" JNIEXPORT __attribute__((visibility("default")))

namespace {

const swapipc_model_api* api(jlong h) { return reinterpret_cast<const swapipc_model_api*>(h); }
void* inst(jlong h) { return reinterpret_cast<void*>(h); }

void throw_java(JNIEnv* env, const std::string& msg) {
    jclass cls = env->FindClass("java/lang/IllegalStateException");
    if (cls) env->ThrowNew(cls, msg.c_str());
}

// Ports chosen for run_batch, kept per instance so a batch call carries data only.
struct BatchPorts {
    std::vector<int32_t> in, out;
};

}  // namespace

EXPORT jlong JNICALL Java_swapipc_sim_bridge_Native_open(JNIEnv* env, jclass, jstring path) {
    const char* p = env->GetStringUTFChars(path, nullptr);
    // RTLD_LOCAL keeps each model's Verilator runtime private to it.
    void* lib = dlopen(p, RTLD_NOW | RTLD_LOCAL);
    std::string where(p);
    env->ReleaseStringUTFChars(path, p);
    if (!lib) {
        throw_java(env, "cannot load model library " + where + ": " + dlerror());
        return 0;
    }
    using Get = const swapipc_model_api* (*)();
    Get get = reinterpret_cast<Get>(dlsym(lib, "swapipc_model_api_get"));
    if (!get) {
        throw_java(env, where + " has no swapipc_model_api_get: not a swapipc model library");
        return 0;
    }
    const swapipc_model_api* a = get();
    if (a->version != SWAPIPC_API_VERSION) {
        throw_java(env, where + " speaks model API version " + std::to_string(a->version) +
                            ", this bridge " + std::to_string(SWAPIPC_API_VERSION));
        return 0;
    }
    return reinterpret_cast<jlong>(a);
}

EXPORT jobjectArray JNICALL Java_swapipc_sim_bridge_Native_portNames(JNIEnv* env, jclass, jlong h) {
    jobjectArray arr = env->NewObjectArray(api(h)->port_count, env->FindClass("java/lang/String"), nullptr);
    for (int i = 0; i < api(h)->port_count; i++) {
        env->SetObjectArrayElement(arr, i, env->NewStringUTF(api(h)->port_names[i]));
    }
    return arr;
}

EXPORT jint JNICALL Java_swapipc_sim_bridge_Native_portWidth(JNIEnv*, jclass, jlong h, jint id) {
    return api(h)->port_widths[id];
}

EXPORT jboolean JNICALL Java_swapipc_sim_bridge_Native_portIsInput(JNIEnv*, jclass, jlong h, jint id) {
    return api(h)->port_inputs[id] != 0;
}

EXPORT jlong JNICALL Java_swapipc_sim_bridge_Native_create(JNIEnv* env, jclass, jlong h, jstring trace) {
    const char* t = trace ? env->GetStringUTFChars(trace, nullptr) : nullptr;
    void* i = api(h)->create(t);
    if (t) env->ReleaseStringUTFChars(trace, t);
    if (!i) throw_java(env, "model instance allocation failed");
    return reinterpret_cast<jlong>(i);
}

EXPORT void JNICALL Java_swapipc_sim_bridge_Native_destroy(JNIEnv*, jclass, jlong h, jlong i) {
    api(h)->destroy(inst(i));
}

EXPORT void JNICALL Java_swapipc_sim_bridge_Native_poke(JNIEnv*, jclass, jlong h, jlong i, jint id, jlong value) {
    uint32_t w[2] = {static_cast<uint32_t>(value), static_cast<uint32_t>(static_cast<uint64_t>(value) >> 32)};
    api(h)->poke(inst(i), id, w);
}

EXPORT jlong JNICALL Java_swapipc_sim_bridge_Native_peek(JNIEnv*, jclass, jlong h, jlong i, jint id) {
    uint32_t w[2] = {0, 0};
    api(h)->peek(inst(i), id, w);
    return static_cast<jlong>(w[0] | (static_cast<uint64_t>(w[1]) << 32));
}

EXPORT void JNICALL Java_swapipc_sim_bridge_Native_peekWords(JNIEnv* env, jclass, jlong h, jlong i, jint id,
                                                     jintArray words) {
    jint* w = env->GetIntArrayElements(words, nullptr);
    api(h)->peek(inst(i), id, reinterpret_cast<uint32_t*>(w));
    env->ReleaseIntArrayElements(words, w, 0);
}

EXPORT jboolean JNICALL Java_swapipc_sim_bridge_Native_writeCoverage(JNIEnv* env, jclass, jlong h, jlong i, jstring path) {
    const char* p = env->GetStringUTFChars(path, nullptr);
    int written = api(h)->write_coverage(inst(i), p);
    env->ReleaseStringUTFChars(path, p);
    return written != 0;
}

EXPORT jstring JNICALL Java_swapipc_sim_bridge_Native_failures(JNIEnv* env, jclass, jlong h, jlong i) {
    return env->NewStringUTF(api(h)->failures(inst(i)));
}

EXPORT void JNICALL Java_swapipc_sim_bridge_Native_eval(JNIEnv*, jclass, jlong h, jlong i) {
    api(h)->eval(inst(i));
}

EXPORT jint JNICALL Java_swapipc_sim_bridge_Native_tick(JNIEnv*, jclass, jlong h, jlong i, jint cycles) {
    return api(h)->tick(inst(i), cycles);
}

EXPORT jlong JNICALL Java_swapipc_sim_bridge_Native_batchPorts(JNIEnv* env, jclass, jintArray in, jintArray out) {
    BatchPorts* b = new BatchPorts;
    b->in.resize(env->GetArrayLength(in));
    b->out.resize(env->GetArrayLength(out));
    env->GetIntArrayRegion(in, 0, b->in.size(), b->in.data());
    env->GetIntArrayRegion(out, 0, b->out.size(), b->out.data());
    return reinterpret_cast<jlong>(b);
}

EXPORT void JNICALL Java_swapipc_sim_bridge_Native_freeBatchPorts(JNIEnv*, jclass, jlong b) {
    delete reinterpret_cast<BatchPorts*>(b);
}

EXPORT jint JNICALL Java_swapipc_sim_bridge_Native_runBatch(JNIEnv* env, jclass, jlong h, jlong i, jlong ports,
                                                    jintArray in, jintArray out, jint cycles) {
    const BatchPorts* b = reinterpret_cast<const BatchPorts*>(ports);
    // Critical access: no copy of the stimulus or the results; no JNI calls until released.
    void* ip = env->GetPrimitiveArrayCritical(in, nullptr);
    void* op = env->GetPrimitiveArrayCritical(out, nullptr);
    int ran = api(h)->run_batch(inst(i), b->in.data(), static_cast<int>(b->in.size()), b->out.data(),
                                static_cast<int>(b->out.size()), static_cast<const uint32_t*>(ip),
                                static_cast<uint32_t*>(op), cycles);
    env->ReleasePrimitiveArrayCritical(out, op, 0);
    env->ReleasePrimitiveArrayCritical(in, ip, JNI_ABORT);
    return ran;
}
