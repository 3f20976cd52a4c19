/*
 * swapipc firmware driver: one endpoint's slave, over an MMIO seam.
 * Freestanding C99: needs only <stdint.h> and <stddef.h>. Register offsets and fields come from
 * the generated swapipc_regs.h, the message layout from swapipc_wire.h.
 *
 * Order of use: swapipc_init, then swapipc_send (a call) and swapipc_wait / swapipc_receive (its
 * reply) on the client; swapipc_wait, swapipc_receive and swapipc_reply on the server. Buffers of
 * one's own: swapipc_claim, swapipc_pool_write / swapipc_pool_read, swapipc_free. After a
 * SWAPIPC_BUS_ERROR, swapipc_errors says what was wrong and clears it.
 */
#ifndef SWAPIPC_H
#define SWAPIPC_H

#include <stddef.h>
#include <stdint.h>

#include "swapipc_regs.h"
#include "swapipc_wire.h"

/*
 * How the driver reaches the slave. On a CPU: read32/write32 are volatile accesses at
 * base + offset and return 0 (a bus error traps, or shows in ERR). In a test bench: a
 * bus-functional master; a nonzero return means the slave answered with a bus error.
 */
typedef struct swapipc_mmio {
    int (*read32)(void *ctx, uint32_t offset, uint32_t *value);
    int (*write32)(void *ctx, uint32_t offset, uint32_t value);
    void *ctx;
} swapipc_mmio;

typedef struct swapipc_dev {
    swapipc_mmio io;
    uint32_t self;         /* this slave's endpoint number */
    uint32_t endpoints;
    uint32_t buffers;
    uint32_t buffer_bytes;
    uint32_t pool_base;
    uint32_t rx_data;      /* offset of the RX_DATA window */
    uint32_t pool_data;    /* offset of the POOL_DATA window */
    uint32_t flag_claim;   /* offset of the FLAG_CLAIM (read-to-claim) window */
} swapipc_dev;

typedef enum swapipc_status {
    SWAPIPC_OK = 0,
    SWAPIPC_NONE,          /* no buffer free (claim, fail-fast send) */
    SWAPIPC_TOO_LONG,      /* send: more bytes than a buffer holds */
    SWAPIPC_BAD_DEST,      /* send: no such endpoint */
    SWAPIPC_BUS_ERROR,     /* the slave refused an access: see swapipc_errors */
    SWAPIPC_NOT_SWAPIPC,   /* init: the ID register is not swapipc's */
    SWAPIPC_TIMEOUT,       /* wait: nothing arrived within the spin budget */
    SWAPIPC_TOO_SMALL      /* receive: the message has more words than the caller's array */
} swapipc_status;

/* A message header as software states it (the hardware fills in the source). */
typedef struct swapipc_msg {
    uint32_t src;
    uint32_t dst;
    uint32_t kind;         /* SWAPIPC_KIND_CALL or SWAPIPC_KIND_RETURN */
    uint32_t opcode;
    uint32_t tag;
    uint32_t argc;
    uint32_t length;       /* argument bytes; ceil(length / 4) words */
} swapipc_msg;

swapipc_status swapipc_init(swapipc_dev *dev, const swapipc_mmio *io);

/* CLAIM: a buffer for this endpoint (SWAPIPC_NONE when none is free or senders wait). */
swapipc_status swapipc_claim(swapipc_dev *dev, uint32_t *ref);
/*
 * The same, as the seed's Fig. 6 runs it: for i = 0 .. n-1, read FLAG_CLAIM[i], which swaps a 0
 * into flag i and returns the old flag; the first 1 is this endpoint's buffer. SWAPIPC_NONE after n zeros.
 */
swapipc_status swapipc_claim_fig6(swapipc_dev *dev, uint32_t *ref);
swapipc_status swapipc_free(swapipc_dev *dev, uint32_t ref);
swapipc_status swapipc_pool_write(swapipc_dev *dev, uint32_t ref, uint32_t word, uint32_t value);
swapipc_status swapipc_pool_read(swapipc_dev *dev, uint32_t ref, uint32_t word, uint32_t *value);
swapipc_status swapipc_free_count(swapipc_dev *dev, uint32_t *count);

/* Sends m (dst, kind, opcode, tag, argc, length) with ceil(length / 4) words from args. */
swapipc_status swapipc_send(swapipc_dev *dev, const swapipc_msg *m, const uint32_t *args, int blocking);

/* 1 when a message is presented, 0 when not, -1 on a bus error. */
int swapipc_poll(swapipc_dev *dev);
/* Polls until a message is presented, at most spins times. */
swapipc_status swapipc_wait(swapipc_dev *dev, uint32_t spins);
/* Reads the presented message (header, then up to max_words words) and releases it. */
swapipc_status swapipc_receive(swapipc_dev *dev, swapipc_msg *m, uint32_t *args, size_t max_words);
/* Answers call with a RETURN of the same opcode and tag to its source. */
swapipc_status swapipc_reply(swapipc_dev *dev, const swapipc_msg *call, uint32_t argc, uint32_t length, const uint32_t *args);

/* The ERR bits (SWAPIPC_ERR_*_MASK), cleared by reading them through this call. */
uint32_t swapipc_errors(swapipc_dev *dev);
/* The name of error bit `bit` ("BAD_ADDRESS", ...), or "?". */
const char *swapipc_error_name(uint32_t bit);

#endif
