#!/usr/bin/env python3
"""Turns the run's samples into medians, ratios jetway/nginx, jetway/MCP peer and target verdicts: tables on stdout
and a JSON file.

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
]

# The MCP table: its contenders (jetway over TLS and over plain HTTP, the peers, stdio without a gateway), and its
# rows. "added" figures are the contender's median minus direct's; ratios are jetway (plain HTTP, as the peers
# speak) over each peer, for every figure but counts.
MCP_ORDER = ["jetway-mcp", "jetway-mcp-http", "supergateway", "mcp-proxy", "direct"]
MCP_HEADS = {"jetway-mcp": "jetway TLS", "jetway-mcp-http": "jetway"}
MCP_JETWAY = "jetway-mcp-http"
MCP_PEERS = ["supergateway", "mcp-proxy"]
MCP_ECHO = [("p50_ms", "p50 ms", "{:.3f}"), ("p50_added_ms", "p50 added over direct, ms", "{:.3f}"),
            ("p99_ms", "p99 ms", "{:.3f}"), ("rps", "calls/s", "{:,.0f}"),
            ("cpu_us_per_req", "proxy CPU µs/call", "{:.1f}"), ("per_core", "calls per proxy CPU-s", "{:,.0f}"),
            ("errors", "failed calls", "{:.0f}")]
MCP_ROWS = [
    ("mcp_c1", "tools/call echo, c=1", MCP_ECHO),
    ("mcp_c16", "tools/call echo, c=16", MCP_ECHO),
    ("mcp_large", "~1 MiB result (get-env), 1 at a time", [
        ("result_bytes", "result text, bytes", "{:,.0f}"), ("p50_ms", "p50 ms", "{:.2f}"),
        ("p50_added_ms", "p50 added over direct, ms", "{:.2f}"), ("cpu_ms_per_req", "proxy CPU ms/call", "{:.2f}"),
        ("errors", "failed calls", "{:.0f}")]),
    ("mcp_sessions", "{sessions} sessions, one after the other", [
        ("seconds", "total s", "{:.1f}"), ("ms_per_session", "ms/session (successful)", "{:.0f}"),
        ("ms_per_session_added", "added over direct, ms/session", "{:.0f}"),
        ("cpu_ms_per_req", "proxy CPU ms/session", "{:.1f}"),
        ("children_before", "children before", "{:.0f}"), ("children_after", "children right after", "{:.0f}"),
        ("children_after_2s", "children 2 s later", "{:.0f}"),
        ("requests", "sessions attempted", "{:.0f}"), ("errors", "failed sessions", "{:.0f}")]),
]
NO_RATIO = {"result_bytes", "children_after", "children_after_2s", "children_before", "errors", "requests"}
# Derived from the medians: (figure, from figure) as contender minus direct.
ADDED = [("p50_added_ms", "p50_ms"), ("ms_per_session_added", "ms_per_session")]

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
ORDER = ["jetway-jdk", "jetway-conscrypt", "nginx", "direct"]
MCP_WORKLOADS = {w for w, _, _ in MCP_ROWS}


def medians(samples):
    """{workload: {contender: {figure: median}}}, and {workload: {contender: status}} for skipped ones."""
    values, status = defaultdict(lambda: defaultdict(lambda: defaultdict(list))), defaultdict(dict)
    for s in samples:
        if "status" in s:
            status[s["workload"]][s["contender"]] = s["status"]
            continue
        if s.get("cpu_us_per_req"):
            s["per_core"] = 1e6 / s["cpu_us_per_req"]
            s["cpu_ms_per_req"] = s["cpu_us_per_req"] / 1e3
        for figure, value in s.items():
            if isinstance(value, (int, float)) and figure != "round":
                values[s["workload"]][s["contender"]][figure].append(value)
    result = {w: {c: {f: statistics.median(v) for f, v in figs.items()} for c, figs in cs.items()} for w, cs in values.items()}
    for workload in MCP_WORKLOADS & result.keys():
        direct = result[workload].get("direct", {})
        for contender, figures in result[workload].items():
            for added, base in ADDED:
                if base in figures and base in direct and contender != "direct":
                    figures[added] = figures[base] - direct[base]
    return result, status


def jetways(result):
    found = {c for cs in result.values() for c in cs if c.startswith("jetway-") and not c.startswith("jetway-mcp")}
    return [c for c in ORDER if c in found]


def ratios(result):
    out = {}
    for workload, contenders in result.items():
        if workload in MCP_WORKLOADS:
            pairs = [(MCP_JETWAY, peer) for peer in MCP_PEERS if MCP_JETWAY in contenders and peer in contenders]
        else:
            pairs = [(c, "nginx") for c in contenders if c.startswith("jetway-") and "nginx" in contenders]
        for mine, theirs in pairs:
            out.setdefault(workload, {})[f"{mine}/{theirs}"] = {
                f: v / contenders[theirs][f] for f, v in contenders[mine].items()
                if contenders[theirs].get(f) and f not in ("round", "rate") and f not in NO_RATIO}
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


def header(meta):
    against = "MCP gateways" if meta.get("only") == "mcp" else meta.get("nginx", "nginx")
    return [f"{meta.get('jetway_version', 'jetway ?')} ({meta.get('commit', '?')}) against {against}; {meta.get('jdk', '')}",
            f"{meta.get('rounds')} round(s) of {meta.get('duration_s')} s per run, medians; proxies pinned to core 1, "
            f"clients and upstream to core 0; load average at the end {meta.get('load_average')}",
            f"release: {meta.get('release', '?')}", ""]


def table(result, status, meta):
    contenders = [c for c in ORDER if any(c in cs for w, cs in result.items() if w not in MCP_WORKLOADS)]
    jets = [c for c in contenders if c.startswith("jetway-")]
    heads = contenders + [f"{j[7:]}/nginx" for j in jets]
    lines = []
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


def mcp_table(result, status, meta):
    """The MCP contenders side by side, with ratios jetway (plain HTTP) / peer; None when no MCP row ran."""
    if not MCP_WORKLOADS & (result.keys() | status.keys()):
        return None
    contenders = [c for c in MCP_ORDER if any(c in result.get(w, {}) or c in status.get(w, {}) for w in MCP_WORKLOADS)]
    peers = [p for p in MCP_PEERS if p in contenders and MCP_JETWAY in contenders]
    heads = [MCP_HEADS.get(c, c) for c in contenders] + [f"jetway/{p}" for p in peers]
    row = "{:<40} {:<31}" + "".join(" {:>%d}" % max(12, len(h)) for h in heads)
    lines = [f"MCP: server-everything (stdio) behind each gateway, stateful streamable HTTP; node {meta.get('node', '?')}, "
             f"{meta.get('mcp_peers', 'no peers')}", row.format("workload", "figure", *heads)]
    for workload, title, figures in MCP_ROWS:
        title = title.format(sessions=meta.get("mcp_sessions", "?"))
        for i, (figure, label, fmt) in enumerate(figures):
            cells = []
            for c in contenders:
                v = result.get(workload, {}).get(c, {}).get(figure)
                cells.append(fmt.format(v) if v is not None else "n/a" if c in status.get(workload, {}) else "-")
            for p in peers:
                mine, theirs = (result.get(workload, {}).get(c, {}).get(figure) for c in (MCP_JETWAY, p))
                ok = figure not in NO_RATIO and mine is not None and theirs and mine > 0 and theirs > 0
                cells.append(f"{mine / theirs:.2f}×" if ok else "-")
            lines.append(row.format(title if i == 0 else "", label, *cells))
    reasons = sorted({f"{c}: {r}" for w in MCP_WORKLOADS for c, r in status.get(w, {}).items()})
    lines += [f"    {r}" for r in reasons]
    lines.append("jetway/peer: jetway over plain HTTP divided by the peer (calls per proxy CPU-s: above 1, jetway does "
                 "more per CPU-second; times and CPU per call: below 1, jetway takes less). Proxy CPU: the gateway's own "
                 "process, not its stdio children. mcp-proxy runs one child for all sessions.")
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
    print("\n".join(header(meta)))
    http = any(w not in MCP_WORKLOADS for w in result.keys() | status.keys())
    if http:
        print(table(result, status, meta))
    mcp = mcp_table(result, status, meta)
    if mcp:
        print(("\n" if http else "") + mcp)
    tls = negotiated(samples)
    if tls:
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
