package dev.jetway.plugin.jwtauth;

import java.net.URI;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jetway.api.ConfigException;
import dev.jetway.api.FactoryContext;
import dev.jetway.api.PolicyFactory;
import org.eclipse.jetty.server.Handler;
import org.pf4j.Extension;

/**
 * {@code mcpAuthentication}: an MCP route as an OAuth protected resource (the MCP authorization spec, RFC 9728).
 * The route must also match the discovery paths it serves.
 *
 * <pre>{@code
 * matches:
 * - path: {exact: /mcp}
 * - path: {exact: /.well-known/oauth-protected-resource/mcp}
 * - path: {exact: /.well-known/oauth-authorization-server/mcp}
 * policies:
 *   mcpAuthentication:
 *     issuer: https://idp.example.com
 *     audiences: [https://gateway.example.com/mcp]
 *     jwks: {url: https://idp.example.com/jwks}
 *     resourceMetadata: {scopesSupported: [read:all]}
 * }</pre>
 */
@Extension
public final class McpAuthenticationFactory implements PolicyFactory<McpAuthenticationConfig> {

    @Override
    public String type() {
        return "mcpAuthentication";
    }

    @Override
    public Class<McpAuthenticationConfig> configType() {
        return McpAuthenticationConfig.class;
    }

    @Override
    public int order() {
        return ORDER_AUTHENTICATION;
    }

    @Override
    public Handler.Wrapper create(McpAuthenticationConfig config, FactoryContext context) throws ConfigException {
        IssuerBuilder builder = new IssuerBuilder(context);
        if (config.audiences() == null) {
            builder.problem("audiences", "audiences is required: the aud values of tokens issued for this MCP server,"
                    + " such as its URL");
        }
        Issuer issuer = builder.build("", config.issuer(), config.audiences(), config.jwks(), config.jwtValidationOptions());
        URI issuerUrl = issuer == null ? null : builder.httpUrl("issuer", config.issuer(),
                "clients fetch the authorization server's metadata from it");
        if (config.resourceMetadata() == null) {
            builder.problem("resourceMetadata", "resourceMetadata is required ({} for none): what the protected"
                    + " resource metadata lists besides resource and authorization_servers, such as scopesSupported");
        }
        AuthorizationServerMetadata.Flavor flavor = flavor(builder, config.provider());
        String configuredOrigin = configuredOrigin(builder, config.resourceMetadata());
        builder.throwIfProblems();

        Mode mode = config.mode() == null ? Mode.STRICT : config.mode();
        boolean throughGateway = flavor != AuthorizationServerMetadata.Flavor.STANDARD;
        return new McpAuthenticationHandler(new TokenVerifier(List.of(issuer)), mode,
                new ResourceMetadata(config.issuer(), throughGateway, config.resourceMetadata()),
                new AuthorizationServerMetadata(context.httpClient(), issuerUrl, flavor, config.audiences().get(0)),
                flavor == AuthorizationServerMetadata.Flavor.KEYCLOAK
                        ? new ClientRegistration(context.httpClient(), issuerUrl) : null,
                configuredOrigin);
    }

    private static AuthorizationServerMetadata.Flavor flavor(IssuerBuilder builder, McpAuthenticationConfig.Provider provider) {
        if (provider == null || provider.auth0() == null && provider.keycloak() == null) {
            if (provider != null) {
                builder.problem("provider", "provider is one of {auth0: {}}, {keycloak: {}}");
            }
            return AuthorizationServerMetadata.Flavor.STANDARD;
        }
        if (provider.auth0() != null && provider.keycloak() != null) {
            builder.problem("provider", "provider is one of {auth0: {}}, {keycloak: {}}, not both");
        }
        return provider.auth0() != null ? AuthorizationServerMetadata.Flavor.AUTH0 : AuthorizationServerMetadata.Flavor.KEYCLOAK;
    }

    /** The origin of {@code resourceMetadata.resource}, which agentgateway's challenge points to when it is set. */
    private static String configuredOrigin(IssuerBuilder builder, Map<String, JsonNode> resourceMetadata) {
        JsonNode resource = resourceMetadata == null ? null : resourceMetadata.get("resource");
        if (resource == null) {
            return null;
        }
        URI url = builder.httpUrl("resourceMetadata.resource", resource.asText(), "the challenge of a 401 points to"
                + " its metadata");
        return url == null ? null : url.getScheme() + "://" + url.getRawAuthority();
    }
}
