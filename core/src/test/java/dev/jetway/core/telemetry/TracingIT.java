package dev.jetway.core.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jetway.core.testing.Http;
import dev.jetway.core.testing.OtlpReceiver;
import dev.jetway.core.testing.OtlpReceiver.Received;
import dev.jetway.core.testing.TestGateway;
import io.opentelemetry.proto.trace.v1.Span;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Spans of a running gateway, received by a real OTLP receiver over gRPC and HTTP. */
class TracingIT {

    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String PARENT = "00f067aa0ba902b7";

    @TempDir
    Path dir;
    OtlpReceiver receiver;

    @BeforeEach
    void receiver() throws Exception {
        receiver = OtlpReceiver.start();
    }

    @AfterEach
    void close() throws Exception {
        receiver.close();
    }

    private static String routes() {
        return """
                binds:
                - port: 0
                  listeners:
                  - name: plain
                    routes:
                    - name: api
                      matches: [{path: {pathPrefix: /api}}]
                      backends: [{testEcho: {name: api}}]
                    - name: other
                      backends: [{testEcho: {name: other}}]
                """;
    }

    private String frontendTracing(String extra) {
        return "frontendPolicies:\n  tracing:\n    host: " + receiver.grpcAddress() + "\n" + extra.indent(4) + routes();
    }

    @Test
    void aSampledRequestIsOneServerSpanOverGrpcWithHttpAndGatewayAttributes() throws Exception {
        String yaml = frontendTracing("""
                randomSampling: true
                attributes: {team: '"payments"', served.by: 'backend.name', code: 'response.code'}
                resources: {service.name: '"edge"', deployment: '"test"'}
                remove: [http.host]
                """);
        try (TestGateway gateway = TestGateway.start(yaml, dir)) {
            String body = Http.get("http://127.0.0.1:" + gateway.port() + "/api/items?x=1",
                    Map.of("user-agent", "tests/1")).body();
            Received span = receiver.awaitPath("/api/items");
            assertEquals("GET /api", span.span().getName());
            assertEquals(Span.SpanKind.SPAN_KIND_SERVER, span.span().getKind());
            assertEquals("", span.parentSpanId(), "a new trace has no parent");
            Map<String, String> attributes = span.attributes();
            assertEquals("GET", attributes.get("http.request.method"));
            assertEquals("GET", attributes.get("http.method"));
            assertEquals("200", attributes.get("http.response.status_code"));
            assertEquals("200", attributes.get("http.status"));
            assertEquals("/api", attributes.get("http.route"));
            assertEquals("http", attributes.get("url.scheme"));
            assertEquals("2", attributes.get("network.protocol.version"), "the JDK client upgrades to h2c");
            assertEquals("127.0.0.1", attributes.get("client.address"));
            assertEquals("tests/1", attributes.get("user_agent.original"));
            assertEquals("plain", attributes.get("listener"));
            assertEquals("api", attributes.get("route"));
            assertEquals("testEcho", attributes.get("backend"));
            assertEquals("payments", attributes.get("team"));
            assertEquals("testEcho", attributes.get("served.by"));
            assertEquals("200", attributes.get("code"));
            assertNull(attributes.get("http.host"), "removed");
            assertEquals("edge", span.resource().get("service.name"));
            assertEquals("test", span.resource().get("deployment"));
            assertTrue(span.span().getEndTimeUnixNano() >= span.span().getStartTimeUnixNano());
            // the chain sees the span as the trace context to pass on (sampled; a new trace's id is random: 03)
            assertTrue(body.contains("traceparent=00-" + span.traceId() + "-" + span.spanId() + "-03"), body);
        }
    }

    @Test
    void anIncomingTraceparentIsContinuedAndPassedOnWithTheGatewaysSpan() throws Exception {
        try (TestGateway gateway = TestGateway.start(frontendTracing(""), dir)) {
            String body = Http.get("http://127.0.0.1:" + gateway.port() + "/continued",
                    Map.of("traceparent", "00-" + TRACE + "-" + PARENT + "-01", "tracestate", "vendor=1")).body();
            Received span = receiver.awaitPath("/continued");
            assertEquals(TRACE, span.traceId());
            assertEquals(PARENT, span.parentSpanId());
            assertEquals("GET /", span.span().getName(), "the catch-all route's path");
            assertTrue(body.contains("traceparent=00-" + TRACE + "-" + span.spanId() + "-01"), body);
        }
    }

    @Test
    void samplingFollowsTheParentWithoutClientSamplingAndNeverSamplesNewTracesWithoutRandomSampling() throws Exception {
        try (TestGateway gateway = TestGateway.start(frontendTracing(""), dir)) {
            String base = "http://127.0.0.1:" + gateway.port();
            String unsampled = Http.get(base + "/no-parent", Map.of()).body();
            Http.get(base + "/parent-says-no", Map.of("traceparent", "00-" + TRACE + "-" + PARENT + "-00"));
            Http.get(base + "/parent-says-yes", Map.of("traceparent", "00-" + TRACE + "-" + PARENT + "-01"));
            receiver.awaitPath("/parent-says-yes");
            assertPathsReceived("/parent-says-yes");
            assertFalse(unsampled.contains("traceparent"), "nothing added to requests that are not traced: " + unsampled);
        }
    }

    @Test
    void samplingExpressionsDecidePerRequest() throws Exception {
        String yaml = frontendTracing("""
                randomSampling: 'request.headers["x-sample"] == "yes"'
                clientSampling: 'request.path.startsWith("/keep") ? 1.0 : 0.0'
                """);
        try (TestGateway gateway = TestGateway.start(yaml, dir)) {
            String base = "http://127.0.0.1:" + gateway.port();
            String sampledParent = "00-" + TRACE + "-" + PARENT + "-01";
            Http.get(base + "/new-no", Map.of("x-sample", "no"));
            Http.get(base + "/drop", Map.of("traceparent", sampledParent));
            Http.get(base + "/new-yes", Map.of("x-sample", "yes"));
            Http.get(base + "/keep", Map.of("traceparent", "00-" + TRACE + "-" + PARENT + "-00"));
            receiver.awaitPath("/new-yes");
            receiver.awaitPath("/keep");
            assertPathsReceived("/new-yes", "/keep");
        }
    }

    @Test
    void globalTracingExportsOverOtlpHttpWithHeadersAndFields() throws Exception {
        String yaml = """
                config:
                  tracing:
                    otlpEndpoint: http://%s
                    otlpProtocol: http
                    headers: {x-api-key: secret-key}
                    randomSampling: 1.0
                    fields:
                      add: {span.name: '"custom " + request.method', tenant: 'request.headers["x-tenant"]'}
                      remove: [listener]
                """.formatted(receiver.httpAddress()) + routes();
        try (TestGateway gateway = TestGateway.start(yaml, dir, Map.of("ADMIN_ADDR", "127.0.0.1:0"))) {
            Http.get("http://127.0.0.1:" + gateway.port() + "/over-http", Map.of("x-tenant", "acme"));
            Received span = receiver.awaitPath("/over-http");
            assertEquals("/v1/traces", span.path());
            assertEquals("secret-key", span.headers().get("x-api-key"));
            assertTrue(span.headers().get("content-type").startsWith("application/x-protobuf"), span.headers().toString());
            assertEquals("custom GET", span.span().getName());
            assertEquals("acme", span.attribute("tenant"));
            assertNull(span.attribute("listener"));
            assertNull(span.attribute("span.name"));
            assertEquals("jetway", span.resource().get("service.name"));
            String dump = Http.get("http://127.0.0.1:" + gateway.opsPort("admin") + "/config_dump", Map.of()).body();
            assertEquals("<redacted>", new ObjectMapper().readTree(dump).at("/config/tracing/headers/x-api-key").asText(),
                    "the collector's credentials are not in the config dump: " + dump);
        }
    }

    @Test
    void aReloadMovesSpansToTheNewCollectorAndStopFlushes() throws Exception {
        try (OtlpReceiver second = OtlpReceiver.start()) {
            TestGateway gateway = TestGateway.start(receiver.frontendTracingYaml() + routes(), dir);
            try {
                Http.get("http://127.0.0.1:" + gateway.port() + "/before", Map.of());
                gateway.apply(second.frontendTracingYaml() + routes(), Map.of());
                Http.get("http://127.0.0.1:" + gateway.port() + "/after", Map.of());
            } finally {
                gateway.close();
            }
            // stopped at once: the batch was not due yet, stopping flushed it
            assertEquals(List.of("/after"), second.spans().stream().map(s -> s.attribute("url.path")).toList());
            receiver.awaitPath("/before");
            assertPathsReceived("/before");
        }
    }

    @Test
    void withoutTracingNothingIsAddedToRequests() throws Exception {
        try (TestGateway gateway = TestGateway.start(routes(), dir)) {
            String body = Http.get("http://127.0.0.1:" + gateway.port() + "/plain", Map.of()).body();
            assertFalse(body.contains("traceparent"), body);
        }
    }

    /** Exactly these spans, in any order: a span ends when its request's log line is written, after the response. */
    private void assertPathsReceived(String... paths) {
        assertEquals(Stream.of(paths).sorted().toList(),
                receiver.spans().stream().map(s -> s.attribute("url.path")).sorted().toList());
    }
}
