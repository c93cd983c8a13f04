#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""A scripted PXE client for testing ietd's proxyDHCP. Every command exits
1 after saying which checks failed.

  dhcp_client.py [-H HOST] [-p PORT] [-x PXEPORT] unicast
          [--bios F] [--efi F] [--ipxe F]
      From HOST's own address: DISCOVERs of a BIOS ROM, of x86-64 UEFI
      ROMs (architectures 7 and 9) and of iPXE (user class, option 175)
      must each get an OFFER with no address and the right file (F; "-":
      no answer); REQUESTs on PXEPORT, and one on PORT naming HOST, an
      ACK. An IA32 UEFI ROM, a client that is no PXE client, a REQUEST for
      another server and malformed packets get no answer, and the server
      answers still after them.
  dhcp_client.py [-H SERVER] [-p PORT] broadcast IFACE FILE
      As a ROM that has no address: a DISCOVER in a raw Ethernet frame
      from 0.0.0.0:68 to 255.255.255.255, sent on IFACE, whose answer must
      come back broadcast to port 68, from SERVER, offering FILE.
  dhcp_client.py [-H HOST] [-p PORT] silent
      A BIOS DISCOVER must get no answer at all.
"""
import argparse
import os
import socket
import struct
import sys

COOKIE = b"\x63\x82\x53\x63"
DISCOVER, OFFER, REQUEST, ACK, INFORM = 1, 2, 3, 5, 8
MAC = bytes.fromhex("525400123456")
UUID = bytes(range(17))
WAIT = 0.5

failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
    return cond


def opt(code, value):
    return bytes([code, len(value)]) + value


def request(mtype, arch=0, xid=None, extra=b"", klass=None, ciaddr=0,
            end=True):
    """A DHCP request as a PXE ROM of @arch sends it; returns (xid, bytes)."""
    xid = xid if xid is not None else os.urandom(4)
    head = struct.pack("!BBBB4sHH4s4s4s4s16s64s128s", 1, 1, 6, 0, xid, 0,
                       0x8000, struct.pack("!I", ciaddr), bytes(4),
                       bytes(4), bytes(4), MAC + bytes(10), bytes(64),
                       bytes(128))
    if klass is None:
        klass = b"PXEClient:Arch:%05d:UNDI:002001" % max(arch, 0)
    opts = opt(53, bytes([mtype])) + opt(60, klass)
    if arch >= 0:
        opts += opt(93, struct.pack("!H", arch))
    opts += opt(97, UUID) + opt(61, b"\x01" + MAC) + extra
    return xid, head + COOKIE + opts + (b"\xff" if end else b"")


def options(pkt):
    """The options of a reply, code -> value, checked to be well formed."""
    out, i = {}, 240
    while i < len(pkt) and pkt[i] != 255:
        if pkt[i] == 0:
            i += 1
            continue
        if i + 2 > len(pkt) or i + 2 + pkt[i + 1] > len(pkt):
            raise ValueError("an option runs past the end")
        out[pkt[i]] = pkt[i + 2:i + 2 + pkt[i + 1]]
        i += 2 + pkt[i + 1]
    if i >= len(pkt):
        raise ValueError("no end option")
    return out


def check_reply(pkt, xid, mtype, server, file, what):
    """A proxyDHCP answer: what it must and must not hold."""
    if not check(len(pkt) >= 300, "%s: %d bytes" % (what, len(pkt))):
        return
    op, htype, hlen, _, rxid = struct.unpack("!BBBB4s", pkt[:8])
    yiaddr, siaddr = pkt[16:20], pkt[20:24]
    check(op == 2, "%s: op %d" % (what, op))
    check((htype, hlen) == (1, 6), "%s: htype/hlen" % what)
    check(rxid == xid, "%s: xid not echoed" % what)
    check(pkt[28:34] == MAC, "%s: chaddr not echoed" % what)
    check(yiaddr == bytes(4),
          "%s: yiaddr %s" % (what, socket.inet_ntoa(yiaddr)))
    check(siaddr == socket.inet_aton(server), "%s: siaddr %s" %
          (what, socket.inet_ntoa(siaddr)))
    check(pkt[236:240] == COOKIE, "%s: no cookie" % what)
    got = pkt[108:236].rstrip(b"\0").decode("ascii", "replace")
    check(got == file, "%s: file %r, not %r" % (what, got, file))
    try:
        o = options(pkt)
    except ValueError as e:
        check(False, "%s: %s" % (what, e))
        return
    check(o.get(53) == bytes([mtype]), "%s: type %r" % (what, o.get(53)))
    check(o.get(54) == socket.inet_aton(server), "%s: option 54" % what)
    check(o.get(60) == b"PXEClient", "%s: option 60" % what)
    check(o.get(97) == UUID, "%s: UUID not echoed" % what)
    check(o.get(67) == file.encode(), "%s: option 67 %r" % (what, o.get(67)))
    check(o.get(43, b"")[:3] == b"\x06\x01\x08", "%s: option 43" % what)
    for lease in (1, 3, 6, 50, 51):
        check(lease not in o, "%s: option %d, a lease's" % (what, lease))


class Client:
    def __init__(self, host, port, pxe_port):
        self.host, self.port, self.pxe_port = host, port, pxe_port
        self.s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.s.bind((host, 0))
        self.s.settimeout(WAIT)

    def ask(self, pkt, port=None):
        """Send @pkt; the answer, or None."""
        self.s.sendto(pkt, (self.host, port or self.port))
        try:
            return self.s.recvfrom(2048)[0]
        except socket.timeout:
            return None

    def answered(self, what, mtype, file, arch=0, extra=b"", port=None,
                 ask=DISCOVER):
        xid, pkt = request(ask, arch, extra=extra)
        reply = self.ask(pkt, port)
        if file == "-":
            check(reply is None, "%s: answered" % what)
        elif check(reply is not None, "%s: no answer" % what):
            check_reply(reply, xid, mtype, self.host, file, what)
        return reply

    def silent(self, what, pkt, port=None):
        check(self.ask(pkt, port) is None, "%s: answered" % what)


def malformed():
    """(what, packet) pairs that must go unanswered."""
    _, good = request(DISCOVER)
    bad_cookie = good[:236] + b"\x63\x82\x53\x64" + good[240:]
    _, unended = request(DISCOVER, end=False)
    past = unended + b"\x0c\x40abc"
    return [
        ("empty", b""),
        ("truncated header", good[:100]),
        ("header without cookie", good[:236]),
        ("a reply", b"\x02" + good[1:]),
        ("not Ethernet", good[:1] + b"\x06" + good[2:]),
        ("hlen 16", good[:2] + b"\x10" + good[3:]),
        ("bad cookie", bad_cookie),
        ("no end option", unended),
        ("an option past the end", past),
        ("oversized", good[:-1] + b"\x0c\xff" + b"x" * 255 +
         b"\x0c\xff" + b"y" * 255 + b"\xff" + bytes(1300)),
        ("zero-length type", request(DISCOVER, extra=b"\x35\x00")[1]),
        ("garbage", os.urandom(400)),
    ]


def unicast(a):
    c = Client(a.host, a.port, a.pxe_port)
    c.answered("BIOS", OFFER, a.bios, arch=0)
    c.answered("UEFI x64", OFFER, a.efi, arch=7)
    c.answered("UEFI BC", OFFER, a.efi, arch=9)
    c.answered("iPXE", OFFER, a.ipxe, arch=0, extra=opt(77, b"iPXE"))
    c.answered("iPXE 175", OFFER, a.ipxe, arch=7,
               extra=opt(175, b"\x13\x01\x01"))
    c.answered("IA32 UEFI", OFFER, "-", arch=6)
    c.silent("no PXE", request(DISCOVER, klass=b"MSFT 5.0")[1])
    c.silent("no class", request(DISCOVER, klass=b"")[1])
    for what, pkt in malformed():
        c.silent(what, pkt)
    c.silent("a REQUEST for another server",
             request(REQUEST, extra=opt(54, socket.inet_aton("10.1.2.3")))[1])
    c.silent("a DISCOVER on the PXE port", request(DISCOVER)[1], a.pxe_port)
    # The PXE port: the boot item a ROM asks for comes back.
    item = b"\x47\x04\x80\x00\x00\x00\xff"
    ack = c.answered("REQUEST on the PXE port", ACK, a.bios, arch=0,
                     extra=opt(43, item), port=a.pxe_port, ask=REQUEST)
    if ack:
        check(options(ack).get(43) == b"\x06\x01\x08" + item,
              "the boot item not echoed: %r" % options(ack).get(43))
    c.answered("INFORM on the PXE port", ACK, a.efi, arch=7,
               port=a.pxe_port, ask=INFORM)
    c.answered("REQUEST for us on the DHCP port", ACK, a.bios, arch=0,
               extra=opt(54, socket.inet_aton(a.host)), ask=REQUEST)
    # Still there after all that.
    c.answered("BIOS again", OFFER, a.bios, arch=0)


def ip_checksum(h):
    s = sum(struct.unpack("!10H", h))
    s = (s >> 16) + (s & 0xffff)
    return ~(s + (s >> 16)) & 0xffff


def frame(payload, port):
    udp = struct.pack("!HHHH", 68, port, 8 + len(payload), 0) + payload
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(udp), 0, 0, 64, 17,
                     0, bytes(4), b"\xff" * 4)
    ip = ip[:10] + struct.pack("!H", ip_checksum(ip)) + ip[12:]
    return b"\xff" * 6 + MAC + b"\x08\x00" + ip + udp


def broadcast(a):
    """A ROM without an address, on a raw socket of @a.iface."""
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(0x800))
    s.bind((a.iface, 0x800))
    s.settimeout(WAIT * 4)
    xid, pkt = request(DISCOVER, 0 if a.file.endswith("kpxe") else 7)
    s.send(frame(pkt, a.port))
    while True:
        try:
            f, addr = s.recvfrom(4096)
        except socket.timeout:
            check(False, "broadcast: no answer")
            return
        if addr[2] == socket.PACKET_OUTGOING or len(f) < 42:
            continue
        ip, udp = f[14:34], f[34:42]
        if ip[9] != 17 or struct.unpack("!H", udp[2:4])[0] != 68:
            continue
        reply = f[42:]
        if reply[0] != 2 or reply[4:8] != xid:
            continue
        check(f[:6] == b"\xff" * 6, "broadcast: not an Ethernet broadcast")
        check(ip[16:20] == b"\xff" * 4, "broadcast: sent to %s" %
              socket.inet_ntoa(ip[16:20]))
        check(ip[12:16] == socket.inet_aton(a.host), "broadcast: from %s" %
              socket.inet_ntoa(ip[12:16]))
        check_reply(reply, xid, OFFER, a.host, a.file, "broadcast")
        return


def silent(a):
    c = Client(a.host, a.port, a.pxe_port)
    c.silent("a DISCOVER", request(DISCOVER)[1])


def main():
    p = argparse.ArgumentParser()
    p.add_argument("-H", "--host", default="127.0.0.1")
    p.add_argument("-p", "--port", type=int, default=67)
    p.add_argument("-x", "--pxe-port", type=int, default=4011)
    sub = p.add_subparsers(dest="cmd", required=True)
    u = sub.add_parser("unicast")
    u.add_argument("--bios", default="undionly.kpxe")
    u.add_argument("--efi", default="snponly.efi")
    u.add_argument("--ipxe", default="-")
    b = sub.add_parser("broadcast")
    b.add_argument("iface")
    b.add_argument("file")
    sub.add_parser("silent")
    a = p.parse_args()
    {"unicast": unicast, "broadcast": broadcast, "silent": silent}[a.cmd](a)
    for f in failures:
        print("dhcp_client: %s" % f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
