package dev.jetway.plugin.mcp.authorization;

import java.util.Set;

import dev.jetway.api.ConfigException;
import dev.jetway.api.FactoryContext;
import dev.jetway.api.PolicyFactory;
import dev.jetway.api.PolicyScope;
import dev.jetway.api.expression.RuleSet;
import org.eclipse.jetty.server.Handler;
import org.pf4j.Extension;

/**
 * {@code mcpAuthorization}: which tools, prompts and resources of the route's MCP backends a client may see and use.
 * <pre>{@code
 * mcpAuthorization:
 *   rules:
 *   - 'mcp.tool.name == "echo"'
 *   - 'jwt.sub == "test-user" && mcp.tool.name == "add"'
 * }</pre>
 */
@Extension
public final class McpAuthorizationFactory implements PolicyFactory<McpAuthorizationConfig> {

    @Override
    public String type() {
        return "mcpAuthorization";
    }

    @Override
    public Class<McpAuthorizationConfig> configType() {
        return McpAuthorizationConfig.class;
    }

    /** After authentication, whose claims ({@code jwt}) the rules read. */
    @Override
    public int order() {
        return ORDER_AUTHORIZATION;
    }

    @Override
    public Set<PolicyScope> scopes() {
        return Set.of(PolicyScope.ROUTE, PolicyScope.BACKEND);
    }

    @Override
    public Handler.Wrapper create(McpAuthorizationConfig config, FactoryContext context) throws ConfigException {
        if (config.rules() == null) {
            throw new ConfigException("rules", "rules is required: a list of CEL expressions, such as 'mcp.tool.name == \"echo\"'");
        }
        return new McpAuthorizationPolicy(RuleSet.compile(context.expressions(), "rules", config.rules()));
    }
}
