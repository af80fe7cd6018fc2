#!/bin/sh
# Makes a throwaway CA, a server certificate for localhost and a client certificate for the mTLS example, in certs/.
# For local testing only.
set -e
cd "$(dirname "$0")"
mkdir -p certs
cd certs
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 30 \
  -keyout ca-key.pem -out ca-cert.pem -subj '/CN=jetway example CA'
openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout server-key.pem -out server.csr -subj '/CN=localhost'
openssl x509 -req -in server.csr -CA ca-cert.pem -CAkey ca-key.pem -CAcreateserial -days 30 -out server-cert.pem \
  -extfile /dev/stdin <<EXT
subjectAltName=DNS:localhost,IP:127.0.0.1
extendedKeyUsage=serverAuth
EXT
openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout client-key.pem -out client.csr -subj '/CN=example-agent'
openssl x509 -req -in client.csr -CA ca-cert.pem -CAkey ca-key.pem -CAcreateserial -days 30 -out client-cert.pem \
  -extfile /dev/stdin <<EXT
extendedKeyUsage=clientAuth
EXT
rm -f server.csr client.csr ca-cert.srl
echo "wrote $(pwd): ca-cert.pem, server-cert.pem/server-key.pem, client-cert.pem/client-key.pem"
