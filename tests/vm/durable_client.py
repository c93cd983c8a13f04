#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Durability checks over a raw session: single commands with the flush
counter of the disk under the LUN, and numbered records for a power cut.

  durable_client.py [-H HOST] [-p PORT] flushes TARGET STAT OP...
                    [--through]
      One login, then each OP (write10, write16, write10-fua, write16-fua,
      sync10, sync16) in turn, reading field 16 (flush I/Os) of the
      /sys/block/DEV/stat file STAT before and after: a SYNCHRONIZE CACHE
      and a FUA write must raise it (a disk without FUA gets the FUA
      write as write + flush), a plain write must not.  --through: each
      write must raise field 5 (write I/Os) too.  Prints one line per OP.
  durable_client.py [-H HOST] [-p PORT] records TARGET LOG --round R
                    [--mode fua|early] [--count N]
      Writes record 0, 1, ... (4 KiB, record i at byte i * 4096): even
      ones with WRITE(10) FUA, odd ones with WRITE(16) and then
      SYNCHRONIZE CACHE(16); appends i to LOG once that is done, and
      goes on until the connection dies or N records.  --mode early
      logs each record when its plain write (no FUA, no sync) is
      answered: a client that trusts a volatile cache.
  durable_client.py verify IMAGE OFFSET LOG --round R
      Every record LOG lists must be in IMAGE at OFFSET + i * 4096 with
      round R and a good checksum; prints acknowledged, lost and how many
      later records landed too.  Exits 1 when one is lost.
Exits 1 on the first failed check, after saying which.
"""
import argparse
import hashlib
import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import session_client as sc  # noqa: E402

ic = sc.ic
REC = 4096
MAGIC = b"IETREC01"
WRITE_16, SYNC_10, SYNC_16, READ_CAP_10 = 0x8a, 0x35, 0x91, 0x25
FUA = 0x08
OPS = ("write10", "write16", "write10-fua", "write16-fua", "sync10",
       "sync16")


def record(rnd, i):
    """Record i of round rnd: header, filler from both, SHA-256 last."""
    head = MAGIC + struct.pack(">II", rnd, i)
    fill = hashlib.sha256(head).digest() * ((REC - 48) // 32 + 1)
    body = (head + fill)[:REC - 32]
    return body + hashlib.sha256(body).digest()


def parse(rec):
    """(round, index) of a well-formed record, else None."""
    body, digest = rec[:REC - 32], rec[REC - 32:]
    if rec[:8] != MAGIC or hashlib.sha256(body).digest() != digest:
        return None
    return struct.unpack(">II", rec[8:16])


class Lun:
    """A session on LUN 0 that runs one command at a time."""

    def __init__(self, host, port, target):
        args = argparse.Namespace(host=host, port=port)
        self.s = sc.Session(args, target)
        self.s.c.s.settimeout(30)
        cap = self.cmd(bytes([READ_CAP_10]) + bytes(9), sc.FLAG_R, 8)
        self.bs = struct.unpack(">I", cap[4:8])[0]

    def cmd(self, cdb, flags, edtl, data=b""):
        """Runs cdb; a UNIT ATTENTION (the first command) runs it again."""
        for _ in range(3):
            got = self.once(cdb, flags, edtl, data)
            if got is not None:
                return got
        raise ic.Fail(f"CDB {cdb.hex()}: unit attention after unit attention")

    def once(self, cdb, flags, edtl, data):
        """Sends cdb, waits for its response; the Data-In it brought."""
        itt = self.s.scsi_cmd(cdb.ljust(16, b"\0"), flags, edtl, data)
        got = b""
        while True:
            pdu = self.s.recv()
            if pdu.opcode == ic.OP_NOP_IN:
                if pdu.word20 != sc.RSVD:
                    self.s.answer(pdu)
                continue
            ic.check(pdu.itt == itt, f"ITT 0x{pdu.itt:08x}, want 0x{itt:08x}")
            if pdu.opcode == sc.OP_DATA_IN:
                got += pdu.data
                if not pdu.flags & 0x01:
                    continue
                status, response = pdu.bhs[3], 0
            else:
                ic.check(pdu.opcode == sc.OP_SCSI_RSP,
                         f"opcode 0x{pdu.opcode:02x}")
                status, response = pdu.bhs[3], pdu.bhs[2]
            self.s.next_statsn = pdu.statsn + 1
            if status == 0x02 and len(pdu.data) > 4 and \
               pdu.data[4] & 0x0f == 0x06:
                return None
            ic.check(response == 0 and status == 0,
                     f"CDB {cdb.hex()}: response {response} status "
                     f"0x{status:02x} {pdu.data[2:20].hex()}")
            return got

    def write(self, offset, data, fua, sixteen):
        lba, n = offset // self.bs, len(data) // self.bs
        fl = FUA if fua else 0
        if sixteen:
            cdb = struct.pack(">BBQIBB", WRITE_16, fl, lba, n, 0, 0)
        else:
            cdb = struct.pack(">BBIBHB", sc.WRITE_10, fl, lba, 0, n, 0)
        self.cmd(cdb, sc.FLAG_W, len(data), data)

    def sync(self, sixteen):
        if sixteen:
            self.cmd(struct.pack(">BBQIBB", SYNC_16, 0, 0, 0, 0, 0), 0, 0)
        else:
            self.cmd(struct.pack(">BBIBHB", SYNC_10, 0, 0, 0, 0, 0), 0, 0)

    def op(self, name, offset):
        if name.startswith("sync"):
            self.sync(name == "sync16")
        else:
            self.write(offset, os.urandom(REC), name.endswith("-fua"),
                       name.startswith("write16"))


def counts(stat):
    """Write I/Os and flush I/Os (fields 5 and 16) of a stat file."""
    with open(stat) as f:
        v = f.read().split()
    return int(v[4]), int(v[15])


def flushes(args):
    lun = Lun(args.host, args.port, args.target)
    bad = 0
    for n, name in enumerate(args.ops):
        ic.check(name in OPS, f"unknown op {name}")
        w0, f0 = counts(args.stat)
        lun.op(name, n * REC)
        w1, f1 = counts(args.stat)
        want = "none" if name in ("write10", "write16") else "some"
        ok = (f1 == f0) == (want == "none")
        # Written through: the data is on the disk when the answer goes.
        if args.through and name.startswith("write"):
            ok = ok and w1 > w0
        bad += not ok
        print(f"{name:12} writes +{w1 - w0} flushes +{f1 - f0} "
              f"(want {want}) {'ok' if ok else 'WRONG'}")
    ic.check(not bad, f"{bad} of {len(args.ops)} commands flushed wrongly")


def records(args):
    lun = Lun(args.host, args.port, args.target)
    early = args.mode == "early"
    with open(args.log, "a") as log:
        for i in range(args.count):
            odd = i % 2 == 1
            lun.write(i * REC, record(args.round, i), not odd and not early,
                      odd)
            if odd and not early:
                lun.sync(True)
            log.write(f"{i}\n")
            log.flush()


def verify(args):
    with open(args.log) as f:
        acked = {int(x) for x in f.read().split()}
    lost, landed = [], 0
    with open(args.image, "rb") as img:
        top = max(acked, default=-1)
        i = 0
        while True:
            img.seek(args.offset + i * REC)
            got = parse(img.read(REC))
            ok = got == (args.round, i)
            if i in acked and not ok:
                lost.append(i)
            elif i > top and ok:
                landed += 1
            elif i > top:
                break
            i += 1
    print(f"acknowledged {len(acked)} lost {len(lost)} "
          f"unacknowledged-but-written {landed}"
          + (f" first lost {lost[:10]}" if lost else ""))
    return 1 if lost else 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("-H", "--host", default="127.0.0.1")
    ap.add_argument("-p", "--port", type=int, default=3260)
    sub = ap.add_subparsers(dest="cmd", required=True)
    f = sub.add_parser("flushes")
    f.add_argument("target")
    f.add_argument("stat")
    f.add_argument("ops", nargs="+")
    f.add_argument("--through", action="store_true",
                   help="each write must reach the disk before its answer")
    r = sub.add_parser("records")
    r.add_argument("target")
    r.add_argument("log")
    r.add_argument("--round", type=int, required=True)
    r.add_argument("--mode", choices=("fua", "early"), default="fua")
    r.add_argument("--count", type=int, default=1 << 30)
    v = sub.add_parser("verify")
    v.add_argument("image")
    v.add_argument("offset", type=int)
    v.add_argument("log")
    v.add_argument("--round", type=int, required=True)
    args = ap.parse_args()
    if args.cmd == "verify":
        return verify(args)
    try:
        {"flushes": flushes, "records": records}[args.cmd](args)
    except (ic.Fail, EOFError, OSError) as e:
        print(f"durable_client: {args.cmd}: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
