package dev.jetway.plugin.jwtauth.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jetway.plugin.mcp.testing.Everything;

/**
 * A real OAuth 2 / OpenID provider, {@code oauth2-mock-server} from npm, run by {@code tools/mcp-servers/
 * oauth2-provider.mjs} on a free port: it serves its JWKS and RFC 8414 metadata and issues tokens at {@code /token};
 * tests also have it sign tokens with chosen claims and add keys (rotation).
 */
public final class OAuthProvider implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final BufferedReader out;
    private final Writer in;
    private final String issuer;
    private final String firstKid;

    private OAuthProvider(Process process) throws IOException {
        this.process = process;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.in = new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        String ready = out.readLine();
        if (ready == null) {
            throw new IllegalStateException("the OAuth provider exited: " + errors());
        }
        JsonNode started = JSON.readTree(ready);
        this.issuer = started.get("issuer").asText();
        this.firstKid = started.get("kid").asText();
    }

    /** Starts a provider on a free port. */
    public static OAuthProvider start() throws IOException {
        return start(0);
    }

    /** Starts a provider on {@code port}, such as one a gateway was told about before the provider ran. */
    public static OAuthProvider start(int port) throws IOException {
        Process process = new ProcessBuilder(List.of("node", Everything.serversDir().resolve("oauth2-provider.mjs").toString(),
                Integer.toString(port))).start();
        return new OAuthProvider(process);
    }

    /** {@code http://127.0.0.1:<port>}: the issuer of its tokens. */
    public String issuer() {
        return issuer;
    }

    public String jwksUrl() {
        return issuer + "/jwks";
    }

    /** The kid of the key it signs with unless told otherwise. */
    public String firstKid() {
        return firstKid;
    }

    /** A token with the provider's usual claims (iss, iat, exp in an hour, nbf) and {@code claims}; null removes one. */
    public String token(Map<String, ?> claims) throws IOException {
        return token(claims, 3600, firstKid);
    }

    /** @param expiresIn seconds from now until {@code exp}; negative for a token that has expired */
    public String token(Map<String, ?> claims, long expiresIn, String kid) throws IOException {
        return call(Map.of("token", claims, "expiresIn", expiresIn, "kid", kid)).get("token").asText();
    }

    /** Adds a signing key ({@code RS256}, {@code ES256}, ...) to its JWKS and returns its kid. */
    public String newKey(String alg) throws IOException {
        return call(Map.of("key", alg)).get("kid").asText();
    }

    private synchronized JsonNode call(Map<String, ?> command) throws IOException {
        in.write(JSON.writeValueAsString(command) + "\n");
        in.flush();
        String line = out.readLine();
        if (line == null) {
            throw new IllegalStateException("the OAuth provider exited: " + errors());
        }
        JsonNode answer = JSON.readTree(line);
        if (answer.has("error")) {
            throw new IllegalStateException("the OAuth provider refused " + command + ": " + answer.get("error").asText());
        }
        return answer;
    }

    private String errors() {
        try {
            return new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return e.toString();
        }
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
