package dev.jetway.plugin.mcp.front;

import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * How the MCP front end treats clients.
 *
 * @param stateful       whether sessions persist between requests ({@code statefulMode: stateful})
 * @param maxBodyBytes   the largest request body accepted; larger ones get 413
 * @param keepAlive      how long an event stream may stay silent before a comment keeps it open (shortened to half
 *                       the connector's idle timeout when that is less)
 * @param telemetry      what the access log and metrics learn from each request
 * @param maxBatchSize   the most messages one JSON-RPC batch may hold
 */
public record FrontSettings(boolean stateful, int maxBodyBytes, Duration keepAlive, RequestTelemetry telemetry,
                            int maxBatchSize) {
    public FrontSettings {
        requireNonNull(keepAlive, "keepAlive");
        requireNonNull(telemetry, "telemetry");
        if (maxBodyBytes <= 0 || maxBatchSize <= 0) {
            throw new IllegalArgumentException("maxBodyBytes and maxBatchSize must be positive");
        }
    }
}
