package dev.jetway.plugin.remoteratelimit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.jetway.api.ConfigException;
import dev.jetway.api.ConfigProblem;
import dev.jetway.api.FactoryContext;
import dev.jetway.api.PolicyFactory;
import dev.jetway.grpc.GrpcChannel;
import org.eclipse.jetty.server.Handler;
import org.pf4j.Extension;

/**
 * {@code remoteRateLimit}: Envoy's global rate limiting. Each request's descriptors (CEL values) go to a rate limit
 * service speaking {@code envoy.service.ratelimit.v3.RateLimitService} over gRPC; over the limit is a 429.
 *
 * <pre>{@code
 * remoteRateLimit:
 *   domain: agentgateway
 *   host: 127.0.0.1:8081
 *   descriptors:
 *   - entries: [{key: user, value: 'jwt.sub'}, {key: tool, value: '"echo"'}]
 * }</pre>
 */
@Extension
public final class RemoteRateLimitFactory implements PolicyFactory<RemoteRateLimitConfig> {

    @Override
    public String type() {
        return "remoteRateLimit";
    }

    @Override
    public Class<RemoteRateLimitConfig> configType() {
        return RemoteRateLimitConfig.class;
    }

    /** After the local rate limits, as in agentgateway's pipeline. */
    @Override
    public int order() {
        return ORDER_RATE_LIMIT + 10;
    }

    @Override
    public Handler.Wrapper create(RemoteRateLimitConfig config, FactoryContext context) throws ConfigException {
        List<ConfigProblem> problems = new ArrayList<>();
        if (config.domain() == null || config.domain().isEmpty()) {
            problems.add(new ConfigProblem("domain", "domain is required: the rate limit service's configuration it selects"));
        }
        String authority = collect(problems, () -> authority(config));
        Duration timeout = collect(problems, () -> ServicePolicies.timeout(config.policies(), context));
        boolean failOpen = false;
        if ("failOpen".equals(config.failureMode()) || "FailOpen".equals(config.failureMode())) {
            failOpen = true;
        } else if (config.failureMode() != null && !config.failureMode().equalsIgnoreCase("failClosed")) {
            problems.add(new ConfigProblem("failureMode", "invalid value \"" + config.failureMode()
                    + "\"; allowed values: failClosed (the default: a 500 when the service fails), failOpen"));
        }
        DescriptorSet descriptors = null;
        if (config.descriptors() == null) {
            problems.add(new ConfigProblem("descriptors", "descriptors is required: [{entries: [{key: user, value: 'jwt.sub'}]}]"));
        } else {
            descriptors = collect(problems, () -> DescriptorSet.compile(config.descriptors(), context.expressions()));
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new RemoteRateLimitHandler(config.domain(), descriptors,
                new GrpcChannel(context.httpClient(), authority, timeout), failOpen);
    }

    private static String authority(RemoteRateLimitConfig config) throws ConfigException {
        boolean backend = config.backend() != null && !config.backend().isNull();
        boolean service = config.service() != null && !config.service().isNull();
        if ((config.host() != null ? 1 : 0) + (backend ? 1 : 0) + (service ? 1 : 0) > 1) {
            throw new ConfigException("", "name the rate limit service with exactly one of host, backend and service");
        }
        if (backend) {
            throw new ConfigException("backend", "backend references are an agentgateway setting that jetway does not"
                    + " support yet for remoteRateLimit; name the service with host: \"h:p\"");
        }
        if (service) {
            throw new ConfigException("service", "service references (Kubernetes services) are an agentgateway setting"
                    + " that jetway does not support yet; name the rate limit service with host: \"h:p\"");
        }
        if (config.host() == null) {
            throw new ConfigException("host", "host is required: the rate limit service's address, such as \"127.0.0.1:8081\"");
        }
        return ServiceAddress.authority(config.host());
    }

    private interface Step<T> {
        T get() throws ConfigException;
    }

    /** Runs one check, collecting its problems with the others' so that a config shows them all at once. */
    private static <T> T collect(List<ConfigProblem> problems, Step<T> step) {
        try {
            return step.get();
        } catch (ConfigException e) {
            problems.addAll(e.problems());
            return null;
        }
    }
}
