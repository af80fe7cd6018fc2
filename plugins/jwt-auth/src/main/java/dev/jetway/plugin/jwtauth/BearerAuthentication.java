package dev.jetway.plugin.jwtauth;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import dev.jetway.api.GatewayAttributes;
import dev.jetway.api.expression.ExpressionVariables;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The bearer-token step that {@code jwtAuth} and {@code mcpAuthentication} share: takes the token from
 * {@code Authorization: Bearer}, applies the {@link Mode} to a missing or refused one, and passes a verified request
 * on without its {@code Authorization} header, with the token in {@link GatewayAttributes#VERIFIED_TOKEN} and the
 * claims as the CEL variable {@code jwt}.
 */
final class BearerAuthentication {

    private static final String BEARER = "Bearer ";

    private final TokenVerifier verifier;
    private final Mode mode;
    private final Rejection rejection;

    BearerAuthentication(TokenVerifier verifier, Mode mode, Rejection rejection) {
        this.verifier = verifier;
        this.mode = mode;
        this.rejection = rejection;
    }

    /** Handles the request as {@link Handler#handle} does, passing it to {@code next} when it may proceed. */
    boolean handle(Request request, Response response, Callback callback, Handler next) throws Exception {
        String token = bearerToken(request);
        if (token == null) {
            if (mode == Mode.STRICT) {
                rejection.reject(request, response, callback, "no bearer token", false);
                return true;
            }
            return next.handle(request, response, callback);
        }
        CompletableFuture<VerifiedToken> verified = verifier.verify(token);
        if (verified.isDone()) {
            return proceed(verified, request, response, callback, next);
        }
        // A key had to be fetched: go on from the server's threads, not from the fetching one.
        verified.whenComplete((result, failure) -> request.getContext().execute(() -> {
            try {
                if (!proceed(verified, request, response, callback, next)) {
                    Response.writeError(request, response, callback, 404);
                }
            } catch (Throwable x) {
                Response.writeError(request, response, callback, x);
            }
        }));
        return true;
    }

    private boolean proceed(CompletableFuture<VerifiedToken> verified, Request request, Response response,
                            Callback callback, Handler next) throws Exception {
        VerifiedToken token;
        try {
            token = verified.join();
        } catch (CompletionException e) {
            if (!(e.getCause() instanceof InvalidToken invalid)) {
                throw e;
            }
            if (mode == Mode.PERMISSIVE) {
                return next.handle(request, response, callback);
            }
            rejection.reject(request, response, callback, invalid.reason(), true);
            return true;
        }
        request.setAttribute(GatewayAttributes.VERIFIED_TOKEN, token.token());
        ExpressionVariables.put(request, "jwt", token.claims());
        HttpFields headers = HttpFields.build(request.getHeaders()).remove(HttpHeader.AUTHORIZATION).asImmutable();
        return next.handle(new Request.Wrapper(request) {
            @Override
            public HttpFields getHeaders() {
                return headers;
            }
        }, response, callback);
    }

    /** The token of {@code Authorization: Bearer <token>} (scheme in any case), or {@code null}. */
    static String bearerToken(Request request) {
        String authorization = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        String token = authorization.substring(BEARER.length()).strip();
        return token.isEmpty() ? null : token;
    }
}
