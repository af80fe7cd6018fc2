package dev.jetway.plugin.resilience;

import java.time.Duration;
import java.util.List;

/**
 * {@code retry: {attempts: 2, backoff: 100ms, codes: [503]}}.
 *
 * @param attempts how many times a request is retried after its first attempt (agentgateway v1.1's meaning: a
 *                 request is sent at most {@code attempts + 1} times), 1-255, default 1
 * @param backoff the wait before each retry; none by default
 * @param codes the upstream statuses that are retried (required; may be empty to retry only failed calls)
 */
public record RetryConfig(Integer attempts, Duration backoff, List<Integer> codes) {
}
