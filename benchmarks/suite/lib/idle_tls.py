#!/usr/bin/env python3
"""Opens idle TLS connections and holds them until killed: idle_tls.py <port> <count> <path>.

Each connection does a full handshake (this client never resumes sessions) and one HTTP/1.1 request, so that it is
an idle keep-alive connection as a browser or an agent leaves it. Prints "ready <opened> <failed>" once all are
open, then sleeps; SIGTERM closes them and exits.
"""
import resource
import signal
import socket
import ssl
import sys
import time
from concurrent.futures import ThreadPoolExecutor

port, count, path = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))

context = ssl.create_default_context()
context.check_hostname = False
context.verify_mode = ssl.CERT_NONE
context.set_alpn_protocols(["http/1.1"])
request = f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode()


def read_response(conn):
    data = b""
    while b"\r\n\r\n" not in data:
        data += conn.recv(4096) or sys.exit("connection closed before the response")
    head, body = data.split(b"\r\n\r\n", 1)
    length = int(next(line.split(b":")[1] for line in head.split(b"\r\n") if line.lower().startswith(b"content-length")))
    while len(body) < length:
        body += conn.recv(4096)
    if not head.startswith(b"HTTP/1.1 200"):
        raise OSError(head.split(b"\r\n")[0].decode())


def open_one(_):
    try:
        conn = context.wrap_socket(socket.create_connection(("127.0.0.1", port), timeout=30))
        conn.sendall(request)
        read_response(conn)
        return conn
    except OSError as error:
        print("failed:", error, file=sys.stderr)
        return None


# A few connections at a time: a burst of thousands would overflow the server's accept queue and time the
# kernel's SYN retries instead.
with ThreadPoolExecutor(8) as pool:
    connections = list(pool.map(open_one, range(count)))
opened = [c for c in connections if c]
print("ready", len(opened), count - len(opened), flush=True)

signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
while True:
    time.sleep(3600)
