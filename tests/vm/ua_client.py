#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Unit attentions and reservations, seen from two raw sessions.

  ua_client.py [-H HOST] [-p PORT] [--grow CMD] TARGET IETADM TID

LUN 0 must exist and LUN 7 must not. Checks, in order: a new nexus gets
29 00 on its first command but not on INQUIRY, and REQUEST SENSE returns
it as data; adding LUN 7 gives every nexus 3F 0E on LUN 0 (REPORT LUNS
clears it) and 29 00 on LUN 7; a LUN RESET gives both nexuses 29 03;
deleting LUN 7 gives 3F 0E again; an EA reservation makes READ(10) of
the other nexus a RESERVATION CONFLICT, and a PREEMPT of its key gives
it 2A 05; a PREEMPT AND ABORT ends the other nexus's write that waits
for its Data-Out without a response or a write; with --grow, the shell command CMD makes LUN 0's store larger,
and both nexuses get 2A 09, then READ CAPACITY(10) tells the new size.
Exits 1 on the first failed check.
"""
import argparse
import os
import struct
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "unit"))
import iscsi_client as ic  # noqa: E402
import session_client as sc  # noqa: E402

OP_TMF, OP_TMF_RSP = 0x02, 0x22
TMF_LUN_RESET = 5
INQUIRY, REQUEST_SENSE, REPORT_LUNS = 0x12, 0x03, 0xa0
GOOD, CHECK_CONDITION = 0x00, 0x02


def lun_field(lun):
    return lun << 48 if lun < 256 else (0x4000 | lun) << 48


class Nexus(sc.Session):
    def command(self, cdb, lun=0, alloc=0, data=b""):
        """One command, its status and data (Data-In or sense); data
        goes out as immediate data."""
        self.itt += 1
        cdb = cdb.ljust(16, b"\0")
        rw = sc.FLAG_R if alloc else sc.FLAG_W if data else 0
        bhs = struct.pack(">BBHB3sQIIII16s", sc.OP_SCSI_CMD,
                          ic.F | rw | sc.ATTR_SIMPLE, 0, 0,
                          len(data).to_bytes(3, "big"), lun_field(lun),
                          self.itt, alloc or len(data), self.cmdsn,
                          self.next_statsn, cdb)
        self.cmdsn += 1
        self.send(bhs, data)
        data = b""
        while True:
            pdu = self.recv()
            ic.check(pdu.itt == self.itt, f"ITT 0x{pdu.itt:08x}")
            if pdu.opcode == sc.OP_DATA_IN:
                data += pdu.data
                if pdu.flags & 0x01:  # S: the status came with it
                    self.next_statsn += 1
                    return pdu.bhs[3], data
                continue
            ic.check(pdu.opcode == sc.OP_SCSI_RSP,
                     f"opcode 0x{pdu.opcode:02x}")
            self.next_statsn += 1
            return pdu.bhs[3], pdu.data[2:]

    def expect_ua(self, asc, ascq, lun=0, what="TEST UNIT READY"):
        status, sense = self.command(bytes([0]), lun)
        ic.check(status == CHECK_CONDITION and len(sense) >= 14 and
                 sense[2] & 0x0f == 6 and sense[12] == asc and
                 sense[13] == ascq,
                 f"{what} on LUN {lun}: status 0x{status:02x} sense "
                 f"{sense[:14].hex()}, want UNIT ATTENTION "
                 f"{asc:02x}/{ascq:02x}")

    def expect_good(self, lun=0, what="TEST UNIT READY"):
        status, sense = self.command(bytes([0]), lun)
        ic.check(status == GOOD, f"{what} on LUN {lun}: status "
                 f"0x{status:02x} sense {sense[:14].hex()}")

    def prout(self, sa, key, sark, pr_type=0):
        cdb = bytes([0x5f, sa, pr_type, 0, 0]) + (24).to_bytes(4, "big")
        param = key.to_bytes(8, "big") + sark.to_bytes(8, "big") + bytes(8)
        status, _ = self.command(cdb + bytes(1), data=param)
        return status

    def write_waiting(self, lba):
        """A one-block WRITE(10) without immediate data: it waits for its
        Data-Out. Its ITT and the TTT of the R2T."""
        self.itt += 1
        cdb = bytes([0x2a, 0]) + lba.to_bytes(4, "big") + bytes([0, 0, 1, 0])
        bhs = struct.pack(">BBHB3sQIIII16s", sc.OP_SCSI_CMD,
                          ic.F | sc.FLAG_W | sc.ATTR_SIMPLE, 0, 0, b"\0\0\0",
                          0, self.itt, 512, self.cmdsn, self.next_statsn,
                          cdb.ljust(16, b"\0"))
        self.cmdsn += 1
        self.send(bhs)
        pdu = self.recv()
        ic.check(pdu.opcode == sc.OP_R2T and pdu.itt == self.itt,
                 f"want an R2T, got opcode 0x{pdu.opcode:02x}")
        return self.itt, struct.unpack(">I", pdu.bhs[20:24])[0]

    def read_block(self, lba):
        status, data = self.command(bytes([0x28, 0]) + lba.to_bytes(4, "big") +
                                    bytes([0, 0, 1, 0]), alloc=512)
        ic.check(status == GOOD, f"READ(10) of {lba}: status {status}")
        return data

    def lun_reset(self, lun):
        self.itt += 1
        bhs = struct.pack(">BBHB3sQIIIIIIII", OP_TMF | ic.IMMEDIATE,
                          0x80 | TMF_LUN_RESET, 0, 0, b"\0\0\0",
                          lun_field(lun), self.itt, sc.RSVD, self.cmdsn,
                          self.next_statsn, 0, 0, 0, 0)
        self.send(bhs)
        pdu = self.recv()
        ic.check(pdu.opcode == OP_TMF_RSP and pdu.bhs[2] == 0,
                 f"LUN RESET: opcode 0x{pdu.opcode:02x} response "
                 f"{pdu.bhs[2]}")
        self.next_statsn += 1


def ietadm(args, *op):
    subprocess.run([args.ietadm, *op, f"--tid={args.tid}"], check=True)


def run(args):
    a = Nexus(args, args.target, isid=bytes.fromhex("80aa00000001"))
    status, data = a.command(bytes([INQUIRY, 0, 0, 0, 96]), alloc=96)
    ic.check(status == GOOD and len(data) == 96, "INQUIRY before the UA")
    a.expect_ua(0x29, 0x00)
    a.expect_good()
    print("ok - a new nexus: INQUIRY passes, then 29 00 once")

    b = Nexus(args, args.target, isid=bytes.fromhex("80aa00000002"))
    status, data = b.command(bytes([REQUEST_SENSE, 0, 0, 0, 18]), alloc=18)
    ic.check(status == GOOD and data[2] == 6 and data[12:14] == b"\x29\0",
             f"REQUEST SENSE: status {status} data {data.hex()}")
    b.expect_good()
    print("ok - REQUEST SENSE returns the UA as its data and clears it")

    ietadm(args, "--op", "new", "--lun=7", "--params", "Type=nullio")
    a.expect_ua(0x3f, 0x0e)
    a.expect_ua(0x29, 0x00, lun=7)
    a.expect_good(lun=7)
    status, data = b.command(bytes([REPORT_LUNS]) + bytes(5) +
                             (64).to_bytes(4, "big") + bytes(2), alloc=64)
    luns = [data[i:i + 2] for i in range(8, len(data), 8)]
    ic.check(status == GOOD and bytes([0, 7]) in luns,
             f"REPORT LUNS: status {status} data {data.hex()}")
    b.expect_good()
    print("ok - a new LUN: 3F 0E on the others, REPORT LUNS clears it")

    a.lun_reset(0)
    a.expect_ua(0x29, 0x03)
    b.expect_ua(0x29, 0x03)
    a.expect_good()
    b.expect_good()
    a.expect_good(lun=7)
    print("ok - LUN RESET: 29 03 on every nexus, that LUN only")

    ietadm(args, "--op", "delete", "--lun=7", "--force")
    a.expect_ua(0x3f, 0x0e)
    b.expect_ua(0x3f, 0x0e)
    b.expect_good()
    print("ok - a LUN gone: 3F 0E")
    reservations(a, b)
    preempt_abort(a, b)
    if args.grow:
        grow(args, a, b)
    a.logout()
    b.logout()


def reservations(a, b):
    """A RESERVATION CONFLICT on the data path, and 2A 05 for the
    registration another nexus preempted."""
    ic.check(a.prout(6, 0, 0xa) == GOOD and b.prout(6, 0, 0xb) == GOOD,
             "PR OUT REGISTER AND IGNORE EXISTING KEY")
    ic.check(b.prout(1, 0xb, 0, 3) == GOOD, "PR OUT RESERVE, EA")
    status, _ = a.command(bytes([0x28, 0, 0, 0, 0, 0, 0, 0, 1, 0]),
                          alloc=512)
    ic.check(status == 0x18, f"READ(10) of a non-holder: status {status}")
    a.expect_good()  # TEST UNIT READY passes any reservation
    ic.check(b.prout(4, 0xb, 0xa, 3) == GOOD, "PR OUT PREEMPT")
    a.expect_ua(0x2a, 0x05, what="after PREEMPT")
    ic.check(a.prout(0, 0xa, 0) == 0x18, "the preempted key still works")
    ic.check(b.prout(2, 0xb, 0, 3) == GOOD and b.prout(0, 0xb, 0) == GOOD,
             "PR OUT RELEASE, then unregister")
    a.expect_good()
    b.expect_good()
    print("ok - RESERVATION CONFLICT for a non-holder; PREEMPT: 2A 05")


def preempt_abort(a, b):
    """PREEMPT AND ABORT: the preempted nexus's write that waits for its
    data never answers and never lands; its nexus hears 2A 05."""
    old, new = b"\x11" * 512, b"\x22" * 512
    status, _ = b.command(bytes([0x2a, 0, 0, 0, 0, 100, 0, 0, 1, 0]),
                          data=old)
    ic.check(status == GOOD, f"WRITE(10) before: status {status}")
    ic.check(a.prout(6, 0, 0xa) == GOOD and b.prout(6, 0, 0xb) == GOOD,
             "PR OUT REGISTER AND IGNORE EXISTING KEY")
    ic.check(b.prout(1, 0xb, 0, 1) == GOOD, "PR OUT RESERVE, WE")
    itt, ttt = b.write_waiting(100)
    ic.check(a.prout(5, 0xa, 0xb, 1) == GOOD, "PR OUT PREEMPT AND ABORT")
    b.data_out(itt, 0, new, ttt=ttt)
    # The next PDU b gets answers its TEST UNIT READY, not the write.
    b.expect_ua(0x2a, 0x05, what="after PREEMPT AND ABORT")
    ic.check(b.read_block(100) == old, "the aborted write landed")
    status, _ = b.command(bytes([0x2a, 0, 0, 0, 0, 100, 0, 0, 1, 0]),
                          data=new)
    ic.check(status == 0x18, f"WRITE(10) of the preempted: status {status}")
    ic.check(a.prout(2, 0xa, 0, 1) == GOOD and a.prout(0, 0xa, 0) == GOOD,
             "PR OUT RELEASE, then unregister")
    a.expect_good()
    b.expect_good()
    print("ok - PREEMPT AND ABORT: the preempted write never answers or "
          "lands; 2A 05")


def capacity(s):
    status, data = s.command(bytes([0x25]) + bytes(9), alloc=8)
    ic.check(status == GOOD and len(data) == 8, f"READ CAPACITY {status}")
    return int.from_bytes(data[:4], "big") + 1


def grow(args, a, b):
    before = capacity(a)
    subprocess.run(args.grow, shell=True, check=True)
    a.expect_ua(0x2a, 0x09)
    b.expect_ua(0x2a, 0x09)
    after = capacity(a)
    ic.check(after > before, f"{before} blocks, then {after}")
    print(f"ok - the store grew: 2A 09 on both, {before} -> {after} blocks")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("-H", "--host", default="127.0.0.1")
    ap.add_argument("-p", "--port", type=int, default=3260)
    ap.add_argument("--grow")
    ap.add_argument("target")
    ap.add_argument("ietadm")
    ap.add_argument("tid")
    args = ap.parse_args()
    try:
        run(args)
    except (ic.Fail, EOFError, OSError, subprocess.CalledProcessError) as e:
        print(f"ua_client: FAIL: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
