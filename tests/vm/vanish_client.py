#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""An initiator that writes records (records.py) over iSCSI and logs in
again whenever its connection is lost.

  vanish_client.py [-H HOST] [-p PORT] TARGET LOG [--slots N] [--batch B]
      Batches of B WRITE(10)s of one record each, all sent before the
      first response is read (as many as the command window takes), then
      a SYNCHRONIZE CACHE(10) once every write answered GOOD. LOG gets
      "submit S" before a batch and "acked S" once the flush answered
      GOOD. A lost connection (EOF, reset, 3 s without an answer) leaves
      the batch unacknowledged: the client logs in again (a new session,
      every 0.5 s until the target answers) and writes the batch anew.
      Answers NOP-Ins. Stops after the running batch on SIGTERM, prints
      figures, and exits 1 if a command failed for another reason.
"""
import argparse
import os
import signal
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "unit"))
import iscsi_client as ic  # noqa: E402
import records  # noqa: E402
import session_client as sc  # noqa: E402

SYNC_CACHE_10 = 0x35
BLOCKS = records.REC // sc.BLOCK
stop = False


class Lost(Exception):
    """The connection is gone."""


class Writer:
    def __init__(self, args):
        self.args = args
        self.s = None
        self.logins = 0
        self.pending = 0        # commands sent and not answered
        self.lost = 0           # connections lost
        self.unanswered = 0     # commands they took with them

    def login(self):
        while not stop:
            try:
                self.s = sc.Session(self.args, self.args.target)
                self.s.c.s.settimeout(3)
                self.s.command_works()
                self.maxcmdsn = self.s.tur().maxcmdsn
                self.logins += 1
                return
            except (OSError, EOFError, ic.Fail):
                self.drop()
                time.sleep(0.5)

    def drop(self):
        if self.s:
            self.s.c.s.close()
        self.s = None

    def response(self):
        """The next SCSI Response; NOP-Ins on the way are answered."""
        while True:
            try:
                pdu = self.s.recv()
            except (OSError, EOFError) as e:
                raise Lost(e)
            if pdu.opcode == ic.OP_NOP_IN:
                self.s.answer(pdu)
                continue
            ic.check(pdu.opcode == sc.OP_SCSI_RSP,
                     f"unexpected opcode 0x{pdu.opcode:02x}")
            self.s.next_statsn = pdu.statsn + 1
            self.maxcmdsn = pdu.maxcmdsn
            self.pending -= 1
            ic.check(pdu.bhs[2] == 0 and pdu.bhs[3] == 0,
                     f"command 0x{pdu.itt:x}: response {pdu.bhs[2]}, "
                     f"status 0x{pdu.bhs[3]:02x}")
            return pdu

    def command(self, cdb, flags, data=b""):
        try:
            self.pending += 1
            return self.s.scsi_cmd(cdb, flags, len(data), data)
        except OSError as e:
            raise Lost(e)

    def batch(self, first, n):
        """Writes records first.. first+n-1, then flushes them."""
        slots = self.args.slots
        for seq in range(first, first + n):
            # Within the command window; else take a response first.
            while 0 < (self.s.cmdsn - self.maxcmdsn) & 0xffffffff < 1 << 31:
                self.response()
            cdb = sc.cdb10(sc.WRITE_10, seq % slots * BLOCKS, BLOCKS)
            self.command(cdb, sc.FLAG_W, records.record(seq))
        while self.pending:
            self.response()
        self.command(sc.cdb10(SYNC_CACHE_10, 0, 0), 0)
        self.response()

    def run(self, log):
        submitted, _ = records.read_log(self.args.log)
        seq = submitted + 1
        acked = 0
        while not stop:
            if not self.s:
                self.login()
                continue
            records.note(log, "submit", seq + self.args.batch - 1)
            try:
                self.batch(seq, self.args.batch)
            except Lost:
                self.lost += 1
                self.unanswered += self.pending
                self.pending = 0
                self.drop()
                continue
            records.note(log, "acked", seq + self.args.batch - 1)
            acked += self.args.batch
            seq += self.args.batch
        return acked


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("-H", "--host", default="127.0.0.1")
    ap.add_argument("-p", "--port", type=int, default=3260)
    ap.add_argument("target")
    ap.add_argument("log")
    ap.add_argument("--slots", type=int, default=4096)
    ap.add_argument("--batch", type=int, default=16)
    args = ap.parse_args()

    def halt(sig, frame):
        global stop
        stop = True

    signal.signal(signal.SIGTERM, halt)
    signal.signal(signal.SIGINT, halt)
    w = Writer(args)
    try:
        with open(args.log, "a") as log:
            acked = w.run(log)
    except ic.Fail as e:
        print(f"vanish_client: FAIL: {e}", file=sys.stderr)
        return 1
    print(f"records acked {acked} in {w.logins} sessions; {w.lost} "
          f"connections lost with {w.unanswered} commands unanswered")
    return 0


if __name__ == "__main__":
    sys.exit(main())
