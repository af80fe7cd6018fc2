// A real OAuth 2 / OpenID provider for tests: oauth2-mock-server on 127.0.0.1, driven over stdin/stdout.
//
//   node oauth2-provider.mjs [port]        (port 0 or none: a free one)
//
// Prints one JSON line once it listens: {"issuer": "http://127.0.0.1:<port>", "kid": "<first key>"}. It serves the
// RFC 8414 metadata at /.well-known/oauth-authorization-server, the JWKS at /jwks and tokens at /token; a token
// request with RFC 8707's `resource` gets a token for that audience. Then each JSON line read is one command, answered
// with one JSON line:
//   {"token": {claims}, "expiresIn": 3600, "kid": "..."}  -> {"token": "<JWT>"}  (a claim set to null is left out)
//   {"key": "ES256"}                                       -> {"kid": "..."}      (a new signing key in the JWKS)
//   anything failing                                       -> {"error": "..."}
import { createInterface } from 'node:readline';
import { OAuth2Server, Events } from 'oauth2-mock-server';

const server = new OAuth2Server(undefined, undefined, {
  endpoints: { wellKnownDocument: '/.well-known/oauth-authorization-server' },
});
const first = await server.issuer.keys.generate('RS256');
await server.start(Number(process.argv[2] ?? 0), '127.0.0.1');
server.issuer.url = `http://127.0.0.1:${server.address().port}`;

server.service.on(Events.BeforeTokenSigning, (token, req) => {
  if (typeof req.body?.resource === 'string') {
    token.payload.aud = req.body.resource;
  }
});

async function run(command) {
  if (command.token !== undefined) {
    const token = await server.issuer.buildToken({
      kid: command.kid,
      expiresIn: command.expiresIn ?? 3600,
      scopesOrTransform: (header, payload) => {
        for (const [name, value] of Object.entries(command.token)) {
          if (value === null) {
            delete payload[name];
          } else {
            payload[name] = value;
          }
        }
      },
    });
    return { token };
  }
  if (command.key !== undefined) {
    const key = await server.issuer.keys.generate(command.key);
    return { kid: key.kid };
  }
  throw new Error(`unknown command ${JSON.stringify(command)}`);
}

console.log(JSON.stringify({ issuer: server.issuer.url, kid: first.kid }));
const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  try {
    console.log(JSON.stringify(await run(JSON.parse(line))));
  } catch (e) {
    console.log(JSON.stringify({ error: String(e?.message ?? e) }));
  }
}
await server.stop();
