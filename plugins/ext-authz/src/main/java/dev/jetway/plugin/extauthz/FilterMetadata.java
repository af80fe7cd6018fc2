package dev.jetway.plugin.extauthz;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.jetway.api.expression.Expression;
import dev.jetway.api.expression.ExpressionException;
import dev.jetway.api.expression.ExpressionVariables;
import org.eclipse.jetty.server.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code metadata_context.filter_metadata} of a gRPC check, as agentgateway fills it: {@code protocol.grpc.metadata}
 * evaluated per request, a namespace per key whose value must be a map (any other value, or a failed expression, is
 * left out); when {@code metadata} is unset, the {@code jwt} claims a {@code jwtAuth} policy verified, under
 * {@code envoy.filters.http.jwt_authn} as {@code jwt_payload}, as Envoy's JWT filter would pass them on.
 */
final class FilterMetadata {

    private static final Logger LOG = LoggerFactory.getLogger(FilterMetadata.class);
    private static final String JWT_NAMESPACE = "envoy.filters.http.jwt_authn";

    private final Map<String, Expression> expressions;
    private final String location;

    /** @param expressions {@code protocol.grpc.metadata}, or {@code null} when unset */
    FilterMetadata(Map<String, Expression> expressions, String location) {
        this.expressions = expressions == null ? null : Map.copyOf(expressions);
        this.location = location;
    }

    Map<String, Map<?, ?>> evaluate(Request request) {
        if (expressions == null) {
            return ExpressionVariables.get(request).get("jwt") instanceof Map<?, ?> claims
                    ? Map.of(JWT_NAMESPACE, Map.of("jwt_payload", claims)) : Map.of();
        }
        Map<String, Map<?, ?>> evaluated = new LinkedHashMap<>();
        for (Map.Entry<String, Expression> entry : expressions.entrySet()) {
            try {
                if (entry.getValue().evaluate(request, Map.of()) instanceof Map<?, ?> struct) {
                    evaluated.put(entry.getKey(), struct);
                } else {
                    LOG.debug("extAuthz at {}: metadata {} ({}) is not a map; not sent", location, entry.getKey(),
                            entry.getValue().source());
                }
            } catch (ExpressionException e) {
                LOG.debug("extAuthz at {}: metadata {} ({}) failed: {}", location, entry.getKey(),
                        entry.getValue().source(), e.getMessage());
            }
        }
        return evaluated;
    }
}
