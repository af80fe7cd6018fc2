package dev.jetway.plugin.jwtauth;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The OAuth protected resource metadata (RFC 9728) of an MCP route, at
 * {@code /.well-known/oauth-protected-resource<path>}: {@code resource} (the route's URL), {@code
 * authorization_servers} (the issuer; the gateway itself when a provider's metadata is adapted through it), the MCP
 * fields, and the configured {@code resourceMetadata} keys in snake_case, which override the computed ones.
 */
final class ResourceMetadata {

    static final String PATH_PREFIX = "/.well-known/oauth-protected-resource";
    static final String MCP_PROTOCOL_VERSION = "2025-06-18";

    private final String issuer;
    private final boolean throughGateway;
    private final ObjectNode configured;

    /** @param throughGateway whether clients get the authorization server's metadata from the gateway */
    ResourceMetadata(String issuer, boolean throughGateway, Map<String, JsonNode> resourceMetadata) {
        this.issuer = issuer;
        this.throughGateway = throughGateway;
        this.configured = JsonReply.MAPPER.createObjectNode();
        resourceMetadata.forEach((key, value) -> configured.set(SnakeCase.of(key), value));
    }

    void serve(Request request, Response response, Callback callback) {
        String resource = PublicUrl.origin(request) + request.getHttpURI().getPath().substring(PATH_PREFIX.length());
        ObjectNode json = JsonReply.MAPPER.createObjectNode();
        json.put("resource", resource);
        json.putArray("authorization_servers").add(throughGateway ? resource : issuer);
        json.put("mcp_protocol_version", MCP_PROTOCOL_VERSION);
        json.put("resource_type", "mcp-server");
        json.setAll(configured);
        JsonReply.allowAnyOrigin(response, "GET, OPTIONS");
        JsonReply.send(response, callback, HttpStatus.OK_200, json);
    }
}
