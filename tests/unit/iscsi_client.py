#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""A raw iSCSI initiator for testing ietd's login and discovery.

  iscsi_client.py [-H HOST] [-p PORT] suite TARGET...
      Well-formed and malformed logins, discovery and its PDUs; TARGET...
      are the targets SendTargets=All must list (in any order). Exits 1 on
      the first failed check, after saying which.
  iscsi_client.py [-H HOST] [-p PORT] normal TARGET [options]
      A normal login (ISID 80:12:34:56:78:9a, CID 5 unless told); prints
      "sid SID cid CID tsih TSIH". Then the target must close the
      connection (the kernel refused it), or with --stays keep it open,
      or with --kernel answer a NOP-Out from the kernel. --expect STATUS
      wants the login refused with that status instead (hex, 0203);
      --header-digest offers that HeaderDigest instead of None.
  iscsi_client.py [-H HOST] [-p PORT] reinstate TARGET [--kernel]
      Two normal logins with one ISID, the first still connected: the
      second must get a new TSIH and the first connection must be closed
      (session reinstatement); prints both SIDs.
  iscsi_client.py [-H HOST] [-p PORT] special
      Checks that need the targets of e2e_login.sh: :chap (IncomingUser),
      :crc (HeaderDigest CRC32C, MaxBurstLength 65536), :b (Alias bee).
  iscsi_client.py [-H HOST] [-p PORT] chap TARGET|- USER SECRET [options]
      A login with CHAP (TARGET - for a discovery session): --algs offers
      that CHAP_A list (default 5); --mutual NAME:SECRET challenges the
      target too and checks its answer; --reflect sends the target's own
      challenge back; --base64 sends CHAP_R in base64; --expect STATUS
      wants the login refused with that status (hex). Prints the CHAP_A
      the target chose.
  iscsi_client.py [-H HOST] [-p PORT] redirected TARGET
      A login the target must redirect (status 0101, T=0) before any
      security key is answered; prints its TargetAddress.
  iscsi_client.py [-H HOST] [-p PORT] stall SECONDS
      Connects, sends half a header and waits: a client that blocks nobody.
  iscsi_client.py [-H HOST] [-p PORT] flood N SECONDS
      N such connections at once, from 127.0.1.1, 127.0.1.2, ... (15 from
      each), held for SECONDS; prints how many the target took.
"""
import argparse
import base64
import hashlib
import os
import socket
import struct
import sys
import time

OP_NOP_OUT, OP_SCSI_CMD, OP_LOGIN, OP_TEXT, OP_LOGOUT = 0x00, 0x01, 0x03, 0x04, 0x06
OP_NOP_IN, OP_LOGIN_RSP, OP_TEXT_RSP, OP_LOGOUT_RSP, OP_REJECT = 0x20, 0x23, 0x24, 0x26, 0x3f
IMMEDIATE = 0x40
T, C, F = 0x80, 0x40, 0x80
RSVD = 0xffffffff
INITIATOR = "iqn.2026-11.org.example:raw-client"
ISID = bytes([0x80, 0x12, 0x34, 0x56, 0x78, 0x9a])


class Fail(Exception):
    pass


def check(cond, what):
    if not cond:
        raise Fail(what)


def text(pairs):
    return b"".join(f"{k}={v}".encode() + b"\0" for k, v in pairs)


def parse_text(data):
    out = []
    for item in data.split(b"\0"):
        if item:
            k, _, v = item.decode().partition("=")
            out.append((k, v))
    return out


def pad(data):
    return data + b"\0" * (-len(data) % 4)


def bhs_login(flags, data, itt=1, cmdsn=1, expstatsn=0, isid=ISID, tsih=0,
              cid=0, vmax=0, vmin=0, opcode=OP_LOGIN | IMMEDIATE):
    dl = len(data).to_bytes(3, "big")
    return struct.pack(">BBBBB3s6sHIHHII16x", opcode, flags, vmax, vmin, 0,
                       dl, isid, tsih, itt, cid, 0, cmdsn, expstatsn)


def bhs_generic(opcode, flags, data, itt, ttt=RSVD, cmdsn=0, expstatsn=0,
                lun=0, word20=None):
    dl = len(data).to_bytes(3, "big")
    w20 = ttt if word20 is None else word20
    return struct.pack(">BBHB3sQIIII16x", opcode, flags, 0, 0, dl, lun, itt,
                       w20, cmdsn, expstatsn)


class Pdu:
    def __init__(self, bhs, data):
        self.bhs, self.data = bhs, data
        self.opcode = bhs[0] & 0x3f
        self.flags = bhs[1]
        self.itt = struct.unpack(">I", bhs[16:20])[0]
        self.word20 = struct.unpack(">I", bhs[20:24])[0]
        self.statsn, self.expcmdsn, self.maxcmdsn = struct.unpack(">III", bhs[24:36])
        self.status = bhs[36] << 8 | bhs[37]
        self.tsih = struct.unpack(">H", bhs[14:16])[0]

    def pairs(self):
        return parse_text(self.data)


class Conn:
    def __init__(self, host, port, timeout=10):
        self.s = socket.create_connection((host, port), timeout=timeout)
        self.s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.statsn = 0
        self.cmdsn = 1
        self.mrdsl = 8192

    def close(self):
        self.s.close()

    def send(self, bhs, data=b""):
        self.s.sendall(bhs + pad(data))

    def recv_exact(self, n):
        buf = b""
        while len(buf) < n:
            chunk = self.s.recv(n - len(buf))
            if not chunk:
                raise EOFError("connection closed")
            buf += chunk
        return buf

    def recv(self):
        bhs = self.recv_exact(48)
        dlen = int.from_bytes(bhs[5:8], "big")
        data = self.recv_exact(dlen + (-dlen % 4))[:dlen]
        pdu = Pdu(bhs, data)
        self.statsn = pdu.statsn
        return pdu

    def closed(self):
        """Whether the target closes the connection (EOF) soon."""
        try:
            self.s.settimeout(5)
            return self.s.recv(1) == b""
        except (ConnectionResetError, BrokenPipeError):
            return True
        except socket.timeout:
            return False

    def login(self, flags, pairs, **kw):
        data = text(pairs) if isinstance(pairs, list) else pairs
        kw.setdefault("expstatsn", self.statsn + 1 if self.statsn else 0)
        kw.setdefault("cmdsn", self.cmdsn)
        self.send(bhs_login(flags, data, **kw), data)
        return self.recv()


def flags(t, csg, nsg):
    return (T if t else 0) | csg << 2 | nsg


def refused(conn, rsp, status, what):
    check(rsp.opcode == OP_LOGIN_RSP, f"{what}: opcode 0x{rsp.opcode:02x}")
    check(rsp.status == status,
          f"{what}: status 0x{rsp.status:04x}, want 0x{status:04x}")
    check(conn.closed(), f"{what}: the connection stays open")
    conn.close()


def discovery_login(conn, extra=None, mrdsl=8192):
    rsp = conn.login(flags(1, 0, 1), [("InitiatorName", INITIATOR),
                                      ("SessionType", "Discovery"),
                                      ("AuthMethod", "None")])
    check(rsp.status == 0 and rsp.flags == flags(1, 0, 1),
          f"discovery security stage: status 0x{rsp.status:04x} flags 0x{rsp.flags:02x}")
    check(("AuthMethod", "None") in rsp.pairs(), f"AuthMethod: {rsp.pairs()}")
    conn.mrdsl = mrdsl
    keys = [("HeaderDigest", "None"), ("DataDigest", "None"),
            ("MaxRecvDataSegmentLength", str(mrdsl))] + (extra or [])
    rsp = conn.login(flags(1, 1, 3), keys)
    check(rsp.status == 0 and rsp.flags == flags(1, 1, 3),
          f"discovery operational stage: 0x{rsp.status:04x} flags 0x{rsp.flags:02x}")
    check(rsp.tsih != 0, "no TSIH in the final response")
    check(rsp.expcmdsn == conn.cmdsn, f"ExpCmdSN {rsp.expcmdsn}, want {conn.cmdsn}")
    return rsp


def send_targets(conn, which="All"):
    """SendTargets, following C=1 pieces: the pairs, and the pieces."""
    data = text([("SendTargets", which)])
    itt, ttt, out, pieces = 0x100, RSVD, b"", 0
    while True:
        pieces += 1
        conn.send(bhs_generic(OP_TEXT, F, data, itt, ttt, conn.cmdsn,
                              conn.statsn + 1), data)
        conn.cmdsn += 1
        rsp = conn.recv()
        check(rsp.opcode == OP_TEXT_RSP, f"SendTargets: opcode 0x{rsp.opcode:02x}")
        check(rsp.itt == itt, "SendTargets: ITT not echoed")
        check(len(rsp.data) <= conn.mrdsl, f"a piece of {len(rsp.data)} bytes")
        # Pieces end where a target's record begins.
        check(not rsp.data or rsp.data.startswith(b"TargetName="),
              f"a piece starts with {rsp.data[:16]!r}")
        out += rsp.data
        if rsp.flags & F:
            check(rsp.word20 == RSVD, "final Text Response with a TTT")
            return parse_text(out), pieces
        check(not rsp.flags & C, "a record cut in two")
        check(rsp.word20 != RSVD, "F=0 without a Target Transfer Tag")
        ttt, data = rsp.word20, b""


def logout(conn):
    conn.send(bhs_generic(OP_LOGOUT, F | 0, b"", 0x200, word20=0,
                          cmdsn=conn.cmdsn, expstatsn=conn.statsn + 1))
    rsp = conn.recv()
    check(rsp.opcode == OP_LOGOUT_RSP and rsp.bhs[2] == 0,
          f"Logout: opcode 0x{rsp.opcode:02x} response {rsp.bhs[2]}")
    check(conn.closed(), "the connection stays open after Logout")


class Suite:
    def __init__(self, host, port, targets):
        self.host, self.port, self.targets = host, port, targets
        self.passed = 0

    def conn(self):
        return Conn(self.host, self.port)

    def ok(self, name):
        self.passed += 1
        print(f"ok {self.passed} - {name}")

    def portal(self, conn):
        addr = conn.s.getpeername()
        host = f"[{addr[0]}]" if ":" in addr[0] else addr[0]
        return f"{host}:{addr[1]},1"

    def test_discovery(self):
        c = self.conn()
        discovery_login(c)
        pairs, _ = send_targets(c)
        names = [v for k, v in pairs if k == "TargetName"]
        addrs = [v for k, v in pairs if k == "TargetAddress"]
        check(sorted(names) == sorted(self.targets),
              f"SendTargets=All: {names}, want {self.targets}")
        check(addrs == [self.portal(c)] * len(names),
              f"TargetAddress: {addrs}, want {self.portal(c)}")
        pairs, _ = send_targets(c, self.targets[0].upper())
        check(pairs == [("TargetName", self.targets[0]),
                        ("TargetAddress", self.portal(c))],
              f"SendTargets=<name>: {pairs}")
        pairs, _ = send_targets(c, "iqn.2026-11.org.example:none")
        check(pairs == [], f"SendTargets=<unknown>: {pairs}")
        logout(c)
        self.ok("discovery: SendTargets All, one, none; Logout")

    def test_continuation(self):
        c = self.conn()
        discovery_login(c, mrdsl=512)
        pairs, pieces = send_targets(c)
        size = len(text(pairs))
        names = [v for k, v in pairs if k == "TargetName"]
        check(sorted(names) == sorted(self.targets),
              f"pieced SendTargets: {len(names)} names, want {len(self.targets)}")
        check(pieces >= (size + 511) // 512,
              f"{size} bytes came in {pieces} pieces of at most 512")
        c.close()
        self.ok(f"discovery: {size} bytes of SendTargets in {pieces} pieces")

    def test_discovery_pdus(self):
        c = self.conn()
        discovery_login(c)
        ping = b"ping-data-123"
        c.send(bhs_generic(OP_NOP_OUT | IMMEDIATE, F, ping, 0x300,
                           cmdsn=c.cmdsn, lun=0x1234), ping)
        rsp = c.recv()
        check(rsp.opcode == OP_NOP_IN and rsp.itt == 0x300 and rsp.data == ping,
              f"NOP-In: opcode 0x{rsp.opcode:02x} data {rsp.data!r}")
        check(rsp.bhs[8:16] == (0x1234).to_bytes(8, "big"), "NOP-In LUN")
        c.send(bhs_generic(OP_SCSI_CMD, F, b"", 0x301, cmdsn=c.cmdsn))
        c.cmdsn += 1
        rsp = c.recv()
        check(rsp.opcode == OP_REJECT and rsp.bhs[2] == 0x05,
              f"SCSI command in discovery: opcode 0x{rsp.opcode:02x}")
        check(rsp.data[16:20] == (0x301).to_bytes(4, "big"),
              "the Reject does not carry the rejected header")
        data = text([("X-com.example.foo", "1"), ("InitialR2T", "Yes"),
                     ("MaxRecvDataSegmentLength", "4096")])
        c.send(bhs_generic(OP_TEXT, F, data, 0x302, RSVD, c.cmdsn), data)
        c.cmdsn += 1
        rsp = c.recv()
        check(rsp.pairs() == [("X-com.example.foo", "NotUnderstood"),
                              ("InitialR2T", "Reject")],
              f"Text keys in discovery: {rsp.pairs()}")
        logout(c)
        self.ok("discovery: NOP-Out, Reject of a SCSI command, other keys")

    def test_keys(self):
        c = self.conn()
        rsp = c.login(flags(0, 1, 0), [
            ("InitiatorName", INITIATOR), ("SessionType", "Discovery"),
            ("HeaderDigest", "CRC32C"), ("DataDigest", "CRC32C,None"),
            ("ErrorRecoveryLevel", "2"), ("DefaultTime2Wait", "0"),
            ("DefaultTime2Retain", "60"), ("OFMarker", "Yes"),
            ("IFMarkInt", "2048"), ("MaxBurstLength", "4096"),
            ("X#example", "1"), ("Frobnicate", "Yes"),
            ("TargetAlias", "me")])
        got = dict(rsp.pairs())
        want = {"HeaderDigest": "Reject", "DataDigest": "None",
                "ErrorRecoveryLevel": "0", "DefaultTime2Wait": "2",
                "DefaultTime2Retain": "0", "OFMarker": "No",
                "IFMarkInt": "Reject", "MaxBurstLength": "Irrelevant",
                "X#example": "NotUnderstood",
                "Frobnicate": "NotUnderstood", "TargetAlias": "Reject",
                "MaxRecvDataSegmentLength": "262144"}
        check(rsp.status == 0, f"keys: status 0x{rsp.status:04x}")
        check(got == want, f"keys: {got}")
        check(rsp.flags == flags(0, 1, 0), f"keys: flags 0x{rsp.flags:02x}")
        rsp = c.login(flags(1, 1, 3), [("DataDigest", "None")])
        refused(c, rsp, 0x0200, "DataDigest negotiated twice")
        self.ok("keys: each rule, and a key sent twice")

    def test_split_request(self):
        c = self.conn()
        data = text([("InitiatorName", INITIATOR), ("SessionType", "Discovery"),
                     ("AuthMethod", "None")])
        half = len(data) // 2
        rsp = c.login(C | flags(0, 0, 0), data[:half])
        check(rsp.status == 0 and not rsp.data and not rsp.flags & T,
              "the answer to C=1 is not empty")
        rsp = c.login(flags(1, 0, 1), data[half:])
        check(rsp.status == 0 and ("AuthMethod", "None") in rsp.pairs(),
              f"split login text: {rsp.pairs()}")
        c.close()
        self.ok("login text split over two PDUs with C=1")

    def test_refusals(self):
        base = [("InitiatorName", INITIATOR)]
        cases = [
            ("bad version", 0x0205, dict(vmax=2, vmin=1),
             flags(0, 0, 0), base + [("SessionType", "Discovery")]),
            ("unknown target", 0x0203, {}, flags(0, 0, 0),
             base + [("TargetName", "iqn.2026-11.org.example:nowhere")]),
            ("no InitiatorName", 0x0207, {}, flags(0, 0, 0),
             [("SessionType", "Discovery")]),
            ("no TargetName", 0x0207, {}, flags(0, 0, 0), base),
            ("SessionType", 0x0209, {}, flags(0, 0, 0),
             base + [("SessionType", "Foo")]),
            ("TSIH of no session", 0x020a, dict(tsih=0x4242),
             flags(0, 0, 0), base + [("SessionType", "Discovery")]),
            ("stage 0 to 0", 0x020b, {}, flags(1, 0, 0),
             base + [("SessionType", "Discovery")]),
            ("stage 1 to 1", 0x020b, {}, flags(1, 1, 1),
             base + [("SessionType", "Discovery")]),
            ("CSG 3", 0x020b, {}, flags(0, 3, 0),
             base + [("SessionType", "Discovery")]),
            ("T and C", 0x020b, {}, T | C | flags(0, 0, 1),
             base + [("SessionType", "Discovery")]),
            ("InitiatorName twice", 0x0200, {}, flags(0, 0, 0),
             base + base),
            ("MaxRecvDataSegmentLength=1", 0x0200, {}, flags(0, 1, 0),
             base + [("SessionType", "Discovery"),
                     ("MaxRecvDataSegmentLength", "1")]),
            ("Text Request first", 0x020b, dict(opcode=OP_TEXT | IMMEDIATE),
             F, base),
        ]
        for name, status, kw, fl, pairs in cases:
            c = self.conn()
            rsp = c.login(fl, pairs, **kw)
            refused(c, rsp, status, name)
        self.ok(f"{len(cases)} refusals with their status and a close")

    def test_stage_back(self):
        c = self.conn()
        rsp = c.login(flags(1, 0, 1), [("InitiatorName", INITIATOR),
                                       ("SessionType", "Discovery")])
        check(rsp.flags == flags(1, 0, 1), "no transit to stage 1")
        rsp = c.login(flags(0, 0, 0), [])
        refused(c, rsp, 0x020b, "back to stage 0")
        c = self.conn()
        rsp = c.login(flags(0, 0, 0), [("InitiatorName", INITIATOR),
                                       ("SessionType", "Discovery")])
        rsp = c.login(flags(0, 0, 0), [], itt=99)
        refused(c, rsp, 0x020b, "ITT changed")
        c = self.conn()
        rsp = c.login(flags(0, 0, 0), [("InitiatorName", INITIATOR),
                                       ("SessionType", "Discovery")])
        rsp = c.login(flags(0, 0, 0), [], expstatsn=rsp.statsn + 5)
        refused(c, rsp, 0x020b, "ExpStatSN ahead")
        self.ok("stage going back, ITT changing, ExpStatSN ahead")

    def test_malformed(self):
        c = self.conn()
        big = b"X" * 8200
        c.send(bhs_login(flags(0, 0, 0), big), big)
        rsp = c.recv()
        refused(c, rsp, 0x020b, "a 8200-byte data segment")
        for garbage in (b"GET / HTTP/1.1\r\nHost: target\r\n"
                        b"User-Agent: test\r\nAccept: */*\r\n\r\n", b"\xde\xad\xbe\xef" * 12,
                        b"\x00" * 48):
            c = self.conn()
            c.s.sendall(garbage)
            refused(c, c.recv(), 0x020b, f"garbage {garbage[:8]!r}")
        c = self.conn()
        bhs = bytearray(bhs_login(flags(0, 0, 0), b""))
        bhs[4] = 1          # an AHS
        c.send(bytes(bhs), b"\0" * 4)
        refused(c, c.recv(), 0x020b, "an AHS")
        c = self.conn()
        c.s.sendall(b"\x43\x00\x00")
        c.close()
        self.ok("oversized data, garbage, AHS, a half header")

    def run(self):
        for t in (self.test_malformed, self.test_refusals,
                  self.test_stage_back, self.test_keys,
                  self.test_split_request, self.test_discovery_pdus,
                  self.test_continuation, self.test_discovery):
            t()
        print(f"iscsi_client: {self.passed} checks passed")


def after_login(c, rsp, stays, kernel):
    if kernel:
        ping = b"kernel?"
        c.send(bhs_generic(OP_NOP_OUT | IMMEDIATE, F, ping, 0x777,
                           cmdsn=c.cmdsn, expstatsn=rsp.statsn + 1), ping)
        r = c.recv()
        check(r.opcode == OP_NOP_IN and r.itt == 0x777,
              f"the kernel's answer: opcode 0x{r.opcode:02x}")
        check(r.statsn == rsp.statsn + 1,
              f"the kernel's StatSN {r.statsn}, want {rsp.statsn + 1}")
    elif stays:
        c.s.settimeout(1)
        try:
            check(c.s.recv(1) != b"", "the connection was closed")
        except socket.timeout:
            pass
    else:
        check(c.closed(), "the connection stays open: did the kernel take it?")


def full_login(host, port, target, isid=ISID, cid=5, expect=None,
               op_keys=None, hd="None"):
    """A normal login: (conn, final response), or None if refused."""
    c = Conn(host, port)
    rsp = c.login(flags(1, 0, 1), [("InitiatorName", INITIATOR),
                                   ("TargetName", target),
                                   ("AuthMethod", "CHAP,None")],
                  cid=cid, isid=isid)
    if expect is not None and rsp.status:
        return refused(c, rsp, expect, f"login to {target}")
    pairs = rsp.pairs()
    check(rsp.status == 0, f"normal login: status 0x{rsp.status:04x}")
    check(("TargetPortalGroupTag", "1") in pairs, f"no TPGT: {pairs}")
    check(rsp.tsih == 0, "a TSIH before the final response")
    if op_keys is None:
        op_keys = [("HeaderDigest", hd), ("DataDigest", "None"),
                   ("MaxRecvDataSegmentLength", "65536"),
                   ("InitialR2T", "Yes"), ("ImmediateData", "No"),
                   ("MaxBurstLength", "262144"),
                   ("FirstBurstLength", "65536"),
                   ("ErrorRecoveryLevel", "0")]
    rsp = c.login(flags(1, 1, 3), op_keys, cid=cid, isid=isid)
    if expect is not None:
        return refused(c, rsp, expect, f"login to {target}")
    check(rsp.status == 0 and rsp.flags == flags(1, 1, 3),
          f"final response: 0x{rsp.status:04x} flags 0x{rsp.flags:02x}")
    check(rsp.tsih != 0, "no TSIH")
    return c, rsp


def sid_of(rsp, isid):
    return rsp.tsih << 48 | int.from_bytes(isid, "little")


def normal_login(host, port, target, isid=ISID, cid=5, expect=None,
                 stays=False, kernel=False, hd="None"):
    got = full_login(host, port, target, isid, cid, expect, hd=hd)
    if got is None:
        return
    c, rsp = got
    print(f"sid {sid_of(rsp, isid)} cid {cid} tsih {rsp.tsih}")
    sys.stdout.flush()
    after_login(c, rsp, stays, kernel)
    c.close()


def reinstate(host, port, target, kernel):
    isid = bytes([0x40, 0, 0, 0, 0x12, 0x34])
    c1, rsp1 = full_login(host, port, target, isid, cid=1)
    after_login(c1, rsp1, stays=not kernel, kernel=kernel)
    c2, rsp2 = full_login(host, port, target, isid, cid=1)
    check(rsp2.tsih != rsp1.tsih, "the new session has the old TSIH")
    check(c1.closed(), "the reinstated session's connection is open")
    after_login(c2, rsp2, stays=not kernel, kernel=kernel)
    print(f"old {sid_of(rsp1, isid)} new {sid_of(rsp2, isid)}")
    c2.close()

CHAP_HASHES = {5: "md5", 6: "sha1", 7: "sha256", 8: "sha3_256"}


def chap_digest(alg, ident, secret, challenge):
    h = hashlib.new(CHAP_HASHES[alg])
    h.update(bytes([ident]) + secret.encode() + challenge)
    return h.digest()


def chap(host, port, target, user, secret, algs="5", mutual=None,
         reflect=False, b64=False, expect=None):
    ident = [("InitiatorName", INITIATOR)]
    if target == "-":
        ident.append(("SessionType", "Discovery"))
    else:
        ident.append(("TargetName", target))
    c = Conn(host, port)
    rsp = c.login(flags(0, 0, 0), ident + [("AuthMethod", "CHAP,None")])
    if expect is not None and rsp.status:
        return refused(c, rsp, expect, "AuthMethod")
    check(("AuthMethod", "CHAP") in rsp.pairs(), f"method: {rsp.pairs()}")
    rsp = c.login(flags(0, 0, 0), [("CHAP_A", algs)])
    if expect is not None and rsp.status:
        return refused(c, rsp, expect, "CHAP_A")
    got = dict(rsp.pairs())
    alg, tid = int(got["CHAP_A"]), int(got["CHAP_I"])
    check(got["CHAP_C"].startswith("0x"), f"challenge: {got}")
    tchal = bytes.fromhex(got["CHAP_C"][2:])
    check(len(tchal) >= 16, f"a challenge of {len(tchal)} bytes")
    r = chap_digest(alg, tid, secret, tchal)
    rval = "0b" + base64.b64encode(r).decode() if b64 else "0x" + r.hex()
    keys = [("CHAP_N", user), ("CHAP_R", rval)]
    ichal, iid = os.urandom(24), 99
    if reflect:
        ichal = tchal
    if mutual:
        keys += [("CHAP_I", str(iid)), ("CHAP_C", "0x" + ichal.hex())]
    rsp = c.login(flags(1, 0, 1), keys)
    if expect is not None:
        return refused(c, rsp, expect, "CHAP_R")
    check(rsp.status == 0 and rsp.flags == flags(1, 0, 1),
          f"CHAP answer: 0x{rsp.status:04x} flags 0x{rsp.flags:02x}")
    if mutual:
        got = dict(rsp.pairs())
        name, tsecret = mutual.split(":", 1)
        want = "0x" + chap_digest(alg, iid, tsecret, ichal).hex()
        check(got.get("CHAP_N") == name, f"target's CHAP_N: {got}")
        check(got.get("CHAP_R") == want, f"target's CHAP_R: {got}")
    rsp = c.login(flags(1, 1, 3), [("MaxRecvDataSegmentLength", "8192")])
    check(rsp.status == 0 and rsp.flags == flags(1, 1, 3),
          f"final response: 0x{rsp.status:04x} flags 0x{rsp.flags:02x}")
    print(f"CHAP_A={alg}")
    c.close()


def redirected(host, port, target):
    c = Conn(host, port)
    rsp = c.login(flags(1, 0, 1), [("InitiatorName", INITIATOR),
                                   ("TargetName", target),
                                   ("AuthMethod", "CHAP,None")])
    pairs = rsp.pairs()
    check(rsp.status == 0x0101, f"status 0x{rsp.status:04x}, want 0x0101")
    check(not rsp.flags & T, "a redirection with T=1")
    check(len(pairs) == 1 and pairs[0][0] == "TargetAddress",
          f"a redirection with {pairs}")
    check(c.closed(), "the connection stays open after a redirection")
    print(f"TargetAddress={pairs[0][1]}")


def flood(host, port, n, seconds):
    socks = []
    for i in range(n):
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.bind((f"127.0.1.{i // 15 + 1}", 0))
        s.connect((host, port))
        s.sendall(bhs_login(0, b"")[:20])
        socks.append(s)
    time.sleep(seconds)
    alive = 0
    for s in socks:
        s.settimeout(0.01)
        try:
            alive += s.recv(1) != b""
        except socket.timeout:
            alive += 1
        except OSError:
            pass
        s.close()
    print(f"flood: {alive} of {n} still open")


def special(host, port):
    ex = "iqn.2026-11.org.example:"
    c = Conn(host, port)
    rsp = c.login(flags(0, 0, 0), [("InitiatorName", INITIATOR),
                                   ("TargetName", ex + "chap"),
                                   ("AuthMethod", "None")])
    refused(c, rsp, 0x0201, "a target with IncomingUser")
    print("ok - CHAP required: 0201")
    c = Conn(host, port)
    rsp = c.login(flags(0, 0, 0), [("InitiatorName", INITIATOR),
                                   ("TargetName", ex + "b")])
    check(("TargetAlias", "bee") in rsp.pairs(), f"no alias: {rsp.pairs()}")
    c.close()
    print("ok - TargetAlias")
    normal_login(host, port, ex + "crc", expect=0x0200)
    print("ok - HeaderDigest=None refused by a CRC32C target: 0200")
    c = Conn(host, port)
    rsp = c.login(flags(1, 0, 1), [("InitiatorName", INITIATOR),
                                   ("TargetName", ex + "crc")])
    rsp = c.login(flags(1, 1, 3), [("DataDigest", "None")])
    got = rsp.pairs()
    check(rsp.status == 0 and rsp.flags == flags(0, 1, 0),
          f"proposals: 0x{rsp.status:04x} flags 0x{rsp.flags:02x}")
    check(("HeaderDigest", "CRC32C") in got and
          ("MaxBurstLength", "65536") in got and
          ("FirstBurstLength", "65536") not in got, f"proposals: {got}")
    rsp = c.login(flags(1, 1, 3), [("HeaderDigest", "CRC32C"),
                                   ("MaxBurstLength", "32768")])
    check(rsp.status == 0 and rsp.flags == flags(1, 1, 3) and rsp.tsih,
          f"after the proposals: 0x{rsp.status:04x} flags 0x{rsp.flags:02x}")
    check(c.closed(), "the kernel took the connection?")
    print("ok - the target proposes HeaderDigest and MaxBurstLength")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("-H", "--host", default="127.0.0.1")
    ap.add_argument("-p", "--port", type=int, default=3260)
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("suite")
    s.add_argument("targets", nargs="+")
    n = sub.add_parser("normal")
    n.add_argument("target")
    n.add_argument("--isid", default=ISID.hex())
    n.add_argument("--cid", type=int, default=5)
    n.add_argument("--expect", type=lambda v: int(v, 16))
    n.add_argument("--stays", action="store_true")
    n.add_argument("--kernel", action="store_true")
    n.add_argument("--header-digest", default="None")
    sub.add_parser("special")
    r = sub.add_parser("reinstate")
    r.add_argument("target")
    r.add_argument("--kernel", action="store_true")
    ch = sub.add_parser("chap")
    ch.add_argument("target")
    ch.add_argument("user")
    ch.add_argument("secret")
    ch.add_argument("--algs", default="5")
    ch.add_argument("--mutual")
    ch.add_argument("--reflect", action="store_true")
    ch.add_argument("--base64", action="store_true")
    ch.add_argument("--expect", type=lambda v: int(v, 16))
    rd = sub.add_parser("redirected")
    rd.add_argument("target")
    st = sub.add_parser("stall")
    st.add_argument("seconds", type=float)
    fl = sub.add_parser("flood")
    fl.add_argument("n", type=int)
    fl.add_argument("seconds", type=float)
    a = ap.parse_args()
    try:
        if a.cmd == "suite":
            Suite(a.host, a.port, a.targets).run()
        elif a.cmd == "normal":
            normal_login(a.host, a.port, a.target, bytes.fromhex(a.isid),
                         a.cid, a.expect, a.stays, a.kernel,
                         hd=a.header_digest)
        elif a.cmd == "reinstate":
            reinstate(a.host, a.port, a.target, a.kernel)
        elif a.cmd == "chap":
            chap(a.host, a.port, a.target, a.user, a.secret, a.algs,
                 a.mutual, a.reflect, a.base64, a.expect)
        elif a.cmd == "redirected":
            redirected(a.host, a.port, a.target)
        elif a.cmd == "special":
            special(a.host, a.port)
        elif a.cmd == "flood":
            flood(a.host, a.port, a.n, a.seconds)
        else:
            c = Conn(a.host, a.port)
            c.s.sendall(bhs_login(0, b"")[:20])
            time.sleep(a.seconds)
            c.close()
    except (Fail, EOFError, OSError) as e:
        print(f"iscsi_client: FAIL: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
