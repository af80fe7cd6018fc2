package dev.jetway.plugin.urlrewrite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.jetway.core.testing.GatewayWithEcho;
import dev.jetway.core.testing.Http;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code urlRewrite} through a real gateway to a real upstream, with the host backend's automatic host rewrite. */
class UrlRewriteIT {

    @RegisterExtension
    static final GatewayWithEcho gateway = new GatewayWithEcho(upstream -> {
        String byIp = upstream.address();
        String byName = "localhost:" + upstream.port();
        return """
                binds:
                - port: 0
                  listeners:
                  - routes:
                    - name: prefix
                      matches: [{path: {pathPrefix: /api/}}]
                      policies:
                        urlRewrite: {path: {prefix: /v2}}
                      backends: [{host: "%1$s"}]
                    - name: prefix-to-root
                      matches: [{path: {pathPrefix: /strip}}]
                      policies:
                        urlRewrite: {path: {prefix: /}}
                      backends: [{host: "%1$s"}]
                    - name: exact
                      matches: [{path: {exact: /exact}}]
                      policies:
                        urlRewrite: {path: {prefix: /v2}}
                      backends: [{host: "%1$s"}]
                    - name: agentgateway-example
                      matches: [{path: {pathPrefix: /example}}]
                      policies:
                        urlRewrite:
                          path:
                            full: "/new-path"
                          authority:
                            full: "custom-host-header"
                      backends: [{host: "%2$s"}]
                    - name: by-name
                      matches: [{path: {pathPrefix: /by-name}}]
                      backends: [{host: "%2$s"}]
                    - name: by-name-auto
                      matches: [{path: {pathPrefix: /auto}}]
                      policies:
                        urlRewrite: {authority: auto, path: {full: /}}
                      backends: [{host: "%2$s"}]
                    - name: by-name-none
                      matches: [{path: {pathPrefix: /none}}]
                      policies:
                        urlRewrite: {authority: none}
                      backends: [{host: "%2$s"}]
                    - name: host-keeps-no-port
                      matches: [{path: {pathPrefix: /host}}]
                      policies:
                        urlRewrite: {authority: {host: api.internal}}
                      backends: [{host: "%1$s"}]
                    - name: port
                      matches: [{path: {pathPrefix: /port}}]
                      policies:
                        urlRewrite: {authority: {port: 8443}}
                      backends: [{host: "%1$s"}]
                """.formatted(byIp, byName);
    });

    private static List<String> forwarded(String path, Map<String, String> headers) throws Exception {
        HttpResponse<String> response = Http.get(gateway.url(path), headers);
        assertEquals(200, response.statusCode(), response.body());
        return List.of(response.body().split("\n\n", 2)[0].split("\n"));
    }

    @Test
    void thePrefixTheRouteMatchedIsReplacedAndTheQueryKept() throws Exception {
        assertEquals("GET /v2/users/7?x=1&y=%20", forwarded("/api/users/7?x=1&y=%20", Map.of()).get(0));
        assertEquals("GET /v2", forwarded("/api", Map.of()).get(0));
        assertEquals("GET /v2/", forwarded("/api/", Map.of()).get(0));
        assertEquals("GET /rest/of?q", forwarded("/strip/rest/of?q", Map.of()).get(0));
        assertEquals("GET /", forwarded("/strip", Map.of()).get(0));
    }

    @Test
    void aPrefixRewriteOnARouteMatchedByExactPathIs500AsInAgentgateway() throws Exception {
        HttpResponse<String> response = Http.get(gateway.url("/exact"), Map.of());
        assertEquals(500, response.statusCode());
        assertEquals("invalid urlRewrite: path.prefix needs a route matched by pathPrefix, but it matched by exact path or regex\n",
                response.body());
        assertEquals(null, gateway.upstream().next(Duration.ofMillis(200)), "not forwarded");
    }

    @Test
    void agentgatewaysHttpExampleRewritesPathAndHostAndTurnsTheAutomaticHostRewriteOff() throws Exception {
        List<String> request = forwarded("/example/anything?keep=1", Map.of());
        assertEquals("GET /new-path?keep=1", request.get(0));
        assertTrue(request.contains("host: custom-host-header"), request.toString());
        assertTrue(request.contains("x-forwarded-host: 127.0.0.1:" + gateway.port()), request.toString());
    }

    @Test
    void aHostnameTargetGetsItsOwnNameAsHostUnlessUrlRewriteSaysNone() throws Exception {
        List<String> byName = forwarded("/by-name/x", Map.of());
        assertTrue(byName.contains("host: localhost:" + gateway.upstream().port()), byName.toString());
        assertTrue(byName.contains("x-forwarded-host: 127.0.0.1:" + gateway.port()), byName.toString());
        List<String> auto = forwarded("/auto/x", Map.of());
        assertEquals("GET /", auto.get(0));
        assertTrue(auto.contains("host: localhost:" + gateway.upstream().port()), auto.toString());
        List<String> none = forwarded("/none/x", Map.of());
        assertTrue(none.contains("host: 127.0.0.1:" + gateway.port()), none.toString());
    }

    @Test
    void hostReplacesHostAndPortWhilePortKeepsTheHost() throws Exception {
        List<String> host = forwarded("/host", Map.of());
        assertTrue(host.contains("host: api.internal"), host.toString());
        List<String> port = forwarded("/port", Map.of());
        assertTrue(port.contains("host: 127.0.0.1:8443"), port.toString());
    }

    @Test
    void curlSeesTheRewrittenRequestOverHttp2PriorKnowledge() throws Exception {
        Process curl = new ProcessBuilder("curl", "-s", "--http2-prior-knowledge",
                gateway.url("/example/x?from=curl")).redirectErrorStream(true).start();
        String out = new String(curl.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, curl.waitFor());
        assertTrue(out.startsWith("GET /new-path?from=curl\n"), out);
        assertTrue(out.contains("\nhost: custom-host-header\n"), out);
    }
}
