#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Numbered, checksummed records of 4 KiB on a disk, record SEQ in slot
SEQ mod N, and the proof that every one a flush acknowledged is there.
A writer (vanish_client.py) logs "submit S" before it sends the records up
to S and "acked S" once their flush answered.

  records.py check DEV LOG [--slots N]
      Reads every slot with O_DIRECT. A slot whose last record up to the
      last "acked" is S must hold a valid record S or a later one that was
      submitted. Prints "lost N" (records a flush acknowledged and the disk
      no longer has) and exits 1 if N > 0.
"""
import argparse
import hashlib
import mmap
import os
import struct
import sys
import zlib

REC = 4096
CHUNK = 64                      # records read at a time
MAGIC = b"IETREC01"
HEAD = struct.Struct("<8sQI")


def payload(seq):
    seed = hashlib.sha256(seq.to_bytes(8, "little")).digest()
    return (seed * (REC // len(seed)))[:REC - HEAD.size]


def record(seq):
    body = payload(seq)
    return HEAD.pack(MAGIC, seq, zlib.crc32(body)) + body


def parse(buf):
    """The sequence number of a valid record, else None."""
    magic, seq, crc = HEAD.unpack_from(buf)
    if magic != MAGIC or zlib.crc32(buf[HEAD.size:]) != crc:
        return None
    return seq


def read_log(path):
    submitted = acked = -1
    try:
        with open(path) as f:
            for line in f:
                what, seq = line.split()
                if what == "submit":
                    submitted = max(submitted, int(seq))
                elif what == "acked":
                    acked = max(acked, int(seq))
    except FileNotFoundError:
        pass
    return submitted, acked


def note(log, what, seq):
    log.write("%s %d\n" % (what, seq))
    log.flush()


def do_check(args):
    submitted, acked = read_log(args.log)
    fd = os.open(args.dev, os.O_RDONLY | os.O_DIRECT)
    buf = mmap.mmap(-1, CHUNK * REC)
    lost = 0
    for slot in range(min(args.slots, acked + 1)):
        if slot % CHUNK == 0:
            os.preadv(fd, [buf], slot * REC)
        # The last acknowledged record of this slot.
        want = slot + (acked - slot) // args.slots * args.slots
        at = slot % CHUNK * REC
        got = parse(buf[at:at + REC])
        if got is None or got % args.slots != slot or \
           not want <= got <= submitted:
            lost += 1
            if lost <= 10:
                print("slot %d: want record %d or later, found %s" %
                      (slot, want, got), file=sys.stderr)
    os.close(fd)
    print("records acked %d, submitted %d" % (acked + 1, submitted + 1))
    print("lost %d" % lost)
    return 1 if lost else 0


def main():
    p = argparse.ArgumentParser()
    p.add_argument("cmd", choices=["check"])
    p.add_argument("dev")
    p.add_argument("log")
    p.add_argument("--slots", type=int, default=4096)
    return do_check(p.parse_args())


if __name__ == "__main__":
    sys.exit(main())
