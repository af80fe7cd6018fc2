package dev.jetway.core.telemetry;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.util.Map;

import dev.jetway.core.config.GlobalSettings.OtlpProtocol;

/**
 * A validated tracing config ({@code frontendPolicies.tracing} and {@code config.tracing}): where spans go, what they
 * carry and which requests are sampled.
 *
 * @param fields the span attributes' rules: {@code attributes}/{@code fields.add}, {@code remove}/{@code fields.remove}
 * @param random for requests without a {@code traceparent}; {@code null} samples none
 * @param client for requests with one; {@code null} follows the parent's sampled flag
 */
public record TracingPlan(Export export, FieldRules fields, Sampling random, Sampling client) {

    public TracingPlan {
        requireNonNull(export, "export");
        requireNonNull(fields, "fields");
    }

    /**
     * What the exporter is built from: a config change to any of it replaces the exporter; other changes keep it.
     *
     * @param endpoint the collector: {@code http://host:4317} for gRPC, the full URL with its path for HTTP
     * @param resource the resource attributes of every span, {@code service.name} included
     */
    public record Export(URI endpoint, OtlpProtocol protocol, Map<String, String> headers, Map<String, Object> resource) {
        public Export {
            requireNonNull(endpoint, "endpoint");
            requireNonNull(protocol, "protocol");
            headers = Map.copyOf(headers);
            resource = Map.copyOf(resource);
        }
    }
}
