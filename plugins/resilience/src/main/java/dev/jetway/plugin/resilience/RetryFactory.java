package dev.jetway.plugin.resilience;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.jetway.api.ConfigException;
import dev.jetway.api.ConfigProblem;
import dev.jetway.api.FactoryContext;
import dev.jetway.api.PolicyFactory;
import org.eclipse.jetty.server.Handler;
import org.pf4j.Extension;

/**
 * {@code retry: {attempts: 2, backoff: 100ms, codes: [429, 503]}}: the backend call is made again when it answered a
 * listed status or failed before answering. As in agentgateway v1.1, {@code attempts} counts the retries: a request is
 * sent at most {@code attempts + 1} times.
 */
@Extension
public final class RetryFactory implements PolicyFactory<RetryConfig> {

    @Override
    public String type() {
        return "retry";
    }

    @Override
    public Class<RetryConfig> configType() {
        return RetryConfig.class;
    }

    /** Just behind {@code timeout}, whose {@code requestTimeout} must span all attempts, whatever the YAML's order. */
    @Override
    public int order() {
        return ORDER_BACKEND_CALL + 1;
    }

    @Override
    public Handler.Wrapper create(RetryConfig config, FactoryContext context) throws ConfigException {
        List<ConfigProblem> problems = new ArrayList<>();
        int attempts = config.attempts() == null ? 1 : config.attempts();
        if (attempts < 1 || attempts > 255) {
            problems.add(new ConfigProblem("attempts", "attempts must be 1-255 (the number of retries after the first"
                    + " attempt), not " + attempts));
        }
        Set<Integer> codes = new LinkedHashSet<>();
        if (config.codes() == null) {
            problems.add(new ConfigProblem("codes", "codes is required: the statuses to retry, such as [503]"
                    + " ([] retries only calls that failed before an answer)"));
        } else {
            for (int i = 0; i < config.codes().size(); i++) {
                Integer code = config.codes().get(i);
                if (code == null || code < 100 || code > 599) {
                    problems.add(new ConfigProblem("codes[" + i + "]", code + " is not an HTTP status (100-599)"));
                } else {
                    codes.add(code);
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        Duration backoff = config.backoff() == null ? Duration.ZERO : config.backoff();
        return new RetryHandler(attempts, backoff, codes, context.location());
    }
}
