package dev.jetway.plugin.mcp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jetway.api.ConfigException;
import dev.jetway.api.ConfigProblem;
import dev.jetway.api.FactoryContext;
import dev.jetway.plugin.mcp.spi.McpTarget;
import dev.jetway.plugin.mcp.spi.McpTargetFactory;
import dev.jetway.plugin.mcp.spi.TargetContext;

/**
 * Builds an {@code mcp} backend's targets: checks each name, finds the kind of target its other key names among the
 * loaded {@link McpTargetFactory} extensions, and binds and builds it. Every problem is collected, with its field.
 */
final class TargetsBuilder {

    /** agentgateway's rule: DNS-like labels, so that {@code _} and {@code +} can separate target from name. */
    static final Pattern NAME = Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$");

    private final FactoryContext context;
    private final ScheduledExecutorService scheduler;
    private final Duration timeout;
    private final List<ConfigProblem> problems;
    /** By key, sorted, so that messages list them the same way whatever order plugins load in. */
    private final Map<String, McpTargetFactory<?>> kinds = new TreeMap<>();

    TargetsBuilder(FactoryContext context, ScheduledExecutorService scheduler, Duration timeout, List<ConfigProblem> problems) {
        this.context = context;
        this.scheduler = scheduler;
        this.timeout = timeout;
        this.problems = problems;
        @SuppressWarnings("unchecked")
        List<McpTargetFactory<?>> factories = (List<McpTargetFactory<?>>) (List<?>) context.extensions(McpTargetFactory.class);
        for (McpTargetFactory<?> factory : factories) {
            McpTargetFactory<?> previous = kinds.putIfAbsent(factory.type(), factory);
            if (previous != null && previous.getClass() != factory.getClass()) {
                problems.add(new ConfigProblem("", "two plugins offer the MCP target kind \"" + factory.type() + "\": "
                        + previous.getClass().getName() + " and " + factory.getClass().getName()));
            }
        }
    }

    List<McpTarget> build(List<McpTargetConfig> configs) {
        if (configs.isEmpty()) {
            problems.add(new ConfigProblem("targets", "targets needs at least one target, such as {name: everything, stdio: {cmd: npx, args: [\"@modelcontextprotocol/server-everything\"]}}"));
        }
        List<McpTarget> targets = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < configs.size(); i++) {
            String at = "targets[" + i + "]";
            McpTargetConfig config = configs.get(i);
            if (config == null) {
                problems.add(new ConfigProblem(at, "a target is a mapping with a name and one of " + kinds.keySet()));
                continue;
            }
            if (!validName(config.name(), at, names)) {
                continue;
            }
            if (config.policies() != null && !config.policies().isNull() && !config.policies().isEmpty()) {
                problems.add(new ConfigProblem(at + ".policies", "target policies are an agentgateway setting that jetway does not support yet"));
            }
            String kind = kind(config, at);
            if (kind != null) {
                try {
                    targets.add(build(kinds.get(kind), config.kinds().get(kind), at + "." + kind, config.name()));
                } catch (ConfigException e) {
                    problems.addAll(e.problems());
                }
            }
        }
        return targets;
    }

    private boolean validName(String name, String at, Set<String> names) {
        if (name == null || name.isEmpty()) {
            problems.add(new ConfigProblem(at + ".name", "name is required, such as everything"));
            return false;
        }
        if (!NAME.matcher(name).matches()) {
            problems.add(new ConfigProblem(at + ".name", "target name \"" + name + "\" is invalid: use lowercase letters,"
                    + " digits, '-' and '.', starting and ending with a letter or digit ('_' and '+' separate target"
                    + " names from tool names and resource URIs)"));
            return false;
        }
        if (!names.add(name)) {
            problems.add(new ConfigProblem(at + ".name", "target name \"" + name + "\" is used twice; target names must be unique"));
            return false;
        }
        return true;
    }

    /** The one kind key of a target, or {@code null} with a problem recorded. */
    private String kind(McpTargetConfig config, String at) {
        List<String> given = new ArrayList<>(config.kinds().keySet());
        for (String key : given) {
            if (!kinds.containsKey(key)) {
                problems.add(new ConfigProblem(at + "." + key, "unknown key \"" + key + "\"; allowed keys: name, policies, "
                        + String.join(", ", kinds.keySet())));
                return null;
            }
        }
        if (given.size() != 1) {
            problems.add(new ConfigProblem(at, given.isEmpty()
                    ? "target \"" + config.name() + "\" needs one of " + String.join(", ", kinds.keySet())
                    : "target \"" + config.name() + "\" has " + String.join(" and ", given) + "; give exactly one of "
                    + String.join(", ", kinds.keySet())));
            return null;
        }
        return given.get(0);
    }

    private <C> McpTarget build(McpTargetFactory<C> factory, JsonNode value, String field, String name) throws ConfigException {
        C config = context.bind(value, factory.configType(), field);
        try {
            return factory.create(config, new TargetContext(name, context, scheduler, timeout));
        } catch (ConfigException e) {
            throw new ConfigException(e.problems().stream()
                    .map(problem -> new ConfigProblem(problem.field().isEmpty() ? field : field + "." + problem.field(), problem.message()))
                    .toList());
        }
    }
}
