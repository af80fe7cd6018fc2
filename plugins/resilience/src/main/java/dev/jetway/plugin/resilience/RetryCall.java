package dev.jetway.plugin.resilience;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

import dev.jetway.api.GatewayAttributes;
import dev.jetway.api.http.BodyPrefix;
import dev.jetway.api.http.PlainText;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One request under a {@code retry} policy: buffers the body, then runs attempts one after the other until one
 * answers with something that is not retried, the retries are used up, or the request fails (the client went away,
 * the {@code timeout} policy in front answered).
 */
final class RetryCall implements Attempt.Owner {

    private static final Logger LOG = LoggerFactory.getLogger(RetryCall.class);

    private final RetryHandler policy;
    private final Request request;
    private final Response response;
    private final Callback callback;
    private final Timers timers;
    private final Deadline deadline;
    private final Duration perAttempt;
    /** The body replayed to each attempt; {@code null} when it is too large to be replayed. */
    private ByteBuffer body;
    private int number;
    private Attempt current;
    private Scheduler.Task timer;
    private Throwable stopped;

    RetryCall(RetryHandler policy, Request request, Response response, Callback callback) {
        this.policy = policy;
        this.request = request;
        this.response = response;
        this.callback = new OnceCallback(callback);
        this.timers = new Timers(request);
        this.deadline = Deadline.of(request);
        this.perAttempt = deadline == null ? null : deadline.claimPerAttempt();
    }

    void start() {
        request.addFailureListener(this::stop);
        if (request.getLength() > RetryHandler.BODY_LIMIT) {
            launch(AttemptRequest.passThrough(request));
        } else {
            BodyPrefix.read(request, RetryHandler.BODY_LIMIT, Promise.from(this::read, callback::failed));
        }
    }

    /** A body within the bound is kept for the replays; a larger one goes to a single attempt, its start first. */
    private void read(BodyPrefix prefix) {
        if (!prefix.complete()) {
            launch(AttemptRequest.withBody(request, prefix.then(request)));
            return;
        }
        synchronized (this) {
            this.body = prefix.bytes();
        }
        launch(AttemptRequest.replay(request, 0, prefix.bytes()));
    }

    private void launch(AttemptRequest attemptRequest) {
        Attempt attempt = new Attempt(attemptRequest, response, callback, this);
        synchronized (this) {
            if (stopped != null) {
                return; // stop() answered, as no attempt was running
            }
            current = attempt;
            if (perAttempt != null) {
                timer = timers.schedule(() -> timedOut(attempt), perAttempt);
            }
        }
        attempt.run(policy.getHandler());
    }

    private void timedOut(Attempt attempt) {
        if (!attempt.abandon(new TimeoutException(TimeoutHandler.UPSTREAM_TIMEOUT))) {
            return;
        }
        if (!retryAfter(attempt, "the upstream did not answer within " + perAttempt)) {
            giveUp(TimeoutHandler.UPSTREAM_TIMEOUT);
        }
    }

    @Override
    public boolean retry(Attempt attempt, int status) {
        boolean retryable = policy.retries(status) || attempt.request().getAttribute(GatewayAttributes.UPSTREAM_FAILURE) != null;
        synchronized (this) {
            return retryable && mayRetry();
        }
    }

    /** Whether another attempt may follow the current one; called holding the lock. */
    private boolean mayRetry() {
        return body != null && stopped == null && number < policy.retries()
                && (deadline == null || deadline.allows(policy.backoff().toNanos()));
    }

    @Override
    public void discarded(Attempt attempt) {
        Object upstreamFailure = attempt.request().getAttribute(GatewayAttributes.UPSTREAM_FAILURE);
        if (!retryAfter(attempt, upstreamFailure != null ? "the upstream failed: " + upstreamFailure : "a retried status")) {
            giveUp(TimeoutHandler.REQUEST_TIMEOUT);
        }
    }

    /** Schedules the next attempt after {@code attempt}, which was abandoned; false when none may follow. */
    private boolean retryAfter(Attempt attempt, String why) {
        int next;
        synchronized (this) {
            if (attempt != current || !mayRetry()) {
                return false;
            }
            Timers.cancel(timer);
            next = ++number;
            timer = timers.schedule(() -> replay(next), policy.backoff());
        }
        LOG.debug("{}: {} {} will be retried ({} of {}) after {}: {}", policy.location(), request.getMethod(),
                request.getHttpURI().getPath(), next, policy.retries(), policy.backoff(), why);
        return true;
    }

    private void replay(int next) {
        ByteBuffer replayed;
        synchronized (this) {
            replayed = body;
        }
        launch(AttemptRequest.replay(request, next, replayed));
    }

    /** Answers for an attempt that was abandoned when no other may follow: 504, or the request's own failure. */
    private void giveUp(String reason) {
        Throwable failure;
        synchronized (this) {
            failure = stopped;
        }
        if (failure != null) {
            callback.failed(failure);
        } else {
            PlainText.send(response, callback, HttpStatus.GATEWAY_TIMEOUT_504, reason);
        }
    }

    @Override
    public void released(Attempt attempt) {
        synchronized (this) {
            Timers.cancel(timer);
        }
    }

    /** The request failed: no more attempts; one that runs hears it through its own request. */
    private void stop(Throwable failure) {
        boolean idle;
        synchronized (this) {
            if (stopped != null) {
                return;
            }
            stopped = failure;
            idle = current == null || current.abandonment() != null;
            Timers.cancel(timer);
        }
        if (idle) {
            callback.failed(failure);
        }
    }
}
