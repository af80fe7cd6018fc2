#!/usr/bin/env bash
# jetway against nginx, and against MCP gateways, on this machine: one command, about 20 minutes (see README.md).
#
#   benchmarks/suite/run.sh [--quick] [--only mcp] [--provider jdk|conscrypt|both] [--jdk <path>]
#                           [--release <tar.gz|dir>] [--port-base <n>] [--keep-work]
#
# Proxies run on core 1, the load generator and the upstream on core 0. Each proxy is started three times (start-up
# time, memory per idle connection); then, in each of three rounds, every workload runs against each contender in
# turn (the order rotates between rounds). The report takes medians. --only mcp runs the MCP phase alone.
set -euo pipefail

SUITE=$(cd "$(dirname "$0")" && pwd)
LIB=$SUITE/lib
REPO=$(cd "$SUITE/../.." && pwd)
# shellcheck source=lib/common.sh
source "$LIB/common.sh"

usage() { sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit "${1:-0}"; }

QUICK=false ONLY="" PROVIDER=both JDK=${JAVA_HOME:-} RELEASE="" PORT_BASE=18000 KEEP_WORK=false
while [ $# -gt 0 ]; do
  case $1 in
    --quick) QUICK=true ;;
    --only) ONLY=${2:?}; shift ;;
    --provider) PROVIDER=${2:?}; shift ;;
    --jdk) JDK=${2:?}; shift ;;
    --release) RELEASE=${2:?}; shift ;;
    --port-base) PORT_BASE=${2:?}; shift ;;
    --keep-work) KEEP_WORK=true ;;
    -h | --help) usage ;;
    *) echo "unknown option: $1" >&2; usage 1 ;;
  esac
  shift
done
case $PROVIDER in
  jdk | conscrypt) JETWAYS=("jetway-$PROVIDER") ;;
  both) JETWAYS=(jetway-jdk jetway-conscrypt) ;;
  *) die "--provider takes jdk, conscrypt or both" ;;
esac
case $ONLY in
  "" | mcp) ;;
  *) die "--only takes mcp" ;;
esac

# Durations (seconds): a full run is three rounds of everything; --quick one short round, for development.
if $QUICK; then
  ROUNDS=1 DURATION=2 WARMUP_MAX=8 HANDSHAKE_SECONDS=1 IDLE_CONNECTIONS=500 MCP_CALLS=500 MCP_SESSIONS=20
  MCP_LARGE_CALLS=10
else
  ROUNDS=3 DURATION=6 WARMUP_MAX=60 HANDSHAKE_SECONDS=3 IDLE_CONNECTIONS=2000 MCP_CALLS=3000 MCP_SESSIONS=100
  MCP_LARGE_CALLS=20
fi

# --- Tools: install what is missing, or say what is. ---
if [ "$ONLY" = mcp ]; then
  ensure_tools openssl:openssl taskset:util-linux python3:python3 ps:procps
  JDK_TOOLS=(java)
else
  ensure_tools nginx:nginx-light wrk:wrk h2load:nghttp2-client openssl:openssl curl:curl taskset:util-linux \
    python3:python3 pgrep:procps ss:iproute2
  JDK_TOOLS=(java jcmd jstat)
fi
[ "$(nproc)" -ge 2 ] || die "needs at least 2 cores (proxies on core 1, clients on core 0); this machine has $(nproc)"
if [ -z "$JDK" ]; then
  command -v java >/dev/null 2>&1 || die "no Java: install a JDK 17+ or pass --jdk <path>"
  JDK=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
fi
for tool in "${JDK_TOOLS[@]}"; do
  [ -x "$JDK/bin/$tool" ] || die "$JDK/bin/$tool missing: --jdk must name a full JDK (jcmd and jstat measure the heap)"
done

# --- Scratch folder (outside the repo: nginx's workers run as nobody and must read it), cleaned on exit. ---
RUN_ID=$(date +%Y%m%d-%H%M%S)
WORK=$(mktemp -d "/tmp/jetway-bench.$RUN_ID.XXXXXX")
mkdir -p "$WORK/logs" "$WORK/out"
on_exit() {
  local status=$?
  cleanup
  if [ $status -ne 0 ] || $KEEP_WORK; then log "logs and outputs kept in $WORK"; else rm -rf "$WORK"; fi
}
trap on_exit EXIT
trap 'exit 130' INT TERM

# --- jetway: the given release, or one built from this checkout. ---
if [ -z "$RELEASE" ]; then
  ensure_tools mvn:maven
  log "building jetway (mvn package -pl distribution -am)"
  (cd "$REPO" && mvn -B -q -DskipTests package -pl distribution -am >"$WORK/logs/build.log" 2>&1) \
    || die "build failed: see $WORK/logs/build.log"
  RELEASE=$(ls -t "$REPO"/distribution/target/jetway-*.tar.gz | head -1)
fi
if [ -d "$RELEASE" ]; then
  JETWAY_HOME=$(cd "$RELEASE" && pwd)
else
  mkdir -p "$WORK/jetway" && tar xzf "$RELEASE" -C "$WORK/jetway" --strip-components=1 || die "cannot unpack $RELEASE"
  JETWAY_HOME=$WORK/jetway
fi
[ -x "$JETWAY_HOME/bin/jetway" ] || die "no bin/jetway in $RELEASE"

# shellcheck source=lib/servers.sh
source "$LIB/servers.sh"
# shellcheck source=lib/workloads.sh
source "$LIB/workloads.sh"
# shellcheck source=lib/mcp.sh
source "$LIB/mcp.sh"

ensure_ports_free $(all_ports)
make_certs
START_ALL=$(date +%s)
JETWAY_VERSION=$(JAVA_HOME=$JDK "$JETWAY_HOME/bin/jetway" -V 2>/dev/null | tail -1)
log "jetway: $JETWAY_VERSION on $("$JDK/bin/java" -version 2>&1 | head -1); rounds: $ROUNDS, ${DURATION}s per run; work: $WORK"

# rotate <n> <items...>: the items starting at the n-th, wrapping around, so that no contender always goes first.
rotate() {
  local n=$(($1 % ($# - 1))) items=("${@:2}")
  echo "${items[@]:n}" "${items[@]:0:n}"
}

PROXIES=("${JETWAYS[@]}" nginx)

# The HTTP phases: jetway against nginx.
http_phases() {
  start_upstream

  # Start-up and idle memory: three fresh starts of each proxy; the last start stays up for the rest.
  for ((ROUND = 1; ROUND <= ROUNDS; ROUND++)); do
    log "start-up and idle connections, start $ROUND/$ROUNDS"
    proxies=$(rotate $((ROUND - 1)) "${PROXIES[@]}")
    for c in $proxies; do
      [ -z "${PROXY_PID[$c]:-}" ] || stop_proxy "$c"
      start_proxy "$c"
      record workload=startup "contender=$c" "round=$ROUND" "seconds=$STARTUP_S"
    done
    for c in $proxies; do idle_workload "$c"; done
  done

  # One JVM per jetway for all the rounds (as the performance notes advise: compare within one run), warmed up until
  # its CPU per request settles.
  for c in "${JETWAYS[@]}"; do warm_up "$c"; done

  for ((ROUND = 1; ROUND <= ROUNDS; ROUND++)); do
    log "round $ROUND/$ROUNDS: keep-alive throughput"
    proxies=$(rotate $((ROUND - 1)) "${PROXIES[@]}")
    all=$(rotate $((ROUND - 1)) "${PROXIES[@]}" direct)
    for c in $all; do
      h1_workload h1_small /small "$c"
      # The fixed rate of the latency runs below: a quarter of what nginx does in this round.
      [ "$c" != nginx ] || rate=$((${FIGURE[rps]%.*} / 4))
    done
    for c in $all; do h1_workload h1_64k /64k "$c"; done
    for c in $proxies; do h2_workload h2_small /small "$c"; done
    for c in $proxies; do h1_workload tls_only /direct "$c"; done
    log "round $ROUND/$ROUNDS: latency and handshakes"
    for c in $all; do latency_workload "$c" "$rate"; done
    for c in $proxies; do handshake_workload handshake_ecdsa 0 "$c"; done
    for c in $proxies; do handshake_workload handshake_rsa 1 "$c"; done
  done
  for c in "${PROXIES[@]}"; do stop_proxy "$c"; done
}

[ "$ONLY" = mcp ] || http_phases
PEER_VERSIONS=""
mcp_phase

RUNTIME=$(($(date +%s) - START_ALL))
mkdir -p "$SUITE/results"
python3 "$LIB/report.py" "$WORK/samples.jsonl" "$SUITE/results/$RUN_ID.json" \
  jetway_version="$JETWAY_VERSION" \
  commit="$(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$REPO" status --porcelain 2>/dev/null | grep -q . && echo '+local changes')" \
  jdk="$("$JDK/bin/java" -version 2>&1 | head -1)" nginx="$(command -v nginx >/dev/null && nginx -v 2>&1 | sed 's/.*: //' || echo none)" \
  release="$RELEASE" rounds="$ROUNDS" duration_s="$DURATION" quick="$QUICK" only="${ONLY:-all}" \
  runtime_s="$RUNTIME" cpus="$(nproc)" load_average="$(cut -d' ' -f1-3 /proc/loadavg)" \
  node="$(node --version 2>/dev/null || echo none)" mcp_peers="${PEER_VERSIONS:-none}" mcp_calls="$MCP_CALLS" \
  mcp_sessions="$MCP_SESSIONS" mcp_large_calls="$MCP_LARGE_CALLS"
