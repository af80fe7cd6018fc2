#!/usr/bin/env python3
"""Turns the run's samples into medians, ratios jetway/nginx and target verdicts: a table on stdout and a JSON file.

  report.py <samples.jsonl> <result.json> [key=value ...]   (the key=values describe the run: version, commit, ...)

A sample is one measurement: {"workload", "contender", "round", figures...}. Medians are taken per workload,
contender and figure over the rounds; a ratio is the quotient of two medians.
"""
import json
import statistics
import sys
from collections import defaultdict

# The figures of a throughput run, and of a handshake run.
THROUGHPUT = [("rps", "requests/s", "{:,.0f}"), ("cpu_us_per_req", "proxy CPU µs/request", "{:.1f}"),
              ("per_core", "requests per proxy CPU-s", "{:,.0f}")]
HANDSHAKES = [("rps", "handshakes/s", "{:,.0f}"), ("cpu_us_per_req", "proxy CPU µs/handshake", "{:.0f}"),
              ("per_core", "handshakes per proxy CPU-s", "{:,.0f}")]
MCP = [("p50_ms", "p50 ms", "{:.3f}"), ("p99_ms", "p99 ms", "{:.3f}"), ("rps", "calls/s", "{:,.0f}")]

# (workload, title, [(figure, label, format)]): the table's rows, in order.
ROWS = [
    ("h1_small", "HTTPS HTTP/1.1 keep-alive, 12 B, c=32", THROUGHPUT + [("p99_ms", "p99 ms (wrk)", "{:.2f}")]),
    ("h1_64k", "HTTPS HTTP/1.1 keep-alive, 64 KiB, c=32", THROUGHPUT),
    ("h2_small", "HTTPS h2, 12 B, c=32 m=10", THROUGHPUT),
    ("tls_only", "TLS only: proxy answers itself, HTTP/1.1 12 B", THROUGHPUT[:2]),
    ("latency", "Latency at 25% of nginx's HTTP/1.1 rate", [
        ("rate", "requests/s offered", "{:,.0f}"), ("p50_ms", "p50 ms", "{:.3f}"), ("p99_ms", "p99 ms", "{:.3f}"),
        ("cpu_us_per_req", "proxy CPU µs/request", "{:.1f}")]),
    ("handshake_ecdsa", "Full TLS 1.3 handshakes, ECDSA P-256", HANDSHAKES),
    ("handshake_rsa", "Full TLS 1.3 handshakes, RSA-2048", HANDSHAKES),
    ("idle_tls", "Idle TLS connections", [
        ("connections", "connections held", "{:,.0f}"), ("heap_bytes_per_conn", "heap after GC, B/connection", "{:,.0f}"),
        ("rss_bytes_per_conn", "RSS, B/connection", "{:,.0f}")]),
    ("startup", "Start to first proxied 200", [("seconds", "seconds", "{:.3f}")]),
    ("mcp_c1", "MCP tools/call echo, c=1", MCP),
    ("mcp_c16", "MCP tools/call echo, c=16", MCP),
]

# The targets: (name, workload, figure, kind, threshold, reference contender). Throughput is judged per
# proxy CPU-second: with the client sharing core 0 with the upstream, nginx's requests/s is often the client's limit. Kinds: "ratio" jetway/reference
# at least threshold; "over" jetway minus reference at most threshold; "max" jetway at most threshold.
TARGETS = [
    ("HTTP/1.1 small ≥ 0.6× nginx per proxy core (stretch 0.8×)", "h1_small", "per_core", "ratio", 0.6, "nginx"),
    ("h2 small ≥ 1.0× nginx (per proxy core)", "h2_small", "per_core", "ratio", 1.0, "nginx"),
    ("64 KiB ≥ 0.6× nginx (per proxy core)", "h1_64k", "per_core", "ratio", 0.6, "nginx"),
    ("added p99 at 25% load ≤ nginx's + 1 ms", "latency", "p99_ms", "over", 1.0, "nginx"),
    ("ECDSA handshakes ≥ 0.4× nginx (per proxy core)", "handshake_ecdsa", "per_core", "ratio", 0.4, "nginx"),
    ("≤ 16 KiB heap per idle TLS connection", "idle_tls", "heap_bytes_per_conn", "max", 16384, None),
    ("first proxied 200 ≤ 1.0 s", "startup", "seconds", "max", 1.0, None),
    ("MCP echo adds ≤ 250 µs p50 over direct stdio", "mcp_c1", "p50_ms", "over", 0.25, "direct"),
]
STRETCH = {"h1_small": 0.8}
ORDER = ["jetway-jdk", "jetway-conscrypt", "jetway-mcp", "nginx", "direct"]


def medians(samples):
    """{workload: {contender: {figure: median}}}, and {workload: {contender: status}} for skipped ones."""
    values, status = defaultdict(lambda: defaultdict(lambda: defaultdict(list))), defaultdict(dict)
    for s in samples:
        if "status" in s:
            status[s["workload"]][s["contender"]] = s["status"]
            continue
        if s.get("cpu_us_per_req"):
            s["per_core"] = 1e6 / s["cpu_us_per_req"]
        for figure, value in s.items():
            if isinstance(value, (int, float)) and figure != "round":
                values[s["workload"]][s["contender"]][figure].append(value)
    result = {w: {c: {f: statistics.median(v) for f, v in figs.items()} for c, figs in cs.items()} for w, cs in values.items()}
    return result, status


def jetways(result):
    found = {c for cs in result.values() for c in cs if c.startswith("jetway-") and c != "jetway-mcp"}
    return [c for c in ORDER if c in found]


def ratios(result):
    out = {}
    for workload, contenders in result.items():
        if "nginx" not in contenders:
            continue
        for jetway in (c for c in contenders if c.startswith("jetway-")):
            out.setdefault(workload, {})[f"{jetway}/nginx"] = {
                f: v / contenders["nginx"][f] for f, v in contenders[jetway].items()
                if contenders["nginx"].get(f) and f not in ("round", "rate")}
    return out


def verdicts(result, status):
    out = []
    for name, workload, figure, kind, threshold, reference in TARGETS:
        subjects = ["jetway-mcp"] if workload.startswith("mcp") else jetways(result)
        for jetway in subjects:
            entry = {"target": name, "contender": jetway, "threshold": threshold}
            mine = result.get(workload, {}).get(jetway, {}).get(figure)
            theirs = result.get(workload, {}).get(reference, {}).get(figure) if reference else None
            if mine is None or (reference and theirs is None):
                entry.update(value=None, verdict=status.get(workload, {}).get(jetway, "n/a"))
            else:
                value = {"ratio": lambda: mine / theirs, "over": lambda: mine - theirs, "max": lambda: mine}[kind]()
                ok = value >= threshold if kind == "ratio" else value <= threshold
                verdict = "pass" if ok else "miss"
                if ok and workload in STRETCH:
                    verdict += " (stretch %s)" % ("met" if value >= STRETCH[workload] else "not met")
                entry.update(value=round(value, 4), verdict=verdict)
            out.append(entry)
    return out


def table(result, status, meta):
    contenders = [c for c in ORDER if any(c in cs for cs in result.values())]
    jets = [c for c in contenders if c.startswith("jetway-") and c != "jetway-mcp"]
    heads = contenders + [f"{j[7:]}/nginx" for j in jets]
    lines = [f"{meta.get('jetway_version', 'jetway ?')} ({meta.get('commit', '?')}) against {meta.get('nginx', 'nginx')}; "
             f"{meta.get('jdk', '')}",
             f"{meta.get('rounds')} round(s) of {meta.get('duration_s')} s per run, medians; proxies pinned to core 1, "
             f"clients and upstream to core 0; load average at the end {meta.get('load_average')}",
             f"release: {meta.get('release', '?')}", ""]
    row = "{:<46} {:<29}" + " {:>16}" * len(heads)
    lines.append(row.format("workload", "figure", *heads))
    for workload, title, figures in ROWS:
        if workload in status and workload not in result:
            lines.append(row.format(title, "", *["n/a"] * len(heads)))
            lines.append(f"    {'; '.join(sorted(set(status[workload].values())))}")
            continue
        for i, (figure, label, fmt) in enumerate(figures):
            cells = []
            for c in contenders:
                v = result.get(workload, {}).get(c, {}).get(figure)
                cells.append(fmt.format(v) if v is not None else "-")
            for j in jets:
                mine, theirs = (result.get(workload, {}).get(c, {}).get(figure) for c in (j, "nginx"))
                cells.append(f"{mine / theirs:.2f}×" if mine is not None and theirs else "-")
            lines.append(row.format(title if i == 0 else "", label, *cells))
    return "\n".join(lines)


def negotiated(samples):
    """What TLS each contender's clients got, e.g. {"nginx": ["TLSv1.3 TLS_AES_128_GCM_SHA256"]}."""
    seen = defaultdict(set)
    for s in samples:
        if "cipher" in s:
            seen[s["contender"]].add(f"{s.get('tls', '')} {s['cipher']}".strip())
    return {c: sorted(v) for c, v in seen.items()}


def main():
    samples_path, out_path, *pairs = sys.argv[1:]
    meta = dict(p.split("=", 1) for p in pairs)
    samples = [json.loads(line) for line in open(samples_path)]
    result, status = medians(samples)
    checks = verdicts(result, status)
    print(table(result, status, meta))
    tls = negotiated(samples)
    print("\nNegotiated (h2load): " + "; ".join(f"{c} {', '.join(v)}" for c, v in sorted(tls.items())))
    print("\nTargets")
    for c in checks:
        value = "-" if c["value"] is None else c["value"]
        print(f"  {c['verdict']:<20} {c['contender']:<17} {c['target']}  (measured {value})")
    print(f"\nruntime {meta.get('runtime_s', '?')} s; JSON: {out_path}")
    with open(out_path, "w") as f:
        json.dump({"run": meta, "negotiated": tls, "medians": result, "ratios": ratios(result), "skipped": status, "targets": checks,
                   "samples": samples}, f, indent=1)


if __name__ == "__main__":
    main()
