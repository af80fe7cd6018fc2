package dev.jetway.plugin.jwtauth;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetway.api.http.PlainText;
import org.eclipse.jetty.client.BufferingResponseListener;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The issuer's authorization server metadata, proxied at {@code /.well-known/oauth-authorization-server<path>} and
 * adapted to the provider: RFC 8414's document from the issuer by default; Keycloak's OpenID discovery document
 * with {@code registration_endpoint} pointing at the gateway's CORS-enabled proxy of it; for Auth0,
 * {@code ?audience=<first audience>} added to {@code authorization_endpoint}, as Auth0 ignores RFC 8707's
 * {@code resource}. A fetch that fails is answered with 500, as agentgateway does.
 */
final class AuthorizationServerMetadata {

    static final String PATH_PREFIX = "/.well-known/oauth-authorization-server";
    private static final Logger LOG = LoggerFactory.getLogger(AuthorizationServerMetadata.class);
    private static final long TIMEOUT_SECONDS = 10;
    private static final int MAX_BYTES = 1024 * 1024;

    /** How the provider's metadata is adapted. */
    enum Flavor { STANDARD, AUTH0, KEYCLOAK }

    private final HttpClient client;
    private final URI metadataUrl;
    private final Flavor flavor;
    private final String audience;

    AuthorizationServerMetadata(HttpClient client, URI issuer, Flavor flavor, String audience) {
        this.client = client;
        this.flavor = flavor;
        this.audience = audience;
        String path = issuer.getRawPath() == null ? "" : issuer.getRawPath().replaceAll("/+$", "");
        String origin = issuer.getScheme() + "://" + issuer.getRawAuthority();
        this.metadataUrl = URI.create(flavor == Flavor.KEYCLOAK
                ? origin + path + "/.well-known/openid-configuration"
                : origin + PATH_PREFIX + path);
    }

    void serve(Request request, Response response, Callback callback) {
        String self = PublicUrl.origin(request) + request.getHttpURI().getPath();
        client.newRequest(metadataUrl).timeout(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .headers(headers -> headers.put(HttpHeader.ACCEPT, "application/json"))
                .send(new BufferingResponseListener(MAX_BYTES) {
                    @Override
                    public void onComplete(Result result) {
                        try {
                            if (result.isFailed()) {
                                throw new IOException(String.valueOf(result.getFailure().getMessage()));
                            }
                            if (result.getResponse().getStatus() != HttpStatus.OK_200) {
                                throw new IOException("HTTP " + result.getResponse().getStatus());
                            }
                            JsonNode document = JsonReply.MAPPER.readTree(getContent());
                            if (!(document instanceof ObjectNode metadata)) {
                                throw new IOException("not a JSON object");
                            }
                            adapt(metadata, self);
                            JsonReply.allowAnyOrigin(response, "GET, OPTIONS");
                            JsonReply.send(response, callback, HttpStatus.OK_200, metadata);
                        } catch (IOException e) {
                            LOG.warn("Cannot serve the authorization server metadata from {}: {}", metadataUrl, e.getMessage());
                            PlainText.send(response, callback, HttpStatus.INTERNAL_SERVER_ERROR_500,
                                    "cannot fetch the authorization server metadata: " + e.getMessage() + "\n");
                        }
                    }
                });
    }

    private void adapt(ObjectNode metadata, String self) throws IOException {
        switch (flavor) {
            case AUTH0 -> {
                String endpoint = text(metadata, "authorization_endpoint");
                metadata.put("authorization_endpoint", endpoint + (endpoint.contains("?") ? "&" : "?")
                        + "audience=" + URLEncoder.encode(audience, StandardCharsets.UTF_8));
            }
            case KEYCLOAK -> {
                text(metadata, "registration_endpoint");
                metadata.put("registration_endpoint", self + ClientRegistration.PATH_SUFFIX);
            }
            case STANDARD -> {
            }
        }
    }

    private static String text(ObjectNode metadata, String field) throws IOException {
        JsonNode value = metadata.get(field);
        if (value == null || !value.isTextual()) {
            throw new IOException(field + " missing");
        }
        return value.asText();
    }
}
