#!/bin/sh
# Makes the self-signed certificate of the TLS example (the reference doc's step 1) next to its config.yaml.
# cert.pem and key.pem are for local testing only: never use them in production.
set -e
cd "$(dirname "$0")"
openssl req -x509 -newkey rsa:4096 -keyout key.pem -out cert.pem \
  -days 365 -nodes -subj '/CN=localhost'
echo "wrote $(pwd)/cert.pem and $(pwd)/key.pem"
