# MCP: the server-everything stdio server behind jetway (streamable HTTP over TLS, and over plain HTTP), behind the
# MCP gateways a user would pick instead (supergateway, mcp-proxy: plain HTTP, pinned in peers/package.json), and
# driven straight over stdio. Contenders that cannot run are skipped with the reason in the report. Sourced by run.sh
# after workloads.sh.

MCP_SERVER=$REPO/tools/mcp-servers/node_modules/@modelcontextprotocol/server-everything/dist/index.js
MCP_PEERS=$SUITE/peers
MCP_GATEWAYS=(jetway-mcp jetway-mcp-http supergateway mcp-proxy)

# The large result: server-everything's get-env returns its environment as JSON, so every contender's child gets the
# same padding variables (8 x 131,000 characters: under Linux's 128 KiB limit for one variable, about 1 MiB in all)
# and the same few base variables (those jetway passes its stdio children). The request stays small, so this
# measures a 1 MiB result only (an echo of a 1 MiB message would also send 1 MiB, which supergateway refuses: its
# JSON body limit is express's default of 100 kB).
MCP_PADS=()
MCP_CHILD_ENV=()
mcp_environment() {
  local pad i name
  pad=$(head -c 131000 /dev/zero | tr '\0' x)
  for i in 0 1 2 3 4 5 6 7; do MCP_PADS+=("BENCH_PAD_$i=$pad"); done
  for name in PATH HOME USER LOGNAME SHELL TMPDIR TZ LANG LANGUAGE TERM $(compgen -e | grep '^LC_' || true); do
    [ -z "${!name+x}" ] || MCP_CHILD_ENV+=("$name=${!name}")
  done
  MCP_CHILD_ENV+=("${MCP_PADS[@]}")
}

mcp_bind() {
  local port=$1 protocol=$2 tls="" i
  [ "$protocol" = HTTP ] || tls="    tls: {cert: $WORK/ec-cert.pem, key: $WORK/ec-key.pem}"
  cat <<EOF
- port: $port
  listeners:
  - protocol: $protocol
$tls
    routes:
    - backends:
      - mcp:
          targets:
          - name: everything
            stdio:
              cmd: node
              args: ["$MCP_SERVER", stdio]
              env:
EOF
  for i in 0 1 2 3 4 5 6 7; do echo "                BENCH_PAD_$i: \${BENCH_PAD_$i}"; done
}

write_mcp_config() {
  { jetway_config jetway-mcp "${JETWAYS[0]#jetway-}"
    echo "binds:"
    mcp_bind "$(proxy_port jetway-mcp)" HTTPS
    mcp_bind "$(proxy_port jetway-mcp-http)" HTTP
  } >"$WORK/jetway-mcp.yaml"
}

jetway_validate() {
  env "${MCP_PADS[@]}" JAVA_HOME="$JDK" "$JETWAY_HOME/bin/jetway" --validate-only -f "$WORK/jetway-mcp.yaml" \
    >"$WORK/logs/mcp-validate.log" 2>&1
}

# Prints why server-everything cannot run, or nothing (installing tools/mcp-servers with npm ci when missing).
mcp_server_unavailable() {
  command -v node >/dev/null 2>&1 || { echo "n/a (no node)"; return; }
  [ ! -f "$MCP_SERVER" ] || return 0
  command -v npm >/dev/null 2>&1 || { echo "n/a (server-everything not installed, and no npm)"; return; }
  log "installing tools/mcp-servers (npm ci)"
  npm ci --prefix "$REPO/tools/mcp-servers" >"$WORK/logs/npm.log" 2>&1 && [ -f "$MCP_SERVER" ] \
    || echo "n/a (npm ci in tools/mcp-servers failed: see $WORK/logs/npm.log)"
}

# Prints why jetway cannot front it, or nothing.
mcp_jetway_unavailable() {
  write_mcp_config
  jetway_validate && return
  local validate=$WORK/logs/mcp-validate.log
  if grep -qi 'mcp' "$validate" && grep -qi 'not supported' "$validate"; then
    echo "n/a (no mcp plugin)"
  else
    echo "n/a (mcp config refused: $(grep -m1 '^  ' "$validate" | head -c 200))"
  fi
}

# The installed version of a peer package, or nothing.
peer_version() {
  node -p "require('$MCP_PEERS/node_modules/$1/package.json').version" 2>/dev/null || true
}

# Prints why the peers cannot run, or nothing (installing them with npm ci when missing or not the pinned versions).
mcp_peers_unavailable() {
  local pinned
  pinned=$(node -p "const d = require('$MCP_PEERS/package.json').dependencies;
    [d.supergateway, d['mcp-proxy']].join(' ')") || { echo "n/a (cannot read peers/package.json)"; return; }
  [ "$(peer_version supergateway) $(peer_version mcp-proxy)" != "$pinned" ] || return 0
  command -v npm >/dev/null 2>&1 || { echo "n/a (peers not installed, and no npm)"; return; }
  log "installing the MCP peers (npm ci --prefix benchmarks/suite/peers)"
  npm ci --prefix "$MCP_PEERS" >"$WORK/logs/npm-peers.log" 2>&1 \
    || { echo "n/a (npm ci in benchmarks/suite/peers failed: see $WORK/logs/npm-peers.log)"; return; }
  [ "$(peer_version supergateway) $(peer_version mcp-proxy)" = "$pinned" ] \
    || echo "n/a (peers installed, but not the pinned $pinned)"
}

# The URL a gateway serves MCP on.
mcp_url() {
  case $1 in
    jetway-mcp) echo "https://127.0.0.1:$(proxy_port "$1")/mcp" ;;
    *) echo "http://127.0.0.1:$(proxy_port "$1")/mcp" ;;
  esac
}

# mcp_target <contender>: mcp_echo.py's target words. direct: the client spawns the server itself, on the proxy core
# where the gateways' children run too, so that all compare the same placement.
mcp_target() {
  if [ "$1" = direct ]; then
    echo stdio taskset -c "$PROXY_CPU" env -i "${MCP_CHILD_ENV[@]}" "$(command -v node)" "$MCP_SERVER" stdio
  else
    echo http "$(mcp_url "$1")"
  fi
}
# (The padding has no spaces, and neither may the repository's path: the words are split again.)

# Process ids of the server-everything processes among a process's descendants (node running it; not the shell
# that supergateway puts between itself and each child).
mcp_children() {
  ps -eo pid=,ppid=,args= | awk -v root="$1" -v server="$MCP_SERVER" '
    { parent[$1] = $2; command[$1] = $3; line[$1] = $0 }
    END {
      for (p in parent) {
        q = p
        while ((q in parent) && q != root && q > 1) q = parent[q]
        if (q == root && p != root && command[p] ~ /(^|\/)node$/ && index(line[p], server)) print p
      }
    }'
}
# Every descendant of a process.
descendants() {
  ps -eo pid=,ppid= | awk -v root="$1" '
    { parent[$1] = $2 }
    END { for (p in parent) { q = p; while ((q in parent) && q != root && q > 1) q = parent[q]; if (q == root && p != root) print p } }'
}

wait_for_port() {
  local port=$1 pid=$2 i
  for i in $(seq 1 600); do
    python3 - "$port" <<'EOF' 2>/dev/null && return 0
import socket, sys
socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=1).close()
EOF
    kill -0 "$pid" 2>/dev/null || return 1
    sleep 0.1
  done
  return 1
}

# start_gateway <contender>: on the proxy core, its stdio children inherit the core. jetway serves both its
# contenders from one JVM (TLS and plain binds); the peers are stateful streamable HTTP, one child per session
# where they can (mcp-proxy cannot: it spawns one child at start, shared by all sessions).
start_gateway() {
  local node
  node=$(command -v node)
  case $1 in
    jetway-mcp)
      spawn "$PROXY_CPU" jetway-mcp env "${MCP_PADS[@]}" JAVA_HOME="$JDK" \
        "$JETWAY_HOME/bin/jetway" -f "$WORK/jetway-mcp.yaml" --bind-address 127.0.0.1 ;;
    supergateway)
      # --logLevel none: at its default (info) it logs every message; jetway's access log is off here too.
      # It exits when its stdin closes, and a background job's stdin is /dev/null: it reads a FIFO it also holds
      # open for writing, which never ends.
      rm -f "$WORK/supergateway.stdin" && mkfifo "$WORK/supergateway.stdin"
      spawn "$PROXY_CPU" supergateway bash -c 'exec 0<>"$1"; shift; exec "$@"' stdin "$WORK/supergateway.stdin" \
        env -i "${MCP_CHILD_ENV[@]}" "$node" --require "$LIB/loopback.cjs" \
        "$MCP_PEERS/node_modules/supergateway/dist/index.js" --stdio "$(printf '%q %q stdio' "$node" "$MCP_SERVER")" \
        --outputTransport streamableHttp --stateful --port "$(proxy_port supergateway)" --logLevel none ;;
    mcp-proxy)
      spawn "$PROXY_CPU" mcp-proxy env -i "${MCP_CHILD_ENV[@]}" "$node" \
        "$MCP_PEERS/node_modules/mcp-proxy/dist/bin/mcp-proxy.mjs" --host 127.0.0.1 --port "$(proxy_port mcp-proxy)" \
        --server stream -- "$node" "$MCP_SERVER" stdio ;;
  esac
  PROXY_PID[$1]=$SPAWNED_PID
  local started=$SECONDS status="still running"
  if ! wait_for_port "$(proxy_port "$1")" "$SPAWNED_PID"; then
    kill -0 "$SPAWNED_PID" 2>/dev/null || { wait "$SPAWNED_PID" && status="it exited with status 0" || status="it exited with status $?"; }
    die "$1 did not listen on port $(proxy_port "$1") within $((SECONDS - started)) s ($status; see $WORK/logs/$1.log)"
  fi
  [ "$1" != jetway-mcp ] || PROXY_PID[jetway-mcp-http]=$SPAWNED_PID
}

# Stops a gateway, then whatever of its descendants outlived it (supergateway puts its children in process groups
# of their own), by id.
stop_gateway() {
  local pid=${PROXY_PID[$1]} left p
  left=$(descendants "$pid")
  stop_proxy "$1"
  [ "$1" != jetway-mcp ] || unset "PROXY_PID[jetway-mcp-http]"
  for p in $left; do kill -TERM "$p" 2>/dev/null || true; done
  sleep 0.5
  for p in $left; do kill -KILL "$p" 2>/dev/null || true; done
}

# Freezes the proxy's CPU reading for record_figures (what follows, e.g. waiting for children to end, is not counted).
cpu_stop() { CPU_END=$([ -z "$CPU_PIDS" ] || cpu_ticks $CPU_PIDS); }

# mcp_run <workload> <contender> <mcp_echo.py arguments before the target...>: runs the client, its output in
# $MCP_OUT, and freezes the proxy's CPU reading when it is done.
mcp_run() {
  local workload=$1 contender=$2
  shift 2
  MCP_OUT=$(out_file "$workload" "$contender").txt
  cpu_mark "$contender"
  # shellcheck disable=SC2046 # the target's words
  if ! client python3 "$LIB/mcp_echo.py" "$@" $(mcp_target "$contender") >"$MCP_OUT" 2>&1; then
    log "warning: $workload via $contender failed: $(tail -1 "$MCP_OUT" | head -c 300)"
    return 1
  fi
  cpu_stop
}

mcp_echo_workload() {
  mcp_run "mcp_c$1" "$2" echo "$MCP_CALLS" "$1" || return 0
  record_figures "mcp_c$1" "$2" $(tail -1 "$MCP_OUT")
}

mcp_large_workload() {
  mcp_run mcp_large "$1" large "$MCP_LARGE_CALLS" || return 0
  record_figures mcp_large "$1" $(tail -1 "$MCP_OUT")
}

# Sessions one after the other; then the server-everything children the gateway still runs, at once and 2 s later.
mcp_sessions_workload() {
  local before="" children=()
  [ "$1" = direct ] || before=$(mcp_children "${PROXY_PID[$1]}" | wc -l)
  mcp_run mcp_sessions "$1" sessions "$MCP_SESSIONS" || return 0
  if [ "$1" != direct ]; then
    children+=("children_before=$before" "children_after=$(mcp_children "${PROXY_PID[$1]}" | wc -l)")
    sleep 2
    children+=("children_after_2s=$(mcp_children "${PROXY_PID[$1]}" | wc -l)")
  fi
  record_figures mcp_sessions "$1" $(tail -1 "$MCP_OUT") "${children[@]}"
}

# Not recorded: JIT compilers (jetway's C2 on one core needs tens of seconds; node's are quicker) see the measured
# paths first. jetway: rounds of echo at c=16 and c=1 and large results until its compiler threads take under 5%
# of its CPU (at most WARMUP_MAX seconds); a peer: one such round.
mcp_warm_up() {
  local c=$1 pid=${PROXY_PID[$1]} started=$SECONDS share=100 jit0 all0 target
  target=$(mcp_target "$c")
  while :; do
    jit0=$(jit_ticks "$pid") all0=$(cpu_ticks "$pid")
    # shellcheck disable=SC2086
    client python3 "$LIB/mcp_echo.py" echo 2000 16 $target >/dev/null 2>&1 || true
    # shellcheck disable=SC2086
    client python3 "$LIB/mcp_echo.py" echo 500 1 $target >/dev/null 2>&1 || true
    # shellcheck disable=SC2086
    client python3 "$LIB/mcp_echo.py" large 3 $target >/dev/null 2>&1 || true
    case $c in jetway-*) ;; *) break ;; esac
    share=$((($(jit_ticks "$pid") - jit0) * 100 / ($(cpu_ticks "$pid") - all0 + 1)))
    [ $((SECONDS - started)) -lt "$WARMUP_MAX" ] && [ "$share" -ge 5 ] || break
  done
  log "$c warmed up in $((SECONDS - started)) s$(case $c in jetway-*) echo " (JIT compilers: $share% of its CPU in the last round)" ;; esac)"
}

mcp_skip() {
  local w
  for w in mcp_c1 mcp_c16 mcp_sessions mcp_large; do record "workload=$w" "contender=$1" round=0 "status=$2"; done
}

mcp_phase() {
  local reason contenders=() c
  reason=$(mcp_server_unavailable)
  if [ -n "$reason" ]; then
    log "MCP: $reason"
    for c in "${MCP_GATEWAYS[@]}" direct; do mcp_skip "$c" "$reason"; done
    return 0
  fi
  mcp_environment
  reason=$(mcp_jetway_unavailable)
  if [ -n "$reason" ]; then
    log "MCP: jetway $reason"
    mcp_skip jetway-mcp "$reason"
    mcp_skip jetway-mcp-http "$reason"
  else
    contenders+=(jetway-mcp jetway-mcp-http)
  fi
  reason=$(mcp_peers_unavailable)
  if [ -n "$reason" ]; then
    log "MCP: peers $reason"
    mcp_skip supergateway "$reason"
    mcp_skip mcp-proxy "$reason"
  else
    contenders+=(supergateway mcp-proxy)
    PEER_VERSIONS="supergateway $(peer_version supergateway), mcp-proxy $(peer_version mcp-proxy)"
  fi
  contenders+=(direct)
  log "MCP: ${contenders[*]}; rounds: $ROUNDS"
  for c in "${contenders[@]}"; do
    case $c in jetway-mcp-http | direct) ;; *) start_gateway "$c" ;; esac
  done
  for c in "${contenders[@]}"; do
    [ "$c" = direct ] || mcp_warm_up "$c"
  done
  local order sessions
  for ((ROUND = 1; ROUND <= ROUNDS; ROUND++)); do
    order=$(rotate $((ROUND - 1)) "${contenders[@]}")
    log "MCP round $ROUND/$ROUNDS: echo, large results, sessions ($order)"
    for c in $order; do mcp_echo_workload 1 "$c"; done
    for c in $order; do mcp_echo_workload 16 "$c"; done
    for c in $order; do mcp_large_workload "$c"; done
    # Sessions cost a child start each (about half a second): the TLS row is left out, the transport matters
    # little there.
    for c in $order; do [ "$c" = jetway-mcp ] || mcp_sessions_workload "$c"; done
  done
  for c in "${contenders[@]}"; do
    case $c in jetway-mcp-http | direct) ;; *) stop_gateway "$c" ;; esac
  done
}
