#!/bin/sh
# Writes lib/jetway.classlist for an unpacked jetway: the classes a gateway loads while starting and serving HTTP,
# HTTPS, HTTP/2 and a proxied request. bin/jetway turns it into an AppCDS archive (lib/jetway.jsa) at its first start
# where it is installed (Java 17 cannot move an archive to another folder), so that every later start maps those
# classes pre-parsed instead of reading and verifying jars.
set -eu
home=$(cd "$1" && pwd)
work=$(mktemp -d)
pid=""
cleanup() {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 1 -subj /CN=localhost \
  -keyout "$work/key.pem" -out "$work/cert.pem" 2>/dev/null
cat > "$work/train.yaml" <<YAML
config:
  logging: {accessLog: "off"}
binds:
- port: 0
  listeners:
  - routes:
    - policies: {directResponse: {body: "trained", status: 200}}
- port: 0
  listeners:
  - protocol: HTTPS
    tls: {cert: $work/cert.pem, key: $work/key.pem}
    routes:
    - backends: [{host: "127.0.0.1:1"}]
YAML

rm -f "$home/lib/jetway.classlist" "$home/lib/jetway.jsa" "$home/lib/jetway.jsa.for"
JAVA_OPTS="-Xshare:off -XX:DumpLoadedClassList=$home/lib/jetway.classlist" ADMIN_ADDR=off STATS_ADDR=off READINESS_ADDR=off \
  "$home/bin/jetway" -f "$work/train.yaml" --bind-address 127.0.0.1 > "$work/log" 2>&1 &
pid=$!
tries=0
until grep -qs "jetway .* started" "$work/log"; do
  tries=$((tries + 1))
  if [ $tries -gt 300 ] || ! kill -0 "$pid" 2>/dev/null; then
    cat "$work/log" >&2
    echo "train-classlist: jetway did not start" >&2
    exit 1
  fi
  sleep 0.1
done
ports=$(sed -n 's/.*Listening on 127.0.0.1:\([0-9]*\).*/\1/p' "$work/log")
plain=$(echo "$ports" | sed -n 1p)
secure=$(echo "$ports" | sed -n 2p)
for version in --http1.1 --http2; do
  curl -s -o /dev/null "$version" "http://127.0.0.1:$plain/"
  curl -s -o /dev/null -k "$version" "https://127.0.0.1:$secure/"  # a 502 from the host backend: the proxy path
done
kill -TERM "$pid"
wait "$pid" || true
pid=""
if [ ! -s "$home/lib/jetway.classlist" ]; then
  cat "$work/log" >&2
  echo "train-classlist: no class list was written" >&2
  exit 1
fi
echo "train-classlist: wrote $home/lib/jetway.classlist ($(wc -l < "$home/lib/jetway.classlist") classes)"
