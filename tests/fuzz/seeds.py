#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Write the seed inputs of the fuzz corpus: corpus/<harness>/seed-<name>.

The logins are those of open-iscsi, iPXE and libiscsi: the keys each sends,
in its order, and its stages (from their sources; iPXE's from FIELD.md 4.1).
ISIDs, tags and sequence numbers are plausible, not captured. Then the
corner cases the protocol has: texts over several PDUs, answers in pieces,
proposals, framing errors. Run it again after changing it; it replaces every
seed-* file and leaves the inputs the fuzzers found alone.
"""

import base64
import os
import struct

HERE = os.path.dirname(os.path.abspath(__file__))

# As fuzz.h and env.c have them.
FUZZ_STATSN = 1000
FUZZ_TARGETS_ERR = 41   # FUZZ_TARGETS_MAX + 1: the target list fails
OPEN = "iqn.2026-11.org.example:open"
STRICT = "iqn.2026-11.org.example:strict"
FAST = "iqn.2026-11.org.example:fast"
CHAP = "iqn.2026-11.org.example:chap"
BROKEN = "iqn.2026-11.org.example:broken"
MOVED = "iqn.2026-11.org.example:moved"

OP_NOP_OUT, OP_SCSI_CMD, OP_LOGIN, OP_TEXT, OP_LOGOUT = 0x00, 0x01, 0x03, 0x04, 0x06
IMMEDIATE = 0x40
T, C, F = 0x80, 0x40, 0x80
RSVD = 0xFFFFFFFF


def flags(t, csg, nsg, c=False):
    return (T if t else 0) | (C if c else 0) | csg << 2 | nsg


def text(*pairs):
    return b"".join(p.encode() + b"\0" for p in pairs)


def pdu(op, fl, data=b"", itt=0, fields=b"", rest=b"", ahs=0, dlen=None):
    """A BHS: opcode, flags, bytes 2-3, AHS, length, then bytes 8-47."""
    n = len(data) if dlen is None else dlen
    bhs = bytes([op, fl]) + rest[:2].ljust(2, b"\0") + bytes([ahs])
    bhs += n.to_bytes(3, "big") + fields[:8].ljust(8, b"\0")
    bhs += struct.pack(">I", itt) + fields[8:].ljust(28, b"\0")
    assert len(bhs) == 48
    return bhs + data + b"\0" * (-len(data) % 4)


class Login:
    """An initiator's login: each request acknowledges every response."""

    def __init__(self, isid, itt=0, cid=0, cmdsn=1, tsih=0):
        self.isid, self.itt, self.cid = isid, itt, cid
        self.cmdsn, self.tsih = cmdsn, tsih
        self.statsn = FUZZ_STATSN
        self.out = b""

    def req(self, fl, *pairs, data=None, exp=None, vmax=0, vmin=0):
        data = text(*pairs) if data is None else data
        fields = self.isid + struct.pack(">H", self.tsih)
        fields += struct.pack(">HHII", self.cid, 0, self.cmdsn,
                              self.statsn if exp is None else exp)
        self.out += pdu(OP_LOGIN | IMMEDIATE, fl, data, self.itt, fields,
                        bytes([vmax, vmin]))
        self.statsn += 1
        return self

    def text_req(self, fl, *pairs, itt=1, ttt=RSVD, data=None, imm=False):
        """A Text Request of the discovery session after the login."""
        data = text(*pairs) if data is None else data
        self.out += disc_pdu(OP_TEXT | (IMMEDIATE if imm else 0), fl, data,
                             itt, ttt, self.cmdsn, self.statsn)
        if not imm:
            self.cmdsn += 1
        self.statsn += 1
        return self

    def raw(self, b):
        self.out += b
        return self


def disc_pdu(op, fl, data, itt, ttt, cmdsn, exp_statsn, lun=b""):
    fields = lun.ljust(8, b"\0") + struct.pack(">III", ttt, cmdsn,
                                               exp_statsn)
    return pdu(op, fl, data, itt, fields)


def logout(cmdsn, exp_statsn, reason=0, cid=0, itt=9, imm=True):
    fields = b"\0" * 8 + struct.pack(">HHII", cid, 0, cmdsn, exp_statsn)
    return pdu(OP_LOGOUT | (IMMEDIATE if imm else 0), F | reason, b"", itt,
               fields)


# What each initiator offers in the operational stage.
OPEN_ISCSI_OP = (
    "HeaderDigest=None", "DataDigest=None", "DefaultTime2Wait=2",
    "DefaultTime2Retain=0", "IFMarker=No", "OFMarker=No",
    "ErrorRecoveryLevel=0", "InitialR2T=No", "ImmediateData=Yes",
    "MaxBurstLength=16776192", "FirstBurstLength=262144",
    "MaxOutstandingR2T=1", "MaxConnections=1", "DataPDUInOrder=Yes",
    "DataSequenceInOrder=Yes", "MaxRecvDataSegmentLength=262144",
)
OPEN_ISCSI_DISC_OP = (
    "HeaderDigest=None", "DataDigest=None", "DefaultTime2Wait=2",
    "DefaultTime2Retain=0", "IFMarker=No", "OFMarker=No",
    "ErrorRecoveryLevel=0", "MaxRecvDataSegmentLength=32768",
)
IPXE_OP = (
    "HeaderDigest=None", "DataDigest=None", "MaxConnections=1",
    "InitialR2T=Yes", "ImmediateData=No", "MaxRecvDataSegmentLength=8192",
    "MaxBurstLength=262144", "FirstBurstLength=65536", "DefaultTime2Wait=0",
    "DefaultTime2Retain=0", "MaxOutstandingR2T=1", "DataPDUInOrder=Yes",
    "DataSequenceInOrder=Yes", "ErrorRecoveryLevel=0",
)
LIBISCSI_OP = (
    "HeaderDigest=None,CRC32C", "DataDigest=None", "DefaultTime2Wait=2",
    "DefaultTime2Retain=0", "IFMarker=No", "OFMarker=No",
    "InitialR2T=Yes", "ImmediateData=Yes", "MaxBurstLength=262144",
    "FirstBurstLength=262144", "MaxRecvDataSegmentLength=262144",
    "DataPDUInOrder=Yes", "DataSequenceInOrder=Yes", "ErrorRecoveryLevel=0",
    "MaxConnections=1", "MaxOutstandingR2T=1",
)
# An RFC 7143 initiator adds these.
RFC7143_OP = ("TaskReporting=RFC3720", "iSCSIProtocolLevel=1")

OPEN_ISCSI_ISID = bytes.fromhex("00023d000001")
IPXE_ISID = bytes.fromhex("800027231a2b")
LIBISCSI_ISID = bytes.fromhex("80001a3f4c5d")

OPEN_ISCSI_IQN = "InitiatorName=iqn.1993-08.org.debian:01:2f3c4d5e6f"
IPXE_IQN = "InitiatorName=iqn.2010-04.org.ipxe:desk01"
LIBISCSI_IQN = "InitiatorName=iqn.2007-10.com.github:sahlberg:libiscsi:iscsi-test"
CHAP_R = "CHAP_R=0x" + "5a" * 16


def sec_op(login_, ident, target, auth, op, extra=()):
    """The usual two steps: security, then operational to the FFP."""
    pairs = [ident] + (["TargetName=" + target] if target else [])
    pairs += ["SessionType=" + ("Normal" if target else "Discovery")]
    login_.req(flags(1, 0, 1), *pairs, *auth)
    return login_.req(flags(1, 1, 3), *op, *extra)


def login_seeds():
    s = {}

    L = Login(OPEN_ISCSI_ISID)
    s["open-iscsi"] = sec_op(L, OPEN_ISCSI_IQN + "\0InitiatorAlias=desk01",
                             OPEN, ["AuthMethod=None"], OPEN_ISCSI_OP).out
    L = Login(OPEN_ISCSI_ISID)
    sec_op(L, OPEN_ISCSI_IQN + "\0InitiatorAlias=desk01", None,
           ["AuthMethod=None"], OPEN_ISCSI_DISC_OP)
    L.text_req(F, "SendTargets=All")
    s["open-iscsi-discovery"] = L.raw(logout(L.cmdsn, L.statsn)).out

    # CHAP: the answers are wrong, as no one computes them here.
    L = Login(OPEN_ISCSI_ISID)
    L.req(flags(1, 0, 1), OPEN_ISCSI_IQN, "TargetName=" + CHAP,
          "SessionType=Normal", "AuthMethod=CHAP,None")
    L.req(flags(0, 0, 0), "CHAP_A=5")
    L.req(flags(1, 0, 1), "CHAP_N=user", CHAP_R)
    s["open-iscsi-chap"] = L.req(flags(1, 1, 3), *OPEN_ISCSI_OP).out
    L = Login(OPEN_ISCSI_ISID)
    L.req(flags(1, 0, 1), OPEN_ISCSI_IQN + "-chap",
          "SessionType=Discovery", "AuthMethod=CHAP,None")
    L.req(flags(0, 0, 0), "CHAP_A=7,5")
    L.req(flags(1, 0, 1), "CHAP_N=user", "CHAP_R=0b" + "QUJD" * 8,
          "CHAP_I=7", "CHAP_C=0x" + "01" * 16)
    s["open-iscsi-chap-mutual"] = L.req(flags(1, 1, 3),
                                        *OPEN_ISCSI_DISC_OP).out

    L = Login(IPXE_ISID, itt=1)
    s["ipxe"] = sec_op(L, IPXE_IQN, OPEN, ["AuthMethod=None"], IPXE_OP).out
    L = Login(IPXE_ISID, itt=1)
    L.req(flags(1, 0, 1), IPXE_IQN, "TargetName=" + CHAP,
          "SessionType=Normal", "AuthMethod=CHAP,None", "CHAP_A=5")
    L.req(flags(1, 0, 1), "CHAP_N=user", CHAP_R)
    s["ipxe-chap"] = L.req(flags(1, 1, 3), *IPXE_OP).out
    # The strict target proposes what iPXE left at defaults it refuses.
    L = Login(IPXE_ISID, itt=1)
    sec_op(L, IPXE_IQN, STRICT, ["AuthMethod=None"], IPXE_OP)
    s["ipxe-strict"] = L.req(flags(1, 1, 3), "DefaultTime2Wait=3600",
                             "MaxBurstLength=512").out
    L = Login(IPXE_ISID, itt=1)
    L.req(flags(1, 0, 1), IPXE_IQN, "TargetName=" + STRICT,
          "SessionType=Normal", "AuthMethod=None")
    L.req(flags(1, 1, 3), "MaxRecvDataSegmentLength=8192")
    s["proposals"] = L.req(flags(1, 1, 3), "HeaderDigest=CRC32C",
                           "DataDigest=CRC32C", "ImmediateData=No",
                           "DefaultTime2Wait=3600",
                           "MaxBurstLength=512").out

    L = Login(LIBISCSI_ISID, itt=0x10)
    s["libiscsi"] = sec_op(L, LIBISCSI_IQN, FAST, ["AuthMethod=None"],
                           LIBISCSI_OP, RFC7143_OP).out
    L = Login(LIBISCSI_ISID, itt=0x10)
    sec_op(L, LIBISCSI_IQN, None, ["AuthMethod=None"],
           ("HeaderDigest=None", "DataDigest=None",
            "MaxRecvDataSegmentLength=512"))
    L.text_req(F, "SendTargets=All")
    for _ in range(3):
        L.text_req(F, itt=1, ttt=1, data=b"")
    s["libiscsi-discovery"] = L.raw(logout(L.cmdsn, L.statsn)).out

    # Straight to the operational stage, and security to the FFP.
    L = Login(LIBISCSI_ISID)
    s["operational-first"] = L.req(flags(1, 1, 3), LIBISCSI_IQN,
                                   "TargetName=" + OPEN, *IPXE_OP).out
    L = Login(LIBISCSI_ISID)
    s["security-to-ffp"] = L.req(flags(1, 0, 3), LIBISCSI_IQN,
                                 "TargetName=" + OPEN,
                                 "AuthMethod=None").out
    # Staying in a stage (T=0), then moving on.
    L = Login(OPEN_ISCSI_ISID)
    L.req(flags(0, 0, 0), OPEN_ISCSI_IQN, "TargetName=" + FAST)
    L.req(flags(1, 0, 1), "AuthMethod=None")
    L.req(flags(0, 1, 0), *LIBISCSI_OP[:6])
    s["stay"] = L.req(flags(1, 1, 3), *LIBISCSI_OP[6:]).out

    # The first text over three PDUs (C=1), answered by empty ones.
    L = Login(OPEN_ISCSI_ISID)
    t = text(OPEN_ISCSI_IQN, "TargetName=" + OPEN, "SessionType=Normal",
             "AuthMethod=None", *OPEN_ISCSI_OP)
    L.req(flags(0, 0, 1, c=True), data=t[:50])
    L.req(flags(0, 0, 1, c=True), data=t[50:200])
    L.req(flags(1, 0, 1), data=t[200:])
    s["continued"] = L.req(flags(1, 1, 3)).out
    # An answer in pieces: 128 keys the target does not know.
    L = Login(OPEN_ISCSI_ISID)
    t = text(OPEN_ISCSI_IQN, "TargetName=" + OPEN,
             *["X-org.example.%s%03d=1" % ("k" * 45, i) for i in range(126)])
    L.req(flags(0, 0, 0, c=True), data=t[:8000])
    L.req(flags(0, 0, 0), data=t[8000:])
    L.req(flags(0, 0, 0), data=b"")
    s["pieces"] = L.req(flags(1, 0, 3), "AuthMethod=None").out
    L = Login(OPEN_ISCSI_ISID)
    L.req(flags(0, 0, 0, c=True), data=t[:8000])
    L.req(flags(0, 0, 0), data=t[8000:])
    s["pieces-interrupted"] = L.req(flags(1, 0, 3), "AuthMethod=None").out

    # Keys in the wrong place, twice, or malformed.
    L = Login(OPEN_ISCSI_ISID)
    L.req(flags(0, 0, 0), OPEN_ISCSI_IQN, "TargetName=" + OPEN,
          "TargetAlias=x", "SendTargets=All", "HeaderDigest=None",
          "CHAP_A=5", "X#example=1", "Unknown=1")
    s["odd-keys"] = L.req(flags(1, 0, 1), "HeaderDigest=None",
                          "AuthMethod=None").out
    s["malformed"] = Login(OPEN_ISCSI_ISID).req(
        flags(1, 0, 1), data=b"InitiatorName\0=x\0").out
    s["no-initiator"] = Login(IPXE_ISID).req(
        flags(1, 0, 1), "TargetName=" + OPEN).out
    s["unknown-target"] = Login(IPXE_ISID).req(
        flags(1, 0, 1), IPXE_IQN, "TargetName=iqn.2026-11.org.example:none").out
    s["broken-target"] = Login(IPXE_ISID).req(
        flags(1, 0, 1), IPXE_IQN, "TargetName=" + BROKEN).out
    s["moved"] = Login(IPXE_ISID).req(
        flags(1, 0, 1), IPXE_IQN, "TargetName=" + MOVED,
        "AuthMethod=None").out
    s["denied"] = Login(IPXE_ISID).req(
        flags(1, 0, 1), IPXE_IQN + "-denied", "TargetName=" + OPEN).out
    s["full"] = sec_op(Login(IPXE_ISID), IPXE_IQN + "-full", OPEN,
                       ["AuthMethod=None"], IPXE_OP).out
    s["new-connection"] = Login(OPEN_ISCSI_ISID, tsih=0x1234).req(
        flags(1, 0, 1), OPEN_ISCSI_IQN, "TargetName=" + OPEN,
        "AuthMethod=None").out
    s["version"] = Login(LIBISCSI_ISID).req(
        flags(1, 0, 1), LIBISCSI_IQN, "TargetName=" + OPEN,
        vmax=2, vmin=1).out
    L = Login(LIBISCSI_ISID)
    L.req(flags(1, 0, 1), LIBISCSI_IQN, "TargetName=" + OPEN)
    s["exp-statsn"] = L.req(flags(1, 1, 3), exp=FUZZ_STATSN + 5).out
    # What must stay as the first request had it (RFC 7143 11.12).
    for field, value in (("isid", IPXE_ISID), ("tsih", 1), ("cid", 1),
                         ("itt", 2), ("cmdsn", 2)):
        L = Login(LIBISCSI_ISID)
        L.req(flags(1, 0, 1), LIBISCSI_IQN, "TargetName=" + OPEN)
        setattr(L, field, value)
        s["changed-" + field] = L.req(flags(1, 1, 3)).out
    L = Login(LIBISCSI_ISID)
    L.req(flags(1, 0, 1), LIBISCSI_IQN, "TargetName=" + OPEN)
    s["changed-version"] = L.req(flags(1, 1, 3), vmax=1).out
    s["text-in-login"] = disc_pdu(OP_TEXT, F, text("SendTargets=All"), 1,
                                  RSVD, 1, 0)
    s["ahs"] = pdu(OP_LOGIN | IMMEDIATE, flags(1, 0, 1), ahs=1)
    s["too-long"] = pdu(OP_LOGIN | IMMEDIATE, flags(1, 0, 1), dlen=8193)
    return s


def disc_seeds():
    s = {}

    def scene(targets, xmit, portal=0, address=b""):
        return bytes([targets, xmit | portal << 3]) + address

    # open-iscsi's discovery: SendTargets=All, then Logout.
    s["open-iscsi"] = (scene(3, 3) +
                       disc_pdu(OP_TEXT, F, text("SendTargets=All"), 1, RSVD,
                                10, FUZZ_STATSN) +
                       logout(11, FUZZ_STATSN + 1))
    # Forty targets to a 512-byte initiator: the answer in pieces.
    b = scene(40, 0, 1) + disc_pdu(OP_TEXT, F, text("SendTargets=All"), 5,
                                   RSVD, 10, FUZZ_STATSN)
    for i in range(11):
        b += disc_pdu(OP_TEXT, F, b"", 5, 1, 11 + i, FUZZ_STATSN + 1 + i)
    s["pieces"] = b
    # One target by name, from an IPv4 and an IPv6 address.
    req = disc_pdu(OP_TEXT, F,
                   text("SendTargets=iqn.2026-11.org.example:DISK01"), 1,
                   RSVD, 10, FUZZ_STATSN)
    s["one-target-v4"] = scene(5, 3, 2, bytes([192, 168, 0, 1, 0x0c, 0xbc])) + req
    s["one-target-v4-mapped"] = scene(5, 4, 3, bytes.fromhex(
        "00000000000000000000ffffc0a80001") + b"\x0c\xbc") + req
    s["one-target-v6"] = scene(5, 6, 3, bytes.fromhex(
        "fe800000000000000000000000000001") + b"\x0c\xbc") + req
    # A request over C=1 PDUs; keys of the login; MaxRecvDataSegmentLength
    # declared again.
    t = text("InitiatorAlias=desk", "MaxRecvDataSegmentLength=512",
             "HeaderDigest=None", "X-org.example.key=1", "SendTargets=All")
    b = (scene(12, 5) +
         disc_pdu(OP_TEXT, C, t[:30], 2, RSVD, 10, FUZZ_STATSN) +
         disc_pdu(OP_TEXT, F, t[30:], 2, 1, 11, FUZZ_STATSN + 1))
    for i in range(3):
        b += disc_pdu(OP_TEXT, F, b"", 2, 1, 12 + i, FUZZ_STATSN + 2 + i)
    s["continued"] = b
    # An answer over several exchanges: F=0 asks for no end yet.
    s["not-final"] = (scene(3, 3) +
                      disc_pdu(OP_TEXT, 0, text("SendTargets=All"), 3, RSVD,
                               10, FUZZ_STATSN) +
                      disc_pdu(OP_TEXT, F, text("X-org.example.long=" +
                                                "v" * 600), 3, 1, 11,
                               FUZZ_STATSN + 1))
    # NOP-Out ping and its echo, a NOP-Out answering a NOP-In, Logouts.
    s["nop"] = (scene(1, 3) +
                disc_pdu(OP_NOP_OUT | IMMEDIATE, F, b"ping" * 40, 4, RSVD,
                         10, FUZZ_STATSN, lun=b"\0\1") +
                disc_pdu(OP_NOP_OUT, F, b"", RSVD, 7, 10, FUZZ_STATSN + 1) +
                logout(10, FUZZ_STATSN + 1, reason=1, cid=3) +
                logout(11, FUZZ_STATSN + 2, reason=2) +
                logout(12, FUZZ_STATSN + 3, reason=1, cid=1))
    # What discovery sessions reject.
    s["rejects"] = (scene(2, 3) +
                    disc_pdu(OP_SCSI_CMD, F, b"", 1, 0, 10, FUZZ_STATSN) +
                    disc_pdu(OP_TEXT, F | C, b"", 2, RSVD, 11, FUZZ_STATSN) +
                    disc_pdu(OP_TEXT, F, b"", 2, 77, 12, FUZZ_STATSN) +
                    disc_pdu(OP_TEXT, F, b"=x\0", 2, RSVD, 13, FUZZ_STATSN) +
                    disc_pdu(OP_LOGIN, 0, b"", 2, RSVD, 14, FUZZ_STATSN) +
                    disc_pdu(OP_TEXT, F, b"", 2, RSVD, 99, FUZZ_STATSN) +
                    pdu(OP_TEXT, F, ahs=1))
    s["too-long"] = scene(2, 3) + pdu(OP_TEXT, F, dlen=8193)
    s["no-targets"] = (scene(FUZZ_TARGETS_ERR, 3) +
                       disc_pdu(OP_TEXT, F, text("SendTargets=All"), 1, RSVD,
                                10, FUZZ_STATSN))
    return s



def text_seeds():
    return {
        "open-iscsi": text(OPEN_ISCSI_IQN, "TargetName=" + OPEN,
                           *OPEN_ISCSI_OP),
        "libiscsi": text(*LIBISCSI_OP, *RFC7143_OP),
        "chap": text("AuthMethod=CHAP,None", "CHAP_A=8,7,6,5",
                     "CHAP_N=user", CHAP_R, "CHAP_I=255",
                     "CHAP_C=0b" + "AAEC" * 10),
        "target-keys": text("Wthreads=8", "QueuedCommands=0x20",
                            "NOPInterval=90", "NOPTimeout=0", "Type=0"),
        "numbers": text("MaxBurstLength=0x10000", "FirstBurstLength=",
                        "MaxRecvDataSegmentLength=18446744073709551616",
                        "DefaultTime2Wait=-1", "MaxConnections= 1",
                        "OFMarkInt=2048", "IFMarker=Yes"),
        "digests": text("HeaderDigest=None,CRC32C", "DataDigest=crc32c",
                        "HeaderDigest=None,,", "DataDigest=MD5"),
        "extensions": text("X-com.example.key=1", "X#com.example=2",
                           "TargetAddress=[fe80::1]:3260,1"),
        "empty-pairs": b"\0\0TargetName=" + OPEN.encode() + b"\0\0",
        "no-equals": b"InitiatorName",
        "empty-key": b"=value\0",
        "long-key": text("K" * 63 + "=1", "K" * 64 + "=1"),
        "bad-key": text("Key With Blank=1"),
        "too-many": text(*["K%d=%d" % (i, i) for i in range(129)]),
        "unterminated": b"SessionType=Discovery",
    }


def nego_seeds():
    def scene(config, discovery=False):
        return bytes([config | (0x80 if discovery else 0)])

    def texts(*reqs, transit=True):
        sep = b"\n" if transit else b"\t"
        return sep.join(text(*r) for r in reqs)

    s = {}
    for i, name in enumerate(("defaults", "digests", "lists", "fast",
                              "small", "narrowed")):
        s["open-iscsi-" + name] = scene(i) + texts(OPEN_ISCSI_OP)
        s["ipxe-" + name] = scene(i) + texts(IPXE_OP)
        s["libiscsi-" + name] = scene(i) + texts(LIBISCSI_OP + RFC7143_OP)
    s["open-iscsi-discovery"] = scene(0, True) + texts(OPEN_ISCSI_DISC_OP)
    s["libiscsi-discovery"] = scene(2, True) + texts(LIBISCSI_OP)
    # Nothing offered: the target proposes, the initiator answers.
    s["proposals"] = scene(1) + texts((), ("HeaderDigest=CRC32C",
                                           "DataDigest=CRC32C"))
    s["proposals-small"] = scene(4) + texts(
        ("MaxRecvDataSegmentLength=512",),
        ("MaxBurstLength=512", "FirstBurstLength=512",
         "DefaultTime2Wait=3600"))
    s["proposals-refused"] = scene(1) + texts((), ("HeaderDigest=Reject",
                                                   "DataDigest=None"))
    # Offers over several requests (T=0), then twice the same key.
    s["stay"] = scene(3) + texts(IPXE_OP[:5], IPXE_OP[5:], transit=False)
    s["twice"] = scene(0) + texts(("MaxConnections=1",),
                                  ("MaxConnections=1",), transit=False)
    s["reserved"] = scene(0) + texts(("HeaderDigest=Reject",))
    s["odd-values"] = scene(2) + texts((
        "HeaderDigest=CRC32C,None", "DataDigest=MD5,None",
        "MaxRecvDataSegmentLength=0x200", "MaxBurstLength=511",
        "OFMarkInt=1", "IFMarkInt=2048~4096", "OFMarker=Yes",
        "iSCSIProtocolLevel=31", "TaskReporting=ResponseFence",
        "ErrorRecoveryLevel=2", "InitialR2T=yes"))
    return s


# fake_crypto.c: identifier 0, a challenge of zeros, this "digest".
CHAP_LEN = {5: 16, 6: 20, 7: 32, 8: 32}


def fake_chap(alg, ident, secret, chal=b""):
    sec = secret.encode()
    return bytes(ident ^ (i & 0xff) ^ (sec[i % len(sec)] if sec else 0) ^
                 (chal[i % len(chal)] if chal else 0)
                 for i in range(CHAP_LEN[alg]))


def chap_seeds():
    s = {}
    ident = OPEN_ISCSI_IQN
    target = "TargetName=" + CHAP

    def chap_login(alg_list, answer, extra=(), who=ident, tgt=target,
                   stype="Normal"):
        lg = Login(OPEN_ISCSI_ISID)
        first = [who] + ([tgt] if tgt else []) + ["SessionType=" + stype]
        lg.req(flags(0, 0, 0), *first, "AuthMethod=CHAP,None")
        lg.req(flags(0, 0, 0), "CHAP_A=" + alg_list)
        lg.req(flags(1, 0, 1), "CHAP_N=user", "CHAP_R=" + answer, *extra)
        return lg.req(flags(1, 1, 3), *OPEN_ISCSI_OP).out

    for alg in (5, 6, 7, 8):
        r = fake_chap(alg, 0, "target secret", bytes(CHAP_LEN[alg]))
        s["alg%d" % alg] = chap_login(str(alg), "0x" + r.hex())
        s["alg%d-wrong" % alg] = chap_login(str(alg), "0x" + bytes(
            CHAP_LEN[alg]).hex())
    r = fake_chap(7, 0, "target secret")
    s["list"] = chap_login("8,7,6,5", "0x" + fake_chap(
        8, 0, "target secret").hex())
    s["base64"] = chap_login("7", "0b" + base64.b64encode(r).decode())
    s["mutual"] = chap_login("7", "0x" + r.hex(),
                             ("CHAP_I=9", "CHAP_C=0x0102030405060708"))
    s["mutual-b64"] = chap_login("7", "0x" + r.hex(),
                                 ("CHAP_I=0x10", "CHAP_C=0bAQIDBAUGBwg="))
    s["reflect"] = chap_login("7", "0x" + r.hex(),
                              ("CHAP_I=9", "CHAP_C=0x" + "00" * 32))
    s["mutual-half"] = chap_login("7", "0x" + r.hex(), ("CHAP_I=9",))
    s["discovery"] = chap_login(
        "5", "0x" + fake_chap(5, 0, "disc secret").hex(),
        who="InitiatorName=iqn.2026-11.org.example:chap-desk", tgt=None,
        stype="Discovery")
    lg = Login(IPXE_ISID)
    lg.req(flags(0, 0, 0), IPXE_IQN, target, "AuthMethod=CHAP,None",
           "CHAP_A=5")
    s["one-request"] = lg.req(flags(1, 0, 1), "CHAP_N=user", "CHAP_R=0x" +
                              fake_chap(5, 0, "target secret").hex()).out
    return s


def allow_seeds():
    ini, tgt = b"\0", b"\1"
    return {
        "ipxe": ini + b"# desks\n" + CHAP.encode() +
        b" 10.0.0.0/24, [fd00::]/64\nALL ALL\n",
        "names": ini + b"iqn.2026-11.org.example:desk01 "
        b"iqn\\.2026-11\\.org\\.example:desk.*, \\\n 192.168.1.7\n",
        "v6": ini + b"ALL [::1], [::ffff:127.0.0.1]/128, 127.0.0.0/8\n",
        "portals": tgt + b"iqn.2026-11.org.example:desk01 10.0.0.1\n"
        b"ALL 0.0.0.0/0\n",
        "bad": ini + b"ALL 10.0.0.1/33\n",
    }


def pr_file(body):
    """An APTPL file of kernel/pr_file.c: body, then its FNV-1a end."""
    h = 2166136261
    for c in body.encode():
        h = ((h ^ c) * 16777619) & 0xffffffff
    return body.encode() + b"end %08x\n" % h


def pr_file_seeds():
    head = "iet-pr 1\nseq 5\ngeneration 7\naptpl 1\n"
    a = "reg 0 0x000000000000abcd 0x800000000001 iqn.2026-11.org.example:a\n"
    b = "reg 9 0xffffffffffffffff 0x23d000000002 eui.02004567A425678D\n"
    return {
        "empty": pr_file(head),
        "held": pr_file(head + a + b + "reservation 5 9\n"),
        "all": pr_file(head + a + "reservation 8 -1\n"),
        "zeros": pr_file(head.replace("seq 5", "seq 0005") +
                         "reg 3 0x1 0x0 iqn.b\n"),
        "cut": pr_file(head + a)[:-5],
        "plus-held": b"+" + (head + a + b + "reservation 5 9\n").encode(),
        "plus-all": b"+" + (head + a + "reservation 7 -1\n").encode(),
    }


def http_seeds():
    get = b"GET /boot.ipxe?mac=52%3A54%3A00%3A12%3A34%3A56&uuid=" \
        b"12345678-abcd-1234-abcd-1234567890ab&ip=10.0.0.5&hostname=pc1 " \
        b"HTTP/1.1\r\nHost: 10.0.0.1\r\nUser-Agent: iPXE/1.21.1\r\n\r\n"
    return {
        "menu": get,
        "pipelined": get + get.replace(b"GET", b"HEAD", 1),
        "range": b"GET /big.img HTTP/1.1\r\nHost: a\r\nRange: bytes=-500"
        b"\r\nConnection: close\r\n\r\n",
        "http10": b"GET http://a/x%20y HTTP/1.0\nConnection: keep-alive\n\n",
        "bad": b"GET / HTTP/1.1\r\nHost : a\r\n folded\r\n\r\n",
        "evil": b"GET /${x} HTTP/1.1\r\nHost: a\r\n\r\n\n|| shell\n-x",
    }


def dhcp_request(mtype, arch=0, extra=b"", ciaddr=bytes(4), end=b"\xff"):
    head = bytes([1, 1, 6, 0]) + b"\x12\x34\x56\x78" + b"\0\0\x80\0" + \
        ciaddr + bytes(12) + bytes.fromhex("525400123456") + bytes(10) + \
        bytes(192)
    klass = b"PXEClient:Arch:%05d:UNDI:002001" % arch
    opts = bytes([53, 1, mtype, 60, len(klass)]) + klass + \
        bytes([93, 2, 0, arch, 97, 17]) + bytes(range(17)) + extra
    return head + b"\x63\x82\x53\x63" + opts + end


def dhcp_seeds():
    """Byte 0: bit 0 the PXE port, bit 1 from an address; then a packet."""
    item = bytes([43, 7, 71, 4, 0x80, 0, 0, 0, 255])
    over = bytearray(dhcp_request(1, 7, bytes([52, 1, 3])))
    over[108:112] = bytes([77, 4]) + b"iP"
    return {
        "bios": b"\0" + dhcp_request(1, 0),
        "efi": b"\2" + dhcp_request(1, 7),
        "efi-bc": b"\0" + dhcp_request(1, 9),
        "ipxe": b"\0" + dhcp_request(1, 0, bytes([77, 4]) + b"iPXE" +
                                      bytes([175, 3, 19, 1, 1])),
        "request": b"\3" + dhcp_request(3, 0, item, bytes([10, 0, 0, 5])),
        "request-67": b"\0" + dhcp_request(3, 0, bytes([54, 4, 10, 0, 0, 1])),
        "overload": b"\0" + bytes(over),
        "unended": b"\0" + dhcp_request(1, 0, end=b""),
        "past-end": b"\0" + dhcp_request(1, 0, bytes([12, 40]), end=b"ab"),
    }


def write(harness, seeds):
    d = os.path.join(HERE, "corpus", harness)
    os.makedirs(d, exist_ok=True)
    for f in os.listdir(d):
        if f.startswith("seed-"):
            os.unlink(os.path.join(d, f))
    for name, data in sorted(seeds.items()):
        with open(os.path.join(d, "seed-" + name), "wb") as f:
            f.write(data)
    print("%s: %d seeds" % (harness, len(seeds)))


def main():
    write("fuzz_login", login_seeds())
    write("fuzz_discovery", disc_seeds())
    write("fuzz_text", text_seeds())
    write("fuzz_nego", nego_seeds())
    write("fuzz_chap", chap_seeds())
    write("fuzz_allow", allow_seeds())
    write("fuzz_pr_file", pr_file_seeds())
    write("fuzz_http", http_seeds())
    write("fuzz_dhcp", dhcp_seeds())


if __name__ == "__main__":
    main()
