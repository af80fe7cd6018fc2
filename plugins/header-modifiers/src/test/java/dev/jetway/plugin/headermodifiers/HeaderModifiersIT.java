package dev.jetway.plugin.headermodifiers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import dev.jetway.core.testing.GatewayWithEcho;
import dev.jetway.core.testing.Http;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Header modifiers through a real gateway to a real upstream, on routes and on backends. */
class HeaderModifiersIT {

    @RegisterExtension
    static final GatewayWithEcho gateway = new GatewayWithEcho(upstream -> """
                binds:
                - port: 0
                  listeners:
                  - routes:
                    - name: agentgateway-example
                      matches: [{path: {pathPrefix: /example}}]
                      policies:
                        # Modify request headers
                        requestHeaderModifier:
                          add:
                            x-req-added: value
                          remove:
                          - x-illegal-header
                        # Modify response headers
                        responseHeaderModifier:
                          set:
                            x-req-added: value
                      backends: [{host: "%1$s"}]
                    - name: order
                      matches: [{path: {pathPrefix: /order}}]
                      policies:
                        requestHeaderModifier:
                          add: {x-multi: added, x-set: added-then-replaced, x-gone: added-then-removed}
                          set: {x-set: final, Authorization: Bearer replaced}
                          remove: [X-GONE]
                        responseHeaderModifier:
                          add: {x-upstream: added, x-extra: one}
                          set: {cache-control: no-store}
                      backends: [{host: "%1$s"}]
                    - name: remove-response
                      matches: [{path: {pathPrefix: /quiet}}]
                      policies:
                        responseHeaderModifier: {remove: [x-upstream]}
                      backends: [{host: "%1$s"}]
                    - name: per-backend
                      matches: [{path: {pathPrefix: /backend}}]
                      backends:
                      - host: "%1$s"
                        policies:
                          requestHeaderModifier: {set: {x-backend: b1}}
                          responseHeaderModifier: {set: {x-served-by: b1}}
                    - name: dead
                      matches: [{path: {pathPrefix: /dead}}]
                      policies:
                        responseHeaderModifier: {set: {x-gateway: said-so}}
                      backends: [{host: "127.0.0.1:1"}]
                """.formatted(upstream.address()));

    private static HttpResponse<String> get(String path, Map<String, String> headers) throws Exception {
        return Http.get(gateway.url(path), headers);
    }

    private static List<String> forwardedHeaders(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        return List.of(response.body().split("\n\n", 2)[0].split("\n"));
    }

    @Test
    void agentgatewaysHttpExample() throws Exception {
        HttpResponse<String> response = get("/example", Map.of("x-illegal-header", "secret", "x-kept", "yes"));
        List<String> forwarded = forwardedHeaders(response);
        assertTrue(forwarded.contains("x-req-added: value"), forwarded.toString());
        assertTrue(forwarded.contains("x-kept: yes"), forwarded.toString());
        assertFalse(forwarded.stream().anyMatch(h -> h.startsWith("x-illegal-header")), forwarded.toString());
        assertEquals(List.of("value"), response.headers().allValues("x-req-added"));
        assertEquals(List.of("echo"), response.headers().allValues("x-upstream"));
    }

    @Test
    void addAppendsThenSetReplacesThenRemoveRemoves() throws Exception {
        HttpResponse<String> response = get("/order", Map.of("x-multi", "client", "x-set", "client", "authorization", "Bearer client"));
        List<String> forwarded = forwardedHeaders(response);
        // The upstream lists headers sorted: both values arrive.
        assertEquals(List.of("x-multi: added", "x-multi: client"), forwarded.stream().filter(h -> h.startsWith("x-multi")).toList());
        assertEquals(List.of("x-set: final"), forwarded.stream().filter(h -> h.startsWith("x-set")).toList());
        assertEquals(List.of("authorization: Bearer replaced"), forwarded.stream().filter(h -> h.startsWith("authorization")).toList());
        assertFalse(forwarded.stream().anyMatch(h -> h.startsWith("x-gone")), forwarded.toString());
        assertEquals(List.of("echo", "added"), response.headers().allValues("x-upstream"));
        assertEquals(List.of("one"), response.headers().allValues("x-extra"));
        assertEquals(List.of("no-store"), response.headers().allValues("cache-control"));
    }

    @Test
    void streamedResponsesGetTheirHeadersEditedToo() throws Exception {
        HttpResponse<String> response = get("/order?chunks=5&delayMs=10", Map.of());
        assertTrue(response.body().startsWith("GET /order?chunks=5&delayMs=10\n"), response.body());
        assertEquals(List.of("no-store"), response.headers().allValues("cache-control"));
        assertEquals(List.of(), response.headers().allValues("content-length"), "streamed, not buffered");
        assertEquals(List.of(), get("/quiet", Map.of()).headers().allValues("x-upstream"));
    }

    @Test
    void backendPoliciesApplyToTheirBackend() throws Exception {
        HttpResponse<String> response = get("/backend", Map.of());
        assertTrue(forwardedHeaders(response).contains("x-backend: b1"), response.body());
        assertEquals(List.of("b1"), response.headers().allValues("x-served-by"));
    }

    @Test
    void theGatewaysOwnErrorsGetTheResponseHeadersToo() throws Exception {
        HttpResponse<String> response = get("/dead", Map.of());
        assertEquals(502, response.statusCode());
        assertEquals(List.of("said-so"), response.headers().allValues("x-gateway"));
    }

    @Test
    void curlOverHttp2SeesTheEditedResponse() throws Exception {
        Process curl = new ProcessBuilder("curl", "-si", "--http2-prior-knowledge", "-H", "x-illegal-header: no",
                gateway.url("/example")).redirectErrorStream(true).start();
        String out = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, curl.waitFor());
        assertTrue(out.startsWith("HTTP/2 200"), out);
        assertTrue(out.contains("\r\nx-req-added: value\r\n"), out);
        assertTrue(out.contains("\nx-req-added: value\n"), "forwarded: " + out);
        assertFalse(out.contains("x-illegal-header"), out);
    }

    @Test
    void aRequestBodyIsForwardedWithEditedHeaders() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(gateway.url("/example")))
                .POST(HttpRequest.BodyPublishers.ofString("payload")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        assertTrue(response.body().startsWith("POST /example\n"), response.body());
        assertTrue(response.body().endsWith("\n\npayload"), response.body());
        assertTrue(response.body().contains("\nx-req-added: value\n"), response.body());
    }
}
