#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Malformed DHCP, TFTP and HTTP traffic at ietd while a PC boots from it.

  noise.py ADDR STOPFILE [SECONDS]

Until STOPFILE exists (or SECONDS, default 300, pass): every malformed
DHCP packet of tests/unit/dhcp_client.py to ADDR's ports 67 and 4011;
TFTP packets with wrong opcodes, no terminators, paths out of the root,
absurd options, and write requests to port 69; and http_abuse.py's cases
(endless headers, an endless field, a huge request line, garbage) at port
80. None may stop the boot (tests/vm/diskless watches it) or ietd.
Prints what it sent; exits 1 if HTTP was not refused as it should be.
"""
import os
import socket
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
UNIT = os.path.join(HERE, "..", "..", "unit")
sys.path.insert(0, UNIT)
import dhcp_client  # noqa: E402

TFTP_BAD = [
    b"",
    b"\x00",
    b"\x00\x09junk\x00octet\x00",                      # no such opcode
    b"\x00\x01undionly.kpxe",                          # no terminator
    b"\x00\x01undionly.kpxe\x00",                      # no mode
    b"\x00\x01../../../etc/shadow\x00octet\x00",        # out of the root
    b"\x00\x01/etc/passwd\x00octet\x00",
    # Options out of range, for a file that is not there: no transfer
    # starts, so the noise takes no transfer slot from the PC.
    b"\x00\x01nothere\x00octet\x00blksize\x0099999999\x00",
    b"\x00\x01nothere\x00octet\x00tsize\x00-1\x00windowsize\x000\x00",
    b"\x00\x01undionly.kpxe\x00mail\x00",              # no such mode
    b"\x00\x02x\x00octet\x00",                          # a write
    b"\x00\x04\x00\x01",                               # an ACK for nothing
    b"\x00\x05\x00\x00oops\x00",                       # an ERROR for nothing
    b"\x00\x01" + b"A" * 1400 + b"\x00octet\x00",      # a long name
]
HTTP_CASES = ["headers", "field", "line", "garbage"]


def udp(addr, port, pkt):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        s.sendto(pkt, (addr, port))
    finally:
        s.close()


def main():
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    addr, stop = sys.argv[1], sys.argv[2]
    end = time.monotonic() + (float(sys.argv[3]) if len(sys.argv) > 3
                              else 300)
    sent = dict(dhcp=0, tftp=0, http=0)
    http_failed = 0
    abuse = os.path.join(UNIT, "http_abuse.py")
    while not os.path.exists(stop) and time.monotonic() < end:
        for _, pkt in dhcp_client.malformed():
            for port in (67, 4011):
                udp(addr, port, pkt)
                sent["dhcp"] += 1
        for pkt in TFTP_BAD:
            udp(addr, 69, pkt)
            sent["tftp"] += 1
        case = HTTP_CASES[sent["http"] % len(HTTP_CASES)]
        rc = subprocess.run([sys.executable, abuse, addr, "80", case],
                            stdout=subprocess.DEVNULL).returncode
        sent["http"] += 1
        http_failed += rc != 0
        time.sleep(0.2)
    print(f"noise: {sent['dhcp']} DHCP, {sent['tftp']} TFTP packets, "
          f"{sent['http']} abusive HTTP connections "
          f"({http_failed} not refused as they should be)")
    return 1 if http_failed else 0


if __name__ == "__main__":
    sys.exit(main())
