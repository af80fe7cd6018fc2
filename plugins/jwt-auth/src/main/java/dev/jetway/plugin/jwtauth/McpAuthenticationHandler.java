package dev.jetway.plugin.jwtauth;

import dev.jetway.api.GatewayAttributes;
import dev.jetway.api.http.PlainText;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code mcpAuthentication}'s handler, the MCP authorization spec's resource server: serves the OAuth discovery
 * documents without a token, and refuses other requests without a valid one with 401 and a
 * {@code WWW-Authenticate: Bearer resource_metadata="..."} challenge that starts the client's OAuth flow.
 */
final class McpAuthenticationHandler extends Handler.Wrapper implements Rejection {

    private final BearerAuthentication authentication;
    private final ResourceMetadata resourceMetadata;
    private final AuthorizationServerMetadata serverMetadata;
    private final ClientRegistration registration;
    private final String configuredOrigin;

    /**
     * @param registration     Keycloak's registration proxy, or {@code null} for other providers
     * @param configuredOrigin the origin of the configured {@code resourceMetadata.resource}, which the challenge
     *                         points to instead of the request's, or {@code null}
     */
    McpAuthenticationHandler(TokenVerifier verifier, Mode mode, ResourceMetadata resourceMetadata,
                             AuthorizationServerMetadata serverMetadata, ClientRegistration registration,
                             String configuredOrigin) {
        this.authentication = new BearerAuthentication(verifier, mode, this);
        this.resourceMetadata = resourceMetadata;
        this.serverMetadata = serverMetadata;
        this.registration = registration;
        this.configuredOrigin = configuredOrigin;
        verifier.manageBy(this);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = request.getHttpURI().getPath();
        if (path.startsWith(ResourceMetadata.PATH_PREFIX)) {
            resourceMetadata.serve(request, response, callback);
            return true;
        }
        if (path.startsWith(AuthorizationServerMetadata.PATH_PREFIX)) {
            if (!path.endsWith(ClientRegistration.PATH_SUFFIX)) {
                serverMetadata.serve(request, response, callback);
            } else if (registration != null) {
                registration.serve(request, response, callback);
            } else {
                PlainText.send(response, callback, HttpStatus.NOT_FOUND_404,
                        "client registration is proxied for provider keycloak only\n");
            }
            return true;
        }
        if (request.getAttribute(GatewayAttributes.VERIFIED_TOKEN) != null) {
            // jwtAuth ran first and removed the token: what it checked is not what this route requires.
            reject(request, response, callback, "the token was already verified and removed by jwtAuth;"
                    + " use mcpAuthentication alone for this route", true);
            return true;
        }
        return authentication.handle(request, response, callback, getHandler());
    }

    @Override
    public void reject(Request request, Response response, Callback callback, String reason, boolean tokenPresent) {
        String origin = configuredOrigin != null ? configuredOrigin : PublicUrl.origin(request);
        String challenge = "Bearer resource_metadata=\"" + origin + ResourceMetadata.PATH_PREFIX
                + request.getHttpURI().getPath() + "\"";
        if (tokenPresent) {
            challenge += ", error=\"invalid_token\", error_description=\"" + reason + "\"";
        }
        response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, challenge);
        JsonReply.send(response, callback, HttpStatus.UNAUTHORIZED_401,
                JsonReply.MAPPER.createObjectNode().put("error", "unauthorized").put("error_description", reason));
    }
}
