package dev.jetway.plugin.resilience;

import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * One call of the handlers behind a {@code timeout} or {@code retry} policy, and the callback they complete.
 *
 * <p>The handlers answer into a {@link HeldResponse} that keeps status and headers to itself. On its first write (or
 * when the handlers complete without one) the attempt settles: its {@link Owner} either lets the answer through to the
 * owner's response, from where on writes go straight there, or discards the attempt to retry the request. Until it
 * settles, the owner may {@linkplain #abandon abandon} it, at a deadline. Exactly one of the two happens: an abandoned
 * attempt's writes fail, its callback is ignored and its request's failure listeners stop the work behind it; the
 * owner answers in its place.
 */
final class Attempt implements Callback {

    /** The status given to {@link Owner#retry} when the handlers failed without an answer. */
    static final int NO_ANSWER = -1;

    /** The policy running the attempt. */
    interface Owner {
        /** Whether the answer held so far ({@code status}, or {@link #NO_ANSWER}) is to be discarded and retried. */
        boolean retry(Attempt attempt, int status);

        /** The attempt was discarded because {@link #retry} said so; called once. */
        void discarded(Attempt attempt);

        /** The attempt's answer goes through; called once. */
        void released(Attempt attempt);
    }

    private static final Object RUNNING = new Object();
    private static final Object RELEASED = new Object();

    /** {@link #RUNNING}, {@link #RELEASED}, or the {@link Throwable} the attempt was abandoned with. */
    private final AtomicReference<Object> state = new AtomicReference<>(RUNNING);
    private final AttemptRequest request;
    private final HeldResponse response;
    private final Callback done;
    private final Owner owner;

    /**
     * @param response where a released answer goes
     * @param done completed with the handlers' outcome once the answer was released
     */
    Attempt(AttemptRequest request, Response response, Callback done, Owner owner) {
        this.request = request;
        this.response = new HeldResponse(request, response, this);
        this.done = done;
        this.owner = owner;
    }

    AttemptRequest request() {
        return request;
    }

    /** Calls {@code handler}; one that does not take the request is answered 404, as Jetty would. */
    void run(Handler handler) {
        try {
            if (!handler.handle(request, response, this)) {
                Response.writeError(request, response, this, HttpStatus.NOT_FOUND_404);
            }
        } catch (Throwable x) {
            failed(x);
        }
    }

    boolean isReleased() {
        return state.get() == RELEASED;
    }

    /** What the attempt was abandoned with, or {@code null} while it was not. */
    Throwable abandonment() {
        return state.get() instanceof Throwable cause ? cause : null;
    }

    /**
     * Abandons the attempt unless its answer already went through or it was abandoned before.
     *
     * @return whether this call abandoned it, so that the caller now answers in its place
     */
    boolean abandon(Throwable cause) {
        if (!state.compareAndSet(RUNNING, cause)) {
            return false;
        }
        request.abort(cause);
        return true;
    }

    /**
     * Settles the attempt with the answer held so far, once; then tells whether that answer goes through.
     *
     * @param cause what a discarded attempt is abandoned with
     */
    boolean settle(int status, Throwable cause) {
        if (state.get() == RUNNING && owner.retry(this, status)) {
            if (abandon(cause)) {
                owner.discarded(this);
            }
            return false;
        }
        if (state.compareAndSet(RUNNING, RELEASED)) {
            response.release();
            request.keepAttributes();
            owner.released(this);
            return true;
        }
        return isReleased();
    }

    @Override
    public void succeeded() {
        if (settle(response.getStatus(), new Discarded())) {
            done.succeeded();
        }
    }

    @Override
    public void failed(Throwable failure) {
        if (settle(NO_ANSWER, failure)) {
            done.failed(failure);
        }
    }

    @Override
    public InvocationType getInvocationType() {
        return done.getInvocationType();
    }

    /** Why a discarded attempt's writes fail: its answer was to be retried. */
    static final class Discarded extends Exception {
        private static final long serialVersionUID = 1L;

        Discarded() {
            super("the answer was discarded to retry the request", null, false, false);
        }
    }
}
