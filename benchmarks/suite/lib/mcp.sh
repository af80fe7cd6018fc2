# MCP tools/call echo through jetway (streamable HTTP over TLS to a stdio server-everything) against the same
# server driven straight over stdio. Skipped, with the reason in the report, while the release has no mcp backend.
# Sourced by run.sh after workloads.sh.

MCP_SERVER=$REPO/tools/mcp-servers/node_modules/@modelcontextprotocol/server-everything/dist/index.js

write_mcp_config() {
  local port
  port=$(proxy_port jetway-mcp)
  { jetway_config jetway-mcp "${JETWAYS[0]#jetway-}"; cat <<EOF
binds:
- port: $port
  listeners:
  - protocol: HTTPS
    tls: {cert: $WORK/ec-cert.pem, key: $WORK/ec-key.pem}
    routes:
    - backends:
      - mcp:
          targets:
          - name: everything
            stdio: {cmd: node, args: ["$MCP_SERVER", stdio]}
EOF
  } >"$WORK/jetway-mcp.yaml"
}

# Prints why MCP cannot be measured, or nothing when it can (installing the pinned npm server when missing).
mcp_unavailable() {
  command -v node >/dev/null 2>&1 || { echo "n/a (no node)"; return; }
  write_mcp_config
  local validate=$WORK/logs/mcp-validate.log
  JAVA_HOME=$JDK "$JETWAY_HOME/bin/jetway" --validate-only -f "$WORK/jetway-mcp.yaml" >"$validate" 2>&1 && return
  if grep -qi 'mcp' "$validate" && grep -qi 'not supported' "$validate"; then
    echo "n/a (no mcp plugin)"
  elif [ -f "$MCP_SERVER" ]; then
    echo "n/a (mcp config refused: $(grep -m1 '^  ' "$validate" | head -c 200))"
  elif ! command -v npm >/dev/null 2>&1; then
    echo "n/a (server-everything not installed, and no npm)"
  elif ! npm ci --prefix "$REPO/tools/mcp-servers" >"$WORK/logs/npm.log" 2>&1; then
    echo "n/a (npm ci in tools/mcp-servers failed)"
  else
    # Validation may have failed on the missing server only: try again now that it is there.
    JAVA_HOME=$JDK "$JETWAY_HOME/bin/jetway" --validate-only -f "$WORK/jetway-mcp.yaml" >"$validate" 2>&1 \
      || echo "n/a (mcp config refused: $(grep -m1 '^  ' "$validate" | head -c 200))"
  fi
}

# mcp_workload <concurrency> <contender>: jetway-mcp over HTTPS, or direct: the client spawns the server itself,
# on the proxy core where jetway's own stdio child runs, so that both compare the same placement.
mcp_workload() {
  local out figures
  out=$(out_file "mcp_c$1" "$2")
  cpu_mark "$2"
  if [ "$2" = direct ]; then
    client python3 "$LIB/mcp_echo.py" stdio "$MCP_CALLS" "$1" taskset -c "$PROXY_CPU" node "$MCP_SERVER" stdio >"$out.txt" 2>&1
  else
    client python3 "$LIB/mcp_echo.py" http "$(url "$2" /mcp)" "$MCP_CALLS" "$1" >"$out.txt" 2>&1
  fi || { log "warning: mcp c=$1 via $2 failed: $(tail -1 "$out.txt")"; return 0; }
  record_figures "mcp_c$1" "$2" $(tail -1 "$out.txt")
}

mcp_phase() {
  local reason
  reason=$(mcp_unavailable)
  if [ -n "$reason" ]; then
    log "MCP: $reason"
    record workload=mcp_c1 contender=jetway-mcp round=0 "status=$reason"
    record workload=mcp_c16 contender=jetway-mcp round=0 "status=$reason"
    return 0
  fi
  log "MCP: tools/call echo through jetway and over stdio"
  local port
  port=$(proxy_port jetway-mcp)
  START_NS=$(date +%s%N)
  JAVA_HOME=$JDK spawn "$PROXY_CPU" jetway-mcp "$JETWAY_HOME/bin/jetway" -f "$WORK/jetway-mcp.yaml" --bind-address 127.0.0.1
  PROXY_PID[jetway-mcp]=$SPAWNED_PID
  local i
  for i in $(seq 1 300); do
    python3 - "$port" <<'EOF' 2>/dev/null && break
import socket, sys
socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=1).close()
EOF
    sleep 0.1
  done
  for ((ROUND = 1; ROUND <= ROUNDS; ROUND++)); do
    for c in $(rotate $((ROUND - 1)) jetway-mcp direct); do
      mcp_workload 1 "$c"
      mcp_workload 16 "$c"
    done
  done
  stop_proxy jetway-mcp
}
