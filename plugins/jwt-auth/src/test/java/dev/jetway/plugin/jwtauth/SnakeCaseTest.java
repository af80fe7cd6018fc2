package dev.jetway.plugin.jwtauth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SnakeCaseTest {

    @Test
    void resourceMetadataKeysBecomeSnakeCaseAsAgentgatewayWritesThem() {
        assertEquals("scopes_supported", SnakeCase.of("scopesSupported"));
        assertEquals("resource_policy_uri", SnakeCase.of("resourcePolicyUri"));
        assertEquals("resource_uri", SnakeCase.of("resourceURI"));
        assertEquals("http_server_name", SnakeCase.of("HTTPServerName"));
        assertEquals("oauth2_scopes", SnakeCase.of("oauth2Scopes"));
        assertEquals("already_snake", SnakeCase.of("already_snake"));
    }
}
