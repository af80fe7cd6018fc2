# The workloads: each runs one load generator against one contender (a proxy, or "direct" to the upstream) on the
# client core, and records its figures with the proxy's CPU time per request. Sourced by run.sh after servers.sh;
# needs LIB, WORK, ROUND, DURATION, WARMUP_MAX, HANDSHAKE_SECONDS, JDK, IDLE_CONNECTIONS.

CONCURRENCY=32   # connections of the keep-alive workloads
STREAMS=10       # concurrent h2 streams per connection

# url <contender> <path> [port offset]: the upstream itself for "direct", else the proxy (offset 1: RSA certificate).
url() {
  if [ "$1" = direct ]; then
    echo "http://127.0.0.1:$UPSTREAM_PORT$2"
  else
    echo "https://127.0.0.1:$(($(proxy_port "$1") + ${3:-0}))$2"
  fi
}

client() { taskset -c "$CLIENT_CPU" "$@"; }
out_file() { echo "$WORK/out/$1-$2-r$ROUND"; }

# cpu_mark <contender>, then record_figures: the proxy's CPU time in between (or up to a reading frozen in CPU_END),
# per request completed.
cpu_mark() {
  CPU_PIDS="" CPU_END=""
  [ "$1" = direct ] || CPU_PIDS=$(serving_pids "$1")
  CPU_MARK=$(cpu_ticks $CPU_PIDS)
}

# record_figures <workload> <contender> key=value...: records them with round, and CPU µs per request for proxies.
# Leaves them in FIGURE[key] for the caller.
declare -A FIGURE
record_figures() {
  local workload=$1 contender=$2 pair cpu=()
  shift 2
  FIGURE=()
  for pair in "$@"; do FIGURE[${pair%%=*}]=${pair#*=}; done
  if [ -n "$CPU_PIDS" ] && [ "${FIGURE[requests]:-0}" -gt 0 ]; then
    local ticks=$((${CPU_END:-$(cpu_ticks $CPU_PIDS)} - CPU_MARK))
    cpu=("cpu_us_per_req=$(python3 -c "print(round($ticks * 1e6 / $CLK_TCK / ${FIGURE[requests]}, 2))")")
  fi
  [ "${FIGURE[errors]:-0}" = 0 ] || log "warning: $workload via $contender: ${FIGURE[errors]} failed requests"
  record "workload=$workload" "contender=$contender" "round=$ROUND" "$@" "${cpu[@]}"
}

# HTTP/1.1 keep-alive with wrk: <workload> <path> <contender>.
h1_workload() {
  local out
  out=$(out_file "$1" "$3")
  cpu_mark "$3"
  client wrk -t1 -c"$CONCURRENCY" -d"${DURATION}s" --latency "$(url "$3" "$2")" >"$out.txt" 2>&1
  record_figures "$1" "$3" $(python3 "$LIB/parse.py" wrk "$out.txt")
}

# HTTP/2 over TLS with h2load: <workload> <path> <contender>.
h2_workload() {
  local out
  out=$(out_file "$1" "$3")
  cpu_mark "$3"
  client h2load -t1 -c"$CONCURRENCY" -m"$STREAMS" -D "$DURATION" "$(url "$3" "$2")" >"$out.txt" 2>&1
  record_figures "$1" "$3" $(python3 "$LIB/parse.py" h2load "$out.txt")
}

# Latency at a fixed request rate (HTTP/1.1, small body): <contender> <total requests/s>. Percentiles come from
# h2load's per-request log, after a one-second warm-up that opens the connections.
latency_workload() {
  local out per_client=$(($2 / CONCURRENCY))
  out=$(out_file latency "$1")
  cpu_mark "$1"
  client h2load --h1 -t1 -c"$CONCURRENCY" --rps "$((per_client > 0 ? per_client : 1))" -D "$DURATION" \
    --warm-up-time 1 --log-file "$out.log" "$(url "$1" /small)" >"$out.txt" 2>&1
  record_figures latency "$1" $(python3 "$LIB/parse.py" latency "$out.log") "rate=$((per_client * CONCURRENCY))"
}

# Full TLS 1.3 handshakes/s: <workload> <port offset> <contender>. Batches of h2load processes whose every client
# makes one connection with one request to /direct: a fresh client has no session to resume, so each handshake is
# a full one whatever the server offers (wrk and h2load resume sessions on reconnect).
handshake_workload() {
  local out batch=0 start end
  out=$(out_file "$1" "$3")
  rm -f "$out".*.txt
  cpu_mark "$3"
  start=$(date +%s%N)
  end=$((start + HANDSHAKE_SECONDS * 1000000000))
  while [ "$(date +%s%N)" -lt "$end" ]; do
    batch=$((batch + 1))
    client h2load --h1 -c"$CONCURRENCY" -n"$CONCURRENCY" "$(url "$3" /direct "$2")" >"$out.$batch.txt" 2>&1
  done
  local seconds
  seconds=$(python3 -c "print(($(date +%s%N) - $start) / 1e9)")
  record_figures "$1" "$3" $(python3 "$LIB/parse.py" batches "$seconds" "$out".*.txt)
}

# Java heap in use after a full GC, in KiB (jstat's used columns of every generation).
heap_after_gc_kib() {
  client "$JDK/bin/jcmd" "$1" GC.run >/dev/null || die "jcmd could not reach JVM $1"
  client "$JDK/bin/jstat" -gc "$1" | python3 -c '
import sys
head, values = (line.split() for line in sys.stdin.read().strip().splitlines()[-2:])
print(round(sum(float(v) for h, v in zip(head, values) if h in ("S0U", "S1U", "EU", "OU"))))'
}

# Memory per idle TLS connection: <contender>. Heap after GC (jetway) and RSS of the serving processes, before and
# with IDLE_CONNECTIONS idle keep-alive connections open, difference divided by the connections opened.
idle_workload() {
  local contender=$1 pid=${PROXY_PID[$1]} workers heap0="" heap1="" rss0 rss1 ready=""
  workers=$(serving_pids "$contender")
  [ "$contender" = nginx ] || heap0=$(heap_after_gc_kib "$pid")
  rss0=$(rss_kib $workers)
  spawn "$CLIENT_CPU" "idle-$contender-r$ROUND" python3 "$LIB/idle_tls.py" "$(proxy_port "$contender")" "$IDLE_CONNECTIONS" /direct
  local client_pid=$SPAWNED_PID i
  for i in $(seq 1 1200); do
    ready=$(grep -m1 "^ready" "$WORK/logs/idle-$contender-r$ROUND.log" 2>/dev/null || true)
    [ -n "$ready" ] || ! kill -0 "$client_pid" 2>/dev/null || { sleep 0.1; continue; }
    break
  done
  [ -n "$ready" ] || die "idle connections to $contender failed (see $WORK/logs/idle-$contender-r$ROUND.log)"
  # Count what the server holds, not what the client opened: a server may have dropped some in the meantime.
  local held
  held=$(ss -tnH state established "( sport = :$(proxy_port "$contender") )" | wc -l)
  [ "$contender" = nginx ] || heap1=$(heap_after_gc_kib "$pid")
  rss1=$(rss_kib $workers)
  stop "$client_pid"
  [ "$held" -gt 0 ] || die "no idle connection to $contender left open"
  local per_conn=("rss_bytes_per_conn=$(((rss1 - rss0) * 1024 / held))")
  [ -z "$heap0" ] || per_conn+=("heap_bytes_per_conn=$(((heap1 - heap0) * 1024 / held))")
  set -- $ready
  record "workload=idle_tls" "contender=$contender" "round=$ROUND" "connections=$held" "failed=$3" "${per_conn[@]}"
}

# CPU ticks of a JVM's JIT compiler threads (named "C1 CompilerThre…", "C2 CompilerThre…").
jit_ticks() {
  local task
  for task in /proc/"$1"/task/*; do
    case $(cat "$task/comm" 2>/dev/null) in C[12]\ Compiler*) sed 's/.*) //' "$task/stat" ;; esac
  done | awk '{ total += $12 + $13 } END { print total + 0 }'
}

# Warm-up, not recorded: the JIT compiles the paths the measured workloads take. Pinned to one core it needs tens
# of seconds, and measuring before it is done counts its CPU against jetway. So: rounds of the three keep-alive
# workloads, two seconds each, until the compiler threads took under 5% of the JVM's CPU in a round (at most
# WARMUP_MAX seconds). Handshakes were warmed by the idle connections.
warm_up() {
  local pid=${PROXY_PID[$1]} started=$SECONDS jit0 all0 share=100
  while [ $((SECONDS - started)) -lt "$WARMUP_MAX" ] && [ "$share" -ge 5 ]; do
    jit0=$(jit_ticks "$pid") all0=$(cpu_ticks "$pid")
    client wrk -t1 -c"$CONCURRENCY" -d2s "$(url "$1" /small)" >/dev/null 2>&1
    client h2load -t1 -c"$CONCURRENCY" -m"$STREAMS" -D 2 "$(url "$1" /small)" >/dev/null 2>&1
    client wrk -t1 -c"$CONCURRENCY" -d2s "$(url "$1" /64k)" >/dev/null 2>&1
    share=$((($(jit_ticks "$pid") - jit0) * 100 / ($(cpu_ticks "$pid") - all0 + 1)))
  done
  log "$1 warmed up in $((SECONDS - started)) s (JIT compilers: $share% of its CPU in the last 6 s)"
}
