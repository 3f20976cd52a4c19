// Directed sequence for IpcUnit under Icarus: init (with the zeroize sweep), an inline message
// and a pooled message from endpoint 0 to endpoint 1, each read back from the receiver's
// temporary memory, then a BufferPort CLAIM, READ (zeroized) and FREE on endpoint 1.
// Included by the bench IcarusTest writes.
reg [31:0] claimed;
integer k;

task automatic send_msg(input [15:0] length, input [7:0] opcode, input [7:0] tag, input pooled, input [31:0] first);
  begin
    io_ep_0_send_valid = 1; io_ep_0_send_payload_dst = 1; io_ep_0_send_payload_header_kind = 0;
    io_ep_0_send_payload_header_opcode = opcode; io_ep_0_send_payload_header_tag = tag;
    io_ep_0_send_payload_header_argc = 1; io_ep_0_send_payload_header_length = length;
    io_ep_0_send_payload_blocking = 1; io_ep_0_sendRsp_ready = 1;
    #1; while (!io_ep_0_send_ready) begin step; #1; end
    step;
    io_ep_0_send_valid = 0;
    while (!io_ep_0_sendRsp_valid) step;
    check(io_ep_0_sendRsp_payload_status == SEND_OK && io_ep_0_sendRsp_payload_pooled == pooled, "send answered OK");
    for (k = 0; k < (length + 3) / 4; k = k + 1) begin
      io_ep_0_sendData_valid = 1; io_ep_0_sendData_payload = first + k;
      #1; while (!io_ep_0_sendData_ready) begin step; #1; end
      step;
    end
    io_ep_0_sendData_valid = 0;
  end
endtask

task automatic receive_msg(input [15:0] length, input [7:0] opcode, input [7:0] tag, input [31:0] first);
  begin
    k = 0;
    while (!io_ep_1_recv_valid) begin step; k = k + 1; check(k < 200, "message presented"); end
    check(io_ep_1_notEmpty && io_ep_1_count == 1, "detector counts the message");
    check(io_ep_1_recv_payload_src == 0 && io_ep_1_recv_payload_header_length == length
          && io_ep_1_recv_payload_header_opcode == opcode && io_ep_1_recv_payload_header_tag == tag, "header as sent");
    for (k = 0; k < (length + 3) / 4 + 1; k = k + 1) begin
      io_ep_1_rdEn = 1; io_ep_1_rdAddr = k;
      step;
      io_ep_1_rdEn = 0;
      check(io_ep_1_rdData == (k < (length + 3) / 4 ? first + k : 0), "argument word as sent, 0 past the end");
    end
    io_ep_1_recv_ready = 1;
    step;
    io_ep_1_recv_ready = 0;
  end
endtask

task automatic buffer_cmd(input [1:0] op, input [31:0] reference, input [15:0] offset, input [2:0] status, input [31:0] data);
  begin
    io_ep_1_buffer_valid = 1; io_ep_1_buffer_payload_op = op; io_ep_1_buffer_payload_ref = reference;
    io_ep_1_buffer_payload_offset = offset; io_ep_1_buffer_payload_data = 0; io_ep_1_bufferRsp_ready = 1;
    #1; while (!io_ep_1_buffer_ready) begin step; #1; end
    step;
    io_ep_1_buffer_valid = 0;
    k = 0;
    while (!io_ep_1_bufferRsp_valid) begin step; k = k + 1; check(k < 200, "BufferPort answers"); end
    check(io_ep_1_bufferRsp_payload_status == status, "BufferPort status");
    if (op == OP_READ) check(io_ep_1_bufferRsp_payload_data == data, "BufferPort read data");
    if (op == OP_CLAIM) claimed = io_ep_1_bufferRsp_payload_ref;
    step;
  end
endtask

initial begin
  reset = 1;
  step;
  checking = 1;
  step;
  reset = 0;
  while (!io_initDone) step;
  check(io_freeCount == BUFFERS && io_errFlags == 0 && io_errCount == 0, "initialised, no error");
  send_msg(4, 8'h11, 8'h21, 0, 32'hcafe0000);
  receive_msg(4, 8'h11, 8'h21, 32'hcafe0000);
  send_msg(16, 8'h12, 8'h22, 1, 32'hbeef0000);
  receive_msg(16, 8'h12, 8'h22, 32'hbeef0000);
  check(io_freeCount == BUFFERS, "the buffer was freed on receipt");
  buffer_cmd(OP_CLAIM, 0, 0, ACCESS_OK, 0);
  check(claimed >= POOL_BASE && claimed < POOL_BASE + BUFFERS * BUFFER_BYTES, "CLAIM returns a buffer of the pool");
  buffer_cmd(OP_READ, claimed, 0, ACCESS_OK, 0);
  buffer_cmd(OP_FREE, claimed, 0, ACCESS_OK, 0);
  buffer_cmd(OP_FREE, claimed, 0, ACCESS_DOUBLE_FREE, 0);
  step;
  check(io_errFlags == ERR_DOUBLE_FREE && io_errCount == 1 && io_freeCount == BUFFERS, "double free latched, no buffer lost");
  repeat (4) step;
  $display("PASS");
  $finish;
end
