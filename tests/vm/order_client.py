#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Task attributes (SAM-5 8.6), seen from one raw session.

  order_client.py [-H HOST] [-p PORT] TARGET

LUN 0 must be writable and hold at least 64 blocks of 512 bytes. A WRITE
that waits for its Data-Out keeps its place in the task set, so:
  - after a SIMPLE write, a SIMPLE READ of its block answers at once, with
    the old data (nothing orders them);
  - after an ORDERED write, a SIMPLE READ waits for the write and returns
    the new data;
  - after an ORDERED write, a HEAD OF QUEUE READ answers at once;
  - an ORDERED READ waits for a SIMPLE write that came before it;
  - a command held back behind an ORDERED write can be aborted (ABORT
    TASK answers at once), and the write then completes.
Exits 1 on the first failed check.
"""
import argparse
import os
import select
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "unit"))
import iscsi_client as ic  # noqa: E402
import session_client as sc  # noqa: E402

SIMPLE, ORDERED, HEAD_OF_QUEUE = 1, 2, 3
OP_TMF, OP_TMF_RSP = 0x02, 0x22
TMF_ABORT_TASK = 1
GOOD = 0
# How long a held-back command must stay silent, and how long one that
# may run gets to answer (a TCG guest is slow).
QUIET, ANSWER = 1.0, 10.0


class Ordered(sc.Session):
    def cmd(self, cdb, attr, flags, edtl):
        self.itt += 1
        bhs = struct.pack(">BBHB3sQIIII16s", sc.OP_SCSI_CMD,
                          ic.F | flags | attr, 0, 0, b"\0\0\0", 0,
                          self.itt, edtl, self.cmdsn, self.next_statsn,
                          cdb.ljust(16, b"\0"))
        self.cmdsn += 1
        self.send(bhs)
        return self.itt

    def write(self, lba, attr):
        """A one-block WRITE(10) with no immediate data: it waits for
        Data-Out; returns its ITT and the TTT of its R2T."""
        itt = self.cmd(sc.cdb10(sc.WRITE_10, lba, 1), attr, sc.FLAG_W,
                       sc.BLOCK)
        pdu = self.next_pdu(ANSWER, "the R2T")
        ic.check(pdu.opcode == sc.OP_R2T and pdu.itt == itt,
                 f"want an R2T, got opcode 0x{pdu.opcode:02x}")
        return itt, struct.unpack(">I", pdu.bhs[20:24])[0]

    def read(self, lba, attr):
        return self.cmd(sc.cdb10(sc.READ_10, lba, 1), attr, sc.FLAG_R,
                        sc.BLOCK)

    def quiet(self, what):
        r, _, _ = select.select([self.c.s], [], [], QUIET)
        ic.check(not r, f"{what} answered; it should wait")

    def next_pdu(self, timeout, what):
        r, _, _ = select.select([self.c.s], [], [], timeout)
        ic.check(bool(r), f"no answer for {what} in {timeout} s")
        return self.recv()

    def status(self, itt, what):
        """The response of itt: its status and any Data-In before it."""
        data = b""
        while True:
            pdu = self.next_pdu(ANSWER, what)
            ic.check(pdu.itt == itt, f"{what}: a PDU for ITT "
                     f"0x{pdu.itt:08x} came first")
            if pdu.opcode == sc.OP_DATA_IN:
                data += pdu.data
                if pdu.flags & 0x01:
                    self.next_statsn += 1
                    return pdu.bhs[3], data
                continue
            ic.check(pdu.opcode == sc.OP_SCSI_RSP,
                     f"{what}: opcode 0x{pdu.opcode:02x}")
            self.next_statsn += 1
            return pdu.bhs[3], data

    def expect(self, itt, what, data=None):
        status, got = self.status(itt, what)
        ic.check(status == GOOD, f"{what}: status 0x{status:02x}")
        if data is not None:
            ic.check(got == data, f"{what}: read other data than "
                     f"{'the new' if data else 'expected'}")

    def put(self, lba, data):
        itt, ttt = self.write(lba, SIMPLE)
        self.data_out(itt, 0, data, ttt=ttt)
        self.expect(itt, "setup WRITE")

    def abort_task(self, ref):
        self.itt += 1
        bhs = struct.pack(">BBHB3sQIIIIIIII", OP_TMF | ic.IMMEDIATE,
                          0x80 | TMF_ABORT_TASK, 0, 0, b"\0\0\0", 0,
                          self.itt, ref, self.cmdsn, self.next_statsn,
                          0, 0, 0, 0)
        self.send(bhs)
        return self.itt


def block(n):
    return bytes([n]) * sc.BLOCK


NAMES = {SIMPLE: "SIMPLE", ORDERED: "ORDERED", HEAD_OF_QUEUE: "HEAD OF QUEUE"}


def pair(s, lba, w_attr, r_attr, waits):
    """A WRITE of w_attr waiting for its data, then a READ of r_attr of
    its block: the READ waits for the WRITE and reads its data, or
    answers at once with the old data."""
    what = f"{NAMES[r_attr]} READ after {NAMES[w_attr]} WRITE"
    s.put(lba, block(1))
    w, ttt = s.write(lba, w_attr)
    r = s.read(lba, r_attr)
    if waits:
        s.quiet(what)
    else:
        s.expect(r, what, block(1))
    s.data_out(w, 0, block(lba), ttt=ttt)
    s.expect(w, f"{NAMES[w_attr]} WRITE")
    if waits:
        s.expect(r, what, block(lba))
    print(f"ok - {what}, the WRITE waiting for data: the READ " +
          ("waits, then reads the new data" if waits else "answers at once"))


def pairs(s):
    pair(s, 10, SIMPLE, SIMPLE, False)
    pair(s, 20, ORDERED, SIMPLE, True)
    pair(s, 30, ORDERED, HEAD_OF_QUEUE, False)
    pair(s, 40, SIMPLE, ORDERED, True)


def abort_held(s):
    s.put(50, block(1))
    w, ttt = s.write(50, ORDERED)
    r = s.read(50, SIMPLE)
    s.quiet("a SIMPLE READ behind an ORDERED WRITE")
    t = s.abort_task(r)
    pdu = s.next_pdu(ANSWER, "ABORT TASK")
    ic.check(pdu.opcode == OP_TMF_RSP and pdu.itt == t and
             pdu.bhs[2] == 0, f"ABORT TASK: opcode 0x{pdu.opcode:02x} "
             f"response {pdu.bhs[2]}")
    s.next_statsn += 1
    s.data_out(w, 0, block(6), ttt=ttt)
    s.expect(w, "ORDERED WRITE after the abort")
    r = s.read(50, SIMPLE)
    s.expect(r, "READ after the abort", block(6))
    print("ok - a held-back command aborts at once; the write goes on")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("-H", "--host", default="127.0.0.1")
    ap.add_argument("-p", "--port", type=int, default=3260)
    ap.add_argument("target")
    args = ap.parse_args()
    try:
        s = Ordered(args, args.target, isid=bytes.fromhex("80bb00000001"))
        s.command_works()
        pairs(s)
        abort_held(s)
        s.logout()
    except (ic.Fail, EOFError, OSError) as e:
        print(f"order_client: FAIL: {e}", file=sys.stderr)
        return 1
    print("order_client: 5 checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
