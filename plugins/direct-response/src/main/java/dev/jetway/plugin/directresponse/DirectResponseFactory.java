package dev.jetway.plugin.directresponse;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import dev.jetway.api.ConfigException;
import dev.jetway.api.ConfigProblem;
import dev.jetway.api.FactoryContext;
import dev.jetway.api.PolicyFactory;
import org.eclipse.jetty.server.Handler;
import org.pf4j.Extension;

/** {@code directResponse: {body: "hello!", status: 200}}: the route answers itself; its backends are not called. */
@Extension
public final class DirectResponseFactory implements PolicyFactory<DirectResponseConfig> {

    @Override
    public String type() {
        return "directResponse";
    }

    @Override
    public Class<DirectResponseConfig> configType() {
        return DirectResponseConfig.class;
    }

    @Override
    public int order() {
        return ORDER_TERMINAL;
    }

    @Override
    public Handler.Wrapper create(DirectResponseConfig config, FactoryContext context) throws ConfigException {
        List<ConfigProblem> problems = new ArrayList<>();
        if (config.status() == null) {
            problems.add(new ConfigProblem("status", "status is required, such as 200"));
        } else if (config.status() < 200 || config.status() > 599) {
            problems.add(new ConfigProblem("status", "status " + config.status() + " is out of range 200-599"));
        }
        if (config.body() == null) {
            problems.add(new ConfigProblem("body", "body is required (\"\" for none)"));
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new DirectResponseHandler(config.status(), config.body().getBytes(StandardCharsets.UTF_8));
    }
}
