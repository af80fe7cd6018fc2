package dev.jetway.api.expression;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.jetty.server.Request;

/**
 * Variables that policies attach to a request for the expressions evaluated after them: {@code jwtAuth} attaches the
 * token's claims as {@code jwt}, {@code extAuthz} its metadata as {@code extauthz}. The access log and later policies
 * see them.
 *
 * <pre>{@code
 * ExpressionVariables.put(request, "jwt", claims);
 * }</pre>
 */
public final class ExpressionVariables {

    /** The request attribute holding the variables ({@code Map<String, Object>}). */
    public static final String ATTRIBUTE = "dev.jetway.expression.variables";

    private ExpressionVariables() {
    }

    /** Attaches {@code value} (a string, number, boolean, list or map of those) to the request as {@code name}. */
    public static void put(Request request, String name, Object value) {
        of(request, true).put(name, value);
    }

    /** The variables attached to the request; empty when none. */
    public static Map<String, Object> get(Request request) {
        Map<String, Object> variables = of(request, false);
        return variables == null ? Map.of() : variables;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> of(Request request, boolean create) {
        Object found = request.getAttribute(ATTRIBUTE);
        if (found instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        if (!create) {
            return null;
        }
        Map<String, Object> variables = new ConcurrentHashMap<>();
        request.setAttribute(ATTRIBUTE, variables);
        return variables;
    }
}
