package dev.jetway.plugin.resilience;

import java.time.Duration;

import org.eclipse.jetty.server.Request;

/**
 * What a {@code timeout} policy tells a {@code retry} policy behind it, as a request attribute: when the request as a
 * whole must be answered, and how long one upstream attempt may take. The retry policy claims the per-attempt bound
 * and applies it to each of its attempts, so that the timeout policy does not apply it to all of them together.
 */
final class Deadline {

    static final String ATTRIBUTE = Deadline.class.getName();

    private final long nanos;
    private final Duration perAttempt;
    private volatile boolean claimed;

    /**
     * @param nanos the {@link System#nanoTime()} by which the request must be answered; {@link Long#MAX_VALUE} for none
     * @param perAttempt the bound of one upstream attempt, or {@code null}
     */
    Deadline(long nanos, Duration perAttempt) {
        this.nanos = nanos;
        this.perAttempt = perAttempt;
    }

    /** The deadline a {@code timeout} policy in front of this request set, or {@code null}. */
    static Deadline of(Request request) {
        return request.getAttribute(ATTRIBUTE) instanceof Deadline deadline ? deadline : null;
    }

    /** Whether {@code nanos} from now is still before the deadline. */
    boolean allows(long nanos) {
        return this.nanos == Long.MAX_VALUE || this.nanos - System.nanoTime() > nanos;
    }

    /** Takes over the per-attempt bound (which may be {@code null}). */
    Duration claimPerAttempt() {
        claimed = true;
        return perAttempt;
    }

    boolean claimed() {
        return claimed;
    }
}
