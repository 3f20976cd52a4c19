/*
 * The firmware tests: the driver on two endpoints of the Verilated AXI4-Lite top, a client (port 0)
 * and a server (port 1). Calls and replies of every length, the BufferPort registers, and every
 * error path, each checked for its status, its ERR bit, and that nothing else changed.
 */
#include <stdio.h>

#include "axi_bfm.h"

static int failures;
static int checks;
static int calls;

#define CHECK(cond, ...) do { checks++; if (!(cond)) { failures++; printf("FAIL %s:%d: ", __FILE__, __LINE__); \
    printf(__VA_ARGS__); printf("\n"); } } while (0)

static swapipc_dev client, server;

static uint32_t pattern(uint32_t length, uint32_t k) { return (length << 16) ^ (k * 0x9E3779B9u); }

static uint32_t free_count(void) {
    uint32_t n = 0;
    bfm_idle(4);
    (void)swapipc_free_count(&client, &n);
    return n;
}

static void calls_and_replies(void) {
    uint32_t args[64], got[64], length, k;
    swapipc_msg call, in, reply;
    for (length = 0; length <= client.buffer_bytes - SWAPIPC_HEADER_BYTES; length++) {
        for (k = 0; k < (length + 3) / 4; k++) args[k] = pattern(length, k);
        call.src = 0; call.dst = 1; call.kind = SWAPIPC_KIND_CALL; call.opcode = length & 0xFF;
        call.tag = (length * 3) & 0xFF; call.argc = 2; call.length = length;
        CHECK(swapipc_send(&client, &call, args, 0) == SWAPIPC_OK, "send of %u bytes", (unsigned)length);
        CHECK(swapipc_wait(&server, 10000) == SWAPIPC_OK, "call of %u bytes arrives", (unsigned)length);
        CHECK(swapipc_receive(&server, &in, got, 64) == SWAPIPC_OK, "receive");
        CHECK(in.src == 0 && in.kind == SWAPIPC_KIND_CALL && in.opcode == call.opcode && in.tag == call.tag
            && in.argc == 2 && in.length == length, "header of the %u-byte call", (unsigned)length);
        for (k = 0; k < (length + 3) / 4; k++) CHECK(got[k] == args[k], "word %u of the %u-byte call", (unsigned)k, (unsigned)length);
        /* The reply: another length, so both directions see every size. */
        reply.length = (client.buffer_bytes - SWAPIPC_HEADER_BYTES) - length;
        for (k = 0; k < (reply.length + 3) / 4; k++) args[k] = ~pattern(length, k);
        CHECK(swapipc_reply(&server, &in, 1, reply.length, args) == SWAPIPC_OK, "reply");
        CHECK(swapipc_wait(&client, 10000) == SWAPIPC_OK, "reply arrives");
        CHECK(swapipc_receive(&client, &in, got, 64) == SWAPIPC_OK, "receive reply");
        CHECK(in.src == 1 && in.kind == SWAPIPC_KIND_RETURN && in.tag == call.tag && in.length == reply.length, "reply header");
        for (k = 0; k < (reply.length + 3) / 4; k++) CHECK(got[k] == args[k], "reply word %u", (unsigned)k);
        calls++;
    }
    CHECK(free_count() == client.buffers, "every buffer back after the calls");
}

static void own_buffers(void) {
    uint32_t refs[256], n = 0, ref, v, k;
    while (swapipc_claim(&client, &ref) == SWAPIPC_OK) refs[n++] = ref;
    CHECK(n == client.buffers, "claimed all %u buffers, got %u", (unsigned)client.buffers, (unsigned)n);
    CHECK(swapipc_claim(&server, &ref) == SWAPIPC_NONE && ref == SWAPIPC_CLAIM_NONE, "pool empty: NONE");
    for (k = 0; k < 8; k++) CHECK(swapipc_pool_write(&client, refs[k], k, 0xA0u + k) == SWAPIPC_OK, "pool write");
    for (k = 0; k < 8; k++) CHECK(swapipc_pool_read(&client, refs[k], k, &v) == SWAPIPC_OK && v == 0xA0u + k, "pool read back");
    for (k = 0; k < n; k++) CHECK(swapipc_free(&client, refs[k]) == SWAPIPC_OK, "free");
    CHECK(free_count() == client.buffers, "all free again");
    /* Fig. 6 literally: the loop takes the lowest free flag, and after n zeros answers NONE. */
    n = 0;
    while (swapipc_claim_fig6(&server, &ref) == SWAPIPC_OK) {
        CHECK(ref == server.pool_base + n * server.buffer_bytes, "Fig. 6 claim %u got 0x%x", (unsigned)n, (unsigned)ref);
        refs[n++] = ref;
    }
    CHECK(n == server.buffers && ref == SWAPIPC_CLAIM_NONE, "Fig. 6 took all %u buffers, then NONE", (unsigned)n);
    CHECK(swapipc_pool_write(&server, refs[5], 0, 77u) == SWAPIPC_OK, "a Fig. 6 buffer belongs to its taker");
    CHECK(swapipc_pool_read(&client, refs[5], 0, &v) == SWAPIPC_BUS_ERROR && swapipc_errors(&client) == SWAPIPC_ERR_FOREIGN_MASK,
        "and to nobody else");
    for (k = 0; k < n; k++) CHECK(swapipc_free(&server, refs[k]) == SWAPIPC_OK, "free a Fig. 6 buffer");
    CHECK(free_count() == client.buffers, "all free again");
    CHECK(swapipc_errors(&client) == 0 && swapipc_errors(&server) == 0, "no error on the good paths");
}

/* An error path: `status` must be the driver's answer, `bit` the only ERR bit, the free count unchanged. */
static int error_paths;
static void expect(swapipc_dev *dev, swapipc_status got, swapipc_status status, uint32_t bit, uint32_t free_before, const char *what) {
    uint32_t err = swapipc_errors(dev);
    error_paths++;
    CHECK(got == status, "%s: status %d, expected %d", what, (int)got, (int)status);
    CHECK(err == (bit == 32u ? 0u : 1u << bit), "%s: ERR 0x%x, expected %s", what, (unsigned)err, bit == 32u ? "none" : swapipc_error_name(bit));
    CHECK(free_count() == free_before, "%s: the free count changed", what);
}

static void every_error_path(void) {
    uint32_t ref, v, n = free_count();
    uint32_t args[4] = {1, 2, 3, 4};
    swapipc_msg m = {0, 1, SWAPIPC_KIND_CALL, 1, 1, 0, 16};
    expect(&client, client.io.read32(client.io.ctx, 0x0A0u, &v) ? SWAPIPC_BUS_ERROR : SWAPIPC_OK, SWAPIPC_BUS_ERROR,
        SWAPIPC_ERR_BAD_ADDRESS_LSB, n, "read of a hole");
    expect(&client, client.io.write32(client.io.ctx, SWAPIPC_REG_COUNT, 5u) ? SWAPIPC_BUS_ERROR : SWAPIPC_OK, SWAPIPC_BUS_ERROR,
        SWAPIPC_ERR_READ_ONLY_LSB, n, "write of COUNT");
    expect(&client, bfm_write_strobes(0, SWAPIPC_REG_SEND_LEN, 4u, 0x1u) ? SWAPIPC_BUS_ERROR : SWAPIPC_OK, SWAPIPC_BUS_ERROR,
        SWAPIPC_ERR_PARTIAL_WRITE_LSB, n, "partial write");
    expect(&client, client.io.write32(client.io.ctx, SWAPIPC_REG_SEND_DATA, 5u) ? SWAPIPC_BUS_ERROR : SWAPIPC_OK, SWAPIPC_BUS_ERROR,
        SWAPIPC_ERR_NO_SEND_LSB, n, "SEND_DATA with no send");
    expect(&server, swapipc_receive(&server, &m, args, 4), SWAPIPC_BUS_ERROR, SWAPIPC_ERR_RX_EMPTY_LSB, n, "receive with nothing there");
    m.dst = 1;
    expect(&client, swapipc_free(&client, 0x12345678u), SWAPIPC_BUS_ERROR, SWAPIPC_ERR_INVALID_REF_LSB, n, "free of a bad reference");
    expect(&client, swapipc_free(&client, client.pool_base + 3u * client.buffer_bytes), SWAPIPC_BUS_ERROR,
        SWAPIPC_ERR_DOUBLE_FREE_LSB, n, "free of a free buffer");
    CHECK(swapipc_claim(&client, &ref) == SWAPIPC_OK, "claim");
    n = free_count();
    expect(&server, swapipc_free(&server, ref), SWAPIPC_BUS_ERROR, SWAPIPC_ERR_FOREIGN_LSB, n, "free of another's buffer");
    expect(&server, swapipc_pool_read(&server, ref, 0, &v), SWAPIPC_BUS_ERROR, SWAPIPC_ERR_FOREIGN_LSB, n, "read of another's buffer");
    CHECK(swapipc_free(&client, ref) == SWAPIPC_OK, "the owner frees it");
    n = free_count();
    m.length = 249;
    expect(&client, swapipc_send(&client, &m, args, 0), SWAPIPC_TOO_LONG, 32u, n, "send longer than a buffer");
    m.length = 16; m.dst = 7;
    expect(&client, swapipc_send(&client, &m, args, 0), SWAPIPC_BAD_DEST, 32u, n, "send to no endpoint");
    /* SEND_GO while the previous send still expects its words. */
    m.dst = 1;
    (void)client.io.write32(client.io.ctx, SWAPIPC_REG_SEND_CTRL, 1u);
    (void)client.io.write32(client.io.ctx, SWAPIPC_REG_SEND_LEN, 16u);
    (void)client.io.write32(client.io.ctx, SWAPIPC_REG_SEND_GO, 1u);
    do (void)client.io.read32(client.io.ctx, SWAPIPC_REG_SEND_STATUS, &v); while (v & SWAPIPC_SEND_STATUS_PENDING_MASK);
    n = free_count();
    expect(&client, client.io.write32(client.io.ctx, SWAPIPC_REG_SEND_GO, 1u) ? SWAPIPC_BUS_ERROR : SWAPIPC_OK, SWAPIPC_BUS_ERROR,
        SWAPIPC_ERR_SEND_BUSY_LSB, n, "SEND_GO during a send");
    for (v = 0; v < 4; v++) (void)client.io.write32(client.io.ctx, SWAPIPC_REG_SEND_DATA, args[v]);
    CHECK(swapipc_wait(&server, 10000) == SWAPIPC_OK && swapipc_receive(&server, &m, args, 4) == SWAPIPC_OK && m.length == 16,
        "the interrupted send still arrives");
    CHECK(free_count() == client.buffers, "every buffer back after the error paths");
}

int driver_tests(void) {
    CHECK(swapipc_init(&client, bfm_port(0)) == SWAPIPC_OK && swapipc_init(&server, bfm_port(1)) == SWAPIPC_OK, "init");
    CHECK(client.self == 0 && server.self == 1 && client.endpoints == 2, "identities");
    CHECK(client.rx_data == SWAPIPC_REG_RX_DATA && client.pool_data == SWAPIPC_REG_POOL_DATA
        && client.flag_claim == SWAPIPC_REG_FLAG_CLAIM, "window offsets");
    calls_and_replies();
    own_buffers();
    every_error_path();
    printf("driver tests: %d calls + replies, %d error paths, %d checks, %d failures, %llu cycles\n", calls, error_paths, checks,
        failures, (unsigned long long)bfm_cycles());
    return failures == 0 ? 0 : 1;
}
