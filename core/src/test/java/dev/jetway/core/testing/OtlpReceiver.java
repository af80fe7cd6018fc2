package dev.jetway.core.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import com.google.protobuf.ByteString;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * A real OTLP trace receiver for tests, decoding with the official protobuf classes: OTLP/gRPC served by grpc-java
 * (an implementation independent of the gateway's), OTLP/HTTP (protobuf, {@code POST /v1/traces}) served by Jetty.
 */
public final class OtlpReceiver implements AutoCloseable {

    /** One span as received, with the resource it came with and the HTTP headers of its export. */
    public record Received(Span span, Map<String, String> resource, Map<String, String> headers, String path) {

        public String traceId() {
            return hex(span.getTraceId());
        }

        public String spanId() {
            return hex(span.getSpanId());
        }

        public String parentSpanId() {
            return hex(span.getParentSpanId());
        }

        /** An attribute's value as text, or {@code null}. */
        public String attribute(String key) {
            return span.getAttributesList().stream().filter(kv -> kv.getKey().equals(key)).findFirst()
                    .map(kv -> text(kv.getValue())).orElse(null);
        }

        public Map<String, String> attributes() {
            return span.getAttributesList().stream().collect(Collectors.toMap(KeyValue::getKey, kv -> text(kv.getValue())));
        }
    }

    private final io.grpc.Server grpc;
    private final Upstream http;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    private OtlpReceiver() throws Exception {
        this.grpc = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(new TraceServiceGrpc.TraceServiceImplBase() {
                    @Override
                    public void export(ExportTraceServiceRequest request, StreamObserver<ExportTraceServiceResponse> answer) {
                        record(request, Map.of(), "grpc");
                        answer.onNext(ExportTraceServiceResponse.getDefaultInstance());
                        answer.onCompleted();
                    }
                }).build().start();
        this.http = Upstream.start(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws IOException {
                try (InputStream body = Content.Source.asInputStream(request)) {
                    ExportTraceServiceRequest export = ExportTraceServiceRequest.parseFrom(body.readAllBytes());
                    Map<String, String> headers = request.getHeaders().stream()
                            .collect(Collectors.toMap(f -> f.getLowerCaseName(), f -> f.getValue(), (a, b) -> a + "," + b));
                    record(export, headers, request.getHttpURI().getPath());
                }
                response.getHeaders().put("content-type", "application/x-protobuf");
                response.write(true, ByteBuffer.wrap(ExportTraceServiceResponse.getDefaultInstance().toByteArray()), callback);
                return true;
            }
        });
    }

    public static OtlpReceiver start() throws Exception {
        return new OtlpReceiver();
    }

    /** {@code 127.0.0.1:<port>} of the OTLP/gRPC receiver, as {@code frontendPolicies.tracing.host} takes it. */
    public String grpcAddress() {
        return "127.0.0.1:" + grpc.getPort();
    }

    /** A top-level {@code frontendPolicies} block that traces every request to this receiver over gRPC. */
    public String frontendTracingYaml() {
        return "frontendPolicies:\n  tracing:\n    host: " + grpcAddress() + "\n    randomSampling: true\n";
    }

    /** {@code 127.0.0.1:<port>} of the OTLP/HTTP receiver. */
    public String httpAddress() {
        return http.address();
    }

    public List<Received> spans() {
        return List.copyOf(received);
    }

    /** The first span received that matches, waiting up to {@code timeout} for it. */
    public Received await(Predicate<Received> matching, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (Received span : received) {
                if (matching.test(span)) {
                    return span;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no such span within " + timeout + "; received: " + received.stream()
                .map(r -> r.span().getName() + " " + r.attributes()).toList());
    }

    /** The span whose {@code url.path} attribute is {@code path}, waiting up to 10 seconds. */
    public Received awaitPath(String path) throws InterruptedException {
        return await(span -> path.equals(span.attribute("url.path")), Duration.ofSeconds(10));
    }

    private void record(ExportTraceServiceRequest request, Map<String, String> headers, String path) {
        for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
            Map<String, String> resource = resourceSpans.getResource().getAttributesList().stream()
                    .collect(Collectors.toMap(KeyValue::getKey, kv -> text(kv.getValue())));
            for (ScopeSpans scope : resourceSpans.getScopeSpansList()) {
                for (Span span : scope.getSpansList()) {
                    received.add(new Received(span, resource, headers, path));
                }
            }
        }
    }

    private static String text(AnyValue value) {
        return switch (value.getValueCase()) {
            case STRING_VALUE -> value.getStringValue();
            case INT_VALUE -> Long.toString(value.getIntValue());
            case DOUBLE_VALUE -> Double.toString(value.getDoubleValue());
            case BOOL_VALUE -> Boolean.toString(value.getBoolValue());
            default -> value.toString();
        };
    }

    private static String hex(ByteString bytes) {
        return HexFormat.of().formatHex(bytes.toByteArray());
    }

    @Override
    public void close() throws Exception {
        grpc.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        http.close();
    }
}
