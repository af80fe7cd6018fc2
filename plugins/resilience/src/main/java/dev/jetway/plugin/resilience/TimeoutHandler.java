package dev.jetway.plugin.resilience;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

import dev.jetway.api.http.PlainText;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code timeout} policy: a request whose answer has not started by its deadline ({@code requestTimeout} after it
 * arrived) is answered 504 {@code request timeout}, and the handlers behind are told to stop through the request's
 * failure listeners. {@code backendRequestTimeout} bounds the upstream call the same way (504
 * {@code upstream call timeout}), unless a {@code retry} policy behind takes it over to bound each of its attempts.
 * An answer that has started is left alone, however long it streams.
 */
final class TimeoutHandler extends Handler.Wrapper {

    static final String REQUEST_TIMEOUT = "request timeout";
    static final String UPSTREAM_TIMEOUT = "upstream call timeout";
    private static final Logger LOG = LoggerFactory.getLogger(TimeoutHandler.class);

    private final Duration requestTimeout;
    private final Duration backendRequestTimeout;
    private final String location;

    /** Either bound may be {@code null}, not both. */
    TimeoutHandler(Duration requestTimeout, Duration backendRequestTimeout, String location) {
        this.requestTimeout = requestTimeout;
        this.backendRequestTimeout = backendRequestTimeout;
        this.location = location;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        long deadline = requestTimeout == null ? Long.MAX_VALUE : request.getBeginNanoTime() + requestTimeout.toNanos();
        Deadline budget = new Deadline(deadline, backendRequestTimeout);
        request.setAttribute(Deadline.ATTRIBUTE, budget);
        new Call(request, response, callback).start(deadline, budget);
        return true;
    }

    /** One request under the deadline. */
    private final class Call implements Attempt.Owner {
        private final Request request;
        private final Response response;
        private final Callback callback;
        private final Attempt attempt;
        private volatile Scheduler.Task requestTimer;
        private volatile Scheduler.Task backendTimer;

        Call(Request request, Response response, Callback callback) {
            this.request = request;
            this.response = response;
            this.callback = callback;
            this.attempt = new Attempt(AttemptRequest.passThrough(request), response, callback, this);
        }

        void start(long deadline, Deadline budget) {
            Timers timers = new Timers(request);
            if (requestTimeout != null) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    expire(REQUEST_TIMEOUT);
                    return;
                }
                requestTimer = timers.schedule(() -> expire(REQUEST_TIMEOUT), Duration.ofNanos(left));
            }
            if (backendRequestTimeout != null) {
                backendTimer = timers.schedule(() -> {
                    if (!budget.claimed()) {
                        expire(UPSTREAM_TIMEOUT);
                    }
                }, backendRequestTimeout);
            }
            attempt.run(getHandler());
        }

        private void expire(String reason) {
            if (!attempt.abandon(new TimeoutException(reason))) {
                return;
            }
            cancelTimers();
            LOG.debug("{}: {} {} answered 504: {}", location, request.getMethod(), request.getHttpURI().getPath(), reason);
            PlainText.send(response, callback, HttpStatus.GATEWAY_TIMEOUT_504, reason);
        }

        private void cancelTimers() {
            Timers.cancel(requestTimer);
            Timers.cancel(backendTimer);
        }

        @Override
        public boolean retry(Attempt attempt, int status) {
            return false;
        }

        @Override
        public void discarded(Attempt attempt) {
            throw new IllegalStateException("a timeout never retries");
        }

        @Override
        public void released(Attempt attempt) {
            cancelTimers();
        }
    }
}
