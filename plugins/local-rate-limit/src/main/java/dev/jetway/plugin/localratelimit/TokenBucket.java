package dev.jetway.plugin.localratelimit;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import org.eclipse.jetty.server.Response;

/**
 * One {@code localRateLimit} bucket, shared by every request of its route: full at the start, {@code tokensPerFill}
 * more at the end of each {@code fillInterval} (as a whole, not trickled in), never more than {@code maxTokens}.
 * bucket4j keeps the count without locks.
 */
final class TokenBucket {

    private final Bucket bucket;
    private final long capacity;
    private final long intervalNanos;
    private final long startNanos;

    TokenBucket(long maxTokens, long tokensPerFill, Duration fillInterval) {
        this.capacity = maxTokens;
        this.intervalNanos = fillInterval.toNanos();
        // bucket4j counts fill intervals from when the bucket is built; the reset header counts from here.
        this.startNanos = System.nanoTime();
        this.bucket = Bucket.builder()
                .addLimit(limit -> limit.capacity(maxTokens).refillIntervally(tokensPerFill, fillInterval).initialTokens(maxTokens))
                .withNanosecondPrecision()
                .build();
    }

    /** Takes a token if there is one. */
    Verdict take() {
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        long resetNanos = probe.isConsumed() ? untilNextFill() : probe.getNanosToWaitForRefill();
        return new Verdict(probe.isConsumed(), capacity, probe.getRemainingTokens(), TimeUnit.NANOSECONDS.toSeconds(resetNanos));
    }

    private long untilNextFill() {
        return intervalNanos - (System.nanoTime() - startNanos) % intervalNanos;
    }

    /**
     * A bucket's answer, as agentgateway reports it in headers.
     *
     * @param resetSeconds whole seconds until the next fill
     */
    record Verdict(boolean allowed, long limit, long remaining, long resetSeconds) {

        void addHeaders(Response response) {
            response.getHeaders().put("x-ratelimit-limit", Long.toString(limit));
            response.getHeaders().put("x-ratelimit-remaining", Long.toString(remaining));
            response.getHeaders().put("x-ratelimit-reset", Long.toString(resetSeconds));
        }
    }
}
