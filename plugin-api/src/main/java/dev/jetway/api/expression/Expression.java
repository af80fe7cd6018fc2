package dev.jetway.api.expression;

import java.util.Map;

import org.eclipse.jetty.server.Request;

/**
 * A compiled CEL expression of the config, such as {@code jwt.sub == "alice" && mcp.tool.name == "echo"}. Compile once
 * (with {@link Expressions#compile}) when the config is built; evaluate per request. Thread-safe.
 *
 * <p>The variables agentgateway defines are there: {@code request} ({@code method, uri, path, pathAndQuery, host,
 * scheme, version, headers}), {@code source} ({@code address, port}, and {@code identity} on mutual TLS),
 * whatever policies attached to the request with {@link ExpressionVariables} ({@code jwt}, {@code extauthz},
 * {@code apiKey}, ...), and those the caller passes ({@code mcp}, {@code response}). Referring to one that is absent
 * is an evaluation error, as in agentgateway: a rule {@code jwt.sub == "alice"} does not match a request without a
 * token.
 */
public interface Expression {

    /** The expression as written in the config. */
    String source();

    /**
     * @param variables variables of this evaluation only, by name, such as {@code mcp} or {@code response}; values
     *                  are strings, numbers, booleans, lists and maps of those, or {@code byte[]}
     * @return the value: {@code String}, {@code Long}, {@code Double}, {@code Boolean}, {@code List}, {@code Map},
     *         {@code byte[]} or {@code null}
     * @throws ExpressionException when evaluation fails, such as for a missing variable or key
     */
    Object evaluate(Request request, Map<String, ?> variables) throws ExpressionException;

    /** Whether the expression evaluates to {@code true}; an error or any other value is {@code false}. */
    default boolean test(Request request, Map<String, ?> variables) {
        try {
            return Boolean.TRUE.equals(evaluate(request, variables));
        } catch (ExpressionException e) {
            return false;
        }
    }
}
