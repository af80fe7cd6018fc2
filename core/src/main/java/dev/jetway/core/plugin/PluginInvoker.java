package dev.jetway.core.plugin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.jetway.api.ConfigException;
import dev.jetway.api.ConfigProblem;
import dev.jetway.core.config.ConfigBinder;
import dev.jetway.core.config.ConfigPath;
import dev.jetway.core.config.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls a factory with its typed config: binds the YAML subtree, then places every problem the factory reports at
 * the line of the field it names.
 */
public final class PluginInvoker {

    /** A factory call on a bound config. */
    @FunctionalInterface
    public interface Call<C, R> {
        R create(C config) throws ConfigException;
    }

    private static final Logger LOG = LoggerFactory.getLogger(PluginInvoker.class);

    private final ConfigBinder binder;
    private final Problems problems;

    public PluginInvoker(ConfigBinder binder, Problems problems) {
        this.binder = binder;
        this.problems = problems;
    }

    /**
     * @return what the factory built, or {@code null} when binding or the factory failed (the problems are recorded)
     */
    public <C, R> R invoke(JsonNode node, ConfigPath path, Class<C> type, Call<C, R> call) {
        JsonNode value = node == null || node.isNull() && type.isRecord() ? JsonNodeFactory.instance.objectNode() : node;
        C config = binder.bind(value, type, path, problems).orElse(null);
        if (config == null) {
            return null;
        }
        try {
            return call.create(config);
        } catch (ConfigException e) {
            report(path, e);
            return null;
        } catch (RuntimeException e) {
            LOG.error("Plugin failed while building {}", path, e);
            problems.add(path, "the plugin failed: " + e);
            return null;
        }
    }

    /** Records a factory's problems, each at the field it names relative to {@code path}. */
    public void report(ConfigPath path, ConfigException e) {
        for (ConfigProblem problem : e.problems()) {
            problems.add(path.resolve(problem.field()), problem.message());
        }
    }
}
