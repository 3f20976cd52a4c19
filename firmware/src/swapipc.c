/* swapipc firmware driver; see swapipc.h. Freestanding C99. */
#include "swapipc.h"

#define FIELD(reg, field, word) (((word) & SWAPIPC_##reg##_##field##_MASK) >> SWAPIPC_##reg##_##field##_LSB)
#define PUT(reg, field, value) ((((uint32_t)(value)) << SWAPIPC_##reg##_##field##_LSB) & SWAPIPC_##reg##_##field##_MASK)

static swapipc_status rd(swapipc_dev *dev, uint32_t offset, uint32_t *value) {
    return dev->io.read32(dev->io.ctx, offset, value) ? SWAPIPC_BUS_ERROR : SWAPIPC_OK;
}

static swapipc_status wr(swapipc_dev *dev, uint32_t offset, uint32_t value) {
    return dev->io.write32(dev->io.ctx, offset, value) ? SWAPIPC_BUS_ERROR : SWAPIPC_OK;
}

#define TRY(call) do { swapipc_status s_ = (call); if (s_ != SWAPIPC_OK) return s_; } while (0)

swapipc_status swapipc_init(swapipc_dev *dev, const swapipc_mmio *io) {
    uint32_t v;
    /* Field by field: a struct copy may become a call to memcpy, which freestanding code does not have. */
    dev->io.read32 = io->read32;
    dev->io.write32 = io->write32;
    dev->io.ctx = io->ctx;
    TRY(rd(dev, SWAPIPC_REG_ID, &v));
    if (v != SWAPIPC_MAGIC) return SWAPIPC_NOT_SWAPIPC;
    TRY(rd(dev, SWAPIPC_REG_INFO, &v));
    dev->self = FIELD(INFO, SELF, v);
    dev->endpoints = FIELD(INFO, ENDPOINTS, v);
    TRY(rd(dev, SWAPIPC_REG_COUNT, &v));
    dev->buffers = FIELD(COUNT, COUNT, v);
    TRY(rd(dev, SWAPIPC_REG_BUFFER_BYTES, &v));
    dev->buffer_bytes = FIELD(BUFFER_BYTES, BYTES, v);
    TRY(rd(dev, SWAPIPC_REG_POOL_BASE, &dev->pool_base));
    TRY(rd(dev, SWAPIPC_REG_RX_DATA_AT, &dev->rx_data));
    TRY(rd(dev, SWAPIPC_REG_POOL_DATA_AT, &dev->pool_data));
    TRY(rd(dev, SWAPIPC_REG_FLAG_CLAIM_AT, &dev->flag_claim));
    (void)swapipc_errors(dev);
    return SWAPIPC_OK;
}

swapipc_status swapipc_claim(swapipc_dev *dev, uint32_t *ref) {
    TRY(rd(dev, SWAPIPC_REG_CLAIM, ref));
    return *ref == SWAPIPC_CLAIM_NONE ? SWAPIPC_NONE : SWAPIPC_OK;
}

swapipc_status swapipc_claim_fig6(swapipc_dev *dev, uint32_t *ref) {
    uint32_t i, old;
    for (i = 0; i < dev->buffers; i++) {
        TRY(rd(dev, dev->flag_claim + 4u * i, &old));
        if (old != 0u) {
            *ref = dev->pool_base + i * dev->buffer_bytes;
            return SWAPIPC_OK;
        }
    }
    *ref = SWAPIPC_CLAIM_NONE;
    return SWAPIPC_NONE;
}

swapipc_status swapipc_free(swapipc_dev *dev, uint32_t ref) {
    return wr(dev, SWAPIPC_REG_FREE, ref);
}

swapipc_status swapipc_pool_write(swapipc_dev *dev, uint32_t ref, uint32_t word, uint32_t value) {
    TRY(wr(dev, SWAPIPC_REG_POOL_REF, ref));
    return wr(dev, dev->pool_data + 4u * word, value);
}

swapipc_status swapipc_pool_read(swapipc_dev *dev, uint32_t ref, uint32_t word, uint32_t *value) {
    TRY(wr(dev, SWAPIPC_REG_POOL_REF, ref));
    return rd(dev, dev->pool_data + 4u * word, value);
}

swapipc_status swapipc_free_count(swapipc_dev *dev, uint32_t *count) {
    uint32_t v;
    TRY(rd(dev, SWAPIPC_REG_FREE_COUNT, &v));
    *count = FIELD(FREE_COUNT, FREE, v);
    return SWAPIPC_OK;
}

swapipc_status swapipc_send(swapipc_dev *dev, const swapipc_msg *m, const uint32_t *args, int blocking) {
    uint32_t status, k, words = (m->length + 3u) / 4u;
    TRY(wr(dev, SWAPIPC_REG_SEND_CTRL, PUT(SEND_CTRL, DST, m->dst) | PUT(SEND_CTRL, KIND, m->kind)
        | PUT(SEND_CTRL, BLOCKING, blocking ? 1u : 0u)));
    TRY(wr(dev, SWAPIPC_REG_SEND_HDR, PUT(SEND_HDR, OPCODE, m->opcode) | PUT(SEND_HDR, TAG, m->tag) | PUT(SEND_HDR, ARGC, m->argc)));
    TRY(wr(dev, SWAPIPC_REG_SEND_LEN, PUT(SEND_LEN, LENGTH, m->length)));
    TRY(wr(dev, SWAPIPC_REG_SEND_GO, 1u));
    do {
        TRY(rd(dev, SWAPIPC_REG_SEND_STATUS, &status));
    } while (FIELD(SEND_STATUS, PENDING, status) != 0u);
    switch (FIELD(SEND_STATUS, STATUS, status)) {
    case SWAPIPC_SEND_OK: break;
    case SWAPIPC_SEND_NONE: return SWAPIPC_NONE;
    case SWAPIPC_SEND_TOO_LONG: return SWAPIPC_TOO_LONG;
    default: return SWAPIPC_BAD_DEST;
    }
    for (k = 0; k < words; k++) TRY(wr(dev, SWAPIPC_REG_SEND_DATA, args[k]));
    return SWAPIPC_OK;
}

int swapipc_poll(swapipc_dev *dev) {
    uint32_t v;
    if (rd(dev, SWAPIPC_REG_RX_STATUS, &v) != SWAPIPC_OK) return -1;
    return FIELD(RX_STATUS, PRESENTED, v) != 0u;
}

swapipc_status swapipc_wait(swapipc_dev *dev, uint32_t spins) {
    while (spins-- > 0u) {
        int p = swapipc_poll(dev);
        if (p < 0) return SWAPIPC_BUS_ERROR;
        if (p) return SWAPIPC_OK;
    }
    return SWAPIPC_TIMEOUT;
}

swapipc_status swapipc_receive(swapipc_dev *dev, swapipc_msg *m, uint32_t *args, size_t max_words) {
    uint32_t h0, h1, k, words;
    TRY(rd(dev, SWAPIPC_REG_RX_HDR0, &h0));
    TRY(rd(dev, SWAPIPC_REG_RX_HDR1, &h1));
    m->src = FIELD(RX_HDR0, SOURCE, h0);
    m->dst = dev->self;
    m->kind = FIELD(RX_HDR0, KIND, h0);
    m->opcode = FIELD(RX_HDR0, OPCODE, h0);
    m->tag = FIELD(RX_HDR0, TAG, h0);
    m->argc = FIELD(RX_HDR0, ARGC, h0);
    m->length = FIELD(RX_HDR1, LENGTH, h1);
    words = (m->length + 3u) / 4u;
    if (words > max_words) return SWAPIPC_TOO_SMALL;
    for (k = 0; k < words; k++) TRY(rd(dev, dev->rx_data + 4u * k, &args[k]));
    return wr(dev, SWAPIPC_REG_RX_RELEASE, 1u);
}

swapipc_status swapipc_reply(swapipc_dev *dev, const swapipc_msg *call, uint32_t argc, uint32_t length, const uint32_t *args) {
    swapipc_msg r;
    r.src = dev->self;
    r.dst = call->src;
    r.kind = SWAPIPC_KIND_RETURN;
    r.opcode = call->opcode;
    r.tag = call->tag;
    r.argc = argc;
    r.length = length;
    return swapipc_send(dev, &r, args, 1);
}

uint32_t swapipc_errors(swapipc_dev *dev) {
    uint32_t err = 0;
    if (rd(dev, SWAPIPC_REG_ERR, &err) != SWAPIPC_OK) return 0;
    if (err != 0u) (void)wr(dev, SWAPIPC_REG_ERR, err);
    return err;
}

const char *swapipc_error_name(uint32_t bit) {
    static const char *const names[] = SWAPIPC_ERR_NAMES;
    return bit < SWAPIPC_ERR_BITS ? names[bit] : "?";
}
