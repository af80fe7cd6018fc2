package dev.jetway.core.telemetry;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.jetway.api.ConfigException;
import dev.jetway.api.ConfigProblem;
import dev.jetway.api.expression.Expression;
import dev.jetway.api.expression.ExpressionException;
import dev.jetway.core.config.ConfigPath;
import dev.jetway.core.config.Problems;
import dev.jetway.core.expression.CelExpressions;
import org.eclipse.jetty.server.Request;

/**
 * agentgateway's rules for the fields of access log lines and spans: {@code filter} (CEL conditions, all must hold
 * for a line to be written), {@code remove} (default fields left out) and {@code add} (field name to CEL, evaluated
 * per request; a field whose expression fails or gives {@code null} is not added). Immutable, thread-safe.
 */
public final class FieldRules {

    public static final FieldRules NONE = new FieldRules(List.of(), Map.of(), Set.of());

    private final List<Expression> filters;
    private final Map<String, Expression> add;
    private final Set<String> remove;

    private FieldRules(List<Expression> filters, Map<String, Expression> add, Set<String> remove) {
        this.filters = List.copyOf(filters);
        this.add = add;
        this.remove = Set.copyOf(remove);
    }

    /**
     * Compiles one block of rules; what does not compile is a problem at its place (filter at {@code filterAt},
     * each added field under {@code addAt}) and is left out.
     */
    static FieldRules compile(String filter, ConfigPath filterAt, Map<String, String> add, ConfigPath addAt,
                              Collection<String> remove, Problems problems) {
        List<Expression> filters = new ArrayList<>();
        if (filter != null) {
            Expression compiled = compile(filter, filterAt, problems);
            if (compiled != null) {
                filters.add(compiled);
            }
        }
        Map<String, Expression> added = new LinkedHashMap<>();
        add.forEach((name, source) -> {
            Expression compiled = compile(source, addAt.key(name), problems);
            if (compiled != null) {
                added.put(name, compiled);
            }
        });
        return new FieldRules(filters, added, new LinkedHashSet<>(remove));
    }

    /** A CEL expression of the config, or {@code null} after reporting why it does not compile. */
    static Expression compile(String source, ConfigPath at, Problems problems) {
        try {
            return CelExpressions.get().compile("", source);
        } catch (ConfigException e) {
            for (ConfigProblem problem : e.problems()) {
                problems.add(at, problem.message());
            }
            return null;
        }
    }

    /** Both blocks' rules: both filters must hold, {@code later}'s fields win over this one's of the same name. */
    FieldRules and(FieldRules later) {
        List<Expression> filters = new ArrayList<>(this.filters);
        filters.addAll(later.filters);
        Map<String, Expression> added = new LinkedHashMap<>(add);
        added.putAll(later.add);
        Set<String> removed = new LinkedHashSet<>(remove);
        removed.addAll(later.remove);
        return new FieldRules(filters, added, removed);
    }

    public boolean isEmpty() {
        return filters.isEmpty() && add.isEmpty() && remove.isEmpty();
    }

    /** Whether expressions are evaluated, which needs a request's variables. */
    public boolean evaluates() {
        return !filters.isEmpty() || !add.isEmpty();
    }

    /** Whether every filter is true for the request; a filter that fails to evaluate is false. */
    public boolean accepts(Request request, Map<String, ?> variables) {
        for (Expression filter : filters) {
            if (!filter.test(request, variables)) {
                return false;
            }
        }
        return true;
    }

    /** Removes the fields named in {@code remove} from {@code fields}, then adds the evaluated ones. */
    public void applyTo(Map<String, Object> fields, Request request, Map<String, ?> variables) {
        fields.keySet().removeAll(remove);
        add.forEach((name, expression) -> {
            try {
                Object value = expression.evaluate(request, variables);
                if (value != null) {
                    fields.put(name, value);
                }
            } catch (ExpressionException e) {
                // Not an error of the request: jwt.sub of a request without a token has no value to log.
            }
        });
    }
}
