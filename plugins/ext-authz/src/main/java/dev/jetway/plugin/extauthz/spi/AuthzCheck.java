package dev.jetway.plugin.extauthz.spi;

import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Promise;

/**
 * Asks the authorization service about one request. Never blocks: the verdict arrives through the promise, once,
 * on any thread. A failed promise means the service could not decide (down, timed out, unreadable answer), and the
 * policy's {@code failureMode} applies. A check that holds resources (a channel, a client of its own) implements
 * {@link org.eclipse.jetty.util.component.LifeCycle}: the policy's handler then starts and stops it with itself.
 *
 * <pre>{@code
 * check.check(request, null, Promise.from(verdict -> apply(verdict), failure -> failureMode(failure)));
 * }</pre>
 */
@FunctionalInterface
public interface AuthzCheck {

    /**
     * @param body the start of the request body when {@code includeRequestBody} is set, else {@code null}; the
     *             request's own content is left for the backend
     */
    void check(Request request, CheckBody body, Promise<Verdict> verdict);
}
