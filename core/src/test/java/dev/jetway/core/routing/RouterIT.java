package dev.jetway.core.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;

import dev.jetway.core.testing.Http;
import dev.jetway.core.testing.TestGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Route selection over real HTTP: hostnames, then path precedence, method, headers and query; 404 otherwise. */
class RouterIT {

    @TempDir
    static Path dir;
    static TestGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        gateway = TestGateway.start("""
                binds:
                - port: 0
                  listeners:
                  - routes:
                    - name: catch-all-api
                      matches: [{path: {pathPrefix: /api}}]
                      backends: [{testEcho: {name: prefix}}]
                    - name: exact-health
                      matches: [{path: {exact: /api/health}}]
                      backends: [{testEcho: {name: exact}}]
                    - name: longer-prefix
                      matches: [{path: {pathPrefix: /api/v2/}}]
                      backends: [{testEcho: {name: v2}}]
                    - name: users-regex
                      matches: [{path: {regex: "/users/[0-9]+"}}]
                      backends: [{testEcho: {name: regex}}]
                    - name: post-only
                      matches: [{path: {pathPrefix: /items}, method: POST}]
                      backends: [{testEcho: {name: post}}]
                    - name: items
                      matches: [{path: {pathPrefix: /items}}]
                      backends: [{testEcho: {name: items}}]
                    - name: header-and-query
                      matches:
                      - path: {pathPrefix: /items}
                        headers: [{name: x-env, value: {regex: "prod|stage"}}]
                        query: [{name: v, value: {exact: "2"}}]
                      backends: [{testEcho: {name: hq}}]
                    - name: tenant-host
                      hostnames: ["*.tenant.test"]
                      matches: [{path: {pathPrefix: /}}]
                      backends: [{testEcho: {name: tenant}}]
                    - name: weighted
                      matches: [{path: {pathPrefix: /split}}]
                      backends:
                      - testEcho: {name: never}
                        weight: 0
                      - testEcho: {name: always}
                        weight: 3
                """, dir);
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
    }

    private static String backend(String method, String path, Map<String, String> headers) throws Exception {
        HttpResponse<String> response = Http.send(method, "http://127.0.0.1:" + gateway.port() + path, headers);
        assertEquals(200, response.statusCode(), response.body());
        String body = response.body();
        return body.substring("backend=".length(), body.indexOf(' '));
    }

    @Test
    void exactBeatsPrefixAndLongerPrefixBeatsShorter() throws Exception {
        assertEquals("exact", backend("GET", "/api/health", Map.of()));
        assertEquals("prefix", backend("GET", "/api/healthz", Map.of()));
        assertEquals("v2", backend("GET", "/api/v2/things", Map.of()));
        assertEquals("v2", backend("GET", "/api/v2", Map.of()));
        assertEquals("prefix", backend("GET", "/api/v21", Map.of()));
        assertEquals("prefix", backend("GET", "/api", Map.of()));
    }

    @Test
    void regexMatchesTheWholePath() throws Exception {
        assertEquals("regex", backend("GET", "/users/42", Map.of()));
        HttpResponse<String> partial = Http.get("http://127.0.0.1:" + gateway.port() + "/users/42/edit", Map.of());
        assertEquals(404, partial.statusCode());
        assertEquals("route not found\n", partial.body());
    }

    @Test
    void methodHeadersAndQueryNarrowARoute() throws Exception {
        assertEquals("post", backend("POST", "/items", Map.of()));
        assertEquals("items", backend("GET", "/items", Map.of()));
        assertEquals("hq", backend("GET", "/items?v=2", Map.of("x-env", "prod")));
        assertEquals("items", backend("GET", "/items?v=3", Map.of("x-env", "prod")));
        assertEquals("items", backend("GET", "/items?v=2", Map.of("x-env", "production")));
    }

    @Test
    void aRouteHostnameBeatsRoutesWithout() throws Exception {
        String response = Http.raw(gateway.port(), "GET /api/health HTTP/1.1\r\nHost: a.tenant.test\r\nConnection: close\r\n\r\n");
        assertTrue(response.contains("backend=tenant listener=listener0 route=tenant-host"), response);
    }

    @Test
    void weightsSteerTrafficAndZeroTakesNone() throws Exception {
        for (int i = 0; i < 20; i++) {
            assertEquals("always", backend("GET", "/split", Map.of()));
        }
    }

    @Test
    void nothingMatchingIs404() throws Exception {
        HttpResponse<String> response = Http.get("http://127.0.0.1:" + gateway.port() + "/nowhere", Map.of());
        assertEquals(404, response.statusCode());
        assertEquals("route not found\n", response.body());
    }
}
