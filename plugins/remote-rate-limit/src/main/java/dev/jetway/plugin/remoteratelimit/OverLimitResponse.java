package dev.jetway.plugin.remoteratelimit;

import java.nio.ByteBuffer;
import java.util.Comparator;
import java.util.Optional;

import dev.jetway.api.http.PlainText;
import io.envoyproxy.envoy.service.ratelimit.v3.RateLimitResponse;
import io.envoyproxy.envoy.service.ratelimit.v3.RateLimitResponse.DescriptorStatus;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The 429 for a request the service found over its limit: {@code x-ratelimit-limit}, {@code -remaining} and
 * {@code -reset} (seconds) from the limit that was hit, the headers the service asked for, and the service's body
 * ({@code raw_body}), else a short text.
 */
final class OverLimitResponse {

    private static final Comparator<DescriptorStatus> BINDING = Comparator
            .comparing((DescriptorStatus status) -> status.getCode() != RateLimitResponse.Code.OVER_LIMIT)
            .thenComparingLong(status -> Integer.toUnsignedLong(status.getLimitRemaining()));

    private OverLimitResponse() {
    }

    static void send(RateLimitResponse answer, Response response, Callback callback) {
        HttpFields.Mutable headers = response.getHeaders();
        binding(answer).ifPresent(status -> {
            headers.put("x-ratelimit-limit", Integer.toUnsignedString(status.getCurrentLimit().getRequestsPerUnit()));
            headers.put("x-ratelimit-remaining", Integer.toUnsignedString(status.getLimitRemaining()));
            if (status.hasDurationUntilReset()) {
                long seconds = status.getDurationUntilReset().getSeconds()
                        + (status.getDurationUntilReset().getNanos() > 0 ? 1 : 0);
                headers.put("x-ratelimit-reset", Long.toString(seconds));
            }
        });
        ServiceHeaders.put(headers, answer.getResponseHeadersToAddList());
        if (answer.getRawBody().isEmpty()) {
            PlainText.send(response, callback, HttpStatus.TOO_MANY_REQUESTS_429, "rate limit exceeded");
            return;
        }
        response.setStatus(HttpStatus.TOO_MANY_REQUESTS_429);
        headers.put(HttpHeader.CONTENT_LENGTH, answer.getRawBody().size());
        response.write(true, ByteBuffer.wrap(answer.getRawBody().toByteArray()), callback);
    }

    /** The limit that was hit: an over-limit descriptor's, else the one with the least left. */
    private static Optional<DescriptorStatus> binding(RateLimitResponse answer) {
        return answer.getStatusesList().stream().filter(DescriptorStatus::hasCurrentLimit).min(BINDING);
    }
}
