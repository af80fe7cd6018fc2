package dev.jetway.core.expression;

import java.util.Map;
import java.util.Optional;

import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.jetway.api.expression.Expression;
import dev.jetway.api.expression.ExpressionException;
import dev.jetway.api.expression.ExpressionVariables;
import org.eclipse.jetty.server.Request;

/**
 * One compiled expression. Variables are resolved by name as the program reads them, so an expression that names
 * only {@code jwt} never builds the request's header map.
 */
final class CelExpression implements Expression {

    private final String source;
    private final CelRuntime.Program program;

    CelExpression(String source, CelRuntime.Program program) {
        this.source = source;
        this.program = program;
    }

    @Override
    public String source() {
        return source;
    }

    @Override
    public Object evaluate(Request request, Map<String, ?> variables) throws ExpressionException {
        Map<String, Object> attached = request == null ? Map.of() : ExpressionVariables.get(request);
        try {
            Object value = program.eval(name -> {
                Object given = variables.get(name);
                if (given == null) {
                    given = attached.get(name);
                }
                if (given == null && request != null) {
                    given = RequestVariables.of(request, name);
                }
                // An absent variable is an empty map, as a request without a token has no claims: jwt.sub is then
                // an error (no such key) and has(jwt.sub) is false, rather than CEL's "unknown".
                return Optional.of(given == null ? Map.of() : CelValues.toCel(given));
            });
            return CelValues.fromCel(value);
        } catch (CelEvaluationException e) {
            throw new ExpressionException(e.getMessage(), e);
        } catch (RuntimeException e) {
            // A function of ours given a value it cannot take (cidr("not a cidr")): an error of this evaluation.
            throw new ExpressionException(String.valueOf(e.getMessage()), e);
        }
    }

    @Override
    public String toString() {
        return source;
    }
}
