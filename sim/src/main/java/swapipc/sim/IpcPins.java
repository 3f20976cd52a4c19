package swapipc.sim;

import swapipc.model.Config;
import swapipc.sim.bridge.PinSource;
import swapipc.sim.bridge.PortLayout;

/**
 * The one place that knows the IpcUnit's Verilog port names: word offsets of every port in a
 * one-cycle {@link PortLayout}, per endpoint and for the unit. A renamed or missing port fails
 * here, at construction, with the list of real ones.
 */
public final class IpcPins {
    /** One endpoint's offsets: inputs into {@code in[]}, outputs into {@code out[]}. */
    public static final class Endpoint {
        public final int sendValid, dst, kind, opcode, tag, argc, length, blocking, dataValid, data, rspReady, recvReady, rdEn,
            rdAddr, irqEnable, irqThreshold, bufValid, bufOp, bufRef, bufOffset, bufData, bufRspReady;
        public final int sendReady, dataReady, rspValid, rspStatus, rspPooled, rspIndex, recvValid, src, recvKind, recvOpcode,
            recvTag, recvArgc, recvLength, rdData, notEmpty, count, irq, allocValid, allocIndex, freedValid, freedIndex,
            postedValid, postedIndex, bufReady, bufRspValid, bufRspStatus, bufRspRef, bufRspData, claimedValid, claimedIndex,
            releasedValid, releasedIndex;

        Endpoint(PinSource l, int e) {
            this(l, "io_ep_" + e + "_");
        }

        /** The endpoint pins whose names start with {@code p} (the IpcSystem's io_client_c_, io_server_s_). */
        public Endpoint(PinSource l, String p) {
            sendValid = l.in(p + "send_valid");
            dst = l.in(p + "send_payload_dst");
            kind = l.in(p + "send_payload_header_kind");
            opcode = l.in(p + "send_payload_header_opcode");
            tag = l.in(p + "send_payload_header_tag");
            argc = l.in(p + "send_payload_header_argc");
            length = l.in(p + "send_payload_header_length");
            blocking = l.in(p + "send_payload_blocking");
            dataValid = l.in(p + "sendData_valid");
            data = l.in(p + "sendData_payload");
            rspReady = l.in(p + "sendRsp_ready");
            recvReady = l.in(p + "recv_ready");
            rdEn = l.in(p + "rdEn");
            rdAddr = l.in(p + "rdAddr");
            irqEnable = l.in(p + "irqEnable");
            irqThreshold = l.in(p + "irqThreshold");
            bufValid = l.in(p + "buffer_valid");
            bufOp = l.in(p + "buffer_payload_op");
            bufRef = l.in(p + "buffer_payload_ref");
            bufOffset = l.in(p + "buffer_payload_offset");
            bufData = l.in(p + "buffer_payload_data");
            bufRspReady = l.in(p + "bufferRsp_ready");
            sendReady = l.out(p + "send_ready");
            dataReady = l.out(p + "sendData_ready");
            rspValid = l.out(p + "sendRsp_valid");
            rspStatus = l.out(p + "sendRsp_payload_status");
            rspPooled = l.out(p + "sendRsp_payload_pooled");
            rspIndex = l.out(p + "sendRsp_payload_index");
            recvValid = l.out(p + "recv_valid");
            src = l.out(p + "recv_payload_src");
            recvKind = l.out(p + "recv_payload_header_kind");
            recvOpcode = l.out(p + "recv_payload_header_opcode");
            recvTag = l.out(p + "recv_payload_header_tag");
            recvArgc = l.out(p + "recv_payload_header_argc");
            recvLength = l.out(p + "recv_payload_header_length");
            rdData = l.out(p + "rdData");
            notEmpty = l.out(p + "notEmpty");
            count = l.out(p + "count");
            irq = l.out(p + "irq");
            allocValid = l.out(p + "allocated_valid");
            allocIndex = l.out(p + "allocated_payload");
            freedValid = l.out(p + "freed_valid");
            freedIndex = l.out(p + "freed_payload");
            postedValid = l.out(p + "posted_valid");
            postedIndex = l.out(p + "posted_payload");
            bufReady = l.out(p + "buffer_ready");
            bufRspValid = l.out(p + "bufferRsp_valid");
            bufRspStatus = l.out(p + "bufferRsp_payload_status");
            bufRspRef = l.out(p + "bufferRsp_payload_ref");
            bufRspData = l.out(p + "bufferRsp_payload_data");
            claimedValid = l.out(p + "claimed_valid");
            claimedIndex = l.out(p + "claimed_payload");
            releasedValid = l.out(p + "released_valid");
            releasedIndex = l.out(p + "released_payload");
        }
    }

    public final Endpoint[] ep;
    public final int reset, errClear;
    public final int initDone, freeCount, flags, inTransit, waiting, owners, errFlags, errCount;

    /** The pins of a Verilated IpcUnit; seals the layout. */
    public IpcPins(Config cfg, PortLayout l) {
        this(cfg, (PinSource) l);
        l.seal();
    }

    /** The pins wherever {@code l} finds them (a bus top's taps: see {@code swapipc.sim.bus.UnitTaps}); does not seal. */
    public IpcPins(Config cfg, PinSource l) {
        ep = new Endpoint[cfg.endpoints()];
        for (int e = 0; e < ep.length; e++) ep[e] = new Endpoint(l, e);
        reset = l.in("reset");
        errClear = l.in("io_errClear");
        initDone = l.out("io_initDone");
        freeCount = l.out("io_freeCount");
        flags = l.out("io_flags");
        inTransit = l.out("io_inTransit");
        waiting = l.out("io_waiting");
        owners = l.out("io_owners");
        errFlags = l.out("io_errFlags");
        errCount = l.out("io_errCount");
    }
}
