#!/usr/bin/env python3
"""Drives an MCP server, straight over stdio or through a gateway over streamable HTTP(S), and times it.

  mcp_echo.py echo <calls> <concurrency> <target>      tools/call "echo", <concurrency> calls in flight
  mcp_echo.py sessions <sessions> <target>             sessions one after the other: initialize, initialized, one
                                                       echo, end (DELETE over HTTP; stdin closed over stdio)
  mcp_echo.py large <calls> <target>                   tools/call "get-env", one at a time: a result as large as the
                                                       server's environment (the suite pads it to about 1 MiB)

  <target> is  stdio <server command...>  or  http <url>

Prints key=value words on its last line: requests (calls or sessions completed), errors, and per workload: rps,
p50_ms, p99_ms (echo, after 500 calls of warm-up; large, after 3); seconds, ms_per_session (sessions); result_bytes
(large: the length of the result's text).

Over stdio the calls share the one pipe (JSON-RPC ids tell the answers apart). Over HTTP each of the <concurrency>
threads has its own keep-alive connection, all in the one MCP session that the first opened (a session belongs to
no connection); each session of the sessions workload has a connection of its own, as separate clients would. The
HTTP client speaks HTTP/1.1 on a raw socket, so that its own cost per call stays close to the stdio client's
(http.client would add tens of µs). It sends Accept: application/json, text/event-stream, and reads answers either
as JSON or as an event stream (whose events may carry notifications, or no data at all, before the answer).
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
WARM_UP = 500  # echo calls before the measured ones, not counted: the JITs of node (and jetway) warm up
LARGE_WARM_UP = 3
SESSION_TIMEOUT = 10  # seconds a session's request may wait for its answer (a child starts in about half a second)
MAX_FAILED = 10  # failed sessions after which the sessions workload stops


def echo(call_id):
    return {"jsonrpc": "2.0", "id": call_id, "method": "tools/call",
            "params": {"name": "echo", "arguments": {"message": "hello"}}}


def get_env(call_id):
    return {"jsonrpc": "2.0", "id": call_id, "method": "tools/call", "params": {"name": "get-env", "arguments": {}}}


def failed(answer):
    return answer is None or "error" in answer or answer.get("result", {}).get("isError", False)


def percentile(ordered, p):
    """Nearest-rank percentile of a sorted list."""
    return ordered[max(0, min(len(ordered) - 1, round(p / 100 * len(ordered)) - 1))]


def report(latencies, errors, seconds, **extra):
    latencies.sort()
    if not latencies:
        sys.exit("no successful call")
    words = [f"requests={len(latencies)}", f"errors={errors}", f"rps={len(latencies) / seconds:.1f}",
             f"p50_ms={percentile(latencies, 50) * 1e3:.4f}", f"p99_ms={percentile(latencies, 99) * 1e3:.4f}"]
    print(" ".join(words + [f"{k}={v}" for k, v in extra.items()]))


class StdioServer:
    """A server child driven over its stdin and stdout, one JSON-RPC message a line."""

    def __init__(self, command):
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.DEVNULL)

    def send(self, message):
        self.process.stdin.write(json.dumps(message).encode() + b"\n")
        self.process.stdin.flush()

    def answer(self):
        """The next response (the server also sends notifications and requests of its own)."""
        while True:
            line = self.process.stdout.readline()
            if not line:
                sys.exit("the stdio server closed its output")
            message = json.loads(line)
            if "id" in message and "method" not in message:
                return message

    def call(self, message):
        self.send(message)
        return self.answer()

    def open(self):
        self.call(INITIALIZE)
        self.send(INITIALIZED)

    def close(self, wait=True):
        """Ends the session as a stdio client does: closes the server's input."""
        self.process.stdin.close()
        if wait:
            self.reap()

    def reap(self):
        try:
            self.process.wait(5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process.stdout.close()


class HttpConnection:
    """One keep-alive HTTP/1.1 connection that POSTs JSON-RPC messages and reads JSON or event-stream answers."""

    def __init__(self, url, session=None, timeout=60):
        parts = urlsplit(url)
        self.path, self.host = parts.path or "/", parts.netloc
        sock = socket.create_connection((parts.hostname, parts.port), timeout=timeout)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        if parts.scheme == "https":
            context = ssl.create_default_context()
            context.check_hostname = False
            context.verify_mode = ssl.CERT_NONE
            context.set_alpn_protocols(["http/1.1"])
            sock = context.wrap_socket(sock)
        self.sock, self.buffer, self.session, self.closed = sock, bytearray(), session, False

    def headers(self):
        return f"Mcp-Session-Id: {self.session}\r\nMCP-Protocol-Version: {PROTOCOL}\r\n" if self.session else ""

    def post(self, message):
        """The answer to a request (None for a notification), from a JSON body or the event stream's events."""
        body = json.dumps(message).encode()
        self.sock.sendall(f"POST {self.path} HTTP/1.1\r\nHost: {self.host}\r\nContent-Type: application/json\r\n"
                          f"Accept: application/json, text/event-stream\r\n{self.headers()}"
                          f"Content-Length: {len(body)}\r\n\r\n".encode() + body)
        status, headers, payload = self.read_response()
        if status >= 300:
            raise OSError(f"HTTP {status} to {message.get('method')}: {bytes(payload[:200])!r}")
        self.session = self.session or headers.get("mcp-session-id")
        if "id" not in message or not payload:
            return None
        if headers.get("content-type", "").startswith("text/event-stream"):
            return next((m for m in events(payload) if m.get("id") == message["id"] and "method" not in m), None)
        return json.loads(payload)

    def delete(self):
        """Ends the session (MCP: DELETE with its id); the status, e.g. 200, 202 or 204 (405: not supported)."""
        self.sock.sendall(f"DELETE {self.path} HTTP/1.1\r\nHost: {self.host}\r\n{self.headers()}"
                          "Content-Length: 0\r\n\r\n".encode())
        return self.read_response()[0]

    def close(self):
        self.sock.close()

    def fill(self):
        data = self.sock.recv(1 << 20)
        if not data:
            self.closed = True
            raise EOFError("connection closed by the server")
        self.buffer += data

    def read_until(self, marker):
        start = 0
        while (end := self.buffer.find(marker, start)) < 0:
            start = max(0, len(self.buffer) - len(marker) + 1)
            self.fill()
        line = bytes(self.buffer[:end])
        del self.buffer[:end + len(marker)]
        return line

    def read_exactly(self, size):
        while len(self.buffer) < size:
            self.fill()
        data = self.buffer[:size]
        del self.buffer[:size]
        return data

    def read_response(self):
        head = self.read_until(b"\r\n\r\n").decode("latin-1").split("\r\n")
        headers = dict((k.strip().lower(), v.strip()) for k, v in (h.split(":", 1) for h in head[1:] if ":" in h))
        status = int(head[0].split()[1])
        if headers.get("transfer-encoding", "").lower() == "chunked":
            payload = bytearray()
            while size := int(self.read_until(b"\r\n").split(b";")[0], 16):
                payload += self.read_exactly(size)
                self.read_until(b"\r\n")
            while self.read_until(b"\r\n"):  # trailers, up to the empty line
                pass
        elif "content-length" in headers or status in (204, 304) or 100 <= status < 200:
            payload = self.read_exactly(int(headers.get("content-length", 0)))
        else:  # neither length nor chunks: the body ends with the connection
            try:
                while True:
                    self.fill()
            except EOFError:
                payload, self.buffer = self.buffer, bytearray()
        return status, headers, payload


def events(payload):
    """The JSON messages of an event stream: events are separated by blank lines, an event's data lines joined with
    newlines; events without data (e.g. an id that primes resumption) carry no message."""
    for block in bytes(payload).decode().replace("\r\n", "\n").split("\n\n"):
        data = "\n".join(line[5:].removeprefix(" ") for line in block.split("\n") if line.startswith("data:"))
        if data.strip():
            yield json.loads(data)


def open_http(url, timeout=60):
    """A connection with a fresh session (initialize, then initialized)."""
    conn = HttpConnection(url, timeout=timeout)
    if failed(conn.post(INITIALIZE)):
        raise OSError("initialize failed")
    if not conn.session:
        raise OSError("no Mcp-Session-Id in the answer to initialize: the server is not stateful")
    conn.post(INITIALIZED)
    return conn


def end_http(conn):
    status = conn.delete()
    conn.close()
    if status >= 300:
        raise OSError(f"DELETE of the session answered HTTP {status}")


def echo_stdio(calls, concurrency, command):
    server = StdioServer(command)
    server.open()
    next_id = 1

    def measure(calls):
        nonlocal next_id
        started, latencies, errors, last = {}, [], 0, next_id + calls
        begin = time.perf_counter()
        while started or next_id < last:
            while len(started) < concurrency and next_id < last:
                started[next_id] = time.perf_counter()
                server.send(echo(next_id))
                next_id += 1
            message = server.answer()
            latencies.append(time.perf_counter() - started.pop(message["id"]))
            errors += failed(message)
        return latencies, errors, time.perf_counter() - begin

    measure(WARM_UP)
    report(*measure(calls))
    server.close()


def echo_http(url, calls, concurrency):
    first = open_http(url)
    connections = [first] + [HttpConnection(url, first.session) for _ in range(concurrency - 1)]
    next_id = iter(range(1, 1 << 62))

    def measure(calls):
        latencies, errors, lock = [], [0], threading.Lock()

        def worker(conn, share):
            for done in range(share):
                with lock:
                    call_id = next(next_id)
                start = time.perf_counter()
                try:
                    answer = conn.post(echo(call_id))
                except (OSError, EOFError, ValueError) as e:  # this connection is done for: the rest count as errors
                    print(f"connection failed: {e}", file=sys.stderr)
                    with lock:
                        errors[0] += share - done
                    return
                took = time.perf_counter() - start
                with lock:
                    latencies.append(took)
                    errors[0] += failed(answer)

        threads = [threading.Thread(target=worker, args=(c, calls // concurrency + (i < calls % concurrency)))
                   for i, c in enumerate(connections)]
        begin = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        return latencies, errors[0], time.perf_counter() - begin

    measure(WARM_UP)
    result = measure(calls)
    for conn in connections[1:]:
        conn.close()
    try:
        end_http(HttpConnection(url, first.session))  # so that the session's child does not outlive the run
    except (OSError, EOFError, ValueError) as e:
        print(f"the session could not be ended: {e!r}", file=sys.stderr)
    report(*result)


def sessions(count, target):
    """Sessions opened and closed one after the other; each makes one echo call. A session that fails (an error, or
    no answer within SESSION_TIMEOUT) counts as an error, its end is still attempted on a new connection, and the next
    one starts; after MAX_FAILED failures the run stops there. ms_per_session is the mean of the sessions that
    succeeded, seconds the whole run's."""
    errors, servers, took = 0, [], []
    begin = time.perf_counter()
    for i in range(count):
        if errors >= MAX_FAILED:
            print(f"{errors} sessions failed: giving up after {i} of {count}", file=sys.stderr)
            count = i
            break
        start = time.perf_counter()
        if target[0] == "stdio":
            server = StdioServer(target[1:])
            server.open()
            errors += failed(server.call(echo(1)))
            server.close(wait=False)  # as a gateway's DELETE: answered before the child has exited
            servers.append(server)
            took.append(time.perf_counter() - start)
            continue
        conn = None
        try:
            conn = open_http(target[1], SESSION_TIMEOUT)
            answer = conn.post(echo(1))
            end_http(conn)
            if failed(answer):
                errors += 1
            else:
                took.append(time.perf_counter() - start)
        except ConnectionRefusedError:
            raise
        except (OSError, EOFError, ValueError) as e:
            errors += 1
            print(f"session {i + 1} failed: {e!r}", file=sys.stderr)
            if conn and conn.session:
                try:
                    end_http(HttpConnection(target[1], conn.session, SESSION_TIMEOUT))
                except (OSError, EOFError, ValueError) as e:
                    print(f"  and could not be ended: {e!r}", file=sys.stderr)
    seconds = time.perf_counter() - begin
    for server in servers:
        server.reap()
    if not took:
        sys.exit("no session succeeded")
    print(f"requests={count} errors={errors} seconds={seconds:.3f} ms_per_session={sum(took) * 1e3 / len(took):.2f}")


def large(calls, target):
    """get-env, one call at a time: a result as large as the server's environment."""
    if target[0] == "stdio":
        server = StdioServer(target[1:])
        server.open()
        call, end = server.call, server.close
    else:
        conn = open_http(target[1])
        call, end = conn.post, lambda: end_http(conn)
    latencies, errors, size = [], 0, 0
    for i in range(LARGE_WARM_UP + calls):
        start = time.perf_counter()
        try:
            answer = call(get_env(i + 1))
        except (OSError, EOFError, ValueError) as e:  # counted; the session goes on over a new connection
            if target[0] == "stdio":
                raise
            print(f"call {i + 1} failed: {e!r}", file=sys.stderr)
            errors += i >= LARGE_WARM_UP
            conn = HttpConnection(target[1], conn.session)
            call = conn.post
            continue
        took = time.perf_counter() - start
        if i >= LARGE_WARM_UP:
            latencies.append(took)
            errors += failed(answer)
        if not failed(answer):
            size = len(answer["result"]["content"][0]["text"])
    end()
    report(latencies, errors, sum(latencies), result_bytes=size)


def main():
    workload, count, *rest = sys.argv[1:]
    concurrency = 1
    if workload == "echo":
        concurrency, *rest = rest
    if not rest or rest[0] not in ("stdio", "http") or len(rest) < 2:
        sys.exit(__doc__)
    if workload == "echo":
        if rest[0] == "stdio":
            echo_stdio(int(count), int(concurrency), rest[1:])
        else:
            echo_http(rest[1], int(count), int(concurrency))
    elif workload == "sessions":
        sessions(int(count), rest)
    elif workload == "large":
        large(int(count), rest)
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
