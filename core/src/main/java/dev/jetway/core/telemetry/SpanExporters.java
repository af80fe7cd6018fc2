package dev.jetway.core.telemetry;

import java.time.Duration;
import java.util.List;

import io.opentelemetry.common.ComponentLoader;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.common.export.GrpcSenderProvider;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/**
 * The OTLP span exporter of a tracing config: OTLP/HTTP (protobuf) on the JDK's HTTP client, OTLP/gRPC on Jetty's
 * HTTP/2 client ({@link JettyGrpcSender}).
 */
final class SpanExporters {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** The SDK finds its senders through a component loader; for gRPC it gets ours, whatever else is on the class path. */
    private static final ComponentLoader SENDERS = new ComponentLoader() {
        private final ComponentLoader classPath = ComponentLoader.forClassLoader(SpanExporters.class.getClassLoader());

        @Override
        public <T> Iterable<T> load(Class<T> type) {
            if (type == GrpcSenderProvider.class) {
                return List.of(type.cast(new JettyGrpcSender.Provider()));
            }
            return classPath.load(type);
        }
    };

    private SpanExporters() {
    }

    static SpanExporter create(TracingPlan.Export export) {
        String endpoint = export.endpoint().toString();
        return switch (export.protocol()) {
            case GRPC -> OtlpGrpcSpanExporter.builder().setEndpoint(endpoint).setTimeout(TIMEOUT)
                    .setHeaders(export::headers).setComponentLoader(SENDERS).build();
            case HTTP -> OtlpHttpSpanExporter.builder().setEndpoint(endpoint).setTimeout(TIMEOUT)
                    .setHeaders(export::headers).setComponentLoader(SENDERS).build();
        };
    }
}
