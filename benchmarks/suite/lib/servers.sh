# The servers under test: the nginx upstream, nginx as TLS reverse proxy, and jetway with the equivalent config.
# Sourced by run.sh after common.sh; needs WORK, PORT_BASE, JETWAY_HOME (an unpacked release) and JDK.

UPSTREAM_PORT=$((PORT_BASE + 80))
SMALL_BODY='hello world\n'   # 12 bytes, as nginx and jetway send it

# Each proxy listens on two ports, one per certificate: <base> with ECDSA P-256, <base>+1 with RSA-2048. The MCP
# jetway listens on <base> with TLS and on <base>+1 without (jetway-mcp-http); the MCP peers on one plain port each.
proxy_port() {
  case $1 in
    nginx) echo $((PORT_BASE + 100)) ;;
    jetway-jdk) echo $((PORT_BASE + 200)) ;;
    jetway-conscrypt) echo $((PORT_BASE + 300)) ;;
    jetway-mcp) echo $((PORT_BASE + 400)) ;;
    jetway-mcp-http) echo $((PORT_BASE + 401)) ;;
    supergateway) echo $((PORT_BASE + 500)) ;;
    mcp-proxy) echo $((PORT_BASE + 600)) ;;
    *) die "no port for $1" ;;
  esac
}
# jetway's own endpoints (admin, metrics, readiness) take <base>+10, +11, +12.
all_ports() {
  local p base
  echo "$UPSTREAM_PORT"
  for p in nginx jetway-jdk jetway-conscrypt jetway-mcp; do
    base=$(proxy_port $p)
    echo "$base $((base + 1)) $((base + 10)) $((base + 11)) $((base + 12))"
  done
  proxy_port supergateway
  proxy_port mcp-proxy
}

# Self-signed certificates for 127.0.0.1/localhost, made fresh in the work folder (never committed).
make_certs() {
  local san="subjectAltName=DNS:localhost,IP:127.0.0.1"
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj /CN=localhost \
    -addext "$san" -keyout "$WORK/ec-key.pem" -out "$WORK/ec-cert.pem" 2>/dev/null || die "openssl: no EC certificate"
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=localhost \
    -addext "$san" -keyout "$WORK/rsa-key.pem" -out "$WORK/rsa-cert.pem" 2>/dev/null || die "openssl: no RSA certificate"
  # nginx's workers run as nobody when started by root: the files they serve must be world-readable.
  mkdir -p "$WORK/www"
  head -c 65536 /dev/zero | tr '\0' 'x' >"$WORK/www/64k"
  chmod 755 "$WORK" "$WORK/www" && chmod 644 "$WORK/www/64k"
}

# The part both nginx configs share: one worker in the foreground (so that the spawned id is the master's), no
# access log, and connections kept for the whole run (the default 1,000 requests per connection would make the
# proxy re-handshake with wrk in the middle of a measurement).
nginx_head() {
  cat <<EOF
worker_processes 1;
daemon off;
pid $WORK/$1.pid;
error_log $WORK/logs/$1-error.log warn;
worker_rlimit_nofile 16384;
events { worker_connections 8192; }
http {
  access_log off;
  default_type text/plain;
  keepalive_requests 100000000;
  keepalive_timeout 300s;
  client_body_temp_path $WORK/$1-temp;
  proxy_temp_path $WORK/$1-temp;
EOF
}

# spawn_nginx <name> <cpu>: starts nginx with $WORK/<name>.conf and sets SPAWNED_PID to its master.
spawn_nginx() {
  mkdir -p "$WORK/$1-temp"
  nginx -t -q -e "$WORK/logs/$1-error.log" -p "$WORK" -c "$WORK/$1.conf" 2>"$WORK/logs/$1-test.log" \
    || die "nginx refuses $WORK/$1.conf: $(cat "$WORK/logs/$1-test.log")"
  spawn "$2" "$1" nginx -e "$WORK/logs/$1-error.log" -p "$WORK" -c "$WORK/$1.conf"
}

# The upstream: plain HTTP on 127.0.0.1, a 12-byte body at /small and a 64 KiB file at /64k; on the client's core.
start_upstream() {
  { nginx_head upstream; cat <<EOF
  server {
    listen 127.0.0.1:$UPSTREAM_PORT backlog=4096;
    location = /small { return 200 "$SMALL_BODY"; }
    location = /64k { root $WORK/www; open_file_cache max=16; }
  }
}
EOF
  } >"$WORK/upstream.conf"
  spawn_nginx upstream "$CLIENT_CPU"
  UPSTREAM_PID=$SPAWNED_PID
  START_NS=$(date +%s%N) wait_for_200 "http://127.0.0.1:$UPSTREAM_PORT/small" 10 >/dev/null \
    || die "the upstream did not answer (see $WORK/logs/upstream*.log)"
}

# nginx as TLS 1.3 reverse proxy: one worker, HTTP/1.1 keep-alive to the upstream, and no session cache or tickets,
# so that every new connection is a full handshake. /direct answers without the upstream (TLS-only baseline).
nginx_server() {
  local port=$1 key=$2
  cat <<EOF
  server {
    listen 127.0.0.1:$port ssl http2 backlog=4096;
    ssl_certificate $WORK/$key-cert.pem;
    ssl_certificate_key $WORK/$key-key.pem;
    location = /direct { return 200 "$SMALL_BODY"; }
    location / {
      proxy_pass http://upstream;
      proxy_http_version 1.1;
      # The same forwarding headers jetway adds, so that both send the upstream the same work.
      proxy_set_header Connection "";
      proxy_set_header Host \$http_host;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto \$scheme;
      proxy_set_header X-Forwarded-Host \$host;
    }
  }
EOF
}

start_nginx_proxy() {
  local port
  port=$(proxy_port nginx)
  { nginx_head nginx; cat <<EOF
  ssl_protocols TLSv1.3;
  ssl_session_cache off;
  ssl_session_tickets off;
  # 64 KiB responses fit in memory: the default 8 x 4k buffers would spill them into temporary files.
  proxy_buffer_size 16k;
  proxy_buffers 8 16k;
  upstream upstream {
    server 127.0.0.1:$UPSTREAM_PORT;
    keepalive 64;
    keepalive_requests 100000000;
    keepalive_timeout 300s;
  }
EOF
    nginx_server "$port" ec
    nginx_server $((port + 1)) rsa
    echo "}"
  } >"$WORK/nginx.conf"
  START_NS=$(date +%s%N)
  spawn_nginx nginx "$PROXY_CPU"
  PROXY_PID[nginx]=$SPAWNED_PID
  STARTUP_S=$(wait_for_200 "https://127.0.0.1:$port/small" 10 "$SPAWNED_PID") || die "nginx proxy did not answer (see $WORK/logs/nginx*.log)"
}

# jetway's equivalent of nginx_server: /direct answered by directResponse, the rest proxied. No minTLSVersion "1.3":
# with Conscrypt such a listener drops every connection at the ClientHello (jetway 0.1.0); the clients here all
# negotiate TLS 1.3 anyway, and the figures record the protocol and cipher they got.
jetway_bind() {
  local port=$1 key=$2
  cat <<EOF
- port: $port
  listeners:
  - protocol: HTTPS
    tls: {cert: $WORK/$key-cert.pem, key: $WORK/$key-key.pem}
    routes:
    - name: direct
      matches: [{path: {exact: /direct}}]
      policies: {directResponse: {body: "$SMALL_BODY", status: 200}}
    - name: upstream
      backends: [{host: "127.0.0.1:$UPSTREAM_PORT"}]
EOF
}

# jetway_config <contender> <provider>: the gateway-wide settings. No access log (nginx's is off too); admin, metrics
# and readiness endpoints on the suite's ports, so that two jetways here (or others' on the defaults 15000/15020/
# 15021) do not collide. Metrics stay on: they are part of jetway's work per request. Releases older than these
# settings refuse them: probed once with --validate-only, and left out there.
jetway_config() {
  local base
  base=$(proxy_port "$1")
  printf 'config:\n  tlsProvider: %s\n' "$2"
  if [ -z "${JETWAY_OPS:-}" ]; then
    JETWAY_OPS=no
    printf '%s\n' 'config: {adminAddr: "off", statsAddr: "off", readinessAddr: "off", logging: {accessLog: "off"}}' \
      'binds: [{port: 1, listeners: [{routes: [{policies: {directResponse: {body: x, status: 200}}}]}]}]' \
      >"$WORK/ops-probe.yaml"
    JAVA_HOME=$JDK "$JETWAY_HOME/bin/jetway" --validate-only -f "$WORK/ops-probe.yaml" >/dev/null 2>&1 && JETWAY_OPS=yes
  fi
  [ "$JETWAY_OPS" = yes ] && cat <<EOF
  adminAddr: 127.0.0.1:$((base + 10))
  statsAddr: 127.0.0.1:$((base + 11))
  readinessAddr: 127.0.0.1:$((base + 12))
  logging: {accessLog: "off"}
EOF
  return 0
}

# start_jetway <jetway-jdk|jetway-conscrypt>: starts the release's bin/jetway on the proxy core and times its start
# to the first proxied 200 (STARTUP_S).
start_jetway() {
  local name=$1 port
  port=$(proxy_port "$name")
  { jetway_config "$name" "${name#jetway-}"
    echo "binds:"
    jetway_bind "$port" ec
    jetway_bind $((port + 1)) rsa
  } >"$WORK/$name.yaml"
  START_NS=$(date +%s%N)
  JAVA_HOME=$JDK spawn "$PROXY_CPU" "$name" "$JETWAY_HOME/bin/jetway" -f "$WORK/$name.yaml" --bind-address 127.0.0.1
  PROXY_PID[$name]=$SPAWNED_PID
  STARTUP_S=$(wait_for_200 "https://127.0.0.1:$port/small" 60 "$SPAWNED_PID") || die "$name did not answer (see $WORK/logs/$name.log)"
}

# start_proxy <contender>: nginx or a jetway, fresh; stop_proxy <contender>.
start_proxy() {
  if [ "$1" = nginx ]; then start_nginx_proxy; else start_jetway "$1"; fi
}
stop_proxy() {
  stop "${PROXY_PID[$1]}"
  unset "PROXY_PID[$1]"
}
declare -A PROXY_PID

# The processes that do a proxy's work: nginx's workers (children of its master), or jetway's JVM, or an MCP peer's
# node process (whose children, if any, are stdio MCP servers: not the proxy's own work).
serving_pids() {
  local pid=${PROXY_PID[$1]}
  if [ "$1" = nginx ]; then pgrep -P "$pid" | tr '\n' ' '; else echo "$pid"; fi
}
