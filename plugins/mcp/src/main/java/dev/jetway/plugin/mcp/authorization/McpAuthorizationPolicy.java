package dev.jetway.plugin.mcp.authorization;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.jetway.api.expression.RuleSet;
import dev.jetway.plugin.mcp.session.McpAccess;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Attaches its rules to the request; the MCP backend behind applies them to each JSON-RPC message (the HTTP request
 * alone does not say which tool it calls, or which tools a list will hold). With rules on both the route and the
 * backend, an item must be allowed by both.
 */
public final class McpAuthorizationPolicy extends Handler.Wrapper {

    private static final String ATTRIBUTE = McpAuthorizationPolicy.class.getName();

    private final RuleSet rules;

    McpAuthorizationPolicy(RuleSet rules) {
        this.rules = rules;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        @SuppressWarnings("unchecked")
        List<RuleSet> attached = (List<RuleSet>) request.getAttribute(ATTRIBUTE);
        if (attached == null) {
            attached = new ArrayList<>(2);
            request.setAttribute(ATTRIBUTE, attached);
        }
        attached.add(rules);
        return super.handle(request, response, callback);
    }

    /** What the request may see and use, by the rules the policies in front of the backend attached. */
    public static McpAccess access(Request request) {
        @SuppressWarnings("unchecked")
        List<RuleSet> attached = (List<RuleSet>) request.getAttribute(ATTRIBUTE);
        if (attached == null) {
            return McpAccess.ALL;
        }
        List<RuleSet> all = List.copyOf(attached);
        return (item, target, name) -> {
            Map<String, Object> mcp = Map.of(item, Map.of("name", name, "target", target));
            Map<String, Object> variables = Map.of("mcp", mcp);
            return all.stream().allMatch(rules -> rules.allows(request, variables));
        };
    }
}
