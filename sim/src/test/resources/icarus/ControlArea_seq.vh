// Directed sequence for ControlArea under Icarus: Fig. 8 walk, one allocation and its free,
// a double free, an oversize request, error clear. Included by the bench IcarusTest writes.
initial begin
  reset = 1;
  step;
  checking = 1;
  step;
  reset = 0;
  while (!io_initDone) step;
  check(io_count == BUFFERS && io_flags == {BUFFERS{1'b1}}, "initialised: every flag free");
  step;
  check(io_freeCount == BUFFERS, "freeCount follows the flags one cycle late");
  check(io_errFlags == 0 && io_errCount == 0, "no error after reset");
  // Every request: taken at an edge, decided in the next cycle, answered in the one after.
  io_alloc_0_req_valid = 1; io_alloc_0_req_payload_bytes = 16; io_alloc_0_rsp_ready = 1;
  step;
  io_alloc_0_req_valid = 0;
  check(!io_alloc_0_rsp_valid, "the allocation is being decided");
  step;
  check(io_alloc_0_rsp_valid && io_alloc_0_rsp_payload_status == ALLOC_OK && io_alloc_0_rsp_payload_index == 0
        && io_alloc_0_rsp_payload_ref == POOL_BASE, "allocation answers OK with buffer 0 two cycles later");
  check(io_flags[0] == 0, "flag 0 allocated");
  step;
  check(io_freeCount == BUFFERS - 1, "one buffer allocated");
  io_free_1_req_valid = 1; io_free_1_req_payload_ref = POOL_BASE; io_free_1_rsp_ready = 1;
  step;
  step;
  io_free_1_req_valid = 0;
  check(io_free_1_rsp_valid && io_free_1_rsp_payload_status == FREE_OK && io_flags[0] == 1, "free answers OK");
  io_alloc_1_req_valid = 1; io_alloc_1_req_payload_bytes = BUFFER_BYTES + 1; io_alloc_1_rsp_ready = 1;
  step;
  io_alloc_1_req_valid = 0;
  check(io_free_1_rsp_payload_status == FREE_DOUBLE_FREE && io_freeCount == BUFFERS, "second free is DOUBLE_FREE");
  step;
  check(io_alloc_1_rsp_valid && io_alloc_1_rsp_payload_status == ALLOC_ERROR && io_alloc_1_rsp_payload_ref == 0,
        "oversize request is ERROR");
  step;
  check(io_errFlags == (ERR_DOUBLE_FREE | ERR_SIZE) && io_errCount == 2, "both errors latched, a cycle after their answers");
  io_errClear = 1;
  step;
  io_errClear = 0;
  check(io_errFlags == 0 && io_errCount == 0 && io_freeCount == BUFFERS, "clear empties the status, no buffer lost");
  repeat (4) step;
  $display("PASS");
  $finish;
end
