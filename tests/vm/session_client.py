#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Raw sessions against the kernel's full feature phase: keepalive and
session reinstatement.

  session_client.py [-H HOST] [-p PORT] nop-answer TARGET SECONDS --interval S
      Logs in, answers every NOP-In for SECONDS and checks each one (ITT
      0xffffffff, a TTT, the next StatSN not taken, the command window);
      wants at least SECONDS / (2 * S) of them, then a command whose
      response has the StatSN the pings left alone, and a Logout.
  session_client.py ... nop-ignore TARGET --min S --max S
      Logs in, reads every PDU and answers none: the target must close
      the connection between --min and --max seconds after the login.
  session_client.py ... nop-deaf TARGET --min S --max S
      Logs in and reads nothing: its session must leave
      /proc/net/iet/session between --min and --max seconds after login.
  session_client.py ... nop-none TARGET SECONDS
      Logs in and reads for SECONDS: no PDU may come, and a command still
      works after them.
  session_client.py ... reinstate TARGET --rounds N [--initiator NAME]
                    [--isid HEX] [--seed N] [--takeover]
      N rounds of: commands in every state on the live session (writes
      waiting for their R2T, writes and reads at the LV, a Data-Out cut
      in half), then a login with the same InitiatorName and ISID and
      TSIH 0. The new session must start, the old connection must be
      closed by the target, and /proc/net/iet/session must list the new
      session only. --takeover starts from a session someone else (open-
      iscsi) holds with that name and ISID. Prints figures.
  session_client.py ... churn TARGET --cycles N
      N rounds of login, TEST UNIT READY, Logout and the target's close
      of the connection (no NOP-Out, so NOPInterval must be 0); then no session of its own may be listed.
Exits 1 on the first failed check, after saying which.
"""
import argparse
import os
import random
import select
import socket
import struct
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "unit"))
import iscsi_client as ic  # noqa: E402

OP_SCSI_CMD, OP_DATA_OUT = 0x01, 0x05
OP_SCSI_RSP, OP_DATA_IN, OP_R2T = 0x21, 0x25, 0x31
READ_10, WRITE_10, TEST_UNIT_READY = 0x28, 0x2a, 0x00
FLAG_R, FLAG_W, ATTR_SIMPLE = 0x40, 0x20, 0x01
RSVD = 0xffffffff
INITIATOR = "iqn.2026-11.org.example:session-client"
ISID = bytes([0x80, 0x65, 0x74, 0x00, 0x00, 0x01])
BLOCK = 512
PROC = "/proc/net/iet/session"

# What the scenarios' targets agree to; MaxRecvDataSegmentLength 65536 on
# both sides lets a command carry 64 KiB of immediate data.
KEYS = [("HeaderDigest", "None"), ("DataDigest", "None"),
        ("MaxRecvDataSegmentLength", "65536"), ("InitialR2T", "No"),
        ("ImmediateData", "Yes"), ("MaxBurstLength", "262144"),
        ("FirstBurstLength", "65536"), ("MaxOutstandingR2T", "1"),
        ("ErrorRecoveryLevel", "0")]


def sid_of(tsih, isid):
    return tsih << 48 | int.from_bytes(isid, "little")


def proc_sessions(initiator):
    """The sids /proc/net/iet/session lists for initiator."""
    out = []
    with open(PROC) as f:
        for line in f:
            if line.startswith("\tsid:") and \
               line.rstrip("\n").endswith(" initiator:" + initiator):
                out.append(int(line.split()[0][4:]))
    return out


class Session:
    """A logged-in connection that keeps its own sequence numbers."""

    def __init__(self, args, target, initiator=INITIATOR, isid=ISID):
        self.isid = isid
        self.c = ic.Conn(args.host, args.port)
        ident = [("InitiatorName", initiator), ("TargetName", target),
                 ("AuthMethod", "None")]
        rsp = self.c.login(ic.flags(1, 0, 1), ident, isid=isid)
        ic.check(rsp.opcode == ic.OP_LOGIN_RSP and rsp.status == 0,
                 f"login: opcode 0x{rsp.opcode:02x} status "
                 f"0x{rsp.status:04x}")
        rsp = self.c.login(ic.flags(1, 1, 3), KEYS, isid=isid)
        ic.check(rsp.status == 0 and rsp.flags == ic.flags(1, 1, 3) and
                 rsp.tsih, f"final login response: 0x{rsp.status:04x} "
                 f"flags 0x{rsp.flags:02x} tsih {rsp.tsih}")
        got = dict(rsp.pairs())
        ic.check(got.get("InitialR2T") == "No" and
                 got.get("MaxRecvDataSegmentLength") == "65536",
                 f"the target's keys: {got}")
        self.tsih = rsp.tsih
        self.sid = sid_of(rsp.tsih, isid)
        self.next_statsn = rsp.statsn + 1
        self.cmdsn = rsp.expcmdsn
        self.itt = 0x100
        self.nops = 0

    def send(self, bhs, data=b""):
        self.c.s.sendall(bhs + ic.pad(data))

    def recv(self):
        bhs = self.c.recv_exact(48)
        dlen = int.from_bytes(bhs[5:8], "big")
        data = self.c.recv_exact(dlen + (-dlen % 4))[:dlen]
        return ic.Pdu(bhs, data)

    def scsi_cmd(self, cdb, flags, edtl, data=b"", final=True):
        self.itt += 1
        dl = len(data).to_bytes(3, "big")
        bhs = struct.pack(">BBHB3sQIIII16s", OP_SCSI_CMD,
                          (ic.F if final else 0) | flags | ATTR_SIMPLE, 0, 0,
                          dl, 0, self.itt, edtl, self.cmdsn,
                          self.next_statsn, cdb)
        self.cmdsn += 1
        self.send(bhs, data)
        return self.itt

    def data_out(self, itt, offset, data, length=None, ttt=RSVD):
        """A Data-Out; with length, a header for more than data holds."""
        n = len(data) if length is None else length
        bhs = struct.pack(">BBHB3sQIIIIIIII", OP_DATA_OUT, ic.F, 0, 0,
                          n.to_bytes(3, "big"), 0, itt, ttt, 0,
                          self.next_statsn, 0, 0, offset, 0)
        self.c.s.sendall(bhs + data)

    def check_nop_in(self, pdu, pending=0):
        """A keepalive ping: fields of RFC 7143 11.19, StatSN not taken."""
        ic.check(pdu.itt == RSVD and pdu.word20 != RSVD,
                 f"NOP-In ITT 0x{pdu.itt:08x} TTT 0x{pdu.word20:08x}")
        ic.check(pdu.flags == ic.F and not pdu.data,
                 f"NOP-In flags 0x{pdu.flags:02x}, {len(pdu.data)} bytes")
        ic.check(pdu.statsn == self.next_statsn,
                 f"NOP-In StatSN {pdu.statsn}, want {self.next_statsn}")
        # A command just sent may or may not be counted in yet.
        ic.check((self.cmdsn - pdu.expcmdsn) & 0xffffffff <= pending and
                 (pdu.maxcmdsn + 1 - pdu.expcmdsn) & 0xffffffff < 1 << 31,
                 f"NOP-In window {pdu.expcmdsn}..{pdu.maxcmdsn}, "
                 f"CmdSN {self.cmdsn}")
        self.nops += 1

    def answer(self, pdu):
        bhs = struct.pack(">BBHB3s8sIIII16x", ic.OP_NOP_OUT | ic.IMMEDIATE,
                          ic.F, 0, 0, b"\0\0\0", pdu.bhs[8:16], RSVD,
                          pdu.word20, self.cmdsn, self.next_statsn)
        self.send(bhs)

    def recv_until(self, deadline, on_nop=None):
        """PDUs until deadline: NOP-Ins to on_nop, anything else is wrong."""
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                return
            if not select.select([self.c.s], [], [], left)[0]:
                return
            pdu = self.recv()
            ic.check(pdu.opcode == ic.OP_NOP_IN,
                     f"unexpected opcode 0x{pdu.opcode:02x}")
            self.check_nop_in(pdu)
            if on_nop:
                on_nop(pdu)

    def tur(self):
        """A TEST UNIT READY and its response, NOP-Ins answered on the way."""
        itt = self.scsi_cmd(bytes(16), 0, 0)
        while True:
            pdu = self.recv()
            if pdu.opcode != ic.OP_NOP_IN:
                break
            self.check_nop_in(pdu, pending=1)
            self.answer(pdu)
        ic.check(pdu.opcode == OP_SCSI_RSP and pdu.itt == itt,
                 f"TEST UNIT READY: opcode 0x{pdu.opcode:02x}")
        ic.check(pdu.statsn == self.next_statsn,
                 f"response StatSN {pdu.statsn}, want {self.next_statsn}")
        self.next_statsn += 1
        return pdu

    def command_works(self):
        """TEST UNIT READY answers GOOD, once the unit attention a new
        I_T nexus starts with (29 00, as for any initiator) is taken."""
        for _ in range(4):
            pdu = self.tur()
            if pdu.bhs[3] == 0:
                return
            ic.check(pdu.bhs[3] == 0x02 and len(pdu.data) > 4 and
                     pdu.data[4] & 0x0f == 0x06,
                     f"TEST UNIT READY: status 0x{pdu.bhs[3]:02x}, "
                     "not a unit attention")
        raise ic.Fail("TEST UNIT READY: unit attentions without end")

    def logout(self):
        self.c.cmdsn, self.c.statsn = self.cmdsn, self.next_statsn - 1
        ic.logout(self.c)

    def closed_within(self, seconds):
        """Drains what the target sent; whether EOF comes in time."""
        self.c.s.settimeout(seconds)
        end = time.monotonic() + seconds
        try:
            while time.monotonic() < end:
                if not self.c.s.recv(1 << 20):
                    return True
        except (ConnectionResetError, BrokenPipeError):
            return True
        except socket.timeout:
            pass
        return False


def nop_answer(args):
    s = Session(args, args.target)
    s.recv_until(time.monotonic() + args.seconds, s.answer)
    want = int(args.seconds / (2 * args.interval))
    ic.check(s.nops >= want, f"{s.nops} NOP-Ins in {args.seconds} s, "
             f"want {want} or more")
    s.command_works()
    s.logout()
    print(f"ok - {s.nops} NOP-Ins in {args.seconds} s answered; StatSN "
          "untouched; a command and a Logout after them")


def nop_ignore(args):
    s = Session(args, args.target)
    start = time.monotonic()
    try:
        s.recv_until(start + args.max)
        raise ic.Fail(f"still open after {args.max} s")
    except (EOFError, ConnectionResetError):
        pass
    took = time.monotonic() - start
    ic.check(took >= args.min, f"closed after {took:.1f} s, before "
             f"{args.min} s")
    ic.check(s.nops >= 1, "closed without a NOP-In")
    print(f"ok - unanswered: {s.nops} NOP-In, closed after {took:.1f} s")


def nop_deaf(args):
    s = Session(args, args.target)
    start = time.monotonic()
    ic.check(s.sid in proc_sessions(INITIATOR), "no session in " + PROC)
    while s.sid in proc_sessions(INITIATOR):
        ic.check(time.monotonic() - start < args.max,
                 f"the session stays after {args.max} s")
        time.sleep(0.1)
    took = time.monotonic() - start
    ic.check(took >= args.min, f"gone after {took:.1f} s, before "
             f"{args.min} s")
    pdu = s.recv()
    ic.check(pdu.opcode == ic.OP_NOP_IN, "no NOP-In in the socket")
    s.check_nop_in(pdu)
    ic.check(s.closed_within(5), "the socket stays open")
    print(f"ok - not reading: session gone after {took:.1f} s")


def nop_none(args):
    s = Session(args, args.target)
    s.recv_until(time.monotonic() + args.seconds)
    ic.check(s.nops == 0, f"{s.nops} NOP-Ins with NOPInterval 0")
    s.command_works()
    s.logout()
    print(f"ok - no NOP-In in {args.seconds} s")


def cdb10(op, lba, blocks):
    return struct.pack(">BBIBHB6x", op, 0, lba, 0, blocks, 0)


class Load:
    """Commands left in every state on a session about to be replaced."""

    def __init__(self, rng, blocks):
        self.rng, self.blocks = rng, blocks
        self.counts = dict(r2t=0, write=0, read=0, half=0)

    def lba(self, nblocks):
        return self.rng.randrange(0, self.blocks - nblocks)

    def write_r2t(self, s):
        """256 KiB with 64 KiB immediate: the rest waits for its R2T."""
        n = 256 * 1024
        s.scsi_cmd(cdb10(WRITE_10, self.lba(n // BLOCK), n // BLOCK),
                   FLAG_W, n, os.urandom(65536))
        self.counts["r2t"] += 1

    def write(self, s):
        """A whole 64 KiB of immediate data: it goes to the LV at once."""
        n = 65536
        s.scsi_cmd(cdb10(WRITE_10, self.lba(n // BLOCK), n // BLOCK),
                   FLAG_W, n, os.urandom(n))
        self.counts["write"] += 1

    def read(self, s):
        """1 MiB nobody reads: Data-In fills the socket."""
        n = 1 << 20
        s.scsi_cmd(cdb10(READ_10, self.lba(n // BLOCK), n // BLOCK),
                   FLAG_R, n)
        self.counts["read"] += 1

    def half_data_out(self, s):
        """32 KiB immediate, then a Data-Out of 32 KiB cut after 10 KiB."""
        n = 65536
        itt = s.scsi_cmd(cdb10(WRITE_10, self.lba(n // BLOCK), n // BLOCK),
                         FLAG_W, n, os.urandom(32768), final=False)
        s.data_out(itt, 32768, os.urandom(10240), length=32768)
        self.counts["half"] += 1

    def run(self, s):
        """Writes, then reads whose Data-In nobody takes, then maybe one
        thing that stops the rx thread: the rest of a Data-Out it waits
        for, or an R2T it cannot send for the Data-In in the way."""
        todo = [self.write_r2t] * self.rng.randint(0, 3) + \
            [self.write] * self.rng.randint(0, 4)
        self.rng.shuffle(todo)
        todo += [self.read] * self.rng.randint(0, 6)
        last = self.rng.random()
        if last < 0.4:
            todo.append(self.half_data_out)
        elif last < 0.6:
            todo.append(self.write_r2t)
        for f in todo:
            f(s)
        time.sleep(self.rng.random() * 0.05)


def lv_blocks(s):
    """READ CAPACITY(10) of LUN 0, in 512-byte blocks."""
    s.command_works()
    itt = s.scsi_cmd(bytes([0x25]) + bytes(15), FLAG_R, 8)
    pdu = s.recv()
    ic.check(pdu.opcode == OP_DATA_IN and pdu.itt == itt and
             len(pdu.data) == 8, f"READ CAPACITY: opcode 0x{pdu.opcode:02x}")
    last, size = struct.unpack(">II", pdu.data)
    ic.check(size == BLOCK, f"block size {size}")
    s.next_statsn += 1
    return last + 1


def one_session(initiator, sid, what):
    """/proc lists sid, and nothing else of initiator, within 5 s."""
    end = time.monotonic() + 5
    while True:
        got = proc_sessions(initiator)
        if got == [sid]:
            return
        ic.check(time.monotonic() < end,
                 f"{what}: {PROC} lists {got} of {initiator}, want [{sid}]")
        time.sleep(0.05)


def takeover(args, isid):
    """The first round replaces someone else's session."""
    old = proc_sessions(args.initiator)
    ic.check(len(old) == 1, f"{PROC} lists {old} of {args.initiator}")
    start = time.monotonic()
    s = Session(args, args.target, args.initiator, isid)
    took = time.monotonic() - start
    ic.check(old[0] not in proc_sessions(args.initiator),
             f"session {old[0]} outlives its reinstatement")
    one_session(args.initiator, s.sid, "takeover")
    print(f"ok - took over session {old[0]} as {s.sid} in {took:.2f} s")
    return s


def reinstate(args):
    isid = bytes.fromhex(args.isid)
    rng = random.Random(args.seed)
    s = takeover(args, isid) if args.takeover else \
        Session(args, args.target, args.initiator, isid)
    blocks = lv_blocks(s)
    load = Load(rng, blocks)
    logins, start = [], time.monotonic()
    for r in range(args.rounds):
        load.run(s)
        t = time.monotonic()
        new = Session(args, args.target, args.initiator, isid)
        logins.append(time.monotonic() - t)
        ic.check(new.sid != s.sid, f"round {r}: the old TSIH again")
        ic.check(s.sid not in proc_sessions(args.initiator),
                 f"round {r}: session {s.sid} outlives its reinstatement")
        ic.check(s.closed_within(10),
                 f"round {r}: the old connection stays open")
        s.c.close()
        one_session(args.initiator, new.sid, f"round {r}")
        s = new
        s.command_works()  # its unit attention, before the load
    total = time.monotonic() - start
    s.command_works()
    s.logout()
    logins.sort()
    print(f"reinstate: {args.rounds} rounds in {total:.1f} s; login with "
          f"reinstatement median {logins[len(logins) // 2] * 1000:.0f} ms, "
          f"max {logins[-1] * 1000:.0f} ms; commands left behind: "
          + ", ".join(f"{k} {v}" for k, v in load.counts.items()))


def churn(args):
    start = time.monotonic()
    for i in range(args.cycles):
        s = Session(args, args.target)
        s.command_works()
        s.logout()
        s.c.s.close()
    left = proc_sessions(INITIATOR)
    end = time.monotonic() + 5
    while left and time.monotonic() < end:
        time.sleep(0.1)
        left = proc_sessions(INITIATOR)
    ic.check(not left, f"sessions left after the churn: {left}")
    print(f"ok - {args.cycles} logins and logouts in "
          f"{time.monotonic() - start:.1f} s")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("-H", "--host", default="127.0.0.1")
    ap.add_argument("-p", "--port", type=int, default=3260)
    sub = ap.add_subparsers(dest="cmd", required=True)
    a = sub.add_parser("nop-answer")
    a.add_argument("target")
    a.add_argument("seconds", type=float)
    a.add_argument("--interval", type=float, required=True)
    for name in ("nop-ignore", "nop-deaf"):
        p = sub.add_parser(name)
        p.add_argument("target")
        p.add_argument("--min", type=float, required=True)
        p.add_argument("--max", type=float, required=True)
    n = sub.add_parser("nop-none")
    n.add_argument("target")
    n.add_argument("seconds", type=float)
    r = sub.add_parser("reinstate")
    r.add_argument("target")
    r.add_argument("--rounds", type=int, default=100)
    r.add_argument("--initiator", default=INITIATOR)
    r.add_argument("--isid", default=ISID.hex())
    r.add_argument("--seed", type=int, default=1)
    r.add_argument("--takeover", action="store_true")
    c = sub.add_parser("churn")
    c.add_argument("target")
    c.add_argument("--cycles", type=int, required=True)
    args = ap.parse_args()
    run = {"nop-answer": nop_answer, "nop-ignore": nop_ignore,
           "nop-deaf": nop_deaf, "nop-none": nop_none,
           "reinstate": reinstate, "churn": churn}[args.cmd]
    try:
        run(args)
    except (ic.Fail, EOFError, OSError) as e:
        print(f"session_client: FAIL: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
