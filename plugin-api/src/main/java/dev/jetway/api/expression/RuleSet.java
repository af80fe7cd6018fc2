package dev.jetway.api.expression;

import java.util.List;
import java.util.Map;

import dev.jetway.api.ConfigException;
import dev.jetway.api.ConfigProblem;
import org.eclipse.jetty.server.Request;

/**
 * agentgateway's authorization rules ({@code authorization}, {@code mcpAuthorization}): each rule is a CEL expression
 * that allows ({@code "expr"} or {@code {allow: expr}}), denies ({@code {deny: expr}}) or is required
 * ({@code {require: expr}}). No rules allow everything; a true deny or a false required rule denies; else a true
 * allow allows; with only deny rules, what none denies is allowed; anything else is denied. An expression that
 * fails to evaluate is false.
 *
 * <pre>{@code
 * RuleSet rules = RuleSet.compile(context.expressions(), "rules", config.rules());
 * if (!rules.allows(request, Map.of("mcp", mcp))) ...
 * }</pre>
 */
public final class RuleSet {

    /** What a true rule does. */
    public enum Effect { ALLOW, DENY, REQUIRE }

    /** One compiled rule. */
    public record Rule(Effect effect, Expression expression) {
    }

    private final List<Rule> rules;
    private final boolean onlyDeny;

    public RuleSet(List<Rule> rules) {
        this.rules = List.copyOf(rules);
        this.onlyDeny = !this.rules.isEmpty() && this.rules.stream().allMatch(rule -> rule.effect() == Effect.DENY);
    }

    /**
     * Compiles rules as the config writes them: strings (allow rules), or maps with one key, {@code allow},
     * {@code deny} or {@code require}.
     *
     * @param field where the list is written, for error messages
     * @throws ConfigException naming each rule that is malformed or does not compile
     */
    public static RuleSet compile(Expressions expressions, String field, List<?> written) throws ConfigException {
        List<Rule> compiled = new java.util.ArrayList<>();
        List<ConfigProblem> problems = new java.util.ArrayList<>();
        for (int i = 0; i < (written == null ? 0 : written.size()); i++) {
            String at = field + "[" + i + "]";
            Object rule = written.get(i);
            try {
                if (rule instanceof String source) {
                    compiled.add(new Rule(Effect.ALLOW, expressions.compile(at, source)));
                } else if (rule instanceof Map<?, ?> map && map.size() == 1 && map.values().iterator().next() instanceof String source
                        && effect(map.keySet().iterator().next()) != null) {
                    String key = (String) map.keySet().iterator().next();
                    compiled.add(new Rule(effect(key), expressions.compile(at + "." + key, source)));
                } else {
                    problems.add(new ConfigProblem(at, "a rule is a CEL expression (an allow rule), or one of {allow: <CEL>},"
                            + " {deny: <CEL>}, {require: <CEL>}"));
                }
            } catch (ConfigException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new RuleSet(compiled);
    }

    private static Effect effect(Object key) {
        return switch (String.valueOf(key)) {
            case "allow" -> Effect.ALLOW;
            case "deny" -> Effect.DENY;
            case "require" -> Effect.REQUIRE;
            default -> null;
        };
    }

    public boolean isEmpty() {
        return rules.isEmpty();
    }

    /** Whether the rules let the request (with {@code variables}, see {@link Expression#evaluate}) through. */
    public boolean allows(Request request, Map<String, ?> variables) {
        if (rules.isEmpty()) {
            return true;
        }
        boolean allowed = false;
        for (Rule rule : rules) {
            boolean value = rule.expression().test(request, variables);
            switch (rule.effect()) {
                case DENY -> {
                    if (value) {
                        return false;
                    }
                }
                case REQUIRE -> {
                    if (!value) {
                        return false;
                    }
                }
                case ALLOW -> allowed |= value;
            }
        }
        return allowed || onlyDeny;
    }
}
