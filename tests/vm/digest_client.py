#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""CRC32C digests against the kernel's data path, with a raw initiator.

  digest_client.py [-H HOST] [-p PORT] TARGET

TARGET must negotiate HeaderDigest and DataDigest CRC32C and have a
writable LUN 0 of 512-byte blocks whose block 8 this may overwrite.
Checks, each on a session of its own:
  - NOP-Out and NOP-In with a padded data segment: both digests, both ways;
  - a WRITE(10) with immediate data, and a READ(10) of it;
  - a NOP-Out with a bad header digest: the connection ends, no answer;
  - a WRITE(10) whose immediate data has a bad data digest, and one whose
    Data-Out has: a Reject (Data-Digest-Error), the end of the connection,
    and the block as it was, for the write never ran.
Exits 1 on the first failed check, after saying which.
"""
import argparse
import os
import struct
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "unit"))
import iscsi_client as ic  # noqa: E402

OP_DATA_OUT, OP_SCSI_RSP, OP_DATA_IN, OP_R2T = 0x05, 0x21, 0x25, 0x31
READ_10, WRITE_10 = 0x28, 0x2a
FLAG_R, FLAG_W, ATTR_SIMPLE, STATUS_S = 0x40, 0x20, 0x01, 0x01
REASON_DATA_DIGEST = 0x02
BLOCK, LBA = 512, 8


def _table():
    out = []
    for i in range(256):
        c = i
        for _ in range(8):
            c = (c >> 1) ^ (0x82f63b78 if c & 1 else 0)
        out.append(c)
    return out


TABLE = _table()


def crc32c(data):
    """The CRC32C (Castagnoli) of data, as RFC 7143 13.1 defines it."""
    c = 0xffffffff
    for b in data:
        c = TABLE[(c ^ b) & 0xff] ^ (c >> 8)
    return c ^ 0xffffffff


def digest(data):
    """The four bytes on the wire: least significant first."""
    return struct.pack("<I", crc32c(data))


# CRC examples of RFC 3720 B.4, in wire order.
assert digest(bytes(32)).hex() == "aa36918a"
assert digest(b"\xff" * 32).hex() == "43aba862"
assert digest(bytes(range(32))).hex() == "4e79dd46"


class DigestConn:
    """A logged-in connection that speaks both digests."""

    def __init__(self, conn, rsp):
        self.c = conn
        self.statsn = rsp.statsn
        self.cmdsn = rsp.expcmdsn
        self.itt = 0x1000

    def send(self, bhs, data=b"", bad_header=False, bad_data=False):
        hd = digest(bhs)
        if bad_header:
            hd = bytes([hd[0] ^ 1]) + hd[1:]
        out = bhs + hd
        if data:
            padded = ic.pad(data)
            dd = digest(padded)
            if bad_data:
                dd = bytes([dd[0] ^ 0x80]) + dd[1:]
            out += padded + dd
        self.c.s.sendall(out)

    def recv(self):
        bhs = self.c.recv_exact(48)
        ic.check(self.c.recv_exact(4) == digest(bhs),
                 f"header digest of opcode 0x{bhs[0] & 0x3f:02x}")
        dlen = int.from_bytes(bhs[5:8], "big")
        data = b""
        if dlen:
            padded = self.c.recv_exact(dlen + (-dlen % 4))
            ic.check(self.c.recv_exact(4) == digest(padded),
                     f"data digest of opcode 0x{bhs[0] & 0x3f:02x}")
            data = padded[:dlen]
        pdu = ic.Pdu(bhs, data)
        if pdu.opcode != OP_DATA_IN or pdu.flags & STATUS_S:
            self.statsn = pdu.statsn
        return pdu

    def next_itt(self):
        self.itt += 1
        return self.itt

    def scsi_cmd(self, cdb, rw, edtl, data=b""):
        dl = len(data).to_bytes(3, "big")
        bhs = struct.pack(">BBHB3sQIIII16s", ic.OP_SCSI_CMD,
                          ic.F | rw | ATTR_SIMPLE, 0, 0, dl, 0,
                          self.next_itt(), edtl, self.cmdsn,
                          self.statsn + 1, cdb)
        self.cmdsn += 1
        return bhs

    def data_out(self, ttt, data, offset=0):
        dl = len(data).to_bytes(3, "big")
        return struct.pack(">BBHB3sQIIIIIIII", OP_DATA_OUT, ic.F, 0, 0, dl, 0,
                           self.itt, ttt, 0, self.statsn + 1, 0, 0, offset, 0)

    def expect_response(self, what):
        rsp = self.recv()
        ic.check(rsp.opcode == OP_SCSI_RSP and rsp.bhs[2] == 0 and
                 rsp.bhs[3] == 0,
                 f"{what}: opcode 0x{rsp.opcode:02x} status 0x{rsp.bhs[3]:02x}")

    def clear_ua(self):
        """TEST UNIT READY until GOOD: a new I_T nexus starts with a unit
        attention (29 00), which every initiator takes after its login."""
        for _ in range(4):
            self.send(self.scsi_cmd(bytes(16), 0, 0))
            rsp = self.recv()
            ic.check(rsp.opcode == OP_SCSI_RSP,
                     f"TEST UNIT READY: opcode 0x{rsp.opcode:02x}")
            if rsp.bhs[3] == 0:
                return
        raise ic.Fail("TEST UNIT READY: unit attentions without end")

    def expect_digest_reject(self, what):
        rsp = self.recv()
        ic.check(rsp.opcode == ic.OP_REJECT and
                 rsp.bhs[2] == REASON_DATA_DIGEST,
                 f"{what}: opcode 0x{rsp.opcode:02x} reason {rsp.bhs[2]}, "
                 "want a Reject for the data digest")
        ic.check(self.c.closed(), f"{what}: the connection stays open")


def cdb10(op, lba, blocks):
    return struct.pack(">BBIBHB6x", op, 0, lba, 0, blocks, 0)


def login(args):
    keys = [("HeaderDigest", "CRC32C"), ("DataDigest", "CRC32C"),
            ("MaxRecvDataSegmentLength", "65536"), ("InitialR2T", "Yes"),
            ("ImmediateData", "Yes"), ("MaxBurstLength", "262144"),
            ("FirstBurstLength", "65536"), ("ErrorRecoveryLevel", "0")]
    conn, rsp = ic.full_login(args.host, args.port, args.target, cid=0,
                              op_keys=keys)
    got = dict(rsp.pairs())
    ic.check(got.get("HeaderDigest") == "CRC32C" and
             got.get("DataDigest") == "CRC32C", f"digests not agreed: {got}")
    d = DigestConn(conn, rsp)
    d.clear_ua()
    return d


def read_block(args):
    d = login(args)
    d.send(d.scsi_cmd(cdb10(READ_10, LBA, 1), FLAG_R, BLOCK))
    rsp = d.recv()
    ic.check(rsp.opcode == OP_DATA_IN and rsp.flags & STATUS_S and
             rsp.bhs[3] == 0 and len(rsp.data) == BLOCK,
             f"READ(10): opcode 0x{rsp.opcode:02x} {len(rsp.data)} bytes")
    d.c.close()
    return rsp.data


def nop(args):
    d = login(args)
    ping = b"ping-digest-1"
    d.send(ic.bhs_generic(ic.OP_NOP_OUT | ic.IMMEDIATE, ic.F, ping, 0x300,
                          cmdsn=d.cmdsn, expstatsn=d.statsn + 1), ping)
    rsp = d.recv()
    ic.check(rsp.opcode == ic.OP_NOP_IN and rsp.data == ping,
             f"NOP-In: opcode 0x{rsp.opcode:02x} data {rsp.data!r}")
    d.c.close()
    print("ok - NOP-Out and NOP-In of 13 bytes, both digests both ways")


def write_read(args, block):
    d = login(args)
    d.send(d.scsi_cmd(cdb10(WRITE_10, LBA, 1), FLAG_W, BLOCK, block), block)
    d.expect_response("WRITE(10) with immediate data")
    d.c.close()
    ic.check(read_block(args) == block, "READ(10) does not return the write")
    print("ok - WRITE(10) with immediate data, READ(10) returns it")


def bad_header(args):
    d = login(args)
    d.send(ic.bhs_generic(ic.OP_NOP_OUT | ic.IMMEDIATE, ic.F, b"", 0x301,
                          cmdsn=d.cmdsn, expstatsn=d.statsn + 1),
           bad_header=True)
    ic.check(d.c.closed(), "a bad header digest: the connection stays open")
    print("ok - a bad header digest ends the connection")


def bad_immediate(args, block):
    d = login(args)
    other = bytes(b ^ 0xff for b in block)
    d.send(d.scsi_cmd(cdb10(WRITE_10, LBA, 1), FLAG_W, BLOCK, other), other,
           bad_data=True)
    d.expect_digest_reject("immediate data with a bad digest")
    ic.check(read_block(args) == block, "a write with a bad digest ran")
    print("ok - immediate data with a bad data digest: Reject, closed, "
          "not written")


def bad_data_out(args, block):
    d = login(args)
    other = bytes(b ^ 0x55 for b in block)
    d.send(d.scsi_cmd(cdb10(WRITE_10, LBA, 1), FLAG_W, BLOCK))
    r2t = d.recv()
    ic.check(r2t.opcode == OP_R2T and r2t.itt == d.itt,
             f"no R2T: opcode 0x{r2t.opcode:02x}")
    d.send(d.data_out(r2t.word20, other), other, bad_data=True)
    d.expect_digest_reject("Data-Out with a bad digest")
    ic.check(read_block(args) == block, "a write with a bad Data-Out ran")
    print("ok - Data-Out with a bad data digest: Reject, closed, not written")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("-H", "--host", default="127.0.0.1")
    ap.add_argument("-p", "--port", type=int, default=3260)
    ap.add_argument("target")
    args = ap.parse_args()
    block = os.urandom(BLOCK)
    try:
        nop(args)
        write_read(args, block)
        bad_header(args)
        bad_immediate(args, block)
        bad_data_out(args, block)
    except (ic.Fail, EOFError, OSError) as e:
        print(f"digest_client: FAIL: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
