package dev.jetway.plugin.extauthz;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

import dev.jetway.api.ConfigException;
import dev.jetway.api.ConfigProblem;
import dev.jetway.api.FactoryContext;
import dev.jetway.api.expression.Expression;

/** Maps of CEL values in the config ({@code metadata}, {@code addRequestHeaders}), compiled in the order written. */
final class ExpressionMaps {

    private ExpressionMaps() {
    }

    /** Keys as written, such as {@code metadata}'s. */
    static Map<String, Expression> compile(String field, Map<String, String> written, FactoryContext context,
                                           List<ConfigProblem> problems) {
        return compile(field, written, key -> key, context, problems);
    }

    /** Keys that are header names (or the {@code pseudo} headers allowed), lower-cased. */
    static Map<String, Expression> headers(String field, Map<String, String> written, Set<String> pseudo,
                                           FactoryContext context, List<ConfigProblem> problems) {
        return compile(field, written, key -> {
            String problem = HeaderNames.problem(key, pseudo);
            if (problem != null) {
                problems.add(new ConfigProblem(field + "." + key, problem));
                return null;
            }
            return key.toLowerCase(Locale.ROOT);
        }, context, problems);
    }

    /** @param keys the key a written key stands for, or {@code null} when it was refused */
    private static Map<String, Expression> compile(String field, Map<String, String> written, UnaryOperator<String> keys,
                                                   FactoryContext context, List<ConfigProblem> problems) {
        Map<String, Expression> compiled = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : written == null ? Map.<String, String>of().entrySet() : written.entrySet()) {
            String key = keys.apply(entry.getKey());
            if (key == null) {
                continue;
            }
            try {
                compiled.put(key, context.expressions().compile(field + "." + entry.getKey(), entry.getValue()));
            } catch (ConfigException e) {
                problems.addAll(e.problems());
            }
        }
        return compiled;
    }
}
