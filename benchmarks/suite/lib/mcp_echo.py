#!/usr/bin/env python3
"""Times MCP tools/call "echo" round trips, either straight to a stdio server or over streamable HTTP(S).

  mcp_echo.py stdio <calls> <concurrency> <server command...>
  mcp_echo.py http <url> <calls> <concurrency>

Prints key=value words: requests, errors, rps, p50_ms, p99_ms (after 500 calls of warm-up). Both modes keep <concurrency> calls in flight: over
stdio on the one pipe (JSON-RPC ids tell the answers apart), over HTTP one keep-alive connection per thread, all in
one MCP session. The HTTP client speaks HTTP/1.1 on a raw socket so that its own cost per call stays close to the
stdio client's (http.client would add tens of µs).
"""
import json
import socket
import ssl
import subprocess
import sys
import threading
import time
from urllib.parse import urlsplit

PROTOCOL = "2025-06-18"
INITIALIZE = {"jsonrpc": "2.0", "id": 0, "method": "initialize",
              "params": {"protocolVersion": PROTOCOL, "capabilities": {}, "clientInfo": {"name": "jetway-bench", "version": "1"}}}
INITIALIZED = {"jsonrpc": "2.0", "method": "notifications/initialized"}
WARM_UP = 500  # calls before the measured ones, not counted: the JITs of node (and jetway) warm up


def echo(call_id):
    return {"jsonrpc": "2.0", "id": call_id, "method": "tools/call",
            "params": {"name": "echo", "arguments": {"message": "hello"}}}


def report(latencies, errors, seconds):
    latencies.sort()
    if not latencies:
        sys.exit("no successful call")
    pick = lambda p: latencies[min(len(latencies) - 1, round(p / 100 * len(latencies)) - 1)]
    print(f"requests={len(latencies)} errors={errors} rps={len(latencies) / seconds:.1f} "
          f"p50_ms={pick(50) * 1e3:.4f} p99_ms={pick(99) * 1e3:.4f}")


def run_stdio(calls, concurrency, command):
    server = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)

    def send(message):
        server.stdin.write(json.dumps(message).encode() + b"\n")
        server.stdin.flush()

    def answer():
        """The next response (the server also sends notifications and requests of its own)."""
        while True:
            message = json.loads(server.stdout.readline() or sys.exit("the stdio server closed its output"))
            if "id" in message and "method" not in message:
                return message

    send(INITIALIZE)
    answer()
    send(INITIALIZED)
    next_id = 1

    def measure(calls):
        nonlocal next_id
        started, latencies, errors, last = {}, [], 0, next_id + calls
        begin = time.perf_counter()
        while started or next_id < last:
            while len(started) < concurrency and next_id < last:
                started[next_id] = time.perf_counter()
                send(echo(next_id))
                next_id += 1
            message = answer()
            latencies.append(time.perf_counter() - started.pop(message["id"]))
            errors += "error" in message or message.get("result", {}).get("isError", False)
        return latencies, errors, time.perf_counter() - begin

    measure(WARM_UP)
    report(*measure(calls))
    server.terminate()


class HttpConnection:
    """One keep-alive HTTP/1.1 connection that POSTs JSON-RPC messages and reads JSON or event-stream answers."""

    def __init__(self, url):
        parts = urlsplit(url)
        self.path, self.host = parts.path or "/", parts.netloc
        sock = socket.create_connection((parts.hostname, parts.port), timeout=30)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        if parts.scheme == "https":
            context = ssl.create_default_context()
            context.check_hostname = False
            context.verify_mode = ssl.CERT_NONE
            context.set_alpn_protocols(["http/1.1"])
            sock = context.wrap_socket(sock)
        self.sock, self.buffer, self.session = sock, b"", None

    def post(self, message):
        body = json.dumps(message).encode()
        session = f"Mcp-Session-Id: {self.session}\r\nMCP-Protocol-Version: {PROTOCOL}\r\n" if self.session else ""
        self.sock.sendall(f"POST {self.path} HTTP/1.1\r\nHost: {self.host}\r\nContent-Type: application/json\r\n"
                          f"Accept: application/json, text/event-stream\r\n{session}Content-Length: {len(body)}\r\n\r\n"
                          .encode() + body)
        status, headers, payload = self.read_response()
        if status >= 300:
            raise OSError(f"HTTP {status}: {payload[:200]!r}")
        self.session = self.session or headers.get("mcp-session-id")
        if not payload:
            return None
        if headers.get("content-type", "").startswith("text/event-stream"):
            events = [json.loads(line[5:]) for line in payload.decode().splitlines() if line.startswith("data:")]
            return next((e for e in events if e.get("id") == message.get("id")), None)
        return json.loads(payload)

    def read_until(self, marker):
        while marker not in self.buffer:
            self.buffer += self.sock.recv(65536) or sys.exit("connection closed")
        line, self.buffer = self.buffer.split(marker, 1)
        return line

    def read_exactly(self, size):
        while len(self.buffer) < size:
            self.buffer += self.sock.recv(65536) or sys.exit("connection closed")
        data, self.buffer = self.buffer[:size], self.buffer[size:]
        return data

    def read_response(self):
        head = self.read_until(b"\r\n\r\n").decode().split("\r\n")
        headers = dict((k.strip().lower(), v.strip()) for k, v in (h.split(":", 1) for h in head[1:]))
        if headers.get("transfer-encoding") == "chunked":
            payload = b""
            while size := int(self.read_until(b"\r\n"), 16):
                payload += self.read_exactly(size)
                self.read_until(b"\r\n")
            self.read_until(b"\r\n")
        else:
            payload = self.read_exactly(int(headers.get("content-length", 0)))
        return int(head[0].split()[1]), headers, payload


def run_http(url, calls, concurrency):
    first = HttpConnection(url)
    first.post(INITIALIZE)
    first.post(INITIALIZED)
    connections = [first] + [HttpConnection(url) for _ in range(concurrency - 1)]
    for conn in connections:
        conn.session = first.session
    next_id = iter(range(1, 1 << 62))

    def measure(calls):
        latencies, errors, lock = [], [0], threading.Lock()

        def worker(conn):
            for _ in range(calls // concurrency):
                with lock:
                    call_id = next(next_id)
                start = time.perf_counter()
                answer = conn.post(echo(call_id))
                took = time.perf_counter() - start
                with lock:
                    latencies.append(took)
                    errors[0] += answer is None or "error" in answer or answer.get("result", {}).get("isError", False)

        threads = [threading.Thread(target=worker, args=(c,)) for c in connections]
        begin = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        return latencies, errors[0], time.perf_counter() - begin

    measure(WARM_UP)
    report(*measure(calls))


if __name__ == "__main__":
    mode, *args = sys.argv[1:]
    if mode == "stdio":
        run_stdio(int(args[0]), int(args[1]), args[2:])
    else:
        run_http(args[0], int(args[1]), int(args[2]))
