package dev.jetway.plugin.urlrewrite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import dev.jetway.core.testing.GatewayWithEcho;
import dev.jetway.core.testing.Http;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code requestRedirect}: the gateway answers with a Location; the upstream is never called. */
class RequestRedirectIT {

    @RegisterExtension
    static final GatewayWithEcho gateway = new GatewayWithEcho(upstream -> """
                binds:
                - port: 0
                  listeners:
                  - routes:
                    - name: full
                      matches: [{path: {pathPrefix: /old}}]
                      policies:
                        requestRedirect: {path: {full: /new}}
                      backends: [{host: "%1$s"}]
                    - name: moved
                      matches: [{path: {pathPrefix: /docs/}}]
                      policies:
                        requestRedirect: {path: {prefix: /manual}, status: 301}
                      backends: [{host: "%1$s"}]
                    - name: https
                      matches: [{path: {pathPrefix: /secure}}]
                      policies:
                        requestRedirect: {scheme: https, authority: {host: example.com}}
                      backends: [{host: "%1$s"}]
                    - name: host
                      matches: [{path: {pathPrefix: /host}}]
                      policies:
                        requestRedirect: {authority: {host: example.com}, status: 308}
                      backends: [{host: "%1$s"}]
                    - name: default-port
                      matches: [{path: {pathPrefix: /port80}}]
                      policies:
                        requestRedirect: {authority: {port: 80}}
                      backends: [{host: "%1$s"}]
                    - name: other-port
                      matches: [{path: {pathPrefix: /port}}]
                      policies:
                        requestRedirect: {scheme: https, authority: {port: 8443}}
                      backends: [{host: "%1$s"}]
                    - name: full-authority
                      matches: [{path: {pathPrefix: /elsewhere}}]
                      policies:
                        requestRedirect: {authority: {full: "other.example:9000"}, path: {full: /}}
                      backends: [{host: "%1$s"}]
                    - name: backend-scope
                      matches: [{path: {pathPrefix: /per-backend}}]
                      backends:
                      - host: "%1$s"
                        policies:
                          requestRedirect: {path: {prefix: /b}}
                """.formatted(upstream.address()));

    private static HttpResponse<String> get(String path) throws Exception {
        return Http.get(gateway.url(path), Map.of());
    }

    private static void assertRedirect(int status, String location, String path) throws Exception {
        HttpResponse<String> response = get(path);
        assertEquals(status, response.statusCode(), response.body());
        assertEquals(location, response.headers().firstValue("location").orElse(null));
        assertEquals("", response.body());
    }

    @Test
    void aFullPathKeepsTheQueryAndTheStatusIs302ByDefault() throws Exception {
        String here = gateway.url("");
        assertRedirect(302, here + "/new?x=1&y=2", "/old/page?x=1&y=2");
        assertNull(gateway.upstream().next(Duration.ofMillis(200)), "the upstream is not called");
    }

    @Test
    void aPrefixReplacesWhatTheRouteMatched() throws Exception {
        String here = gateway.url("");
        assertRedirect(301, here + "/manual/guide/intro.html?v=2", "/docs/guide/intro.html?v=2");
        assertRedirect(301, here + "/manual", "/docs");
        assertRedirect(302, here + "/b/x", "/per-backend/x");
    }

    @Test
    void aHostKeepsThePortOnlyWhenTheSchemeStays() throws Exception {
        assertRedirect(302, "https://example.com/secure/x", "/secure/x");
        assertRedirect(308, "http://example.com:" + gateway.port() + "/host/x", "/host/x");
    }

    @Test
    void aPortIsWrittenUnlessItIsTheSchemesDefault() throws Exception {
        assertRedirect(302, "http://127.0.0.1/port80", "/port80");
        assertRedirect(302, "https://127.0.0.1:8443/port", "/port");
        assertRedirect(302, "http://other.example:9000/?q=1", "/elsewhere/x?q=1");
    }

    @Test
    void curlShowsTheRedirect() throws Exception {
        Process curl = new ProcessBuilder("curl", "-si", gateway.url("/docs/a?b=c"))
                .redirectErrorStream(true).start();
        String out = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, curl.waitFor());
        assertTrue(out.startsWith("HTTP/1.1 301 Moved Permanently\r\n"), out);
        assertTrue(out.contains("\r\nLocation: http://127.0.0.1:" + gateway.port() + "/manual/a?b=c\r\n"), out);
    }
}
