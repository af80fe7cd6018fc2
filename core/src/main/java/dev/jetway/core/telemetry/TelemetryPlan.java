package dev.jetway.core.telemetry;

import static java.util.Objects.requireNonNull;

/**
 * The telemetry part of a validated config.
 *
 * @param accessLog the access log's rules ({@code config.logging} and {@code frontendPolicies.accessLog} together)
 * @param tracing {@code null} when tracing is off
 */
public record TelemetryPlan(FieldRules accessLog, TracingPlan tracing) {

    public TelemetryPlan {
        requireNonNull(accessLog, "accessLog");
    }
}
