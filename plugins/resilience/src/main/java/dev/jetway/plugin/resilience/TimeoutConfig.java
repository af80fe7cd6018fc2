package dev.jetway.plugin.resilience;

import java.time.Duration;

/**
 * {@code timeout: {requestTimeout: 10s, backendRequestTimeout: 2s}}, both optional.
 *
 * @param requestTimeout from the request's arrival until its answer starts, retries included
 * @param backendRequestTimeout for each upstream attempt to start answering
 */
public record TimeoutConfig(Duration requestTimeout, Duration backendRequestTimeout) {
}
