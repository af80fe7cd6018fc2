package dev.jetway.plugin.extauthz;

import static java.util.Objects.requireNonNull;

import java.nio.ByteBuffer;
import java.util.Arrays;

import dev.jetway.api.expression.ExpressionVariables;
import dev.jetway.api.http.BodyPrefix;
import dev.jetway.api.http.HeadersOnCommit;
import dev.jetway.api.http.PlainText;
import dev.jetway.plugin.extauthz.spi.AuthzCheck;
import dev.jetway.plugin.extauthz.spi.BodyOptions;
import dev.jetway.plugin.extauthz.spi.CheckBody;
import dev.jetway.plugin.extauthz.spi.Verdict;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.component.LifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the authorization service about each request before the handlers it wraps see it, without blocking: reads
 * the start of the body first when the check carries it, then lets the request go on with the service's header
 * changes and {@code extauthz} variable, answers as the service said, or applies the {@code failureMode} when the
 * service could not decide. A check with a life cycle (gRPC's channel) is a bean of this handler.
 */
final class ExtAuthzHandler extends Handler.Wrapper {

    private static final Logger LOG = LoggerFactory.getLogger(ExtAuthzHandler.class);
    private static final String REFUSED = Verdict.Deny.REFUSED;

    private final AuthzCheck check;
    private final BodyOptions body;
    private final FailureMode failureMode;
    private final String service;
    private final String location;

    /** @param body {@code includeRequestBody}, or {@code null} when the check carries no body */
    ExtAuthzHandler(AuthzCheck check, BodyOptions body, FailureMode failureMode, String service, String location) {
        this.check = requireNonNull(check, "check");
        this.body = body;
        this.failureMode = requireNonNull(failureMode, "failureMode");
        this.service = requireNonNull(service, "service");
        this.location = requireNonNull(location, "location");
        if (check instanceof LifeCycle lifeCycle) {
            addBean(lifeCycle, true);
        }
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        if (body == null) {
            ask(request, null, response, callback);
        } else {
            BodyPrefix.read(request, body.maxBytes(), Promise.from(read -> withBody(request, read, response, callback),
                    callback::failed));
        }
        return true;
    }

    private void withBody(Request request, BodyPrefix read, Response response, Callback callback) {
        boolean partial = !read.complete();
        if (partial && !body.partialAllowed()) {
            PlainText.send(response, callback, HttpStatus.PAYLOAD_TOO_LARGE_413, REFUSED);
            return;
        }
        byte[] sent = partial ? Arrays.copyOf(read.toArray(), body.maxBytes()) : read.toArray();
        ask(read.replayedIn(request), new CheckBody(sent, partial), response, callback);
    }

    private void ask(Request request, CheckBody checkBody, Response response, Callback callback) {
        try {
            check.check(request, checkBody, Promise.from(verdict -> apply(verdict, request, response, callback),
                    failure -> failed(failure, request, response, callback)));
        } catch (RuntimeException e) {
            // A check that throws has not answered (AuthzCheck's contract): the service could not decide.
            failed(e, request, response, callback);
        }
    }

    private void apply(Verdict verdict, Request request, Response response, Callback callback) {
        if (verdict instanceof Verdict.Allow allow) {
            if (allow.metadata() != null) {
                ExpressionVariables.put(request, "extauthz", allow.metadata());
            }
            Request forwarded = allow.requestHeaders() == null ? request : new RequestWithHeaders(request, allow.requestHeaders());
            if (allow.responseHeaders() == null) {
                proceed(forwarded, response, callback);
            } else {
                HeadersOnCommit decorated = new HeadersOnCommit(forwarded, response, allow.responseHeaders());
                proceed(forwarded, decorated, decorated.callback(callback));
            }
        } else if (verdict instanceof Verdict.Deny deny) {
            response.setStatus(deny.status());
            for (HttpField field : deny.headers()) {
                response.getHeaders().add(field);
            }
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, deny.body().length);
            response.write(true, ByteBuffer.wrap(deny.body()), callback);
        }
    }

    private void failed(Throwable failure, Request request, Response response, Callback callback) {
        LOG.warn("extAuthz at {}: the authorization service {} did not decide about {} {}: {}{}", location, service,
                request.getMethod(), request.getHttpURI().getPath(), failure,
                failureMode.allow() ? "; failureMode allow lets the request through" : "");
        if (failureMode.allow()) {
            proceed(request, response, callback);
        } else {
            PlainText.send(response, callback, failureMode.status(), failureMode.status() == HttpStatus.FORBIDDEN_403
                    ? REFUSED : "authorization service unavailable");
        }
    }

    /** Hands the request to the wrapped handlers, on whatever thread the verdict arrived. */
    private void proceed(Request request, Response response, Callback callback) {
        try {
            if (!super.handle(request, response, callback)) {
                Response.writeError(request, response, callback, HttpStatus.NOT_FOUND_404);
            }
        } catch (Throwable x) {
            callback.failed(x);
        }
    }
}
