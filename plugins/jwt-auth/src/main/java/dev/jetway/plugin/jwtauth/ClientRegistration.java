package dev.jetway.plugin.jwtauth;

import java.net.URI;
import java.util.concurrent.TimeUnit;

import dev.jetway.api.http.PlainText;
import org.eclipse.jetty.client.BufferingResponseListener;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keycloak's dynamic client registration, proxied at {@code <authorization server metadata URL>/client-registration}
 * with the CORS headers Keycloak does not send (keycloak#39629), so that browser-based MCP clients can register.
 * The body is posted as is to {@code <issuer>/clients-registrations/openid-connect}; the answer comes back as is.
 */
final class ClientRegistration {

    static final String PATH_SUFFIX = "/client-registration";
    private static final Logger LOG = LoggerFactory.getLogger(ClientRegistration.class);
    private static final long TIMEOUT_SECONDS = 10;
    private static final int MAX_BYTES = 64 * 1024;
    private static final String METHODS = "POST, OPTIONS";

    private final HttpClient client;
    private final URI registrationUrl;

    ClientRegistration(HttpClient client, URI issuer) {
        this.client = client;
        this.registrationUrl = URI.create(issuer.toString().replaceAll("/+$", "") + "/clients-registrations/openid-connect");
    }

    void serve(Request request, Response response, Callback callback) {
        JsonReply.allowAnyOrigin(response, METHODS);
        if (HttpMethod.OPTIONS.is(request.getMethod())) {
            JsonReply.send(response, callback, HttpStatus.NO_CONTENT_204, null, new byte[0]);
            return;
        }
        String contentType = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        Content.Source.asByteArrayAsync(request, MAX_BYTES).whenComplete((body, failure) -> {
            if (failure != null) {
                PlainText.send(response, callback, HttpStatus.BAD_REQUEST_400, "cannot read the registration request\n");
                return;
            }
            client.newRequest(registrationUrl).method(HttpMethod.POST).timeout(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                    .body(new BytesRequestContent(contentType == null ? "application/json" : contentType, body))
                    .send(new BufferingResponseListener(MAX_BYTES) {
                        @Override
                        public void onComplete(Result result) {
                            if (result.isFailed()) {
                                LOG.warn("Client registration at {} failed: {}", registrationUrl, result.getFailure().toString());
                                PlainText.send(response, callback, HttpStatus.INTERNAL_SERVER_ERROR_500,
                                        "client registration failed\n");
                                return;
                            }
                            JsonReply.send(response, callback, result.getResponse().getStatus(),
                                    result.getResponse().getHeaders().get(HttpHeader.CONTENT_TYPE), getContent());
                        }
                    });
        });
    }
}
