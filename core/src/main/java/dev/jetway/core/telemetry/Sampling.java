package dev.jetway.core.telemetry;

import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jetway.api.expression.Expression;
import dev.jetway.api.expression.ExpressionException;
import dev.jetway.core.config.ConfigPath;
import dev.jetway.core.config.Problems;
import org.eclipse.jetty.server.Request;

/**
 * agentgateway's {@code randomSampling} / {@code clientSampling}: {@code true}, {@code false}, a probability between 0
 * and 1, or a CEL expression that gives one of those per request (an expression that fails samples nothing).
 */
public abstract sealed class Sampling {

    /** The setting at {@code at}, or {@code null} when it is not written. */
    static Sampling parse(JsonNode value, ConfigPath at, Problems problems) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isBoolean()) {
            return new Constant(value.booleanValue() ? 1 : 0);
        }
        if (value.isNumber()) {
            double probability = value.doubleValue();
            if (probability < 0 || probability > 1) {
                problems.add(at, "a sampling probability is between 0.0 and 1.0, not " + value);
                return null;
            }
            return new Constant(probability);
        }
        if (value.isTextual()) {
            Expression expression = FieldRules.compile(value.textValue(), at, problems);
            return expression == null ? null : new Evaluated(expression);
        }
        problems.add(at, "expected true, false, a probability such as 0.1 or a CEL expression");
        return null;
    }

    /** Whether to sample this request. */
    abstract boolean sample(Request request);

    static boolean draw(double probability) {
        return probability >= 1 || (probability > 0 && ThreadLocalRandom.current().nextDouble() < probability);
    }

    /** A value of the config itself: no expression is evaluated per request. */
    static final class Constant extends Sampling {
        private final double probability;

        Constant(double probability) {
            this.probability = probability;
        }

        @Override
        boolean sample(Request request) {
            return draw(probability);
        }
    }

    static final class Evaluated extends Sampling {
        private final Expression expression;

        Evaluated(Expression expression) {
            this.expression = expression;
        }

        @Override
        boolean sample(Request request) {
            try {
                Object value = expression.evaluate(request, Map.of());
                if (value instanceof Boolean decided) {
                    return decided;
                }
                return value instanceof Number probability && draw(probability.doubleValue());
            } catch (ExpressionException e) {
                return false;
            }
        }
    }
}
