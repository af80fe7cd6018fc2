package dev.jetway.plugin.cors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.jetway.core.testing.GatewayWithEcho;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code cors} as a browser meets it: curl sends the preflight and the actual request a browser would, through a real
 * gateway to a real upstream.
 */
class CorsIT {

    @RegisterExtension
    static final GatewayWithEcho gateway = new GatewayWithEcho(upstream -> """
                binds:
                - port: 0
                  listeners:
                  - routes:
                    - name: agentgateway-example
                      matches: [{path: {pathPrefix: /example}}]
                      policies:
                        cors:
                          allowHeaders: ["header"]
                          allowOrigins: ["*"]
                          allowCredentials: true
                          allowMethods: ["GET"]
                          exposeHeaders: ["header2"]
                          maxAge: 100s
                      backends: [{host: "%1$s"}]
                    - name: app
                      matches: [{path: {pathPrefix: /app}}]
                      policies:
                        cors:
                          allowOrigins: ["https://app.example.com", "https://*.tools.example.com", "http://localhost:3000"]
                          allowMethods: [GET, POST, PUT]
                          allowHeaders: [Content-Type, X-Api-Key]
                          exposeHeaders: [Mcp-Session-Id, X-Request-Id]
                      backends: [{host: "%1$s"}]
                    - name: wildcards
                      matches: [{path: {pathPrefix: /any}}]
                      policies:
                        cors: {allowOrigins: ["*"], allowMethods: ["*"], allowHeaders: ["*"]}
                      backends: [{host: "%1$s"}]
                    - name: wildcards-with-credentials
                      matches: [{path: {pathPrefix: /creds}}]
                      policies:
                        cors: {allowOrigins: ["https://*"], allowMethods: ["*"], allowHeaders: ["*"], allowCredentials: true}
                      backends: [{host: "%1$s"}]
                    - name: refused-later
                      matches: [{path: {pathPrefix: /forbidden}}]
                      policies:
                        cors: {allowOrigins: ["https://app.example.com"], allowCredentials: true}
                        directResponse: {body: "no", status: 403}
                """.formatted(upstream.address()));

    /** What curl got: the status line, then headers by lower-case name. */
    private record Answer(String status, Map<String, List<String>> headers, String body) {
        String header(String name) {
            List<String> values = headers.getOrDefault(name, List.of());
            assertTrue(values.size() <= 1, name + ": " + values);
            return values.isEmpty() ? null : values.get(0);
        }
    }

    private static Answer curl(String method, String path, String... headers) throws Exception {
        List<String> command = new ArrayList<>(List.of("curl", "-si", "-X", method));
        for (String header : headers) {
            command.add("-H");
            command.add(header);
        }
        command.add(gateway.url(path));
        Process curl = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, curl.waitFor(), out);
        String[] parts = out.split("\r\n\r\n", 2);
        String[] lines = parts[0].split("\r\n");
        Map<String, List<String>> fields = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            fields.computeIfAbsent(lines[i].substring(0, colon).toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(lines[i].substring(colon + 1).trim());
        }
        return new Answer(lines[0], fields, parts.length > 1 ? parts[1] : "");
    }

    @Test
    void aBrowsersPreflightIsAnsweredAtTheGateway() throws Exception {
        drain();
        Answer preflight = curl("OPTIONS", "/app/items", "Origin: https://app.example.com",
                "Access-Control-Request-Method: PUT", "Access-Control-Request-Headers: content-type,x-api-key");
        assertEquals("HTTP/1.1 200 OK", preflight.status());
        assertEquals("https://app.example.com", preflight.header("access-control-allow-origin"));
        assertEquals("GET,POST,PUT", preflight.header("access-control-allow-methods"));
        assertEquals("content-type,x-api-key", preflight.header("access-control-allow-headers"));
        assertEquals("mcp-session-id,x-request-id", preflight.header("access-control-expose-headers"));
        assertEquals("Origin", preflight.header("vary"));
        assertNull(preflight.header("access-control-allow-credentials"));
        assertNull(preflight.header("access-control-max-age"));
        assertEquals("", preflight.body());
        assertNull(gateway.upstream().next(Duration.ofMillis(200)), "a preflight is not forwarded");
    }

    @Test
    void theActualRequestFromAnAllowedOriginGetsTheCorsHeadersOnTheUpstreamsResponse() throws Exception {
        Answer actual = curl("POST", "/app/items?status=201", "Origin: https://app.example.com", "Content-Type: application/json");
        assertEquals("HTTP/1.1 201 Created", actual.status());
        assertEquals("echo", actual.header("x-upstream"));
        assertEquals("https://app.example.com", actual.header("access-control-allow-origin"));
        assertEquals("mcp-session-id,x-request-id", actual.header("access-control-expose-headers"));
        assertEquals("Origin", actual.header("vary"));
        assertNull(actual.header("access-control-allow-methods"));
        assertTrue(actual.body().startsWith("POST /app/items?status=201\n"), actual.body());
        assertTrue(actual.body().contains("\norigin: https://app.example.com\n"), actual.body());
    }

    @Test
    void originsMatchByDefaultPortAndWildcardHosts() throws Exception {
        assertEquals("https://app.example.com:443", curl("GET", "/app", "Origin: https://app.example.com:443")
                .header("access-control-allow-origin"));
        assertEquals("https://a.b.tools.example.com", curl("GET", "/app", "Origin: https://a.b.tools.example.com")
                .header("access-control-allow-origin"));
        assertEquals("http://LOCALHOST:3000", curl("GET", "/app", "Origin: http://LOCALHOST:3000")
                .header("access-control-allow-origin"));
        for (String other : List.of("http://app.example.com", "https://app.example.com:8443", "https://tools.example.com",
                "https://evil.com", "null", "https://app.example.com/")) {
            Answer answer = curl("GET", "/app", "Origin: " + other);
            assertEquals("HTTP/1.1 200 OK", answer.status(), other);
            assertNull(answer.header("access-control-allow-origin"), other);
            assertNull(answer.header("vary"), other);
            assertNotNull(gateway.upstream().next(Duration.ofSeconds(5)), "forwarded untouched: " + other);
        }
        gateway.upstream().next(Duration.ofMillis(100));
    }

    @Test
    void aPreflightFromAnotherOriginGetsABare200AndIsNotForwarded() throws Exception {
        drain();
        Answer refused = curl("OPTIONS", "/app", "Origin: https://evil.com", "Access-Control-Request-Method: DELETE");
        assertEquals("HTTP/1.1 200 OK", refused.status());
        assertFalse(refused.headers().keySet().stream().anyMatch(h -> h.startsWith("access-control-")), refused.headers().toString());
        assertNull(gateway.upstream().next(Duration.ofMillis(200)));
    }

    @Test
    void requestsWithoutOriginAndPlainOptionsFromOtherOriginsPassUntouched() throws Exception {
        drain();
        Answer noOrigin = curl("OPTIONS", "/app/x");
        assertEquals("echo", noOrigin.header("x-upstream"));
        assertFalse(noOrigin.headers().keySet().stream().anyMatch(h -> h.startsWith("access-control-")));
        assertNotNull(gateway.upstream().next(Duration.ofSeconds(5)));
        Answer allowedOptions = curl("OPTIONS", "/app/x", "Origin: https://app.example.com");
        assertEquals("https://app.example.com", allowedOptions.header("access-control-allow-origin"));
        assertNull(allowedOptions.header("x-upstream"), "any OPTIONS from an allowed origin is answered here");
    }

    @Test
    void agentgatewaysHttpExample() throws Exception {
        Answer preflight = curl("OPTIONS", "/example", "Origin: http://localhost:5173", "Access-Control-Request-Method: GET",
                "Access-Control-Request-Headers: header");
        assertEquals("http://localhost:5173", preflight.header("access-control-allow-origin"));
        assertEquals("GET", preflight.header("access-control-allow-methods"));
        assertEquals("header", preflight.header("access-control-allow-headers"));
        assertEquals("100", preflight.header("access-control-max-age"));
        assertEquals("true", preflight.header("access-control-allow-credentials"));
        assertEquals("header2", preflight.header("access-control-expose-headers"));
        Answer actual = curl("GET", "/example", "Origin: http://localhost:5173");
        assertEquals("echo", actual.header("x-upstream"));
        assertEquals("http://localhost:5173", actual.header("access-control-allow-origin"));
        assertEquals("true", actual.header("access-control-allow-credentials"));
        assertEquals("header2", actual.header("access-control-expose-headers"));
    }

    @Test
    void wildcardsEchoWhatWasAskedAndStarOnlyWithoutCredentials() throws Exception {
        Answer asked = curl("OPTIONS", "/any", "Origin: https://x.dev", "Access-Control-Request-Method: PATCH",
                "Access-Control-Request-Headers: x-a ,, x-b");
        assertEquals("PATCH", asked.header("access-control-allow-methods"));
        assertEquals("x-a, x-b", asked.header("access-control-allow-headers"));
        Answer notAsked = curl("OPTIONS", "/any", "Origin: https://x.dev");
        assertEquals("*", notAsked.header("access-control-allow-methods"));
        assertEquals("*", notAsked.header("access-control-allow-headers"));
        Answer credentials = curl("OPTIONS", "/creds", "Origin: https://x.dev");
        assertNull(credentials.header("access-control-allow-methods"));
        assertNull(credentials.header("access-control-allow-headers"));
        assertEquals("true", credentials.header("access-control-allow-credentials"));
        assertNull(curl("OPTIONS", "/creds", "Origin: http://x.dev").header("access-control-allow-origin"), "https://* is https only");
    }

    @Test
    void aLaterPolicysRefusalStillCarriesTheCorsHeaders() throws Exception {
        Answer refused = curl("GET", "/forbidden", "Origin: https://app.example.com");
        assertEquals("HTTP/1.1 403 Forbidden", refused.status());
        assertEquals("https://app.example.com", refused.header("access-control-allow-origin"));
        assertEquals("true", refused.header("access-control-allow-credentials"));
        assertEquals("no", refused.body());
        Answer upstream401 = curl("GET", "/app?status=401", "Origin: https://app.example.com");
        assertEquals("HTTP/1.1 401 Unauthorized", upstream401.status());
        assertEquals("https://app.example.com", upstream401.header("access-control-allow-origin"));
    }

    @Test
    void http2ClientsGetTheSameAnswers() throws Exception {
        Process curl = new ProcessBuilder("curl", "-si", "--http2-prior-knowledge", "-X", "OPTIONS",
                "-H", "Origin: https://app.example.com", "-H", "Access-Control-Request-Method: POST",
                gateway.url("/app")).redirectErrorStream(true).start();
        String out = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, curl.waitFor());
        assertTrue(out.startsWith("HTTP/2 200"), out);
        assertTrue(out.contains("\r\naccess-control-allow-origin: https://app.example.com\r\n"), out);
        assertTrue(out.contains("\r\naccess-control-allow-methods: GET,POST,PUT\r\n"), out);
    }

    private static void drain() throws InterruptedException {
        while (gateway.upstream().next(Duration.ofMillis(50)) != null) {
            // requests of earlier tests
        }
    }
}
