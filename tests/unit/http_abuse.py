#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Send ietd's HTTP server what no client should, and check the answer.

Usage: http_abuse.py HOST PORT CASE
  headers   endless header fields: 431, then the connection closes
  field     one endless field: 431
  line      a huge request line: 414
  garbage   binary garbage ending in a line: 400
  idle      connect and say nothing: closed by ietd in time
  hold N SRC GO
            from source address SRC, open N idle connections and print
            "held"; once the file GO exists, print how many ietd kept
Exits 0 if ietd refused as it should.
"""
import os
import socket
import sys
import time


def status_of(sock):
    data = b''
    sock.settimeout(20)
    try:
        while b'\r\n' not in data:
            chunk = sock.recv(4096)
            if not chunk:
                break
            data += chunk
    except (ConnectionResetError, socket.timeout):
        pass
    parts = data.split(b' ', 2)
    return int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None


def flood(sock, first, more):
    """Send first, then more until ietd answers or closes."""
    sock.sendall(first)
    try:
        for i in range(100000):
            sock.sendall(more(i))
    except (BrokenPipeError, ConnectionResetError):
        pass


def hold(host, port, n, source, go):
    socks = []
    for _ in range(n):
        try:
            socks.append(socket.create_connection((host, port),
                                                  source_address=(source, 0)))
        except OSError:
            pass
    print('held')
    sys.stdout.flush()
    for _ in range(300):
        if os.path.exists(go):
            break
        time.sleep(0.1)
    kept = 0
    for s in socks:
        s.setblocking(False)
        try:
            kept += s.recv(1) != b''
        except BlockingIOError:
            kept += 1
        except OSError:
            pass
    print(kept)
    return 0


def main():
    host, port, case = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    if case == 'hold':
        return hold(host, port, int(sys.argv[4]), sys.argv[5], sys.argv[6])
    sock = socket.create_connection((host, port))
    if case == 'headers':
        flood(sock, b'GET / HTTP/1.1\r\nHost: a\r\n',
              lambda i: b'X-%d: y\r\n' % i)
        want = 431
    elif case == 'field':
        flood(sock, b'GET / HTTP/1.1\r\nHost: a\r\nX: ',
              lambda i: b'v' * 1024)
        want = 431
    elif case == 'line':
        flood(sock, b'GET /', lambda i: b'a' * 1024)
        want = 414
    elif case == 'garbage':
        sock.sendall(bytes(range(256)) + b'\r\n\r\n')
        want = 400
    else:
        start = time.time()
        sock.settimeout(60)
        closed = sock.recv(1) == b''
        took = time.time() - start
        print('idle connection closed after %.1f s' % took)
        return 0 if closed and took < 30 else 1
    got = status_of(sock)
    if got != want:
        print('%s: got %s, want %s' % (case, got, want))
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
