package dev.jetway.example.header;

import dev.jetway.api.ConfigException;
import dev.jetway.api.FactoryContext;
import dev.jetway.api.PolicyFactory;
import org.eclipse.jetty.server.Handler;
import org.pf4j.Extension;

/**
 * The YAML key {@code exampleHeader}, usable in a route's {@code policies}. {@code @Extension} is all PF4J needs:
 * its annotation processor indexes the class in the jar, and jetway finds it at start-up.
 */
@Extension
public final class ExampleHeaderFactory implements PolicyFactory<ExampleHeaderConfig> {

    @Override
    public String type() {
        return "exampleHeader";
    }

    @Override
    public Class<ExampleHeaderConfig> configType() {
        return ExampleHeaderConfig.class;
    }

    @Override
    public Handler.Wrapper create(ExampleHeaderConfig config, FactoryContext context) throws ConfigException {
        if (config.name() == null || !config.name().matches("[A-Za-z0-9-]+")) {
            throw new ConfigException("name", "name is required: a header name such as x-served-by");
        }
        return new ExampleHeaderHandler(config.name(), config.value() == null ? "" : config.value());
    }
}
