#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""A raw TFTP client for testing ietd's TFTP server (RFCs 1350, 2347-2349,
7440). Every command exits 1 on the first failed check, after saying which.

  tftp_client.py [-H HOST] [-p PORT] get FILE OUT [--blksize N]
          [--window N] [--tsize] [--timeout S] [--mode MODE] [--twice]
      Read FILE into OUT, checking the OACK against what was asked; with
      --twice the request goes out twice, as a PXE ROM may send it, and
      must start one transfer only.
  tftp_client.py [-H HOST] [-p PORT] malformed FILE EXPECTED
      While a transfer of FILE (EXPECTED: a copy to compare with) runs,
      sends malformed requests and replies to port 69 and to that
      transfer; each must be refused with the right ERROR code or ignored,
      and the transfer must complete intact.
  tftp_client.py [-H HOST] [-p PORT] refused
      Requests that must be refused: their ERROR codes.
  tftp_client.py [-H HOST] [-p PORT] lost FILE EXPECTED
      A transfer whose ACKs get lost now and then, with windowsize 4 and
      ACKs of a block in the middle of a window: the server must send
      again (after its timeout, or from the block after the one ACKed)
      and the file arrive intact.
  tftp_client.py [-H HOST] [-p PORT] giveup FILE
      Never ACKs: the server must send the first block again with growing
      waits, then give up with an ERROR within 30 s.
  tftp_client.py [-H HOST] [-p PORT] cap N FILE
      Opens N transfers of FILE without ACKing; the ones past the server's
      cap must be refused. Prints "taken T of N", then ends them all.
"""
import argparse
import socket
import struct
import sys
import time

RRQ, WRQ, DATA, ACK, ERROR, OACK = 1, 2, 3, 4, 5, 6


class Fail(Exception):
    pass


def check(cond, what):
    if not cond:
        raise Fail(what)


def request(filename, mode="octet", opts=(), op=RRQ):
    pkt = struct.pack("!H", op) + filename.encode() + b"\0" + \
        mode.encode() + b"\0"
    for name, val in opts:
        pkt += name.encode() + b"\0" + str(val).encode() + b"\0"
    return pkt


def parse_oack(pkt):
    words = pkt[2:].split(b"\0")
    check(words[-1] == b"", "an OACK not ended by NUL")
    words = words[:-1]
    check(len(words) % 2 == 0, "an OACK with an option without value")
    return {words[i].decode().lower(): int(words[i + 1])
            for i in range(0, len(words), 2)}


class Client:
    def __init__(self, host, port, timeout=5.0):
        fam = socket.AF_INET6 if ":" in host else socket.AF_INET
        self.s = socket.socket(fam, socket.SOCK_DGRAM)
        self.s.settimeout(timeout)
        self.server = (host, port)
        self.peer = None

    def send_req(self, pkt):
        self.s.sendto(pkt, self.server)

    def recv(self):
        pkt, addr = self.s.recvfrom(70000)
        if self.peer is None and addr[1] != self.server[1]:
            self.peer = addr
        # One transfer per request, however often it was sent.
        check(addr[1] in (self.peer[1], self.server[1]) if self.peer
              else True, "packets from a second transfer, port %d" % addr[1])
        return pkt, addr

    def ack(self, block):
        self.s.sendto(struct.pack("!HH", ACK, block & 0xffff), self.peer)

    def error_of(self, pkt):
        check(len(pkt) >= 5 and pkt[:2] == struct.pack("!H", ERROR),
              "wanted an ERROR, got %r" % pkt[:40])
        return struct.unpack("!H", pkt[2:4])[0]


def expect_error(c, pkt, code, what):
    c.send_req(pkt)
    try:
        got, _ = c.recv()
    except socket.timeout:
        raise Fail("%s: no answer" % what)
    check(c.error_of(got) == code,
          "%s: ERROR %d, wanted %d" % (what, c.error_of(got), code))


def expect_silence(c, pkt, what, wait=0.3):
    c.send_req(pkt)
    c.s.settimeout(wait)
    try:
        got, _ = c.recv()
        raise Fail("%s: answered %r" % (what, got[:40]))
    except socket.timeout:
        pass
    finally:
        c.s.settimeout(5.0)


class Transfer:
    """A read transfer driven one packet at a time."""

    def __init__(self, host, port, filename, opts=(), mode="octet",
                 twice=False):
        self.c = Client(host, port)
        self.asked = dict(opts)
        self.blksize = 512
        self.window = 1
        self.data = bytearray()
        self.expect = 1     # the next block, counted from 1 in full
        self.done = False
        self.oack = {}
        self.c.send_req(request(filename, mode, opts))
        if twice:
            self.c.send_req(request(filename, mode, opts))

    def first(self):
        """Take the OACK (and ACK it) or the first DATA."""
        pkt, _ = self.c.recv()
        op = struct.unpack("!H", pkt[:2])[0]
        if op == ERROR:
            raise Fail("refused: %r" % pkt)
        if op == OACK:
            self.oack = parse_oack(pkt)
            self.blksize = self.oack.get("blksize", 512)
            self.window = self.oack.get("windowsize", 1)
            self.c.ack(0)
            return None
        return pkt

    def take(self, pkt):
        """A DATA packet: returns True if it was the next block."""
        op, blk = struct.unpack("!HH", pkt[:4])
        check(op == DATA, "wanted DATA, got %r" % pkt[:40])
        check(len(pkt) - 4 <= self.blksize, "a block over blksize")
        if blk != self.expect & 0xffff:
            return False
        self.data += pkt[4:]
        if len(pkt) - 4 < self.blksize:
            self.done = True
        self.expect += 1
        return True

    def run(self, drop=lambda n: False, mid_ack=lambda n: False):
        """Receive to the end; drop(n) loses the ACK of block n."""
        pkt = self.first()
        inwin = 0
        while True:
            if pkt is None:
                pkt, _ = self.c.recv()
            if not self.take(pkt):
                # Out of order: ACK the last block in order (RFC 7440).
                self.c.ack(self.expect - 1)
                inwin = 0
                pkt = None
                continue
            inwin += 1
            last = self.expect - 1
            pkt = None
            if self.done or inwin == self.window or mid_ack(last):
                inwin = 0
                if not drop(last):
                    self.c.ack(last)
            if self.done:
                return bytes(self.data)


def cmd_get(a):
    opts = []
    if a.blksize:
        opts.append(("blksize", a.blksize))
    if a.tsize:
        opts.append(("tsize", 0))
    if a.timeout:
        opts.append(("timeout", a.timeout))
    if a.window:
        opts.append(("windowsize", a.window))
    t = Transfer(a.host, a.port, a.file, opts, a.mode, a.twice)
    data = t.run()
    if a.blksize:
        check(t.oack.get("blksize") == min(a.blksize, 65464),
              "blksize %r in the OACK" % t.oack.get("blksize"))
    if a.window:
        check(t.oack.get("windowsize") == a.window, "windowsize in the OACK")
    if a.tsize and a.mode == "octet":
        check(t.oack.get("tsize") == len(data),
              "tsize %r, got %d bytes" % (t.oack.get("tsize"), len(data)))
    with open(a.out, "wb") as f:
        f.write(data)


REFUSED = [
    (request("nonexistent"), 1, "a missing file"),
    (request("../etc/passwd"), 2, "a path with .."),
    (request("sub/../../etc/passwd"), 2, "a path with .. inside"),
    (request("/etc/passwd"), 1, "an absolute path, read beneath the root"),
    (request("escape"), 2, "a symbolic link out of the root"),
    (request("bad\x01name"), 2, "a control character"),
    (request("rand1m", op=WRQ), 2, "a write request"),
    (request("rand1m", mode="mail"), 4, "mode mail"),
    (request("rand1m", opts=[("blksize", 512), ("BLKSIZE", 1024)]), 8,
     "a duplicate option"),
    (request("rand1m") + b"blksize\0", 4, "an option without a value"),
    (request("rand1m")[:-1], 4, "a request without its last NUL"),
    (struct.pack("!H", RRQ) + b"\0octet\0", 4, "an empty file name"),
    (struct.pack("!H", RRQ), 4, "a bare opcode"),
    (struct.pack("!HH", DATA, 1) + b"x", 4, "DATA to port 69"),
    (struct.pack("!HH", ACK, 1), 4, "an ACK to port 69"),
    (struct.pack("!H", 99) + b"junk", 4, "an unknown opcode"),
]

SILENT = [
    (b"", "an empty datagram"),
    (b"\x00", "one byte"),
    (struct.pack("!HH", ERROR, 0) + b"x\0", "an ERROR to port 69"),
    (request("rand1m") + b"x" * 1100, "an oversized request"),
]


def cmd_refused(a):
    c = Client(a.host, a.port)
    for pkt, code, what in REFUSED:
        expect_error(c, pkt, code, what)
    for pkt, what in SILENT:
        expect_silence(c, pkt, what)


def cmd_malformed(a):
    with open(a.expected, "rb") as f:
        want = f.read()
    t = Transfer(a.host, a.port, a.file, [("blksize", 1024)])
    pkt = t.first()
    check(pkt is None, "no OACK")
    cmd_refused(a)
    # To the transfer itself: junk, then ACKs it must leave alone.
    s = t.c.s
    for junk in (b"", b"\x00", b"\x00\x04\x00", struct.pack("!HH", DATA, 1),
                 request("rand1m"), struct.pack("!HH", ACK, 999),
                 struct.pack("!H", 77) + b"\0" * 600):
        s.sendto(junk, t.c.peer)
    # A stranger writing to the transfer's port is not the client.
    other = Client(a.host, a.port)
    other.s.sendto(struct.pack("!HH", ERROR, 0) + b"bye\0", t.c.peer)
    data = t.run()
    check(data == want, "the transfer beside the junk came out wrong")


def cmd_lost(a):
    with open(a.expected, "rb") as f:
        want = f.read()
    dropped = set()

    def drop(n):
        # Lose each 7th ACK once: the server must time out and resend.
        if n % 7 == 0 and n not in dropped and len(dropped) < 3:
            dropped.add(n)
            return True
        return False

    t = Transfer(a.host, a.port, a.file, [("windowsize", 4),
                                           ("blksize", 512)])
    start = time.monotonic()
    data = t.run(drop=drop, mid_ack=lambda n: n % 10 == 2)
    check(data == want, "a transfer with lost ACKs came out wrong")
    check(len(dropped) == 3, "fewer ACKs dropped than meant")
    took = time.monotonic() - start
    check(took < 20, "recovering took %.1f s" % took)


def cmd_giveup(a):
    c = Client(a.host, a.port, timeout=30)
    c.send_req(request(a.file))
    times = []
    start = time.monotonic()
    while True:
        pkt, _ = c.recv()
        op = struct.unpack("!H", pkt[:2])[0]
        if op == ERROR:
            break
        check(op == DATA and pkt[2:4] == b"\0\1", "not DATA 1: %r" % pkt[:8])
        times.append(time.monotonic() - start)
    gaps = [round(times[i + 1] - times[i], 1) for i in range(len(times) - 1)]
    print("giveup: %d sends, waits %s, ERROR after %.1f s" %
          (len(times), gaps, time.monotonic() - start))
    check(3 <= len(times) <= 8, "sent %d times" % len(times))
    check(all(gaps[i + 1] >= gaps[i] - 0.2 for i in range(len(gaps) - 1)),
          "the waits do not grow")
    check(gaps[-1] > gaps[0] * 1.5, "no backoff")


def cmd_cap(a):
    clients = []
    taken = 0
    for _ in range(a.n):
        c = Client(a.host, a.port)
        c.send_req(request(a.file))
        clients.append(c)
    # Every answer first: ending a transfer frees its place.
    for c in clients:
        pkt, _ = c.recv()
        if struct.unpack("!H", pkt[:2])[0] == DATA:
            taken += 1
    for c in clients:
        if c.peer:
            c.s.sendto(struct.pack("!HH", ERROR, 0) + b"done\0", c.peer)
    print("taken %d of %d" % (taken, a.n))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("-H", "--host", default="127.0.0.1")
    p.add_argument("-p", "--port", type=int, default=69)
    sub = p.add_subparsers(dest="cmd", required=True)
    g = sub.add_parser("get")
    g.add_argument("file")
    g.add_argument("out")
    g.add_argument("--blksize", type=int)
    g.add_argument("--window", type=int)
    g.add_argument("--timeout", type=int)
    g.add_argument("--tsize", action="store_true")
    g.add_argument("--mode", default="octet")
    g.add_argument("--twice", action="store_true")
    m = sub.add_parser("malformed")
    m.add_argument("file")
    m.add_argument("expected")
    sub.add_parser("refused")
    lo = sub.add_parser("lost")
    lo.add_argument("file")
    lo.add_argument("expected")
    gu = sub.add_parser("giveup")
    gu.add_argument("file")
    ca = sub.add_parser("cap")
    ca.add_argument("n", type=int)
    ca.add_argument("file")
    a = p.parse_args()
    try:
        globals()["cmd_" + a.cmd](a)
    except (Fail, socket.timeout, OSError) as e:
        print("tftp_client %s: FAIL: %s" % (a.cmd, e))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
