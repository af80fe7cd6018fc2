# Shared helpers of the benchmark suite: logging, tool checks, pinned processes and their clean-up, /proc readings.
# Sourced by run.sh; expects WORK (the run's scratch folder) to be set before spawn() is used.

# The core layout the suite measures: proxies alone on core 1, load generator and upstream together on core 0.
PROXY_CPU=1
CLIENT_CPU=0

log() { printf '[%(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
die() { printf 'benchmark suite: %s\n' "$*" >&2; exit 1; }

# Installs the Debian packages behind missing commands ("command:package" pairs), or dies saying which are missing.
ensure_tools() {
  local missing=() pair
  for pair in "$@"; do
    command -v "${pair%%:*}" >/dev/null 2>&1 || missing+=("${pair##*:}")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing missing packages: ${missing[*]}"
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || die "missing ${missing[*]}, and not root and no sudo to install them"
    sudo="sudo"
  fi
  command -v apt-get >/dev/null 2>&1 || die "missing ${missing[*]}, and no apt-get to install them"
  $sudo apt-get update -qq && $sudo env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2 || die "could not install ${missing[*]}"
  for pair in "$@"; do
    command -v "${pair%%:*}" >/dev/null 2>&1 || die "${pair%%:*} still missing after installing ${pair##*:}"
  done
}

# Dies when something already listens on one of the ports: a stray server would silently take the load instead.
ensure_ports_free() {
  python3 - "$@" <<'EOF' || die "port(s) in use on 127.0.0.1 (choose others with --port-base)"
import socket, sys
busy = []
for port in map(int, sys.argv[1:]):
    with socket.socket() as s:
        # As the servers do: connections in TIME_WAIT from an earlier run do not keep a port busy, a listener does.
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            busy.append(port)
if busy:
    print("busy ports:", *busy, file=sys.stderr)
    sys.exit(1)
EOF
}

# Every process spawn() started, killed by id on exit (nginx masters take their workers with them).
SPAWNED=()

# spawn <cpu> <log name> <command...>: starts the command pinned to one core, output to $WORK/logs/<name>.log,
# and sets SPAWNED_PID. taskset execs the command (and bin/jetway execs java), so the id is the server's own.
spawn() {
  local cpu=$1 name=$2
  shift 2
  taskset -c "$cpu" "$@" >"$WORK/logs/$name.log" 2>&1 &
  SPAWNED_PID=$!
  SPAWNED+=("$SPAWNED_PID")
}

# stop <pid>: TERM, a grace period, then KILL; waits so that the next start finds its ports free.
stop() {
  local pid=$1 i
  # A process that already exited is only forgotten (clean-up loops until every id is).
  if kill -TERM "$pid" 2>/dev/null; then
    for i in $(seq 1 50); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
  # Forget it, so that clean-up never signals a later process that got the same id.
  local kept=() p
  for p in "${SPAWNED[@]}"; do [ "$p" = "$pid" ] || kept+=("$p"); done
  SPAWNED=("${kept[@]}")
}

cleanup() {
  while [ ${#SPAWNED[@]} -gt 0 ]; do stop "${SPAWNED[0]}"; done
}

# CPU time (user + system, in clock ticks) of the given processes, from /proc/<pid>/stat fields 14 and 15.
cpu_ticks() {
  # The command name (field 2) may contain spaces: count the fields after its closing parenthesis.
  local pid
  for pid in "$@"; do sed 's/.*) //' "/proc/$pid/stat"; done | awk '{ total += $12 + $13 } END { print total + 0 }'
}
CLK_TCK=$(getconf CLK_TCK)

# Resident set size in KiB, summed over the given processes.
rss_kib() {
  local total=0 pid
  for pid in "$@"; do
    total=$((total + $(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status")))
  done
  echo "$total"
}

# wait_for_200 <url> <seconds> [pid]: polls with curl until the URL answers 200 (giving up when the process
# exits); prints the seconds since $START_NS.
wait_for_200() {
  local url=$1 limit=$2 pid=${3:-} deadline now
  deadline=$(( $(date +%s%N) + limit * 1000000000 ))
  while :; do
    if [ "$(taskset -c "$CLIENT_CPU" curl -sk -o /dev/null -w '%{http_code}' --max-time 2 "$url")" = 200 ]; then
      now=$(date +%s%N)
      python3 -c "print(round(($now - $START_NS) / 1e9, 3))"
      return 0
    fi
    [ "$(date +%s%N)" -lt "$deadline" ] || return 1
    [ -z "$pid" ] || kill -0 "$pid" 2>/dev/null || return 1
  done
}

# Appends one measurement (a JSON object made of key=value arguments; numbers stay numbers) to the samples file.
record() {
  python3 - "$@" >>"$WORK/samples.jsonl" <<'EOF'
import json, sys
def value(v):
    try:
        return int(v)
    except ValueError:
        try:
            return float(v)
        except ValueError:
            return v
print(json.dumps({k: value(v) for k, v in (a.split("=", 1) for a in sys.argv[1:])}))
EOF
}
