package dev.jetway.plugin.resilience;

import java.time.Duration;
import java.util.Set;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The {@code retry} policy: the handlers behind are called again, after a fixed backoff, while their answer has a
 * listed status or the upstream failed before answering ({@link dev.jetway.api.GatewayAttributes#UPSTREAM_FAILURE},
 * or the per-attempt {@code backendRequestTimeout} of a {@code timeout} policy in front passed), up to
 * {@code retries} more times and never past that policy's {@code requestTimeout}. The body is buffered for the
 * replays, up to {@link #BODY_LIMIT}; a larger one is streamed to a single attempt.
 */
final class RetryHandler extends Handler.Wrapper {

    /** The most of a request body kept for replays. */
    static final int BODY_LIMIT = 64 * 1024;

    private final int retries;
    private final Duration backoff;
    private final boolean[] codes = new boolean[600];
    private final String location;

    /**
     * @param retries how many times a request may be retried after its first attempt
     * @param codes the statuses that are retried, each 100-599
     */
    RetryHandler(int retries, Duration backoff, Set<Integer> codes, String location) {
        this.retries = retries;
        this.backoff = backoff;
        codes.forEach(code -> this.codes[code] = true);
        this.location = location;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        new RetryCall(this, request, response, callback).start();
        return true;
    }

    int retries() {
        return retries;
    }

    Duration backoff() {
        return backoff;
    }

    boolean retries(int status) {
        return status >= 0 && status < codes.length && codes[status];
    }

    String location() {
        return location;
    }
}
