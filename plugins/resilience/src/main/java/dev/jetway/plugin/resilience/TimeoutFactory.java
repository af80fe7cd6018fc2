package dev.jetway.plugin.resilience;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.jetway.api.ConfigException;
import dev.jetway.api.ConfigProblem;
import dev.jetway.api.FactoryContext;
import dev.jetway.api.PolicyFactory;
import org.eclipse.jetty.server.Handler;
import org.pf4j.Extension;

/**
 * {@code timeout: {requestTimeout: 1s, backendRequestTimeout: 500ms}}: 504 for a request whose answer has not started
 * in time. It sits in front of {@code retry} (see {@link RetryFactory#order()}), so that {@code requestTimeout} spans
 * all attempts and {@code backendRequestTimeout} bounds each one.
 */
@Extension
public final class TimeoutFactory implements PolicyFactory<TimeoutConfig> {

    @Override
    public String type() {
        return "timeout";
    }

    @Override
    public Class<TimeoutConfig> configType() {
        return TimeoutConfig.class;
    }

    @Override
    public int order() {
        return ORDER_BACKEND_CALL;
    }

    @Override
    public Handler.Wrapper create(TimeoutConfig config, FactoryContext context) throws ConfigException {
        List<ConfigProblem> problems = new ArrayList<>();
        positive("requestTimeout", config.requestTimeout(), problems);
        positive("backendRequestTimeout", config.backendRequestTimeout(), problems);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        if (config.requestTimeout() == null && config.backendRequestTimeout() == null) {
            return new Handler.Wrapper(); // agentgateway accepts an empty timeout, which bounds nothing
        }
        return new TimeoutHandler(config.requestTimeout(), config.backendRequestTimeout(), context.location());
    }

    private static void positive(String field, Duration value, List<ConfigProblem> problems) {
        if (value != null && (value.isZero() || value.isNegative())) {
            problems.add(new ConfigProblem(field, field + " must be longer than 0, such as 10s; leave it out for no limit"));
        }
    }
}
