package dev.jetway.plugin.jwtauth;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code mcpAuthentication}, agentgateway's LocalMcpAuthentication: the issuer whose tokens the MCP route accepts and
 * what the route tells clients about itself ({@code resourceMetadata}, free camelCase keys served in snake_case).
 */
record McpAuthenticationConfig(String issuer, List<String> audiences, Jwks jwks, Map<String, JsonNode> resourceMetadata,
                               Provider provider, Mode mode, JwtValidationOptions jwtValidationOptions) {

    /** {@code provider: {auth0: {}} | {keycloak: {}}}: adapts the authorization server's metadata to its quirks. */
    record Provider(Empty auth0, Empty keycloak) {
    }

    /** A provider without settings: {@code {}}. */
    record Empty() {
    }
}
