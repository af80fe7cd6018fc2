package dev.jetway.plugin.resilience;

import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.jetty.util.Callback;

/**
 * Completes a callback once, for a request that several parties may answer (an attempt, a deadline, the client going
 * away); later completions are ignored.
 */
final class OnceCallback implements Callback {

    private final Callback callback;
    private final AtomicBoolean completed = new AtomicBoolean();

    OnceCallback(Callback callback) {
        this.callback = callback;
    }

    @Override
    public void succeeded() {
        if (completed.compareAndSet(false, true)) {
            callback.succeeded();
        }
    }

    @Override
    public void failed(Throwable failure) {
        if (completed.compareAndSet(false, true)) {
            callback.failed(failure);
        }
    }

    @Override
    public InvocationType getInvocationType() {
        return callback.getInvocationType();
    }
}
