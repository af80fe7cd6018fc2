package dev.jetway.plugin.jwtauth;

import dev.jetway.api.http.PlainText;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code jwtAuth}'s handler: refuses with 401, {@code WWW-Authenticate: Bearer error="invalid_token",
 * error_description="..."} (RFC 6750) and a one-line reason, as its mode says.
 */
final class JwtAuthHandler extends Handler.Wrapper implements Rejection {

    private final BearerAuthentication authentication;

    JwtAuthHandler(TokenVerifier verifier, Mode mode) {
        this.authentication = new BearerAuthentication(verifier, mode, this);
        verifier.manageBy(this);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        return authentication.handle(request, response, callback, getHandler());
    }

    @Override
    public void reject(Request request, Response response, Callback callback, String reason, boolean tokenPresent) {
        response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, tokenPresent
                ? "Bearer error=\"invalid_token\", error_description=\"" + reason + "\"" : "Bearer");
        PlainText.send(response, callback, HttpStatus.UNAUTHORIZED_401, "authentication failed: " + reason + "\n");
    }
}
