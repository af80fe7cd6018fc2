#!/usr/bin/env python3
"""Reads the load generators' output and prints the figures as key=value words (what common.sh's record takes).

  parse.py wrk <output>            requests, rps, p50_ms, p99_ms, errors (non-2xx/3xx and socket errors)
  parse.py h2load <output>         requests (succeeded), errors, rps, tls, cipher
  parse.py batches <seconds> <output>...   the same summed over several h2load runs, rps = requests / seconds
  parse.py latency <log>           p50_ms, p99_ms, requests, errors: percentiles from h2load --log-file
"""
import re
import sys

UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3, "m": 60e3}


def ms(text):
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(value) * UNITS[unit]


def wrk(path):
    out = open(path).read()
    requests = re.search(r"^\s*(\d+) requests in", out, re.M)
    if not requests:
        sys.exit(f"no wrk result in {path}")
    socket = re.search(r"Socket errors: (.*)", out)
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = sum(map(int, re.findall(r"\d+", socket.group(1) if socket else ""))) + int(non2xx.group(1) if non2xx else 0)
    p50, p99 = (ms(re.search(rf"^\s*{p}%\s+(\S+)", out, re.M).group(1)) for p in (50, 99))
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    return dict(requests=int(requests.group(1)), rps=rps, p50_ms=round(p50, 3), p99_ms=round(p99, 3), errors=errors)


def h2load(path):
    return batches(None, path)


def batches(seconds, *paths):
    requests = errors = 0
    first = None
    for path in paths:
        out = open(path).read()
        counts = re.search(r"requests: \d+ total, \d+ started, \d+ done, (\d+) succeeded, (\d+) failed, (\d+) errored", out)
        if not counts:
            sys.exit(f"no h2load result in {path}")
        requests += int(counts.group(1))
        errors += int(counts.group(2)) + int(counts.group(3))
        first = first or out
    rps = float(re.search(r"finished in \S+, ([\d.]+) req/s", first).group(1)) if seconds is None \
        else round(requests / float(seconds), 1)
    result = dict(requests=requests, errors=errors, rps=rps)
    for key, label in (("tls", "TLS Protocol"), ("cipher", "Cipher")):
        found = re.search(rf"^{label}: (\S+)", first, re.M)
        if found:
            result[key] = found.group(1)
    return result


def percentile(ordered, p):
    """Nearest-rank percentile of a sorted list."""
    return ordered[max(0, min(len(ordered) - 1, round(p / 100 * len(ordered)) - 1))]


def latency(path):
    # Columns: start (µs since epoch), HTTP status (-1 for a failed stream), µs until the end of the response.
    durations, errors = [], 0
    for line in open(path):
        _, status, micros = line.split("\t")[:3]
        if status.startswith("2"):
            durations.append(int(micros))
        else:
            errors += 1
    if not durations:
        sys.exit(f"no successful request in {path}")
    durations.sort()
    return dict(requests=len(durations), errors=errors,
                p50_ms=percentile(durations, 50) / 1000, p99_ms=percentile(durations, 99) / 1000)


if __name__ == "__main__":
    command, *args = sys.argv[1:]
    figures = {"wrk": wrk, "h2load": h2load, "batches": batches, "latency": latency}[command](*args)
    print(" ".join(f"{k}={v}" for k, v in figures.items()))
