package dev.jetway.plugin.requestmirror;

import java.util.ArrayList;
import java.util.List;

import dev.jetway.api.ConfigException;
import dev.jetway.api.ConfigProblem;
import dev.jetway.api.FactoryContext;
import dev.jetway.api.PolicyFactory;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.util.HostPort;
import org.pf4j.Extension;

/**
 * {@code requestMirror: {backend: {host: "10.0.0.9:8080"}, percentage: 0.1}}: a share of the route's requests is
 * copied to another upstream, fire and forget; the client's answer never waits for the copy.
 */
@Extension
public final class RequestMirrorFactory implements PolicyFactory<RequestMirrorConfig> {

    @Override
    public String type() {
        return "requestMirror";
    }

    @Override
    public Class<RequestMirrorConfig> configType() {
        return RequestMirrorConfig.class;
    }

    /** Inside the request's rewrites, so that the copy is what the backend gets. */
    @Override
    public int order() {
        return ORDER_BACKEND_CALL;
    }

    @Override
    public Handler.Wrapper create(RequestMirrorConfig config, FactoryContext context) throws ConfigException {
        List<ConfigProblem> problems = new ArrayList<>();
        HostPort target = target(config.backend(), problems);
        if (config.percentage() == null) {
            problems.add(new ConfigProblem("percentage", "percentage is required: the share of requests to mirror, 0.0-1.0"));
        } else if (!(config.percentage() >= 0 && config.percentage() <= 1)) {
            problems.add(new ConfigProblem("percentage", "percentage " + config.percentage() + " is out of range 0.0-1.0"));
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new RequestMirrorHandler(context.httpClient(), "http://" + target, config.percentage(), context.location());
    }

    private static HostPort target(RequestMirrorConfig.Backend backend, List<ConfigProblem> problems) {
        if (backend == null) {
            problems.add(new ConfigProblem("backend", "backend is required, such as {host: \"10.0.0.9:8080\"}"));
            return null;
        }
        if (backend.service() != null) {
            problems.add(new ConfigProblem("backend.service", "mirroring to a service reference is not supported;"
                    + " use {host: \"host:port\"}"));
        }
        if (backend.backend() != null) {
            problems.add(new ConfigProblem("backend.backend", "mirroring to a named backend is not supported;"
                    + " use {host: \"host:port\"}"));
        }
        if (backend.host() == null) {
            if (backend.service() == null && backend.backend() == null) {
                problems.add(new ConfigProblem("backend", "backend needs a host, such as {host: \"10.0.0.9:8080\"}"));
            }
            return null;
        }
        try {
            HostPort hostPort = new HostPort(backend.host());
            if (hostPort.getHost().isEmpty() || !hostPort.hasPort()) {
                throw new IllegalArgumentException("expected host:port");
            }
            return hostPort;
        } catch (IllegalArgumentException e) {
            problems.add(new ConfigProblem("backend.host", "invalid host \"" + backend.host()
                    + "\": expected host:port, such as 10.0.0.9:8080"));
            return null;
        }
    }
}
